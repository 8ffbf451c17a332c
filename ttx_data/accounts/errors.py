"""What is wrong with an account request, said in Vietnamese and English."""

from __future__ import annotations


class AccountError(ValueError):
    """An account cannot be added, changed or used as asked: what is wrong and what to do."""

    def __init__(self, vi: str, en: str):
        self.vi, self.en = vi, en
        super().__init__(f"{vi} / {en}")


class PermissionDenied(AccountError):
    """The actor's role does not allow this action."""
