"""Streamlit-specific helpers: shared state (language), cached data access, and rendering pieces.

Everything else in `ttx_data` imports without Streamlit; this subpackage is the one place
that does not.
"""
