"""One indicator's page (`indicator?id=...` plus the shared filters): chart, ranking, map,
definition and sources, reported values and the tasks that serve it."""

from ttx_data.ui.indicator_page import render_indicator

render_indicator()
