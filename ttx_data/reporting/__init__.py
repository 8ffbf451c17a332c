"""Periodic reporting (issue 12): the reporting regime, the agency's workbook and its intake, and
the store side of the cycle: submissions, review, publication, completeness. Importable without
Streamlit; each module names its part of the cycle."""
