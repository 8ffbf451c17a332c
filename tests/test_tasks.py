"""The plan's tasks (section III) and duties (section IV): faithful to the plan's text, linked to
the catalog, followed through the agency register, printed by the CLI, and their files checked."""

from __future__ import annotations

import datetime as dt
import io
import re
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pandas as pd
import pytest

from ttx_data import agencies, catalog, tasks
from ttx_data.__main__ import main
from ttx_data.paths import BUNDLED_DATA_DIR
from ttx_data.tasks import catalog as task_catalog
from ttx_data.tasks import duties as plan_duties

EXCERPT = BUNDLED_DATA_DIR / "reference" / "plan_tasks_excerpt.md"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "tasks"
NEW_YEAR_2026 = dt.date(2026, 1, 1)

KHDT, TC, CT = "so_ke_hoach_dau_tu", "so_tai_chinh", "so_cong_thuong"
TNMT, NN, XD, GT = (
    "so_tai_nguyen_moi_truong",
    "so_nong_nghiep_ptnt",
    "so_xay_dung",
    "so_giao_thong_van_tai",
)
KHCN, TTTT, YT, LD = (
    "so_khoa_hoc_cong_nghe",
    "so_thong_tin_truyen_thong",
    "so_y_te",
    "so_lao_dong_tbxh",
)
GD, VH, NV, NGV = "so_giao_duc_dao_tao", "so_van_hoa_the_thao_du_lich", "so_noi_vu", "so_ngoai_vu"
KCN, NHNN, TPBG = "ban_quan_ly_kcn", "ngan_hang_nha_nuoc", "ubnd_tp_bac_giang"
DAI, BAO = "dai_phat_thanh_truyen_hinh", "bao_bac_giang"
ALL, HUYEN = "cac_so_ban_nganh", "ubnd_huyen"
ALL_LOCAL = (ALL, HUYEN)  # "Các sở, ngành, địa phương" / "Các sở, ngành, UBND các huyện, thành phố"

# Section III as I read the plan, item by item: id -> (lead, cooperating), in the plan's order.
EXPECTED = {
    "1.1": ((KHDT,), ()),
    "1.2": ((TNMT,), (ALL,)),
    "1.3": ((NN,), ALL_LOCAL),
    "1.4": (ALL_LOCAL, ()),
    "2.1": ((CT,), ()),
    "2.2": ((TTTT,), (KHDT,)),
    "2.3": ((VH,), ()),
    "2.4": ((DAI, BAO), ()),
    "2.5": ((GD,), ()),
    "2.6": ((HUYEN,), (ALL,)),
    "3.1": ((LD,), ()),
    "3.2": ((NV,), ()),
    "3.3": ((GD,), (HUYEN,)),
    "3.4": ((YT,), ALL_LOCAL),
    "3.5": (ALL_LOCAL, ()),
    "4.1": ((KHDT,), ()),
    "4.2": ((TC,), ()),
    "4.3": ((NHNN,), ()),
    "4.4": (ALL_LOCAL, ()),
    "5.1": ((KHCN,), ()),
    "5.2": ((KHDT,), ()),
    "5.3": ((TTTT,), ()),
    "5.4": (ALL_LOCAL, ()),
    "6.1": ((KHDT,), (*ALL_LOCAL, GD, KHCN, LD)),
    "6.2": ((NGV,), (ALL, KHDT)),
    "6.3": (ALL_LOCAL, ()),
    "7.1": ((LD,), ()),
    "7.2": (ALL_LOCAL, ()),
    "8.1.a": ((CT,), ALL_LOCAL),
    "8.1.b": ((NHNN,), ()),
    "8.1.c": ((KHDT,), (CT,)),
    "8.2.a": ((CT,), (KHDT,)),
    "8.2.b": ((KCN,), (CT, XD, KHDT, *ALL_LOCAL)),
    "8.3.a": ((GT,), (HUYEN,)),
    "8.3.b": ((CT,), (GT, HUYEN)),
    "8.3.c": ((TPBG,), (GT, TTTT)),
    "8.3.d": (ALL_LOCAL, ()),
    "8.4.a": ((XD,), (HUYEN,)),
    "8.4.b": ((KHCN,), ()),
    "8.4.c": ((HUYEN,), ()),
    "8.5.a": ((NN,), ALL_LOCAL),
    "8.5.b": ((KHCN,), (NN, HUYEN)),
    "8.5.c": ((HUYEN,), (NN,)),
    "8.6.a": ((TNMT,), ALL_LOCAL),
    "8.6.b": ((KHCN,), (TNMT, *ALL_LOCAL)),
    "8.6.c": (ALL_LOCAL, (TNMT, KHCN)),
    "8.7.a": ((TNMT,), (HUYEN, ALL)),
    "8.7.b": ((CT,), ()),
    "8.7.c": (ALL_LOCAL, (TNMT,)),
    "8.8.a": ((TNMT,), ALL_LOCAL),
    "8.8.b": ((NN,), ALL_LOCAL),
    "8.8.c": ((HUYEN,), (ALL,)),
    "8.9.a": (ALL_LOCAL, ()),
    "8.9.b": ((CT,), ()),
    "8.9.c": ((KHDT,), (ALL,)),
    "8.9.d": ((TC,), (KHDT,)),
    "8.10.a": ((YT,), (TTTT,)),
    "8.10.b": ((TNMT,), ()),
    "8.10.c": ((KHCN,), ()),
    "8.10.d": ((HUYEN,), (YT, TNMT)),
    "8.11": ((VH,), ALL_LOCAL),
    "9": (ALL_LOCAL, ()),
}

# How the plan writes an agency where it differs from the register's name, or a collective.
PLAN_NAMES = {
    TTTT: ("Sở Thông tin và Truyền thông", "Sở Thông tin Truyền thông"),
    ALL: ("các sở, ngành", "các sở, ban, ngành", "các ngành", "các cơ quan liên quan"),
    HUYEN: ("UBND các huyện, thành phố", "địa phương", "các huyện, thành phố"),
}


@pytest.fixture(scope="module")
def loaded() -> tuple[tasks.Task, ...]:
    return tasks.load_tasks()


def _normalized(text: str) -> str:
    return " ".join(text.replace("*", " ").replace("#", " ").split())


def _section(start: str, end: str | None) -> str:
    text = _normalized(EXCERPT.read_text(encoding="utf-8"))
    return text[text.index(start) : text.index(end) if end else None]


def _names(agency_id: str) -> tuple[str, ...]:
    register = agencies.load_register()
    own = () if agency_id in tasks.COLLECTIVES else (register.name(agency_id),)
    return PLAN_NAMES.get(agency_id, own)


def _head(text: str) -> str:
    """Whom an item is addressed to: its words before the colon, 'theo chức năng' or the line."""
    return re.split(r":| theo chức năng|\n", text, maxsplit=1)[0]


# --- section III: the 62 items, as the plan numbers them -------------------------------------


def test_the_catalog_has_the_62_items_of_section_iii_in_the_plans_order(loaded):
    assert len(loaded) == 62
    assert [t.task_id for t in loaded] == list(EXPECTED)


@pytest.mark.parametrize("task_id", list(EXPECTED))
def test_lead_and_cooperating_agencies_as_the_plan_assigns_them(task_id):
    found = tasks.task(task_id)
    assert (found.lead_agency, found.cooperating_agencies) == EXPECTED[task_id]


@pytest.mark.parametrize("task_id", list(EXPECTED))
def test_the_lead_is_whom_the_plan_addresses_and_each_partner_is_named(task_id):
    found = tasks.task(task_id)
    head = _head(found.text_vi).lower()
    body = found.text_vi[len(_head(found.text_vi)) :].lower()
    for agency in found.lead_agency:
        assert any(name.lower() in head for name in _names(agency)), (agency, head)
    for agency in found.cooperating_agencies:
        assert any(name.lower() in body for name in _names(agency)), (agency, task_id)
    register = agencies.load_register()
    named = {
        a
        for a in register.plan_agencies()
        if a not in PLAN_NAMES and register.name(a).lower() in body
    }
    assert named - set(found.lead_agency) <= set(found.cooperating_agencies)


def test_every_text_is_word_for_word_the_plans(loaded):
    section = _section("III. NHIỆM VỤ", "IV. TỔ CHỨC THỰC HIỆN")
    for task in loaded:
        assert _normalized(task.text_vi) in section, task.task_id


def test_the_texts_cover_section_iii_whole_with_only_numbers_and_headings_between(loaded):
    """Between one item's text and the next there is only its number and the plan's headings of
    its group (GROUPS) and sector (SECTORS): no paragraph is left out, none is out of order."""
    section = _section("III. NHIỆM VỤ", "IV. TỔ CHỨC THỰC HIỆN")
    where = section.index("2030") + len("2030")
    sectors = list(catalog.SECTORS.values())
    previous = None
    for task in [*loaded, None]:
        text = "IV. TỔ CHỨC THỰC HIỆN" if task is None else _normalized(task.text_vi)
        found = (section + " " + text).index(text, where)
        gap = (section + " " + text)[where:found].strip()
        expected = []
        if task is not None and (previous is None or task.group != previous.group):
            expected.append(f"{task.group}. {tasks.GROUPS[task.group][0]}")
        if task is not None and task.sector and task.sector != getattr(previous, "sector", ""):
            number = task.task_id.split(".")[1]
            expected.append(f"8.{number}. {sectors[int(number) - 1][0]}")
        if task is not None and task.group < 8:
            expected.append(f"{task.task_id}.")
        elif task is not None and task.task_id.count(".") == 2:
            expected.append(f"{task.task_id[-1]})")
        if task is not None and task.task_id == "7.1":  # the plan's preamble to group 7
            assert gap.startswith(" ".join(expected[:1]) + " Đây là nhóm giải pháp xuyên suốt")
            assert gap.endswith(" 7.1.")
        else:
            assert gap == " ".join(expected), (getattr(task, "task_id", "end"), gap)
        where, previous = found + len(text), task


def test_groups_and_sectors_follow_the_numbering(loaded):
    assert [t.group for t in loaded].count(8) == 33
    assert {t.sector for t in loaded if t.group == 8} == set(catalog.SECTORS)
    assert all(t.sector == "" for t in loaded if t.group != 8)
    assert tasks.task("8.11").sector == "tourism"
    assert tasks.task("8.10.a").sector == "health"
    assert tasks.task("8.3.b").clause == "III.8.3.b"


def test_summaries_are_english_and_texts_vietnamese(loaded):
    for task in loaded:
        assert task.text("en") == task.summary_en and task.text("vi") == task.text_vi
        for untranslated in ("Sở ", "UBND", "TTX", "KNK", "BĐKH", "Tham mưu"):
            assert untranslated not in task.summary_en, (task.task_id, untranslated)


# --- deliverables, deadlines, links to the catalog ----------------------------------------------


@pytest.mark.parametrize(
    ("task_id", "deliverable"),
    [
        ("8.7.a", "Kế hoạch quản lý chất lượng không khí"),
        ("8.9.c", "quy chế mua sắm công xanh cho chi đầu tư"),
        ("8.9.d", "quy chế công xanh cho chi thường xuyên"),  # the plan's words, "mua sắm" missing
        ("8.2.a", "kế hoạch, lộ trình xây dựng hệ thống xử lý nước thải tập trung đối với các CCN"),
        (
            "8.4.a",
            "Đề án phát triển công trình xanh, công trình hiệu quả năng lượng giai đoạn 2022-2030",
        ),
        ("8.3.c", "hệ thống quản lý điều hành giao thông thông minh (ITS) của thành phố Bắc Giang"),
        ("9", "kế hoạch ứng phó với những diễn biến phát sinh đột xuất"),
    ],
)
def test_named_deliverables(task_id, deliverable):
    found = tasks.task(task_id)
    assert deliverable in [d.vi for d in found.deliverables]
    assert all(d.en for d in found.deliverables)


def test_deliverables_are_the_plans_words(loaded):
    section = _section("III. NHIỆM VỤ", "IV. TỔ CHỨC THỰC HIỆN")
    for task in loaded:
        for deliverable in task.deliverables:
            assert _normalized(deliverable.vi) in section
    assert not tasks.task("4.3").deliverables


def test_deadlines_only_where_the_plan_sets_a_year(loaded):
    assert {t.task_id: t.deadline for t in loaded if t.deadline} == {"8.6.c": 2030, "8.9.a": 2030}
    assert "đến năm 2030, 100% CCN" in tasks.task("8.6.c").deadline_vi


def test_links_follow_the_catalogs_tasks_clause(loaded):
    by_task = {(t.task_id, k.indicator_id) for t in loaded for k in t.links}
    clauses = {
        (clause.removeprefix("III."), i.indicator_id)
        for i in catalog.indicators()
        for clause in i.tasks_clause.split("; ")
    }
    assert by_task == clauses


@pytest.mark.parametrize(
    ("task_id", "indicator_id", "basis"),
    [
        ("8.9.a", "s89_plastic_bag_reduction", "plan"),
        ("8.7.a", "t14_air_quality_plan", "plan"),
        ("8.7.b", "t14_air_quality_plan", "secretariat"),
        ("8.9.c", "t11_green_public_procurement_share", "plan"),
        ("8.5.c", "t05b_certified_forest_area", "plan"),
        ("3.1", "t13_hdi", "secretariat"),
        ("8.3.c", "t12_city_green_growth_scheme", "secretariat"),
    ],
)
def test_link_basis(task_id, indicator_id, basis):
    link = next(k for k in tasks.task(task_id).links if k.indicator_id == indicator_id)
    assert link.basis == basis
    assert bool(link.words_vi) == (basis == "plan")


def test_plan_links_quote_the_tasks_own_words(loaded):
    for task in loaded:
        for link in task.links:
            if link.basis == "plan":
                assert task_catalog.quoted_in(link.words_vi, task.text_vi)
    assert sum(k.basis == "plan" for t in loaded for k in t.links) == 40


def test_targets_of_a_task(loaded):
    assert tasks.task("8.6.c").targets == (7, 8, 9, 10)
    assert tasks.task("8.9.a").targets == ()  # the 8.9 plastic-bag indicator has no target number
    assert tasks.task("8.9.a").indicators() == ("s89_plastic_bag_reduction",)
    assert tasks.task("1.1").links == ()


# --- section IV: the duties as dated milestones ----------------------------------------------


def test_every_duty_is_the_plans_words_and_every_clause_of_section_iv_is_covered():
    section = _section("IV. TỔ CHỨC THỰC HIỆN", "Trên đây là Kế hoạch")
    duties = tasks.load_duties()
    for duty in duties:
        assert _normalized(duty.text_vi) in section, duty.duty_id
    lines = EXCERPT.read_text(encoding="utf-8").split("## **IV.")[1].splitlines()
    bullets = [line[2:] for line in lines if line.startswith(("- ", "1. "))]
    assert len(bullets) == 14
    for bullet in bullets:
        rest = _normalized(bullet)
        for duty in duties:
            rest = rest.replace(_normalized(duty.text_vi).rstrip(".;"), "")
        assert re.fullmatch(r"[\s;.]*(và[\s;.]*)?", rest), rest
    assert {d.clause for d in duties} == {"IV.1", "IV.2.1", "IV.2.2", "IV.2.3", "IV.3"}


def test_milestones_mid_term_2025_final_2030_and_a_report_every_year():
    found = [(m.duty.duty_id, m.year) for m in tasks.milestones()]
    assert ("mid_term_review", 2025) in found and ("final_review", 2030) in found
    assert [y for d, y in found if d == "annual_report"] == list(range(2022, 2031))
    assert found[0] == ("steering_committee", None)  # the plan gives it no date
    assert [y for _, y in found][1:] == sorted(y for _, y in found[1:])


@pytest.mark.parametrize(
    ("duty_id", "lead", "recurrence"),
    [
        ("steering_committee", (KHDT,), "once"),
        ("mid_term_review", (KHDT,), "once"),
        ("final_review", (KHDT,), "once"),
        ("annual_report", ALL_LOCAL, "annual"),
        ("funding", (KHDT,), "ongoing"),
        ("front_mobilisation", ("uy_ban_mttq_tinh",), "ongoing"),
        ("review_and_report", ALL_LOCAL, "periodic"),
    ],
)
def test_who_does_each_duty(duty_id, lead, recurrence):
    duty = next(d for d in tasks.load_duties() if d.duty_id == duty_id)
    assert (duty.lead_agency, duty.recurrence) == (lead, recurrence)


def test_a_duty_the_plan_leaves_open_says_how_it_was_read():
    steering = next(d for d in tasks.load_duties() if d.duty_id == "steering_committee")
    assert "III.1.1" in steering.note_text("vi") and "III.1.1" in steering.note_text("en")
    assert next(d for d in tasks.load_duties() if d.duty_id == "funding").note_text("en") == ""


# --- who answers today ---------------------------------------------------------------------


def _named_for(plan_agencies: set[str]) -> dict[str, str]:
    """From the table above: task -> strongest role of any of `plan_agencies`."""
    found = {}
    for task_id, (lead, cooperating) in EXPECTED.items():
        if plan_agencies & set(lead):
            found[task_id] = "lead"
        elif plan_agencies & set(cooperating):
            found[task_id] = "cooperating"
        elif ALL in lead:
            found[task_id] = "all"
    return found


@pytest.mark.parametrize("on", [dt.date(2025, 3, 1), dt.date(2025, 6, 30)])
def test_the_merged_finance_department_answers_for_planning_and_finance(on):
    found = {a.item.task_id: a.role for a in tasks.tasks_for_agency(TC, on)}
    assert found == _named_for({KHDT, TC})
    assert found["1.1"] == "lead" and found["4.2"] == "lead"  # Sở KH&ĐT's and Sở Tài chính's
    assert found["2.2"] == "cooperating"


def test_sở_tài_chính_bắc_ninh_answers_for_both_since_1_7_2025():
    found = {
        a.item.task_id: a for a in tasks.tasks_for_agency("so_tai_chinh_bac_ninh", NEW_YEAR_2026)
    }
    assert {k: a.role for k, a in found.items()} == _named_for({KHDT, TC})
    assert found["8.9.d"].via == (TC, KHDT) and found["8.9.d"].verified
    duties = {
        a.item.duty_id: a.role
        for a in tasks.duties_for_agency("so_tai_chinh_bac_ninh", NEW_YEAR_2026)
    }
    assert duties["mid_term_review"] == "lead" and duties["annual_report"] == "all"


def test_before_the_merger_each_department_answers_for_its_own():
    before = dt.date(2025, 2, 28)
    finance = {a.item.task_id: a.role for a in tasks.tasks_for_agency(TC, before)}
    assert {k for k, r in finance.items() if r != "all"} == {"4.2", "8.9.d"}
    planning = {a.item.task_id for a in tasks.tasks_for_agency(KHDT, before)}
    assert {"1.1", "4.1", "8.9.c", "8.9.d"} <= planning


def test_communes_answer_for_the_district_committees_unverified():
    found = {a.item.task_id: a for a in tasks.tasks_for_agency("ubnd_xa_phuong", NEW_YEAR_2026)}
    assert set(found) == {
        k for k, (lead, coop) in EXPECTED.items() if {HUYEN, TPBG} & {*lead, *coop}
    }
    assert found["8.3.c"].role == "lead" and found["8.3.c"].via == (TPBG,)
    assert not any(a.verified for a in found.values())


def test_an_agency_that_no_longer_exists_is_told_who_answers_now():
    with pytest.raises(tasks.AgencyError, match="so_tai_chinh_bac_ninh"):
        tasks.tasks_for_agency(KHDT, NEW_YEAR_2026)
    with pytest.raises(tasks.AgencyError, match="so_khong_co"):
        tasks.tasks_for_agency("so_khong_co", NEW_YEAR_2026)


@pytest.mark.parametrize(
    ("task_id", "now", "verified"),
    [
        ("1.1", ("so_tai_chinh_bac_ninh",), True),
        ("2.6", ("ubnd_xa_phuong",), False),
        ("4.3", (NHNN,), True),
        ("8.9.a", (ALL, "ubnd_xa_phuong"), False),
        ("2.4", (DAI, BAO), True),
    ],
)
def test_current_lead_agency(task_id, now, verified):
    found = tasks.current(tasks.task(task_id).lead_agency, NEW_YEAR_2026)
    assert (found.agencies, found.verified) == (now, verified)


# --- the command line ----------------------------------------------------------------------


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def test_cli_tasks_csv():
    code, out, _ = _cli("tasks", "--format", "csv", "--as-of", "2026-01-01")
    frame = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    assert code == 0 and len(frame) == 62
    for column in ("task_id", "group", "sector", "lead_agency", "current_lead_agency",
                   "cooperating_agencies", "targets", "deliverable"):  # fmt: skip
        assert column in frame.columns
    row = frame.set_index("task_id").loc["8.9.d"]
    assert (row["lead_agency"], row["current_lead_agency"]) == (TC, "so_tai_chinh_bac_ninh")
    assert (row["sector"], row["sector_vi"], row["targets"]) == (
        "consumption",
        catalog.SECTORS["consumption"][0],
        "11",
    )
    assert row["deliverable"] == "quy chế công xanh cho chi thường xuyên"
    assert frame.set_index("task_id").loc["8.6.c", "indicators_secretariat"] == ""


def test_cli_tasks_for_an_agency_and_the_duties():
    code, out, _ = _cli(
        "tasks", "--agency", "so_tai_chinh_bac_ninh", "--as-of", "2026-01-01", "--format", "csv"
    )
    frame = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    assert code == 0 and list(frame.columns[:4]) == ["task_id", "role", "via", "verified"]
    assert dict(zip(frame["task_id"], frame["role"], strict=True)) == _named_for({KHDT, TC})
    code, out, _ = _cli("tasks", "--duties", "--format", "csv")
    duties = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    assert code == 0
    assert ("mid_term_review", "2025") in set(zip(duties["duty_id"], duties["year"], strict=True))
    assert duties.loc[duties["duty_id"] == "annual_report", "year"].tolist() == [
        str(y) for y in range(2022, 2031)
    ]


def test_cli_tasks_table_and_a_bad_agency():
    code, out, _ = _cli("tasks", "--as-of", "2026-01-01")
    assert code == 0 and "8.10.d" in out and "text_vi" not in out
    code, _, err = _cli("tasks", "--agency", KHDT, "--as-of", "2026-01-01")
    assert code == 2 and "so_tai_chinh_bac_ninh" in err and "/" in err


def test_cli_says_what_is_wrong_with_a_broken_file(monkeypatch):
    monkeypatch.setattr(task_catalog, "TASKS_FILE", FIXTURES / "unknown-lead-agency.csv")
    code, out, err = _cli("tasks", "--format", "csv")
    assert (code, out) == (1, "")
    assert "unknown-lead-agency.csv dòng 2, cột lead_agency" in err and "Traceback" not in err


def test_cli_csv_keeps_a_formula_as_text(tmp_path, monkeypatch):
    rows = pd.read_csv(task_catalog.TASKS_FILE, dtype=str, keep_default_na=False)
    rows.loc[0, "summary_en"] = '=HYPERLINK("http://example.com","x")'
    path = tmp_path / "tasks.csv"
    rows.to_csv(path, index=False)
    monkeypatch.setattr(task_catalog, "TASKS_FILE", path)
    code, out, _ = _cli("tasks", "--format", "csv")
    frame = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    assert code == 0 and frame.loc[0, "summary_en"].startswith("'=HYPERLINK")


# --- the files' checks: each small bad file is refused for its defect ------------------------

DEFECTS = [
    # (which file: tasks, links or duties; the small bad file, named for its defect; row, column)
    ("tasks", "missing-column.csv", 1, "(tiêu đề/header)"),
    ("tasks", "leading-space-in-cell.csv", 5, "lead_agency"),
    ("tasks", "empty-text.csv", 3, "text_vi"),
    ("tasks", "task-id-not-plan-numbering.csv", 4, "task_id"),
    ("tasks", "tasks-out-of-order.csv", 5, "task_id"),
    ("tasks", "duplicate-task-id.csv", 5, "task_id"),
    ("tasks", "unknown-lead-agency.csv", 2, "lead_agency"),
    ("tasks", "todays-agency-as-lead.csv", 5, "lead_agency"),
    ("tasks", "lead-repeated-as-cooperating.csv", 5, "cooperating_agencies"),
    ("tasks", "deliverable-not-in-text.csv", 5, "deliverable_vi"),
    ("tasks", "deliverable-without-english.csv", 2, "deliverable_en"),
    ("tasks", "deadline-after-plan.csv", 4, "deadline"),
    ("tasks", "deadline-not-in-words.csv", 4, "deadline"),
    ("tasks", "deadline-without-words.csv", 4, "deadline_vi"),
    ("links", "link-words-not-in-task-text.csv", 3, "words_vi"),
    ("links", "link-not-in-tasks-clause.csv", 3, "indicator_id"),
    ("links", "link-unknown-task.csv", 3, "task_id"),
    ("links", "link-unknown-indicator.csv", 3, "indicator_id"),
    ("links", "duplicate-link.csv", 3, "indicator_id"),
    ("duties", "duty-year-not-in-text.csv", 2, "year"),
    ("duties", "year-on-annual-duty.csv", 3, "year"),
    ("duties", "unknown-recurrence.csv", 3, "recurrence"),
    ("duties", "clause-outside-section-iv.csv", 2, "clause"),
    ("duties", "duty-id-not-snake-case.csv", 2, "duty_id"),
    ("duties", "note-without-english.csv", 4, "note"),
    ("duties", "unknown-duty-agency.csv", 2, "lead_agency"),
]
LOADERS = {
    "tasks": lambda path: tasks.load_tasks(tasks_path=path),
    "links": lambda path: tasks.load_tasks(links_path=path),
    "duties": tasks.load_duties,
}


@pytest.mark.parametrize(("which", "name", "line", "column"), DEFECTS, ids=[d[1] for d in DEFECTS])
def test_a_bad_file_is_refused_for_its_defect_by_row_and_column(which, name, line, column):
    with pytest.raises(tasks.TaskCatalogError) as err:
        LOADERS[which](FIXTURES / name)
    problems = err.value.problems
    assert len(problems) == 1, problems
    assert f"{name} dòng {line}, cột {column}:" in problems[0]
    assert f"{name} row {line}, column {column}:" in problems[0]


def test_the_valid_small_files_pass():
    rows = pd.read_csv(FIXTURES / "valid-tasks.csv", dtype=str, keep_default_na=False)
    task_catalog.validate_tasks(
        rows, "valid-tasks.csv", task_catalog.plan_agency_ids(agencies.load_register())
    )
    assert len(tasks.load_tasks(links_path=FIXTURES / "valid-links.csv")) == 62
    duties = plan_duties.load_duties(FIXTURES / "valid-duties.csv")
    assert [(m.duty.duty_id, m.year) for m in tasks.milestones(duties)][0] == (
        "annual_report",
        2022,
    )


def test_a_deadline_message_says_what_to_do():
    with pytest.raises(tasks.TaskCatalogError, match="is not a year from 2020 to 2030"):
        tasks.load_tasks(tasks_path=FIXTURES / "deadline-after-plan.csv")


def test_a_catalog_clause_naming_no_task_is_reported_on_indicators_csv(tmp_path):
    rows = pd.read_csv(task_catalog.TASKS_FILE, dtype=str, keep_default_na=False)
    path = tmp_path / "tasks.csv"
    rows[rows["task_id"] != "8.9.b"].to_csv(path, index=False)
    with pytest.raises(tasks.TaskCatalogError) as err:
        tasks.load_tasks(tasks_path=path)
    assert err.value.problems == (
        "indicators.csv dòng 25, cột tasks_clause: 'III.8.9.b' không phải nhiệm vụ của tasks.csv;"
        " sửa theo số mục của Kế hoạch / indicators.csv row 25, column tasks_clause: 'III.8.9.b'"
        " is not a task of tasks.csv; correct it to the plan's numbering",
    )


def test_the_bundled_files_are_valid():
    assert len(tasks.load_tasks()) == 62
    assert len(tasks.load_duties()) == 16
