"""The plan's tasks: the 62 numbered items of mục III "Nhiệm vụ, giải pháp" (1.1 ... 8.11, 9).

`data/tasks.csv` holds each item as the plan numbers it, with the agencies it names, its text
(Vietnamese, verbatim) and our English summary, and the deliverable and deadline it names, if
any. How the plan's words become agency ids:
- lead_agency: the agency or agencies the item is addressed to (the words before its colon, or
  the subject of its sentence in 3.5 and 9); 2.4 names two.
- cooperating_agencies: every agency the item names to work with ("phối hợp với ...").
- "các sở, ngành", "các sở, ban, ngành", "các ngành", "các cơ quan liên quan" are the collective
  `cac_so_ban_nganh` (COLLECTIVES); "địa phương", "các huyện, thành phố" and "UBND các huyện,
  thành phố" are `ubnd_huyen`, the plan's local level (mục IV.2.2).
- text_vi: the plan's words; a paragraph that a page break of the plan's file split is joined
  by a space, paragraphs are separated by a line break.

Which indicators a task serves is the catalog's `tasks_clause` (indicators.csv), read here, not
copied; `data/task_plan_links.csv` lists the links the plan's own words make, quoting them
(basis "plan"); every other link was set by the secretariat (basis "secretariat").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ttx_data import agencies, catalog, plan
from ttx_data.paths import BUNDLED_DATA_DIR

TASKS_FILE = BUNDLED_DATA_DIR / "tasks.csv"
LINKS_FILE = BUNDLED_DATA_DIR / "task_plan_links.csv"

COLUMNS = (
    "task_id", "lead_agency", "cooperating_agencies", "text_vi", "summary_en",
    "deliverable_vi", "deliverable_en", "deadline", "deadline_vi",
)  # fmt: skip
"""Columns of `tasks.csv`, in file order."""

LINK_COLUMNS = ("task_id", "indicator_id", "words_vi")
"""Columns of `task_plan_links.csv`, in file order."""

GROUPS = {
    1: (
        "Nhóm nhiệm vụ, giải pháp về xây dựng và hoàn thiện thể chế, chính sách, nâng cao hiệu lực,"
        " hiệu quả quản lý nhà nước gắn kết với các mục tiêu TTX",
        "Institutions, policies and effective state management for the green-growth goals",
    ),
    2: (
        "Nhóm nhiệm vụ, giải pháp về truyền thông, giáo dục và nâng cao nhận thức",
        "Communication, education and awareness",
    ),
    3: (
        "Nhóm nhiệm vụ, giải pháp phát triển nguồn nhân lực và việc làm xanh",
        "Human resources and green jobs",
    ),
    4: (
        "Nhóm giải pháp về huy động nguồn lực tài chính và thúc đẩy đầu tư cho TTX",
        "Mobilising finance and investment for green growth",
    ),
    5: (
        "Nhóm giải pháp về khoa học và công nghệ, đổi mới sáng tạo",
        "Science, technology and innovation",
    ),
    6: (
        "Nhóm giải pháp về hợp tác, liên kết thực hiện TTX",
        "Cooperation and partnerships for green growth",
    ),
    7: (
        "Nhóm giải pháp về đảm bảo bình đẳng trong chuyển đổi xanh",
        "Equity in the green transition",
    ),
    8: (
        "Nhóm nhiệm vụ, giải pháp tăng cường trên một số ngành, lĩnh vực chủ yếu",
        "Key sectors",
    ),
    9: (
        "Nhóm giải pháp về ứng phó với những diễn biến phát sinh đột xuất",
        "Responding to sudden developments",
    ),
}
"""The groups of solutions of mục III (1-9) as the plan heads them (vi) and in English (ours).
The sectors of group 8 (8.1-8.11) are the catalog's SECTORS, in the plan's order."""

COLLECTIVES = {
    "cac_so_ban_nganh": ("Các sở, ban, ngành", "Provincial departments, boards and agencies"),
}
"""Agencies the plan names only as a group, id -> (vi, en): not in the agency register."""

COLLECTIVE_KINDS = ("so", "ban", "nganh", "van_phong")
"""Kinds of agency (register `kind`) that "các sở, ban, ngành" covers."""

BASES = {
    "plan": ("Kế hoạch nêu", "The plan's words"),
    "secretariat": ("Thư ký giao", "Set by the secretariat"),
}
"""Who links a task to an indicator, id -> (vi, en)."""

_ID = re.compile(r"^(?P<group>\d)(?:\.(?P<item>\d{1,2}))?(?:\.(?P<letter>[a-z]))?$")
_FRAGMENTS = " … "
"""Separates the fragments of words_vi quoted from one task (each in order in its text)."""
_LIST = "; "
"""Separates the deliverables of a task, in deliverable_vi and deliverable_en alike."""


class TaskCatalogError(catalog.CatalogError):
    """tasks.csv, task_plan_links.csv or plan_duties.csv breaks a rule; vi and en."""


@dataclass(frozen=True)
class Link:
    """A task serves an indicator: `basis` "plan" when the plan's `words_vi` say so."""

    indicator_id: str
    target_no: int | None
    basis: str
    words_vi: str = ""


@dataclass(frozen=True)
class Deliverable:
    """What a task names to be made (a scheme, plan, regulation, system...): the plan's words and
    our English."""

    vi: str
    en: str


@dataclass(frozen=True)
class Task:
    """One numbered item of mục III, as the plan numbers it ("1.1", "8.3.b", "8.11", "9")."""

    task_id: str
    lead_agency: tuple[str, ...]
    cooperating_agencies: tuple[str, ...]
    text_vi: str
    summary_en: str
    deliverables: tuple[Deliverable, ...]
    deadline: int | None
    """The year the plan sets for the task's result, if any (`deadline_vi`: its words)."""
    deadline_vi: str
    links: tuple[Link, ...]

    @property
    def group(self) -> int:
        """The group of solutions, 1-9: the first number of the id."""
        return int(self.task_id.split(".")[0])

    @property
    def sector(self) -> str:
        """The catalog sector of a group-8 task (8.1 energy ... 8.11 tourism); '' otherwise."""
        if self.group != 8:
            return ""
        return list(catalog.SECTORS)[int(self.task_id.split(".")[1]) - 1]

    @property
    def clause(self) -> str:
        """Its clause as the catalog's tasks_clause writes it: "III.8.3.b"."""
        return f"III.{self.task_id}"

    @property
    def targets(self) -> tuple[int, ...]:
        """The plan's target numbers (1-15) of the indicators it serves."""
        return tuple(sorted({k.target_no for k in self.links if k.target_no is not None}))

    def indicators(self, basis: str | None = None) -> tuple[str, ...]:
        """The indicators it serves (of one basis, "plan" or "secretariat", if given)."""
        return tuple(k.indicator_id for k in self.links if basis in (None, k.basis))

    def text(self, lang: str = "vi") -> str:
        """The plan's text (vi) or our English summary (en)."""
        return catalog._pick(self.text_vi, self.summary_en, lang)


def normalized(text: str) -> str:
    """The text with every run of white space as one space: how the plan's words are compared."""
    return " ".join(text.split())


def quoted_in(words: str, text: str) -> bool:
    """Whether `words` (fragments joined by ' … ') stand in `text` in that order, white space
    aside."""
    where, body = 0, normalized(text)
    for fragment in normalized(words).split(_FRAGMENTS.strip()):
        found = body.find(fragment.strip(), where)
        if found < 0:
            return False
        where = found + len(fragment.strip())
    return True


def order_key(task_id: str) -> tuple[int, int, str]:
    """Where an id stands in the plan: 1.1 < 1.2 < ... < 8.1.a < 8.10.a < 8.11 < 9."""
    found = _ID.match(task_id)
    return int(found["group"]), int(found["item"] or 0), found["letter"] or ""


# --- checks shared by the files of the plan's tasks and duties -------------------------------


def check_header(rows: pd.DataFrame, ctx: catalog._Context, columns: tuple) -> Iterator[str]:
    """The header lists exactly `columns`, in order."""
    if tuple(rows.columns) != columns:
        order = ", ".join(columns)
        yield ctx.problem(
            None, "(tiêu đề/header)", f"tiêu đề phải là: {order}", f"the header must be: {order}"
        )


def check_agency_cells(rows: pd.DataFrame, ctx: catalog._Context) -> Iterator[str]:
    """The catalog's check of lead and cooperating agencies (`catalog.check_agencies`), a task
    or duty may have several leads (2.4: the radio and the newspaper)."""
    return catalog.check_agencies(rows, ctx, one_lead=False)


def check_year_in_words(
    i: int, ctx: catalog._Context, column: str, year: str, words: str
) -> Iterator[str]:
    """A year is a plan year (baseline to target) written in the plan's `words` it comes from
    (when they are given)."""
    first, last = plan.BASELINE_YEAR, plan.TARGET_YEAR
    if not (year.isdigit() and len(year) == 4 and first <= int(year) <= last):
        yield ctx.problem(
            i,
            column,
            f"'{year}' không phải năm từ {first} đến {last}; ghi năm (YYYY) hoặc để trống",
            f"'{year}' is not a year from {first} to {last}; write the year (YYYY) or leave blank",
        )
    elif words and year not in words:
        yield ctx.problem(
            i,
            column,
            f"năm {year} không có trong lời của Kế hoạch đi kèm; ghi đúng năm Kế hoạch nêu",
            f"the year {year} is not in the plan's words given with it; write the year they say",
        )


def plan_agency_ids(register: agencies.Register) -> frozenset[str]:
    """Agency ids a task or duty may name: the plan's agencies and the COLLECTIVES."""
    return frozenset(register.plan_agencies()) | frozenset(COLLECTIVES)


# --- tasks.csv --------------------------------------------------------------------------------


def check_task_ids(rows: pd.DataFrame, ctx: catalog._Context) -> Iterator[str]:
    """Ids are numbered as the plan numbers them (group 8 by sector, letters only there), each
    once, in the plan's order."""
    previous = None
    sectors = len(catalog.SECTORS)
    for i, cell in rows["task_id"].items():
        found = _ID.match(cell)
        group = int(found["group"]) if found else 0
        valid = (  # group 9 is one item; group 8 has lettered items by sector, but 8.11 is one
            found is not None
            and group in GROUPS
            and (group == 9) == (found["item"] is None)
            and (group == 8) == (found["letter"] is not None or cell == f"8.{sectors}")
            and (group != 8 or 1 <= int(found["item"]) <= sectors)
        )
        if not valid:
            yield ctx.problem(
                i,
                "task_id",
                f"'{cell}' không theo cách đánh số của Kế hoạch; ví dụ 1.1, 8.3.b, 8.{sectors}, 9",
                f"'{cell}' is not numbered as the plan numbers its items; e.g. 1.1, 8.3.b,"
                f" 8.{sectors}, 9",
            )
            continue
        if previous is not None and order_key(cell) <= order_key(previous):
            yield ctx.problem(
                i,
                "task_id",
                f"'{cell}' đứng sau '{previous}' (trùng hoặc sai thứ tự); xếp theo thứ tự Kế hoạch",
                f"'{cell}' comes after '{previous}' (a repeat or out of order); keep the plan's"
                " order",
            )
        previous = cell


def check_deliverables(rows: pd.DataFrame, ctx: catalog._Context) -> Iterator[str]:
    """deliverable_vi quotes the task's text; deliverable_en gives one English name for each."""
    for i, row in rows.iterrows():
        vi, en = row["deliverable_vi"], row["deliverable_en"]
        if len(catalog._split(vi)) != len(catalog._split(en)):
            yield ctx.problem(
                i,
                "deliverable_en",
                f"cần đúng một tên tiếng Anh cho mỗi sản phẩm của deliverable_vi, cách nhau bởi"
                f" '{_LIST}'",
                f"needs exactly one English name for each deliverable of deliverable_vi,"
                f" separated by '{_LIST}'",
            )
        for words in catalog._split(vi):
            if not quoted_in(words, row["text_vi"]):
                yield ctx.problem(
                    i,
                    "deliverable_vi",
                    f"'{words}' không có nguyên văn trong text_vi; chép đúng lời Kế hoạch",
                    f"'{words}' is not word for word in text_vi; copy the plan's words",
                )


def check_deadline(rows: pd.DataFrame, ctx: catalog._Context) -> Iterator[str]:
    """A deadline is a plan year, with the plan's words that set it (deadline_vi), quoted from
    the task's text; both blank when the plan sets none."""
    for i, row in rows.iterrows():
        year, words = row["deadline"], row["deadline_vi"]
        if bool(year) != bool(words):
            yield ctx.problem(
                i,
                "deadline_vi",
                "deadline và deadline_vi đi cùng nhau: năm và lời Kế hoạch nêu năm đó, hoặc cả"
                " hai để trống",
                "deadline and deadline_vi go together: the year and the plan's words that set"
                " it, or both blank",
            )
        if year:
            yield from check_year_in_words(i, ctx, "deadline", year, words)
        if words and not quoted_in(words, row["text_vi"]):
            yield ctx.problem(
                i,
                "deadline_vi",
                f"'{words}' không có nguyên văn trong text_vi; chép đúng lời Kế hoạch",
                f"'{words}' is not word for word in text_vi; copy the plan's words",
            )


TASK_CHECKS = (check_task_ids, check_agency_cells, check_deliverables, check_deadline)
"""Checks run on tasks.csv once its header is right."""


def validate_tasks(rows: pd.DataFrame, file: str, agency_ids: frozenset[str]) -> None:
    """Raise TaskCatalogError listing every problem of tasks.csv, or return."""
    ctx = catalog._Context(file, agency_ids)
    problems = list(check_header(rows, ctx, COLUMNS))
    if not problems:
        problems += catalog.check_no_surrounding_spaces(rows, ctx)
        problems += catalog.check_required(
            rows, ctx, ("task_id", "lead_agency", "text_vi", "summary_en")
        )
        problems += [p for check in TASK_CHECKS for p in check(rows, ctx)]
    if problems:
        raise TaskCatalogError(file, problems)


# --- task_plan_links.csv and the catalog's tasks_clause -----------------------------------------


def check_links(
    links: pd.DataFrame,
    ctx: catalog._Context,
    texts: dict[str, str],
    indicators: dict[str, catalog.Indicator],
) -> Iterator[str]:
    """Each link names a task and an indicator whose tasks_clause lists that task, once, with
    words quoted from the task's text."""
    seen: dict[tuple[str, str], int] = {}
    for i, row in links.iterrows():
        task_id, indicator_id = row["task_id"], row["indicator_id"]
        indicator = indicators.get(indicator_id)
        if task_id not in texts:
            yield ctx.problem(
                i,
                "task_id",
                f"'{task_id}' không có trong tasks.csv; sửa mã nhiệm vụ",
                f"'{task_id}' is not in tasks.csv; correct the task id",
            )
        if indicator is None:
            yield ctx.problem(
                i,
                "indicator_id",
                f"'{indicator_id}' không có trong danh mục chỉ tiêu (indicators.csv); sửa mã",
                f"'{indicator_id}' is not in the catalog (indicators.csv); correct the id",
            )
        elif task_id in texts and f"III.{task_id}" not in catalog._split(indicator.tasks_clause):
            yield ctx.problem(
                i,
                "indicator_id",
                f"tasks_clause của '{indicator_id}' (indicators.csv) không có III.{task_id}; thêm"
                " vào đó hoặc xóa dòng này",
                f"the tasks_clause of '{indicator_id}' (indicators.csv) lacks III.{task_id}; add"
                " it there or delete this row",
            )
        if (task_id, indicator_id) in seen:
            yield ctx.problem(
                i,
                "indicator_id",
                f"trùng với dòng {seen[task_id, indicator_id]}; mỗi liên kết một dòng",
                f"duplicates row {seen[task_id, indicator_id]}; one row per link",
            )
        seen.setdefault((task_id, indicator_id), catalog._line(i))
        if task_id in texts and row["words_vi"] and not quoted_in(row["words_vi"], texts[task_id]):
            yield ctx.problem(
                i,
                "words_vi",
                f"không có nguyên văn trong text_vi của {task_id}; chép đúng lời Kế hoạch (các"
                f" đoạn cách nhau bởi '{_FRAGMENTS}', theo thứ tự)",
                f"is not word for word in the text_vi of {task_id}; copy the plan's words"
                f" (fragments separated by '{_FRAGMENTS}', in order)",
            )


def check_clauses_name_tasks(
    indicators: list[catalog.Indicator], file: str, texts: dict[str, str]
) -> Iterator[str]:
    """Every III clause of the catalog's tasks_clause is a task of tasks.csv."""
    ctx = catalog._Context(file)
    for i, indicator in enumerate(indicators):
        for clause in catalog._split(indicator.tasks_clause):
            if clause.startswith("III.") and clause.removeprefix("III.") not in texts:
                yield ctx.problem(
                    i,
                    "tasks_clause",
                    f"'{clause}' không phải nhiệm vụ của tasks.csv; sửa theo số mục của Kế hoạch",
                    f"'{clause}' is not a task of tasks.csv; correct it to the plan's numbering",
                )


# --- loading --------------------------------------------------------------------------------


def _task(row: dict, links: tuple[Link, ...]) -> Task:
    deliverables = zip(
        catalog._split(row["deliverable_vi"]), catalog._split(row["deliverable_en"]), strict=True
    )
    return Task(
        task_id=row["task_id"],
        lead_agency=catalog._split(row["lead_agency"]),
        cooperating_agencies=catalog._split(row["cooperating_agencies"]),
        text_vi=row["text_vi"],
        summary_en=row["summary_en"],
        deliverables=tuple(Deliverable(vi, en) for vi, en in deliverables),
        deadline=int(row["deadline"]) if row["deadline"] else None,
        deadline_vi=row["deadline_vi"],
        links=links,
    )


def _links_of(
    task_id: str, indicators: list[catalog.Indicator], words: dict[tuple[str, str], str]
) -> tuple[Link, ...]:
    """The catalog's links of a task, in catalog order, each with its basis."""
    found = []
    for indicator in indicators:
        if f"III.{task_id}" in catalog._split(indicator.tasks_clause):
            quoted = words.get((task_id, indicator.indicator_id), "")
            basis = "plan" if quoted else "secretariat"
            found.append(Link(indicator.indicator_id, indicator.target_no, basis, quoted))
    return tuple(found)


@lru_cache(maxsize=8)
def _cached(tasks_path: Path, links_path: Path, stamps: tuple) -> tuple[Task, ...]:
    register = agencies.load_register()
    rows = catalog._read_text_csv(tasks_path)
    validate_tasks(rows, tasks_path.name, plan_agency_ids(register))
    texts = dict(zip(rows["task_id"], rows["text_vi"], strict=True))
    links = catalog._read_text_csv(links_path)
    indicators = catalog.indicators()
    ctx = catalog._Context(links_path.name)
    problems = list(check_header(links, ctx, LINK_COLUMNS))
    if not problems:
        problems += catalog.check_no_surrounding_spaces(links, ctx)
        problems += catalog.check_required(links, ctx, LINK_COLUMNS)
        problems += check_links(links, ctx, texts, {i.indicator_id: i for i in indicators})
    indicators_file = catalog.catalog_files()[0].name
    problems += check_clauses_name_tasks(indicators, indicators_file, texts)
    if problems:
        raise TaskCatalogError(links_path.name, problems)
    words = {(r["task_id"], r["indicator_id"]): r["words_vi"] for r in links.to_dict("records")}
    return tuple(
        _task(row, _links_of(row["task_id"], indicators, words)) for row in rows.to_dict("records")
    )


def load_tasks(tasks_path: Path | None = None, links_path: Path | None = None) -> tuple[Task, ...]:
    """Every task of mục III in the plan's order, validated (the bundled files unless given),
    with the indicators of the current catalog it serves."""
    tasks_path, links_path = Path(tasks_path or TASKS_FILE), Path(links_path or LINKS_FILE)
    files = (
        tasks_path,
        links_path,
        *catalog.catalog_files(),
        catalog.AGENCIES_FILE,
        agencies.SUCCESSIONS_FILE,
    )
    return _cached(tasks_path, links_path, tuple(catalog._stamp(f) for f in files))


def task(task_id: str) -> Task:
    """One task by the plan's number, e.g. `task("8.9.c")`."""
    by_id = {t.task_id: t for t in load_tasks()}
    if task_id not in by_id:
        raise KeyError(
            f"Không có nhiệm vụ '{task_id}' trong mục III; số hợp lệ: {', '.join(by_id)} / "
            f"No task '{task_id}' in section III; valid numbers: {', '.join(by_id)}"
        )
    return by_id[task_id]
