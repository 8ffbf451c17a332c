"""A Streamlit session driven at the protocol level, as the browser's frontend drives it: a
websocket to `/_stcore/stream`, protobuf BackMsg `rerun_script` out, ForwardMsg in until the run's
`script_finished`. No browser: what is timed is the server's page run and its messages.

How the frontend does it (Streamlit 1.67, `sendRerunBackMsg` in the bundled static JS): the first
run of a session sends the query string, an empty page script hash and the page's URL path as
`page_name`, no widget states, and the browser's context (time zone, locale, URL); every later run
sends the current page's script hash (from `navigation`, as st.navigation chose the page;
`new_session` holds the main script's), the current query string (as the app
last set it, `page_info_changed`) and the widget states. A widget's state carries its id (the
element's `id`, `$$ID-<hash>-<key>` for a keyed widget) and its value as the frontend holds it:
option labels for select widgets, a JSON string for a chart's or a map's selection.

    async with Session(url) as session:
        run = await session.open("economy", "lang=vi")          # a page load
        run = await session.change(district_choice(session, "219", "vi"))   # a filter change
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

RUN_TIMEOUT_S = 120.0
TIME_ZONE = "Asia/Ho_Chi_Minh"
LOCALE = "vi-VN"
FINISHED = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR)
"""The statuses that end what a reader waits for; FINISHED_EARLY_FOR_RERUN is followed by the
rerun (`st.rerun`, e.g. a page first opened on a fresh server, routed through app.py), which is
part of the same wait."""


class RunFailed(RuntimeError):
    """A run that did not finish, or finished showing an exception or an error message."""


@dataclass
class Run:
    """One page run as the client saw it: ms from sending the BackMsg to `script_finished`, the
    messages received, the page's titles (h1) and the errors it showed (exceptions, st.error)."""

    ms: float
    messages: int
    titles: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def rerun_message(
    query_string: str,
    page_name: str = "",
    page_script_hash: str = "",
    widgets: list[WidgetState] = (),
    url: str = "",
) -> BackMsg:
    """The BackMsg the frontend sends to run the script: the first run of a session names the
    page (`page_name`, the URL path) with an empty hash; later runs give the page's hash."""
    message = BackMsg()
    state = message.rerun_script
    state.query_string = query_string
    state.page_name = page_name
    state.page_script_hash = page_script_hash
    state.widget_states.SetInParent()
    state.widget_states.widgets.extend(widgets)
    state.context_info.timezone = TIME_ZONE
    state.context_info.timezone_offset = -420  # minutes, as JavaScript's getTimezoneOffset
    state.context_info.locale = LOCALE
    state.context_info.url = url
    return message


def string_array_state(widget_id: str, values: list[str]) -> WidgetState:
    """A multiselect's, segmented control's or pills' value: the chosen options' labels."""
    state = WidgetState(id=widget_id)
    state.string_array_value.data.extend(values)
    return state


def string_state(widget_id: str, value: str) -> WidgetState:
    """A selectbox's value (the option's label), or a chart's or map's selection (JSON)."""
    return WidgetState(id=widget_id, string_value=value)


def selection_json(selection: dict) -> str:
    """The value of a chart or map `on_select` widget: `{"selection": {...}}`."""
    return json.dumps({"selection": selection})


def element_text(element) -> str:
    """The text of an exception or alert element (for the failure message)."""
    kind = element.WhichOneof("type")
    body = getattr(element, kind)
    return getattr(body, "message", "") or getattr(body, "body", "") or kind


class Session:
    """One reader's session: a websocket, the page's script hash and query string as the server
    last set them, and the widgets (id and element type) of the last run."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.stream = self.base_url.replace("http", "ws", 1) + "/_stcore/stream"
        self.socket = None
        self.page_hash = ""
        self.query_string = ""
        self.widgets: dict[str, str] = {}

    async def __aenter__(self) -> Session:
        self.socket = await websockets.connect(
            self.stream, subprotocols=["streamlit"], max_size=None, open_timeout=RUN_TIMEOUT_S
        )
        return self

    async def __aexit__(self, *exc) -> None:
        if self.socket is not None:
            await self.socket.close()

    async def open(self, page: str, query_string: str) -> Run:
        """The first run of the session on a page (`page` as in the URL path, '' = default)."""
        self.query_string = query_string
        url = f"{self.base_url}/{page}" + (f"?{query_string}" if query_string else "")
        return await self._run(rerun_message(query_string, page_name=page, url=url))

    async def change(self, *widgets: WidgetState) -> Run:
        """A rerun on the current page with changed widget states (a filter change)."""
        message = rerun_message(
            self.query_string, page_script_hash=self.page_hash, widgets=list(widgets)
        )
        return await self._run(message)

    def widget(self, kind: str, suffix: str = "", contains: str = "") -> str:
        """The id of the last run's first widget of element type `kind` whose id ends with
        `suffix` and contains `contains` (RunFailed when there is none)."""
        for widget_id, widget_kind in self.widgets.items():
            if widget_kind == kind and widget_id.endswith(suffix) and contains in widget_id:
                return widget_id
        raise RunFailed(f"no {kind} widget *{contains}*{suffix} on the page")

    async def _run(self, message: BackMsg) -> Run:
        started = time.perf_counter()
        await self.socket.send(message.SerializeToString())
        try:
            run = await asyncio.wait_for(self._until_finished(), RUN_TIMEOUT_S)
        except TimeoutError as error:
            raise RunFailed(f"no script_finished within {RUN_TIMEOUT_S:.0f} s") from error
        run.ms = (time.perf_counter() - started) * 1000
        return run

    async def _until_finished(self) -> Run:
        run = Run(0.0, 0)
        self.widgets = {}
        while True:
            message = ForwardMsg()
            message.ParseFromString(await self.socket.recv())
            run.messages += 1
            kind = message.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = message.new_session.page_script_hash
                self.widgets, run.titles = {}, []  # a rerun (st.rerun) draws the page again
            elif kind == "navigation":  # st.navigation: the page it chose (new_session has the
                self.page_hash = message.navigation.page_script_hash  # main script's hash)
            elif kind == "page_info_changed":
                self.query_string = message.page_info_changed.query_string
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                self._note(message.delta.new_element, run)
            elif kind == "script_finished" and message.script_finished in FINISHED:
                if message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    run.errors.append("the script did not compile")
                return run

    def _note(self, element, run: Run) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            run.errors.append(element_text(element))
            return
        body = getattr(element, kind)
        if kind == "alert" and body.format == body.ERROR:
            run.errors.append(element_text(element))
        if kind == "heading" and body.tag == "h1":
            run.titles.append(body.body)
        widget_id = getattr(body, "id", "")
        if widget_id:
            self.widgets[widget_id] = kind
