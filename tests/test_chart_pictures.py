"""Charts drawn on the server (ttx_data.chart_pictures): a group's small multiples as a lossless
WebP picture at twice its size, in the reader's language (its texts read from the same spec
drawn as SVG by the same engine: a picture's text cannot be read back), drawn in a worker process
that reports a bad chart and is replaced when it dies, without stopping the app's process
meanwhile. (The group page showing it: tests/test_app_filters.py.)"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import threading
import time

import pytest
import vl_convert
from fontTools.ttLib import TTFont
from PIL import Image, ImageFont

from ttx_data import chart_pictures, group_summary
from ttx_data.filters import Filters
from ttx_data.paths import CHART_FONTS_DIR
from ttx_data.ui.summary_html import multiples_picture


def _texts(spec: dict) -> list[str]:
    """The texts of a chart as drawn: vl-convert's SVG of the spec, in this process."""
    return re.findall(r">([^<>]+)</text>", vl_convert.vegalite_to_svg(spec))


def test_the_small_multiples_are_drawn_in_the_readers_language():
    vi = group_summary.group_summary("economy", Filters(lang="vi"))
    texts = _texts(vi.spec)
    assert "Toàn tỉnh" in texts  # the legend: the province
    assert any(re.fullmatch(r"\d{1,3}(\.\d{3})+", x) for x in texts), texts  # 9.000 ha
    assert not any(re.fullmatch(r"\d{1,3}(,\d{3})+", x) for x in texts)
    en = group_summary.group_summary("economy", Filters(lang="en", districts=("219",)))
    texts = _texts(en.spec)
    assert "Whole province" in texts and "Luc Ngan" in texts  # and the chosen district


def test_the_picture_is_a_lossless_webp_twice_its_shown_size():
    """Sharp on a laptop's high-density screen; lossless, so its thin lines and small text stay
    as drawn; smaller than the SVG it replaced (112 KB for the economy's)."""
    summary = group_summary.group_summary("economy", Filters(lang="vi", districts=("219",)))
    picture = chart_pictures.webp(summary.spec)
    assert picture.mimetype == "image/webp" and picture.data[8:16] == b"WEBPVP8L"  # lossless
    image = Image.open(io.BytesIO(picture.data))
    assert image.size == (2 * picture.width, 2 * picture.height)
    assert 600 < picture.width < 1100 and 400 < picture.height < 1200  # the chart's own size
    assert len(picture.data) < 112_000


def test_the_charts_font_is_bundled_and_has_every_vietnamese_letter():
    """The drawing process gives vl-convert the fonts in CHART_FONTS_DIR: the family the
    charts name must be there, with the letters of the districts' and indicators' names."""
    fonts = {ImageFont.truetype(str(p)).getname(): p for p in CHART_FONTS_DIR.glob("*.ttf")}
    assert {(chart_pictures.FONT, "Book"), (chart_pictures.FONT, "Bold")} <= set(fonts)
    letters = set("ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđơưĐƠƯ·")
    for path in fonts.values():
        assert not {c for c in letters if ord(c) not in TTFont(path).getBestCmap()}, path


def test_the_picture_is_an_image_described_by_the_indicators_it_draws():
    summary = group_summary.group_summary("economy", Filters(lang="en"))
    tag = multiples_picture("media/abc.webp", 844, 815, summary, "en")
    assert re.search(r"<img src='media/abc.webp' width='844' height='815'", tag)
    alt = re.search(r"alt='([^']+)'", tag).group(1)
    assert alt.startswith("Small charts, one per indicator")
    for indicator_id in summary.charted:
        row = next(r for r in summary.rows if r.indicator_id == indicator_id)
        assert f"{row.indicator.label} · " in alt


def test_a_bad_chart_is_reported_and_the_worker_draws_on():
    with pytest.raises(chart_pictures.ChartPictureError, match="Vega-Lite to PNG"):
        chart_pictures.webp({"mark": "no-such-mark", "data": {"values": [{"a": 1}]}})
    spec = {"mark": "bar", "data": {"values": [{"a": "x", "b": 2}]},
            "encoding": {"x": {"field": "a"}, "y": {"field": "b", "type": "quantitative"}}}  # fmt: skip
    assert chart_pictures.png(spec).startswith(b"\x89PNG")
    assert chart_pictures.webp(spec).data.startswith(b"RIFF")


def test_a_worker_that_died_is_replaced():
    spec = {"mark": "point", "data": {"values": [{"a": 1}]}, "encoding": {"x": {"field": "a"}}}
    chart_pictures.png(spec)
    dead = chart_pictures._worker._process
    dead.kill()
    dead.wait()
    assert chart_pictures.png(spec).startswith(b"\x89PNG")
    assert chart_pictures._worker._process.pid != dead.pid


def test_drawing_leaves_the_app_process_free_for_other_readers():
    """vl-convert holds the interpreter lock while it draws: in the app's process it would stop
    every thread for a whole drawing (0.3-0.9 s per summary). Drawn in the worker, a thread of ours
    keeps running: it is never stopped for half a drawing's time (measured in the same run, so
    a busy machine slows both alike)."""
    spec = group_summary.group_summary("economy", Filters(lang="vi")).spec
    chart_pictures.webp(spec)  # the worker started
    drawing = threading.Thread(target=lambda: [chart_pictures.webp(spec) for _ in range(3)])
    longest, start = 0.0, time.perf_counter()
    last = start
    drawing.start()
    while drawing.is_alive():
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
    drawing.join()
    one_drawing = (last - start) / 3
    assert longest < one_drawing / 2, f"stopped for {longest:.2f} s; a drawing {one_drawing:.2f} s"


def test_the_picture_is_drawn_in_the_bundled_font_and_leaves_the_shared_spec_as_it_was():
    spec = group_summary.group_summary("economy", Filters(lang="vi")).spec
    drawn = chart_pictures.webp(spec)
    assert "font" not in spec["config"]  # the summary's spec, shared by sessions, unchanged
    spec_in_font = {**spec, "config": {**spec["config"], "font": chart_pictures.FONT}}
    assert chart_pictures.webp(spec_in_font) == drawn


def test_what_the_worker_prints_never_mixes_with_its_answers():
    """A warning written to stdout by the drawing engine goes to stderr, not into the answer."""
    script = (
        "import ttx_data.chart_pictures as c, os, sys\n"
        "c._draw = lambda kind, spec, scale: (os.write(1, b'WARN noise'), b'drawn')[1]\n"
        "c._serve()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], input=b'{"kind": "png", "spec": {}, "scale": 1}\n',
        capture_output=True, cwd=chart_pictures.PACKAGE_ROOT, check=True,
    )  # fmt: skip
    assert done.stdout == chart_pictures._HEADER.pack(b"+", 5) + b"drawn"
    assert b"WARN noise" in done.stderr


def test_a_worker_that_never_answers_is_stopped_and_reported():
    silent = [sys.executable, "-c", "import time; time.sleep(600)"]
    worker = chart_pictures._Worker(silent, timeout=0.5)
    started = time.perf_counter()
    with pytest.raises(chart_pictures.ChartPictureError, match="stopped without an answer"):
        worker.draw("png", {"mark": "point"}, 1.0)
    assert time.perf_counter() - started < 30  # two tries, each stopped after 0.5 s
    assert worker._process is None
