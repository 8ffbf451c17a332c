"""How a progress status is shown: an icon, a colour and words, never colour alone.

Colours come from colour-blind-safe palettes (Okabe-Ito, with Paul Tol's wine for
deterioration); each status also has its own shape, so the scorecard reads in grey print.
"""

from __future__ import annotations

from dataclasses import dataclass

from ttx_data.i18n import t


@dataclass(frozen=True)
class StatusStyle:
    icon: str
    colour: str
    text_colour: str


STATUS_STYLES: dict[str, StatusStyle] = {
    "achieved": StatusStyle("✔", "#009E73", "#ffffff"),
    "on_track": StatusStyle("↑", "#0072B2", "#ffffff"),
    "needs_acceleration": StatusStyle("↗", "#E69F00", "#1a1a1a"),
    "limited_progress": StatusStyle("→", "#D55E00", "#ffffff"),
    "deterioration": StatusStyle("↓", "#882255", "#ffffff"),
    "in_progress": StatusStyle("◐", "#56B4E9", "#1a1a1a"),
    "not_started": StatusStyle("○", "#6b6b6b", "#ffffff"),
    "insufficient_data": StatusStyle("?", "#c8c8c8", "#1a1a1a"),
    "not_assessed": StatusStyle("–", "#e8e8e8", "#1a1a1a"),
}


def status_label(status: str, lang: str) -> str:
    """Icon and words, e.g. '↗ Cần tăng tốc'."""
    return f"{STATUS_STYLES[status].icon} {t('status.' + status, lang)}"


TASK_STATUS_STYLES: dict[str, StatusStyle] = {
    "overdue": StatusStyle("✖", "#882255", "#ffffff"),
    "in_progress": StatusStyle("◐", "#56B4E9", "#1a1a1a"),
    "not_reported": StatusStyle("?", "#c8c8c8", "#1a1a1a"),
    "completed_late": StatusStyle("◷", "#E69F00", "#1a1a1a"),
    "completed_on_time": StatusStyle("✔", "#009E73", "#ffffff"),
}
"""A task's classification (`tasks.status.STATUSES`) shown the same way: icon, colour, words."""
