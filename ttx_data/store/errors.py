"""What goes wrong in the store, said in Vietnamese and English."""

from __future__ import annotations


class StoreError(RuntimeError):
    """The store cannot be reached or used: what is wrong and what to do (vi and en).

    The message never shows a password from the database URL."""

    def __init__(self, vi: str, en: str):
        self.vi, self.en = vi, en
        super().__init__(f"{vi} / {en}")


class SnapshotNameTaken(StoreError):
    """Another snapshot holds this name (or id): who took it and when are in the message."""
