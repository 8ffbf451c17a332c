"""The reporting regime: who reports each figure on a date, at which level, for which areas, by
which cut-off and deadline; hand-worked from the catalog, the agency register and the places
register; and a broken regime file said row by row, column by column."""

from __future__ import annotations

import datetime as dt
import shutil

import pandas as pd
import pytest

from ttx_data import agencies
from ttx_data.agencies.succession import Succession
from ttx_data.reporting import regime

ON = dt.date(2026, 11, 29)
AGRICULTURE_TODAY = "so_nong_nghiep_moi_truong_bac_ninh"


def _rule(indicator_id: str, on: dt.date = ON, **kwargs) -> regime.ReportingRule:
    return next(r for r in regime.rules(on, **kwargs) if r.indicator_id == indicator_id)


@pytest.mark.parametrize(
    ("on", "agency_id"),
    [
        # Sở NN&PTNT -> Sở NN&MT (1/3/2025) -> Sở NN&MT tỉnh Bắc Ninh (1/7/2025)
        (dt.date(2024, 6, 1), "so_nong_nghiep_ptnt"),
        (dt.date(2025, 2, 28), "so_nong_nghiep_ptnt"),
        (dt.date(2025, 3, 1), "so_nong_nghiep_moi_truong"),
        (dt.date(2025, 7, 1), AGRICULTURE_TODAY),
        (ON, AGRICULTURE_TODAY),
    ],
)
def test_who_reports_certified_forest_follows_the_lead_agency_through_the_register(on, agency_id):
    rule = _rule("t05b_certified_forest_area", on)
    assert rule.plan_agency_id == "so_nong_nghiep_ptnt"
    assert rule.agency_id == agency_id


def test_planning_indicators_go_to_todays_finance_department_by_a_sourced_chain():
    for indicator_id in ("t11_green_public_procurement_share", "t13_hdi"):
        rule = _rule(indicator_id)
        assert (rule.plan_agency_id, rule.agency_id) == (
            "so_ke_hoach_dau_tu",
            "so_tai_chinh_bac_ninh",
        )
        assert rule.verified
    assert not _rule("t01_electricity_intensity").verified  # Sở CT -> Bắc Ninh: not sourced


def test_milestones_are_not_reported_as_figures_every_other_indicator_is():
    ids = [r.indicator_id for r in regime.rules(ON)]
    assert "t12_city_green_growth_scheme" not in ids and "t14_air_quality_plan" not in ids
    assert (
        len(ids) == 22
        and ids[0] == "t01_electricity_intensity"
        and ids[-1] == "s89_plastic_bag_reduction"
    )


@pytest.mark.parametrize(
    ("indicator_id", "period", "levels"),
    [
        ("t01_electricity_intensity", "2024", ("province",)),  # not followed by district
        ("t01_electricity_intensity", "2026", ("province",)),
        ("t05b_certified_forest_area", "2024", ("province", "district")),
        ("t05b_certified_forest_area", "2025", ("province", "district")),  # districts till 30/6
        ("t05b_certified_forest_area", "2026", ("commune",)),  # rolled up: sum
        ("t15a_clean_water_total_share", "2026", ("commune",)),  # weighted by population
        ("t04a_hightech_agriculture_share", "2025", ("province", "district")),
        ("t04a_hightech_agriculture_share", "2026", ("province",)),  # rollup none
    ],
)
def test_levels_by_period(indicator_id, period, levels):
    assert _rule(indicator_id).levels(period) == levels


def test_areas_of_each_level():
    assert [(a.code, a.name_vi) for a in regime.areas("province", "2024")] == [
        ("24", "Tỉnh Bắc Giang")
    ]
    assert regime.areas("province", "2025")[0].name_vi.startswith("Tỉnh Bắc Ninh")
    districts = [a.code for a in regime.areas("district", "2024")]
    assert districts == ["213", "215", "216", "217", "218", "219", "220", "221", "222", "223"]
    # Yên Dũng (221) joined TP Bắc Giang on 1/1/2025: nobody reports it for 2025
    assert [a.code for a in regime.areas("district", "2025")] == [
        c for c in districts if c != "221"
    ]
    assert regime.areas("district", "2026") == []
    communes = regime.areas("commune", "2026")
    assert len(communes) == 58 and "07228" in {a.code for a in communes}  # phường Đa Mai


def test_cutoff_and_deadline_of_a_period():
    rule = _rule("t13_hdi")
    assert rule.cutoff_date("2026") == dt.date(2026, 12, 31)
    assert rule.deadline_date("2026") == dt.date(2027, 1, 15)
    assert regime.period_deadline("2026", ON) == dt.date(2027, 1, 15)
    assert regime.period_deadline(2024, ON) == dt.date(2025, 1, 15)


def _regime_copy(tmp_path, edit) -> object:
    path = tmp_path / "reporting_regime.csv"
    shutil.copyfile(regime.REGIME_FILE, path)
    rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    edited = edit(rows)
    (rows if edited is None else edited).to_csv(path, index=False)
    return path


def test_a_deadline_before_the_year_end_falls_in_the_same_year(tmp_path):
    def edit(rows):
        rows.loc[rows["indicator_id"] == "t13_hdi", ["cutoff", "deadline"]] = ["12-14", "12-20"]

    path = _regime_copy(tmp_path, edit)
    rule = _rule("t13_hdi", path=path)
    assert rule.cutoff_date("2026") == dt.date(2026, 12, 14)
    assert rule.deadline_date("2026") == dt.date(2026, 12, 20)


def test_a_deadline_on_the_cutoff_day_is_a_year_later(tmp_path):
    def edit(rows):
        rows.loc[rows["indicator_id"] == "t13_hdi", ["cutoff", "deadline"]] = ["12-20", "12-20"]

    assert _rule("t13_hdi", path=_regime_copy(tmp_path, edit)).deadline_date(2026) == dt.date(
        2027, 12, 20
    )


def test_a_reporter_other_than_the_lead_agency_is_followed_to_today(tmp_path):
    def edit(rows):
        row = rows["indicator_id"] == "t15a_clean_water_total_share"
        rows.loc[row, ["reporter", "note"]] = [
            "so_y_te",
            "Y tế giám sát nước sạch / Health monitors water",
        ]

    rule = _rule("t15a_clean_water_total_share", path=_regime_copy(tmp_path, edit))
    assert (rule.plan_agency_id, rule.agency_id) == ("so_y_te", "so_y_te_bac_ninh")


def test_an_agency_split_in_two_needs_a_named_reporter(monkeypatch):
    def split(agency_id, on, register=None):
        return Succession(agency_id, on, ("so_a", "so_b"), ())

    monkeypatch.setattr(agencies, "successor", split)
    with pytest.raises(regime.RegimeError, match="reporter"):
        regime.rules(ON)


def test_expected_reports_hand_counted():
    reports = regime.expected_reports("2026", ON)
    assert list(reports.columns) == ["agency_id", "indicator_id", "level", "deadline", "areas"]
    assert reports.groupby("agency_id").size().to_dict() == {
        "so_cong_thuong_bac_ninh": 4,  # t01, t02, t07 (province only from 2026), s89
        "so_khoa_hoc_cong_nghe_bac_ninh": 1,  # t03
        AGRICULTURE_TODAY: 13,  # t04a-e, t05a-b, t06, t08, t09, t15a-c
        "so_tai_chinh_bac_ninh": 2,  # t11, t13
        "so_xay_dung_bac_ninh": 2,  # t10a, t10b
    }
    mine = reports[reports["agency_id"] == AGRICULTURE_TODAY]
    # t05a, t05b and t15a by the 58 communes, the 10 others for the province
    assert mine["areas"].sum() == 3 * 58 + 10
    assert set(mine.loc[mine["level"] == "commune", "indicator_id"]) == {
        "t05a_forest_cover", "t05b_certified_forest_area", "t15a_clean_water_total_share",
    }  # fmt: skip
    assert (reports["deadline"] == dt.date(2027, 1, 15)).all()
    reports = regime.expected_reports("2024", ON)
    mine = reports[reports["agency_id"] == AGRICULTURE_TODAY]
    # 11 indicators by district (province + 10 districts), t04b and t04c for the province
    assert len(mine) == 11 * 2 + 2 and mine["areas"].sum() == 11 * 11 + 2


def test_rules_for_an_agency():
    assert [r.indicator_id for r in regime.rules_for("so_xay_dung_bac_ninh", "2026", ON)] == [
        "t10a_urban_wastewater_city_grade4_share",
        "t10b_urban_wastewater_other_share",
    ]
    assert regime.rules_for("bao_bac_giang", "2026", ON) == []
    assert regime.rules_for("so_xay_dung", "2026", ON) == []  # no longer exists
    with pytest.raises(regime.AgencyError, match="Không có cơ quan 'so_khong_co'.*Unknown agency"):
        regime.rules_for("so_khong_co", "2026", ON)


@pytest.mark.parametrize("period", ["2019", "2031", "26", "2026-1", "năm 2026", "", "２０２６"])
def test_a_period_outside_the_plan_is_said_in_both_languages(period):
    with pytest.raises(regime.PeriodError, match="Kỳ báo cáo .* không hợp lệ.*Reporting period"):
        regime.parse_period(period)


def test_recipient_is_the_standing_body_today():
    assert regime.recipient(ON) == "so_tai_chinh_bac_ninh"
    assert regime.recipient(dt.date(2024, 1, 1)) == "so_ke_hoach_dau_tu"


def test_the_bundled_regime_is_valid_and_lists_no_milestone():
    rows = regime.load_regime()
    assert list(rows.columns) == list(regime.COLUMNS)
    assert rows["indicator_id"].is_unique and len(rows) == 22


BROKEN = [
    ("unknown indicator", lambda r: r.__setitem__("indicator_id", r["indicator_id"].replace("t13_hdi", "t13_hdl")),
     ["dòng 19, cột indicator_id: 't13_hdl' không có trong danh mục", "row 19, column indicator_id: 't13_hdl' is not in the catalog",
      "thiếu chỉ tiêu t13_hdi"]),
    ("milestone", lambda r: r.loc.__setitem__((0, "indicator_id"), "t14_air_quality_plan"),
     ["dòng 2, cột indicator_id: 't14_air_quality_plan' là mục tiêu mốc", "is a milestone"]),
    ("duplicate", lambda r: r.loc.__setitem__((1, "indicator_id"), "t01_electricity_intensity"),
     ["dòng 3, cột indicator_id: 't01_electricity_intensity' trùng với dòng 2", "duplicates row 2"]),
    ("frequency", lambda r: r.loc.__setitem__((2, "frequency"), "monthly"),
     ["dòng 4, cột frequency: 'monthly' không hợp lệ", "use one of: annual"]),
    ("month-day", lambda r: r.loc.__setitem__((3, "deadline"), "13-01"),
     ["dòng 5, cột deadline: '13-01' không phải tháng-ngày MM-DD", "is not a month-day MM-DD"]),
    ("blank cutoff", lambda r: r.loc.__setitem__((4, "cutoff"), ""),
     ["dòng 6, cột cutoff: ô trống", "row 6, column cutoff: the cell is empty"]),
    ("reporter unknown", lambda r: r.loc.__setitem__((5, "reporter"), "so_khong_co"),
     ["dòng 7, cột reporter: 'so_khong_co' không có trong sổ cơ quan", "dòng 7, cột note: ghi lý do"]),
    ("share range", lambda r: r.loc.__setitem__((6, "plausible_max"), "120"),
     ["dòng 8, cột plausible_max: 120 nằm ngoài giới hạn của đơn vị pct (từ 0 đến 100)", "outside the limits of unit pct (from 0 to 100)"]),
    ("min above max", lambda r: r.loc.__setitem__((17, "plausible_min"), "0.96"),
     ["dòng 19, cột plausible_max: 0.95 không lớn hơn plausible_min 0.96"]),
    ("factor", lambda r: r.loc.__setitem__((8, "max_change_factor"), "0.9"),
     ["dòng 10, cột max_change_factor: '0.9' phải là số lớn hơn 1", "must be a number above 1"]),
    ("spaces", lambda r: r.loc.__setitem__((9, "note"), " x"),
     ["dòng 11, cột note: ' x' có khoảng trắng"]),
]  # fmt: skip


@pytest.mark.parametrize(("name", "edit", "messages"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_regime_file_says_what_where_and_how(tmp_path, name, edit, messages):
    path = _regime_copy(tmp_path, edit)
    with pytest.raises(regime.RegimeError) as raised:
        regime.load_regime(path)
    text = str(raised.value)
    assert text.startswith("reporting_regime.csv: ")
    for message in messages:
        assert message in text


def test_a_regime_file_with_another_header_is_refused(tmp_path):
    path = _regime_copy(tmp_path, lambda rows: rows.rename(columns={"deadline": "due"}))
    with pytest.raises(regime.RegimeError, match="tiêu đề phải là: indicator_id, frequency"):
        regime.load_regime(path)
