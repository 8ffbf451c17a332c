"""Illustrative task reports: what an example workbook's tasks sheet says (`workbook`'s
`example=True`, the demo data of `make data`), a realistic mix that is obviously made up: every
text ends in "(minh họa)", and the workbook is marked an example, so its reports are published
illustrative.

Each lead row follows one story, fixed by the agency, the task and its role (a hash, no random
state), so that the reports of successive periods agree with each other:
- on time: started, then completed before its deadline, with the document that shows it;
- late: completed after its deadline (in progress and behind in the periods between);
- in progress: started, its deadline still ahead (after the data's year);
- overdue: started, its deadline passed in the data's last years, not completed: obstacles and
  proposals say why;
- not started: nothing done yet, the deadline later, with the obstacle and a proposal.
A task whose deadline the plan sets (the mid-term review 2025, the final review 2030) keeps that
deadline and takes a story that fits it (on time or overdue when past, in progress or not
started when ahead). About a third of the cooperating rows report a
contribution in progress; the rest are left blank (optional).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from ttx_data import plan
from ttx_data.reporting.checks import TASK_DEADLINE_FIRST, period_end
from ttx_data.reporting.task_sheet import TaskRow

LABEL = " (minh họa)"
"""What every illustrative text ends with."""

STORIES = (
    ("on_time", 30),
    ("late", 15),
    ("in_progress", 25),
    ("overdue", 20),
    ("not_started", 10),
)
"""The stories of lead rows and their weights (per cent)."""

FIRST = plan.PLAN_DATE.year
NOW = plan.LATEST_YEAR
"""The data's year: completed stories end before it, deadlines still ahead come after it."""

IN_PROGRESS = (
    "Đang xây dựng dự thảo, lấy ý kiến các sở, ngành",
    "Đã hoàn thành khoảng {share}% khối lượng công việc",
    "Đang triển khai theo kế hoạch năm, đã tổ chức hội nghị triển khai",
    "Đã giao phòng chuyên môn chủ trì, đang khảo sát, thu thập thông tin",
)
BEHIND = (
    "Đã hoàn thành khoảng {share}% khối lượng, chậm so với thời hạn",
    "Dự thảo đã trình nhưng phải chỉnh sửa theo ý kiến thẩm định, chưa ban hành",
)
COMPLETED = (
    "Đã hoàn thành, sản phẩm đã được ban hành và triển khai",
    "Đã hoàn thành, báo cáo kết quả gửi Sở Tài chính tổng hợp",
)
NOT_STARTED = ("Chưa triển khai",)
OBSTACLES = (
    "Chưa được bố trí kinh phí thực hiện",
    "Thiếu cán bộ chuyên môn sau sắp xếp tổ chức bộ máy",
    "Chờ hướng dẫn của bộ, ngành trung ương",
    "Số liệu đầu vào từ các địa phương chưa đầy đủ",
)
PROPOSALS = (
    "Đề nghị UBND tỉnh bố trí kinh phí trong dự toán năm sau",
    "Đề nghị gia hạn thời hạn thực hiện đến {deadline}",
    "Đề nghị Sở Tài chính hướng dẫn nguồn vốn thực hiện",
)
CONTRIBUTION = (
    "Đã cung cấp thông tin, tham gia ý kiến theo đề nghị của cơ quan chủ trì",
    "Phối hợp khảo sát, tổng hợp số liệu thuộc lĩnh vực quản lý",
)
EVIDENCE = (
    "Quyết định số {number}/QĐ-UBND ngày {day}",
    "Kế hoạch số {number}/KH-UBND ngày {day}",
    "Báo cáo số {number}/BC ngày {day}",
)


def _draw(*parts: object) -> int:
    """A fixed number drawn from `parts` (a hash)."""
    text = "|".join(str(p) for p in parts).encode("utf-8")
    return int.from_bytes(hashlib.sha256(text).digest()[:8], "big")


def _pick(options: tuple[str, ...], *parts: object) -> str:
    return options[_draw(*parts) % len(options)]


def _day_in(year: int, *parts: object, first: dt.date | None = None) -> dt.date:
    """A day of `year` (from `first` when later than 1 January)."""
    start = max(dt.date(year, 1, 1), first or dt.date(year, 1, 1))
    span = (period_end(year) - start).days
    return start + dt.timedelta(days=_draw(*parts) % (span + 1))


def _quarter_end(day: dt.date) -> dt.date:
    """The last day of the quarter `day` falls in (a deadline as agencies set them)."""
    month = 3 * ((day.month - 1) // 3 + 1)
    following = dt.date(day.year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _story(agency_id: str, row: TaskRow) -> str:
    """The row's story; with a deadline from the plan, one that fits it."""
    stories = [name for name, _ in STORIES]
    if row.plan_year is not None:
        ahead = row.plan_year > NOW - 1
        stories = ["in_progress", "not_started"] if ahead else ["on_time", "overdue"]
    weights = dict(STORIES)
    point = _draw(agency_id, row.task_id, row.role, "story") % sum(weights[s] for s in stories)
    for name in stories:
        point -= weights[name]
        if point < 0:
            return name
    return stories[-1]


class Story:
    """Where a lead row's story stands: its start year, deadline and completion day."""

    def __init__(self, agency_id: str, row: TaskRow) -> None:
        self.name = _story(agency_id, row)
        seed = (agency_id, row.task_id, row.role)
        self.seed = seed
        self.start = FIRST + _draw(*seed, "start") % 2
        self.completed: dt.date | None = None
        if self.name == "on_time":
            year = self.start + _draw(*seed, "done") % (NOW - self.start)
            self.completed = _day_in(year, *seed, "completed", first=plan.PLAN_DATE)
            self.deadline = _quarter_end(self.completed + dt.timedelta(days=15))
        elif self.name == "late":
            year = NOW - 2 + _draw(*seed, "done") % 2
            self.completed = _day_in(year, *seed, "completed")
            behind = dt.timedelta(days=100 + _draw(*seed, "behind") % 300)
            self.deadline = max(_quarter_end(self.completed - behind), TASK_DEADLINE_FIRST)
        elif self.name == "overdue":
            self.deadline = _quarter_end(_day_in(NOW - 2 + _draw(*seed, "due") % 2, *seed, "d"))
        elif self.name == "in_progress":
            year = NOW + 1 + _draw(*seed, "due") % (plan.TARGET_YEAR - NOW)
            self.deadline = _quarter_end(_day_in(year, *seed, "d"))
        else:
            self.deadline = period_end(NOW + 2 + _draw(*seed, "due") % (plan.TARGET_YEAR - NOW - 1))
        if row.plan_year is not None:  # done in the year the plan sets, or due then
            self.deadline = period_end(row.plan_year)
            if self.completed is not None:
                self.completed = _day_in(row.plan_year, *seed, "completed")

    def cells(self, year: int, today: dt.date) -> dict[str, object]:
        """The row's cells in the report of `year` as of `today` (none before it started)."""
        seed = self.seed
        share = 20 + _draw(*seed, year, "share") % 60
        done = self.completed is not None and self.completed <= min(period_end(year), today)
        if done:
            evidence = _pick(EVIDENCE, *seed, "evidence").format(
                number=1 + _draw(*seed, "number") % 900, day=self.completed.strftime("%d/%m/%Y")
            )
            return {
                "status": "completed",
                "completed_on": self.completed,
                "deadline": self.deadline,
                "progress": _pick(COMPLETED, *seed, "progress") + LABEL,
                "evidence": evidence + LABEL,
            }
        if self.name == "not_started" or year < self.start:
            return {
                "status": "not_started",
                "deadline": self.deadline,
                "progress": _pick(NOT_STARTED, *seed) + LABEL,
                "obstacles": _pick(OBSTACLES, *seed, year, "obstacle") + LABEL,
                "proposals": _pick(PROPOSALS[:1], *seed) + LABEL,
            }
        cells: dict[str, object] = {"status": "in_progress", "deadline": self.deadline}
        if self.deadline <= period_end(year):  # due by now: say why not and what is asked
            later = period_end(max(year + 1, self.deadline.year + 1)).strftime("%d/%m/%Y")
            cells["progress"] = _pick(BEHIND, *seed, year).format(share=share) + LABEL
            cells["obstacles"] = _pick(OBSTACLES, *seed, year, "obstacle") + LABEL
            cells["proposals"] = _pick(PROPOSALS, *seed, year).format(deadline=later) + LABEL
        else:
            cells["progress"] = _pick(IN_PROGRESS, *seed, year).format(share=share) + LABEL
        return cells


def example_task_cells(
    agency_id: str, rows: tuple[TaskRow, ...], period: str | int, today: dt.date
) -> dict[tuple[str, str], dict[str, object]]:
    """The filled cells of an example tasks sheet (row key -> column key -> value; statuses as
    codes, dates as dates): every lead row's story as of the period's year and `today`, a third
    of the cooperating rows' contribution."""
    year = int(period)
    found = {}
    for row in rows:
        if row.role == "lead":
            found[row.key] = Story(agency_id, row).cells(year, today)
        elif _draw(agency_id, row.task_id, "contributes") % 3 == 0:
            found[row.key] = {
                "status": "in_progress",
                "progress": _pick(CONTRIBUTION, agency_id, row.task_id, year) + LABEL,
            }
    return found
