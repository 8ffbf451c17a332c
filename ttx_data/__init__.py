"""TTX Bắc Giang: the domain of the Green Growth Action Plan 2021-2030 dashboard.

Importable without Streamlit: catalog, geography, query runner, progress method,
scorecard and the command line all live here.
"""
