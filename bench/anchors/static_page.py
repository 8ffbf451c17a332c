"""Anchor: the 15 charts of `naive_15_charts.py` as one static HTML page (Vega-Lite through
vega-embed, drawn as SVG like Streamlit's), no Streamlit at all: what the charts alone cost in
the browser. Written at run time (vega, vega-lite and vega-embed inlined from vl-convert, about
0.9 MB, so it needs no network) and served by bench/page_timings.py with a tiny HTTP server."""

from __future__ import annotations

import json
from pathlib import Path

import vl_convert
from fifteen import TITLE, fifteen_charts

FILE = "static_15_charts.html"


def write_static_page(folder: Path) -> Path:
    """Write static_15_charts.html into `folder` and return its path."""
    specs = [chart.to_dict() for chart in fifteen_charts()]
    snippet = (
        f"const specs = {json.dumps(specs)};\n"
        "specs.forEach((spec, i) => vegaEmbed('#chart' + i, spec,"
        " {actions: false, renderer: 'svg'}));\n"
    )
    script = vl_convert.javascript_bundle(snippet).replace("</script", "<\\/script")
    boxes = "\n".join(f'<div id="chart{i}" style="width: 100%"></div>' for i in range(len(specs)))
    page = folder / FILE
    page.write_text(
        "<!DOCTYPE html>\n<html><head><meta charset='UTF-8'><title>Static 15 charts</title></head>\n"
        f"<body><main><h1>{TITLE}</h1>\n{boxes}\n</main>\n"
        f'<script type="module">\n{script}\n</script></body></html>\n',
        encoding="utf-8",
    )
    return page
