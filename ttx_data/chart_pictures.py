"""Vega-Lite charts drawn on the server, without a browser or the internet: WebP for a page that
shows a chart as a picture (a group's small multiples), PNG for the brief's slides.

vl-convert runs Vega in its own JavaScript engine and holds Python's interpreter lock for the
whole drawing (0.3-0.9 s for a group's small multiples): in the app's process that would stop
every other reader's page for as long. So the drawing happens in a worker process of its own
(`python -m ttx_data.chart_pictures`, started on first use, one drawing at a time); the caller
only waits on a pipe. A worker that died is replaced once.

The worker reads one request per line (JSON: kind, spec, scale) and answers with a status byte
(`+` drawn, `!` failed), the length of what follows (8 bytes) and the PNG or WebP bytes or the
error message."""

from __future__ import annotations

import base64
import io
import json
import os
import struct
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

_HEADER = struct.Struct(">cQ")
PACKAGE_ROOT = Path(__file__).resolve().parent.parent
"""Where `ttx_data` is imported from: the worker runs there, wherever the app was started."""


FONT = "DejaVu Sans"
"""The font of every chart drawn here: every Vietnamese diacritic, and bundled
(`paths.CHART_FONTS_DIR`), so that any server draws it (vl-convert would otherwise fall back to a
serif font for each text with a letter its default font lacks)."""


class ChartPictureError(RuntimeError):
    """A chart could not be drawn (the message is vl-convert's)."""


def _draw(kind: str, spec: dict, scale: float) -> bytes:
    import vl_convert

    png = vl_convert.vegalite_to_png(spec, scale=scale)
    if kind == "png":
        return png
    from PIL import Image

    webp = io.BytesIO()
    Image.open(io.BytesIO(png)).save(webp, "WEBP", lossless=True, method=4)
    return webp.getvalue()


def _serve() -> None:
    """The worker: draw each request read from stdin, answer on stdout, until stdin closes.
    Whatever else writes to stdout (a warning printed by the JavaScript engine) goes to stderr
    instead, so that it never mixes with the answers."""
    import vl_convert

    from ttx_data.paths import CHART_FONTS_DIR

    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    vl_convert.register_font_directory(str(CHART_FONTS_DIR))
    for line in sys.stdin.buffer:
        request = json.loads(line)
        try:
            status, body = b"+", _draw(request["kind"], request["spec"], request["scale"])
        except Exception as error:  # reported to the caller, the worker goes on
            status, body = b"!", f"{type(error).__name__}: {error}".encode()
        out.write(_HEADER.pack(status, len(body)) + body)
        out.flush()


DRAW_TIMEOUT_S = 60.0
"""The longest a drawing may take (a group's small multiples take 0.3-0.9 s): a worker that has
not answered by then is stopped, so that no page waits on it for ever."""


class _Worker:
    """The drawing process (`command`) and the lock that gives it one request at a time."""

    def __init__(self, command: list[str] | None = None, timeout: float = DRAW_TIMEOUT_S) -> None:
        self._command = command or [sys.executable, "-m", "ttx_data.chart_pictures"]
        self.timeout = timeout
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None

    def _started(self) -> subprocess.Popen:
        if self._process is None or self._process.poll() is not None:
            self._process = subprocess.Popen(
                self._command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=PACKAGE_ROOT
            )
        return self._process

    def _ask(self, request: bytes) -> tuple[bytes, bytes]:
        process = self._started()
        watchdog = threading.Timer(self.timeout, process.kill)  # a hung worker: its pipe closes
        watchdog.daemon = True
        watchdog.start()
        try:
            process.stdin.write(request)
            process.stdin.flush()
            header = process.stdout.read(_HEADER.size)
            if len(header) < _HEADER.size:
                raise BrokenPipeError("the drawing process stopped")
            status, length = _HEADER.unpack(header)
            body = process.stdout.read(length)
            if len(body) < length:
                raise BrokenPipeError("the drawing process stopped mid-answer")
            return status, body
        finally:
            watchdog.cancel()

    def draw(self, kind: str, spec: dict, scale: float) -> bytes:
        request = json.dumps({"kind": kind, "spec": spec, "scale": scale}).encode() + b"\n"
        with self._lock:
            try:
                status, body = self._ask(request)
            except OSError:  # died (killed, out of memory, hung): one new one, one more try
                self._process = None
                try:
                    status, body = self._ask(request)
                except OSError as error:
                    self._process = None
                    raise ChartPictureError(
                        f"the drawing process stopped without an answer twice ({error})"
                    ) from error
        if status != b"+":
            raise ChartPictureError(body.decode("utf-8", "replace"))
        return body


_worker = _Worker()


def png(spec: dict, scale: float = 2.0) -> bytes:
    """The chart as a PNG image, `scale` times its size in pixels."""
    return _worker.draw("png", spec, scale)


@dataclass(frozen=True)
class Picture:
    """A chart drawn as an image to show at `width` × `height` CSS pixels."""

    data: bytes
    mimetype: str
    width: int
    height: int


PICTURE_SCALE = 2
"""Device pixels per CSS pixel of a page's chart pictures: sharp on a laptop's high-density
screen, scaled down on a projector's."""


def webp(spec: dict, scale: int = PICTURE_SCALE) -> Picture:
    """The chart as a lossless WebP image, `scale` times its size in pixels. Why not SVG: a
    browser lays out and paints an SVG picture on its main thread each time it changes (a
    group's small multiples: 112 KB of markup, ~0.1 s of every district change on a 2-core
    laptop), while a raster image is decoded off it; lossless WebP keeps the text and lines as
    drawn and is smaller than the SVG (~67 KB) and than a PNG (~760 KB at this scale)."""
    from PIL import Image

    styled = {**spec, "config": {**spec.get("config", {}), "font": FONT}}
    data = _worker.draw("webp", styled, float(scale))
    width, height = Image.open(io.BytesIO(data)).size  # reads the header only
    return Picture(data, "image/webp", round(width / scale), round(height / scale))


def svg_data_uri(markup: str) -> str:
    """SVG markup (the overview's trend lines, drawn by hand) as a `data:` address for an <img>:
    the picture travels inside the page (no request of its own), and none of its markup is ever
    put into the page's HTML."""
    return "data:image/svg+xml;base64," + base64.b64encode(markup.encode("utf-8")).decode("ascii")


if __name__ == "__main__":
    _serve()
