"""Agencies over time: the register, who answers for each plan agency on a date, the CLI, and the
agency text the catalog, the meeting slides and the export show."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ttx_data import __main__ as cli
from ttx_data import agencies, catalog, export, meeting, scorecard
from ttx_data.paths import PROJECT_ROOT
from ttx_data.ui.catalog_table import catalog_table

NEW_YEAR_2026 = dt.date(2026, 1, 1)

# Who answers for every agency the plan names on 1/1/2026, written out by hand from
# admin2025/SOURCES.md and ADMIN_CHANGES.md: (current agencies, every step sourced?).
SUCCESSORS_ON_2026_01_01 = {
    "so_ke_hoach_dau_tu": (("so_tai_chinh_bac_ninh",), True),
    "so_tai_chinh": (("so_tai_chinh_bac_ninh",), True),
    "so_cong_thuong": (("so_cong_thuong_bac_ninh",), False),
    "so_tai_nguyen_moi_truong": (("so_nong_nghiep_moi_truong_bac_ninh",), False),
    "so_nong_nghiep_ptnt": (("so_nong_nghiep_moi_truong_bac_ninh",), False),
    "so_xay_dung": (("so_xay_dung_bac_ninh",), False),
    "so_giao_thong_van_tai": (("so_xay_dung_bac_ninh",), False),
    "so_khoa_hoc_cong_nghe": (("so_khoa_hoc_cong_nghe_bac_ninh",), False),
    "so_thong_tin_truyen_thong": (("so_khoa_hoc_cong_nghe_bac_ninh",), False),
    "so_y_te": (("so_y_te_bac_ninh",), False),
    "so_lao_dong_tbxh": (("so_noi_vu_bac_ninh",), False),
    "so_giao_duc_dao_tao": (("so_giao_duc_dao_tao_bac_ninh",), False),
    "so_van_hoa_the_thao_du_lich": (("so_van_hoa_the_thao_du_lich_bac_ninh",), False),
    "so_noi_vu": (("so_noi_vu_bac_ninh",), False),
    "so_ngoai_vu": (("van_phong_ubnd_tinh_bac_ninh",), False),
    "ban_quan_ly_kcn": (("ban_quan_ly_kcn",), True),
    "ngan_hang_nha_nuoc": (("ngan_hang_nha_nuoc",), True),
    "dai_phat_thanh_truyen_hinh": (("dai_phat_thanh_truyen_hinh",), True),
    "bao_bac_giang": (("bao_bac_giang",), True),
    "ubnd_huyen": (("ubnd_xa_phuong",), False),
    "ubnd_tp_bac_giang": (("ubnd_xa_phuong",), False),
    "uy_ban_mttq_tinh": (("uy_ban_mttq_tinh",), True),
}


def test_the_table_covers_every_agency_the_plan_names():
    assert set(agencies.load_register().plan_agencies()) == set(SUCCESSORS_ON_2026_01_01)


@pytest.mark.parametrize(("plan_agency", "expected"), SUCCESSORS_ON_2026_01_01.items())
def test_successor_of_every_plan_agency_on_2026_01_01(plan_agency, expected):
    found = agencies.successor(plan_agency, NEW_YEAR_2026)
    assert (found.current, found.verified) == expected


@pytest.mark.parametrize(
    ("on", "current", "steps"),
    [
        (dt.date(2025, 2, 28), ("so_ke_hoach_dau_tu",), ()),
        (dt.date(2025, 3, 1), ("so_tai_chinh",), (dt.date(2025, 3, 1),)),
        (dt.date(2025, 6, 30), ("so_tai_chinh",), (dt.date(2025, 3, 1),)),
        (
            dt.date(2025, 7, 1),
            ("so_tai_chinh_bac_ninh",),
            (dt.date(2025, 3, 1), dt.date(2025, 7, 1)),
        ),
    ],
)
def test_the_plans_standing_body_is_followed_along_its_chain(on, current, steps):
    found = agencies.successor("so_ke_hoach_dau_tu", on)
    assert found.current == current
    assert tuple(step.effective for step in found.steps) == steps
    assert found.verified


def test_district_committees_hand_over_to_the_communes_from_1_7_2025_unverified():
    assert agencies.successor("ubnd_huyen", dt.date(2025, 6, 30)).current == ("ubnd_huyen",)
    found = agencies.successor("ubnd_huyen", dt.date(2025, 7, 1))
    assert found.current == ("ubnd_xa_phuong",)
    assert [step.kind for step in found.steps] == ["split_into"]
    assert not found.verified


def test_labour_department_merger_is_unverified_and_lists_duties_handed_elsewhere():
    found = agencies.successor("so_lao_dong_tbxh", dt.date(2025, 3, 1))
    assert found.current == ("so_noi_vu",)
    assert not found.verified
    assert {step.to_agency for step in found.duties} == {"so_y_te", "so_giao_duc_dao_tao"}


def test_unknown_agency_is_a_clear_error():
    with pytest.raises(KeyError, match="so_khong_co"):
        agencies.successor("so_khong_co", NEW_YEAR_2026)


def test_agencies_that_exist_on_a_date():
    before = set(agencies.agencies_on(dt.date(2025, 2, 28))["agency_id"])
    after = set(agencies.agencies_on(dt.date(2025, 3, 1))["agency_id"])
    today = set(agencies.agencies_on(NEW_YEAR_2026)["agency_id"])
    assert "so_ke_hoach_dau_tu" in before and "so_ke_hoach_dau_tu" not in after
    assert "so_nong_nghiep_moi_truong" in after and "so_nong_nghiep_moi_truong" not in before
    assert "so_tai_chinh_bac_ninh" in today and "so_tai_chinh" not in today
    assert "ubnd_huyen" not in today and "ubnd_xa_phuong" in today
    register = agencies.load_register()  # the same answer, remembered per day for option lists
    for day, found in ((dt.date(2025, 2, 28), before), (dt.date(2025, 3, 1), after)):
        assert register.ids_on(day) == found and register.ids_on(day) == found


def test_an_agency_is_named_in_either_language_from_the_register():
    register = agencies.load_register()
    rows = register.agencies
    for agency_id in rows.index:
        assert register.name(agency_id, "vi") == rows.at[agency_id, "name_vi"]
        english = rows.at[agency_id, "name_en"] or rows.at[agency_id, "name_vi"]
        assert register.name(agency_id, "en") == english
    assert register.name("so_tai_chinh_bac_ninh", "en").startswith("Department of Finance")
    with pytest.raises(KeyError):
        register.name("so_khong_co")


@pytest.mark.parametrize(
    ("agency", "lang", "on", "text"),
    [
        (
            "so_ke_hoach_dau_tu",
            "vi",
            NEW_YEAR_2026,
            "Sở Kế hoạch và Đầu tư (nay: Sở Tài chính tỉnh Bắc Ninh)",
        ),
        (
            "so_ke_hoach_dau_tu",
            "en",
            NEW_YEAR_2026,
            "Department of Planning and Investment (now: Department of Finance of Bắc Ninh"
            " province)",
        ),
        ("so_ke_hoach_dau_tu", "vi", dt.date(2025, 2, 28), "Sở Kế hoạch và Đầu tư"),
        (
            "so_ke_hoach_dau_tu",
            "vi",
            dt.date(2025, 3, 1),
            "Sở Kế hoạch và Đầu tư (nay: Sở Tài chính)",
        ),
        (
            "ubnd_huyen",
            "vi",
            NEW_YEAR_2026,
            "UBND các huyện, thành phố (nay: UBND các xã, phường, chưa xác minh)",
        ),
        (
            "so_ngoai_vu",
            "en",
            dt.date(2025, 3, 1),
            "Department of Foreign Affairs (now: Office of the Provincial People's Committee,"
            " unverified)",
        ),
        ("bao_bac_giang", "vi", NEW_YEAR_2026, "Báo Bắc Giang"),
    ],
)
def test_responsible_text(agency, lang, on, text):
    assert agencies.responsible_text(agency, lang, on) == text


@pytest.mark.parametrize(
    ("agency", "lang", "on", "text"),
    [
        # merged: today's agency first, the plan's in brackets
        ("so_ke_hoach_dau_tu", "vi", NEW_YEAR_2026,
         "Sở Tài chính tỉnh Bắc Ninh (KH: Sở Kế hoạch và Đầu tư)"),
        ("so_ke_hoach_dau_tu", "en", NEW_YEAR_2026,
         "Department of Finance of Bắc Ninh province (plan: Department of Planning and"
         " Investment)"),
        ("so_ke_hoach_dau_tu", "vi", dt.date(2025, 3, 1), "Sở Tài chính (KH: Sở Kế hoạch và Đầu tư)"),
        ("so_ke_hoach_dau_tu", "vi", dt.date(2025, 2, 28), "Sở Kế hoạch và Đầu tư"),  # not yet
        # unchanged: its name alone
        ("bao_bac_giang", "vi", NEW_YEAR_2026, "Báo Bắc Giang"),
        ("ngan_hang_nha_nuoc", "en", NEW_YEAR_2026, "State Bank of Vietnam, Bắc Giang branch"),
        # a hand-over not sourced: said so
        ("ubnd_huyen", "vi", NEW_YEAR_2026,
         "UBND các xã, phường (KH: UBND các huyện, thành phố; chưa xác minh)"),
        ("so_cong_thuong", "en", NEW_YEAR_2026,
         "Department of Industry and Trade of Bắc Ninh province (plan: Department of Industry"
         " and Trade; unverified)"),
    ],
)  # fmt: skip
def test_today_text_names_todays_agency_first(agency, lang, on, text):
    assert agencies.today_text(agency, lang, on) == text


def test_with_plan_names_every_plan_agency_in_brackets():
    assert agencies.with_plan("Sở Tài chính tỉnh Bắc Ninh", []) == "Sở Tài chính tỉnh Bắc Ninh"
    assert (
        agencies.with_plan("Sở Tài chính tỉnh Bắc Ninh", ["Sở Kế hoạch và Đầu tư", "Sở Tài chính"])
        == "Sở Tài chính tỉnh Bắc Ninh (KH: Sở Kế hoạch và Đầu tư; Sở Tài chính)"
    )
    assert agencies.with_plan("A", ["B"], verified=False, lang="en") == "A (plan: B; unverified)"


# --- the register's checks ---------------------------------------------------------------


def _files(tmp_path, edit_agencies=None, edit_successions=None):
    rows = pd.read_csv(catalog.AGENCIES_FILE, dtype=str, keep_default_na=False)
    links = pd.read_csv(agencies.SUCCESSIONS_FILE, dtype=str, keep_default_na=False)
    if edit_agencies:
        edit_agencies(rows)
    if edit_successions:
        edit_successions(links)
    a, s = tmp_path / "agencies.csv", tmp_path / "agency_successions.csv"
    rows.to_csv(a, index=False)
    links.to_csv(s, index=False)
    return a, s


def _cell(row, column, value):
    def edit(frame):
        frame.loc[row, column] = value

    return edit


def _by_id(agency_id, column, value):
    def edit(frame):
        frame.loc[frame["agency_id"] == agency_id, column] = value

    return edit


BAD_REGISTERS = [
    ("kind", _cell(0, "kind", "cuc"), None, "agencies.csv row 2, column kind"),
    ("in_plan", _cell(1, "in_plan", "yes"), None, "agencies.csv row 3, column in_plan"),
    (
        "valid_to date",
        _cell(2, "valid_to", "30/6/2025"),
        None,
        "agencies.csv row 4, column valid_to",
    ),
    (
        "valid_from after valid_to",
        _cell(2, "valid_from", "2026-01-01"),
        None,
        "agencies.csv row 4, column valid_to",
    ),
    (
        "unknown successor",
        None,
        _cell(0, "to_agency", "so_khong_co"),
        "agency_successions.csv row 2, column to_agency",
    ),
    (
        "effective date",
        None,
        _cell(1, "effective", "2025-3-1"),
        "agency_successions.csv row 3, column effective",
    ),
    (
        "succession kind",
        None,
        _cell(0, "kind", "absorbed"),
        "agency_successions.csv row 2, column kind",
    ),
    ("no basis", None, _cell(0, "basis", ""), "agency_successions.csv row 2, column basis"),
    (
        "verified",
        None,
        _cell(0, "verified", "yes"),
        "agency_successions.csv row 2, column verified",
    ),
    (
        "effective not the day after valid_to",
        None,
        _cell(0, "effective", "2025-04-01"),
        "agency_successions.csv row 2, column effective",
    ),
    (
        "successor not yet in existence",
        _by_id("so_tai_chinh_bac_ninh", "valid_from", "2025-08-01"),
        None,
        "agency_successions.csv row 11, column to_agency",
    ),
]


@pytest.mark.parametrize(
    ("edit_agencies", "edit_successions", "where"),
    [case[1:] for case in BAD_REGISTERS],
    ids=[case[0] for case in BAD_REGISTERS],
)
def test_a_broken_register_says_what_and_where(tmp_path, edit_agencies, edit_successions, where):
    a, s = _files(tmp_path, edit_agencies, edit_successions)
    with pytest.raises(catalog.CatalogError) as err:
        agencies.load_register(a, s)
    assert where in str(err.value)
    assert "dòng" in str(err.value)


def test_register_without_history_columns_is_refused(tmp_path):
    rows = pd.read_csv(catalog.AGENCIES_FILE, dtype=str, keep_default_na=False)
    rows[list(catalog.NAME_COLUMNS)].to_csv(tmp_path / "agencies.csv", index=False)
    with pytest.raises(catalog.CatalogError, match="the register needs the header"):
        agencies.load_register(tmp_path / "agencies.csv")


def test_catalog_still_reads_a_snapshots_agencies_without_history_columns(tmp_path):
    rows = pd.read_csv(catalog.AGENCIES_FILE, dtype=str, keep_default_na=False)
    plan = rows[rows["in_plan"] == "true"][list(catalog.NAME_COLUMNS)]
    plan.to_csv(tmp_path / "agencies.csv", index=False)
    assert len(catalog.load_catalog(catalog.INDICATORS_FILE, tmp_path / "agencies.csv")) == 24


def test_a_todays_agency_cannot_lead_a_plan_target(tmp_path):
    rows = pd.read_csv(catalog.INDICATORS_FILE, dtype=str, keep_default_na=False)
    rows.loc[0, "lead_agency"] = "so_tai_chinh_bac_ninh"
    rows.to_csv(tmp_path / "indicators.csv", index=False)
    with pytest.raises(catalog.CatalogError, match="in_plan = true"):
        catalog.load_catalog(tmp_path / "indicators.csv")


# --- where the app names a responsible agency ----------------------------------------------

KHDT_2026_VI = "Sở Kế hoạch và Đầu tư (nay: Sở Tài chính tỉnh Bắc Ninh)"


def test_catalog_table_names_the_plans_agency_and_todays():
    table = catalog_table("vi", PROJECT_ROOT / "data", on=NEW_YEAR_2026).set_index("id")
    lead = table.columns[6]
    assert table.loc["t11_green_public_procurement_share", lead] == KHDT_2026_VI
    assert KHDT_2026_VI in table.loc["t01_electricity_intensity"].iloc[7]


def test_meeting_lead_names_todays_agency_first():
    card = scorecard.load_scorecard().set_index("indicator_id", drop=False)
    row = card.loc["t11_green_public_procurement_share"]
    line = meeting.target_line(row, "vi", on=NEW_YEAR_2026)
    assert line.lead_agency == "Sở Tài chính tỉnh Bắc Ninh (KH: Sở Kế hoạch và Đầu tư)"
    english = meeting.target_line(row, "en", on=NEW_YEAR_2026)
    assert english.lead_agency == (
        "Department of Finance of Bắc Ninh province (plan: Department of Planning and Investment)"
    )
    before = meeting.target_line(row, "vi", on=dt.date(2025, 2, 1))
    assert before.lead_agency == "Sở Kế hoạch và Đầu tư"


def test_export_lead_agency_names_todays_agency(tiny_data_dir):
    data = export.dataset_workbook(directory=tiny_data_dir, lang="en")
    sheet = pd.read_excel(io.BytesIO(data), sheet_name="Indicator catalog")
    lead = sheet.set_index(sheet.columns[0]).loc["t11_green_public_procurement_share"]
    assert (
        "Department of Planning and Investment (now: Department of Finance of Bắc Ninh province)"
        in lead.tolist()
    )


def test_catalog_page_shows_todays_agency():
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.query_params["lang"] = "vi"
    app.run()
    app.switch_page("pages/indicator_catalog.py").run()
    assert not app.exception
    shown = app.dataframe[0].value
    assert (
        shown.apply(lambda col: col.astype(str).str.contains("(nay: Sở Tài chính", regex=False))
        .any()
        .any()
    )


# --- the command line ----------------------------------------------------------------------


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ttx_data", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        check=False,
    )


def test_cli_agencies_on_a_date():
    frame = cli.agencies_frame(NEW_YEAR_2026)
    assert list(frame.columns) == ["code", "name", "kind", "valid_from", "valid_to"]
    assert "so_tai_chinh_bac_ninh" in set(frame["code"])
    assert "so_ke_hoach_dau_tu" not in set(frame["code"])


def test_cli_successors_csv():
    done = _run("agencies", "--successors", "--as-of", "2026-01-01", "--format", "csv")
    assert done.returncode == 0, done.stderr
    frame = pd.read_csv(io.StringIO(done.stdout), dtype=str, keep_default_na=False)
    assert list(frame.columns) == [
        "plan_agency_code", "plan_agency", "current_agency_code", "current_agency", "basis",
        "verified",
    ]  # fmt: skip
    by_code = frame.set_index("plan_agency_code")
    assert len(by_code) == len(SUCCESSORS_ON_2026_01_01)
    for code, (current, verified) in SUCCESSORS_ON_2026_01_01.items():
        assert by_code.loc[code, "current_agency_code"] == ";".join(current)
        assert by_code.loc[code, "verified"] == str(verified).lower()
    assert by_code.loc["so_ke_hoach_dau_tu", "current_agency"] == "Sở Tài chính tỉnh Bắc Ninh"
    assert "Nghị định 45/2025/NĐ-CP" in by_code.loc["so_ke_hoach_dau_tu", "basis"]


def test_cli_agencies_csv_and_bad_date():
    done = _run("agencies", "--as-of", "2025-02-28", "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert "so_ke_hoach_dau_tu,Sở Kế hoạch và Đầu tư,so,,2025-02-28" in done.stdout
    bad = _run("agencies", "--as-of", "28/02/2025")
    assert bad.returncode == 2
    assert "không phải ngày YYYY-MM-DD" in bad.stderr and "is not a YYYY-MM-DD date" in bad.stderr


def test_the_bundled_register_is_valid():
    register = agencies.load_register()
    assert len(register.successions) > 0
