"""Target group 'lifestyle': each indicator's path to 2030, its districts, downloads."""

from ttx_data.ui.group_page import render_group

render_group("lifestyle")
