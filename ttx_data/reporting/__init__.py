"""Periodic reporting by the agencies: the reporting regime (who reports which figure, when, at
which level), the agency's Excel workbook for a period, the reading and checking of a filled
copy, and what follows in the store: submissions, review, publication into the published data,
completeness. Plain Python, importable without Streamlit."""
