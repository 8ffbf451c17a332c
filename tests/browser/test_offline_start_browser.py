"""Safe defaults on a running server: the app started with the project's .streamlit/config.toml
under strace connects to nothing off this machine while it starts and serves the first page in
Chromium (no IP look-up, no usage statistics), and its XSRF protection refuses an upload that
does not carry the token."""

from __future__ import annotations

import re
import time

import pytest

from tests.browser.conftest import ARTIFACTS, screenshot, wait_for_app
from tests.netwatch import outbound_connections, strace_path, strace_wrapper
from ttx_data.local_server import AppDidNotStart, serve_app


def test_no_outbound_connection_at_start_and_first_page_load(page, tmp_path):
    strace = strace_path()
    if strace is None:
        pytest.fail(
            "Debian strace is missing: install it with `apt-get install -y strace`"
            " (`make test` does this when it runs as root)."
        )
    trace = tmp_path / "connect.trace"
    env = {"TTX_BASEMAP": "off", "TTX_SNAPSHOTS_DIR": str(tmp_path / "snapshots")}
    started = time.monotonic()
    try:
        with serve_app(
            ARTIFACTS / "streamlit-offline.log", env=env, wrapper=strace_wrapper(trace, strace)
        ) as url:
            healthy = time.monotonic()
            page.goto(url)
            wait_for_app(page)
            page.wait_for_selector("table.ttx-scorecard", timeout=30000)  # the page has run
            loaded = time.monotonic()
            screenshot(page, "offline-start-overview")

            xsrf = {c["name"]: c for c in page.context.cookies()}.get("_streamlit_xsrf")
            assert xsrf is not None, "XSRF protection is off: no _streamlit_xsrf cookie"
            upload = f"{url}/_stcore/upload_file/no-such-session/f1"
            without_token = page.request.put(upload, multipart={"file": "x"})
            with_token = page.request.put(
                upload, multipart={"file": "x"}, headers={"X-Xsrftoken": xsrf["value"]}
            )
            assert without_token.status == 403, without_token.text()
            assert with_token.status == 400, with_token.text()  # past XSRF: no such session
    except AppDidNotStart as failure:
        pytest.fail(str(failure))

    lines = trace.read_text().splitlines()
    port = url.rsplit(":", 1)[1]
    bound = [line for line in lines if re.match(rf"\s*\d+\s+bind\(.*htons\({port}\)", line)]
    assert bound, "strace did not trace the server binding its port"
    outbound = outbound_connections("\n".join(lines))
    assert not outbound, "the server reached off this machine:\n" + "\n".join(outbound)
    print(
        f"under strace: healthy after {healthy - started:.1f} s, first page"
        f" {loaded - healthy:.1f} s later; {len(lines)} connect/bind calls traced"
    )
