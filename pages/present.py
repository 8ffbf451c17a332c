"""Presenter mode: the steering-committee sequence, one slide at a time (also `?present=1`)."""

from ttx_data.ui.presenter import presenter
from ttx_data.ui.state import ensure_app_frame

ensure_app_frame()
presenter()
