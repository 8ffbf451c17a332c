"""Why the reporting cycle refuses a request, said in Vietnamese and English."""

from __future__ import annotations


class ReportingError(ValueError):
    """A submission, review, withdrawal or publication cannot go ahead as asked: what is wrong
    and what to do (vi and en)."""

    def __init__(self, vi: str, en: str):
        self.vi, self.en = vi, en
        super().__init__(f"{vi} / {en}")

    def message(self, lang: str = "vi") -> str:
        """The message in one language."""
        return self.en if lang == "en" else self.vi


class SubmissionRefused(ReportingError):
    """The workbook cannot be submitted: it has fatal problems, or warnings without a comment;
    `problems` lists them all (each with `.severity` and `.message(lang)`)."""

    def __init__(self, vi: str, en: str, problems: list):
        super().__init__(vi, en)
        self.problems = list(problems)


class PublicationPending(ReportingError):
    """A submission was accepted but its values could not be written into the published files
    yet; the journal keeps the publication, completed by `python -m ttx_data publish` or at
    the next start."""
