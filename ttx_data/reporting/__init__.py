"""Periodic reporting by the agencies: the reporting regime (who reports which figure, when, at
which level), the agency's Excel workbook for a period, and the reading and checking of a filled
copy. Plain Python, importable without Streamlit; the store keeps submissions and reviews."""
