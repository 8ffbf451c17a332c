"""Places over time: the register of units, the crosswalk to the plan's districts and the
roll-up of commune figures (issue 10, points 2, 3 and the units half of 6)."""

from __future__ import annotations

import csv
import io
import math
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest

from ttx_data import catalog, geography, places
from ttx_data.__main__ import main

PLAN = geography.district_codes()


def _codes(day: str, level: str = "district") -> set[str]:
    return {u.code for u in places.units_on(day, level=level)}


# --- register ---------------------------------------------------------------------------------


def test_2024_06_01_has_the_ten_plan_districts_with_yen_dung_and_without_chu():
    assert _codes("2024-06-01") == set(PLAN)
    assert "221" in _codes("2024-06-01") and "224" not in _codes("2024-06-01")
    assert _codes("2024-06-01", "commune") == set()
    (province,) = places.units_on("2024-06-01", level="province")
    assert (province.code, province.name_vi) == ("24", "Tỉnh Bắc Giang")


def test_2025_03_01_has_chu_and_not_yen_dung():
    found = _codes("2025-03-01")
    assert "224" in found and "221" not in found
    assert found == (set(PLAN) - {"221"}) | {"224"}
    chu = places.unit("224")
    assert chu.plan_district_codes == ("219",)
    assert (str(chu.valid_from), str(chu.valid_to)) == ("2025-01-01", "2025-06-30")


def test_validity_edges_of_yen_dung_chu_and_the_communes():
    assert "221" in _codes("2024-12-31") and "224" not in _codes("2024-12-31")
    assert "221" not in _codes("2025-01-01") and "224" in _codes("2025-01-01")
    assert len(_codes("2025-06-30")) == 10 and _codes("2025-06-30", "commune") == set()
    assert _codes("2025-07-01") == set() and len(_codes("2025-07-01", "commune")) == 58


def test_viet_yen_is_a_huyen_then_a_thi_xa_with_the_same_code():
    assert places.unit("222", on="2024-01-31").kind == "huyện"
    assert places.unit("222", on="2024-02-01").kind == "thị xã"


def test_2026_01_01_has_the_58_communes_each_joined_to_a_plan_district():
    communes = places.units_on("2026-01-01", level="commune")
    assert len(communes) == 58
    assert {u.kind for u in communes} == {"xã", "phường"}
    assert sum(u.kind == "phường" for u in communes) == 13
    for u in communes:
        assert u.plan_district_codes and set(u.plan_district_codes) <= set(PLAN), u
        assert u.population > 0 and u.area_km2 > 0
    assert _codes("2026-01-01") == set()
    (province,) = places.units_on("2026-01-01", level="province")
    assert province.code == "24" and "Bắc Ninh" in province.name_vi
    every_district = {d for u in communes for d in u.plan_district_codes}
    assert every_district == set(PLAN)


def test_the_192_former_units_are_all_accounted_for():
    former = places.former_units()
    assert len(former) == 192 and former["old_code"].is_unique
    assert set(former["new_code"]) == {u.code for u in places.units_on("2026-01-01", "commune")}
    assert set(former["plan_district_code"]) == set(PLAN)  # late 2024: no 224, Yên Dũng 221 kept
    chu_communes = former[former["district_code_2025h1"] == "224"]
    assert len(chu_communes) and set(chu_communes["plan_district_code"]) == {"219"}


def test_da_mai_is_split_four_fifths_to_213_one_fifth_to_216():
    # 5 former units: Mỹ Độ, Song Mai, Đa Mai, Tân Mỹ (TP Bắc Giang 213) and Quế Nham (Tân Yên 216)
    assert places.plan_district_weights()[places.DA_MAI] == {
        "213": Fraction(4, 5),
        "216": Fraction(1, 5),
    }
    assert places.unit(places.DA_MAI).plan_district_codes == ("213", "216")
    # the two wards spanning TP Bắc Giang and Yên Dũng (visible only with the late-2024 districts)
    assert places.split_units() == {
        "07228": {"213": Fraction(4, 5), "216": Fraction(1, 5)},
        "07696": {"213": Fraction(1, 2), "221": Fraction(1, 2)},
        "07699": {"213": Fraction(1, 3), "221": Fraction(2, 3)},
    }
    for shares in places.plan_district_weights().values():
        assert sum(shares.values()) == 1
    assert "Đa Mai" in places.split_rule_text("vi") and "4/5" in places.split_rule_text("en")


def test_unknown_code_and_bad_date_say_how_to_fix():
    with pytest.raises(KeyError, match="no administrative unit '99999'"):
        places.unit("99999")
    with pytest.raises(ValueError, match="YYYY-MM-DD.*/.*YYYY-MM-DD"):
        places.units_on("1/7/2025")


# --- roll-up ----------------------------------------------------------------------------------


def _values(overrides: dict[str, float], default: float = 1.0, provenance: str = "official"):
    codes = [u.code for u in places.units_on("2026-01-01", "commune")]
    rows = [
        {"unit_code": c, "value": overrides.get(c, default), "provenance": provenance}
        for c in codes
    ]
    return pd.DataFrame(rows)


def _row(frame: pd.DataFrame, district: str) -> pd.Series:
    return frame.set_index("plan_district_code").loc[district]


BAC_GIANG, DA_MAI, TIEN_PHONG, TAN_TIEN = "07210", "07228", "07696", "07699"
TAN_YEN_WHOLE = {"07306": 1.0, "07330": 2.0, "07333": 3.0, "07339": 4.0, "07351": 5.0}


def test_sum_splits_da_mai_and_the_other_split_wards():
    values = _values({BAC_GIANG: 100, DA_MAI: 50, TIEN_PHONG: 20, TAN_TIEN: 30, **TAN_YEN_WHOLE})
    result = places.roll_up(values, "sum", "2025-12-31")
    # 213 = Bắc Giang 100 + Đa Mai 50 × 4/5 (40) + Tiền Phong 20 × 1/2 (10) + Tân Tiến 30 × 1/3 (10)
    assert _row(result, "213")["value"] == pytest.approx(160)
    # 216 = Đa Mai 50 × 1/5 (10) + Nhã Nam 1 + Phúc Hòa 2 + Quang Trung 3 + Tân Yên 4 + Ngọc Thiện 5
    assert _row(result, "216")["value"] == pytest.approx(25)
    # nothing lost or counted twice: the province total is the same either way
    assert result["value"].sum() == pytest.approx(values["value"].sum())
    assert "Tổng của 6 xã, phường" in _row(result, "216")["note"]
    assert "Phường Đa Mai" in _row(result, "216")["note"]
    assert set(result["plan_district_code"]) == set(PLAN)


def test_population_weighted_share_is_not_a_plain_average():
    # Tân Yên 216: Đa Mai 80 %, its five whole xã 90 %.
    # weights = population × share: Đa Mai 51,733 × 1/5 = 10,346.6; the five xã 33,127 + 24,998
    # + 30,398 + 50,732 + 56,702 = 195,957; total 206,303.6
    # value = (80 × 10,346.6 + 90 × 195,957) / 206,303.6 = 18,463,858 / 206,303.6 ≈ 89.49848
    # (a plain average of the six would be (80 + 5 × 90) / 6 ≈ 88.33)
    values = _values({DA_MAI: 80}, default=90)
    result = places.roll_up(values, "weighted_population", 2025, lang="en")
    assert _row(result, "216")["value"] == pytest.approx(18_463_858 / 206_303.6)
    assert _row(result, "216")["value"] == pytest.approx(89.49848, abs=1e-5)
    assert _row(result, "216")["note"].startswith("Population-weighted average of 6 communes")
    assert _row(result, "215")["value"] == pytest.approx(90)


def test_province_roll_up_takes_every_unit_whole():
    values = _values({BAC_GIANG: 100, DA_MAI: 50, TIEN_PHONG: 20, TAN_TIEN: 30}, default=1)
    values.loc[values["unit_code"] == DA_MAI, "provenance"] = "illustrative"
    total = places.roll_up_province(values, "sum", 2026, lang="en")
    # 100 + 50 + 20 + 30 + 54 other units × 1
    assert total["value"] == pytest.approx(254)
    assert (total["area_code"], total["provenance"], total["complete"]) == (
        "24",
        "illustrative",
        True,
    )
    assert total["note"].startswith("Sum of 58 communes and wards (from 1/7/2025) in the former")
    # population-weighted: Đa Mai counts whole (51,733 people), not split
    shares = places.roll_up_province(_values({DA_MAI: 80}, default=90), "weighted_population", 2026)
    people = sum(u.population for u in places.units_on("2026-01-01", level="commune"))
    assert shares["value"] == pytest.approx(90 - 10 * 51_733 / people)
    assert "địa bàn tỉnh Bắc Giang cũ" in shares["note"]
    with pytest.raises(places.RollupError):
        places.roll_up_province(values, "sum", 2025 - 1)


def test_area_weighted_share_follows_the_split():
    # TP Bắc Giang 213: Bắc Giang 40 % (23.23 km²), Đa Mai 30 % (33.1 × 4/5 = 26.48 km²),
    # Tiền Phong 20 % (30.7 × 1/2 = 15.35 km²), Tân Tiến 10 % (25.46 × 1/3 ≈ 8.48667 km²)
    # value = (929.2 + 794.4 + 307 + 84.8667) / 73.54667 ≈ 28.7635
    values = _values({BAC_GIANG: 40, DA_MAI: 30, TIEN_PHONG: 20, TAN_TIEN: 10})
    result = places.roll_up(values, "weighted_area", "2026-01-01")
    expected = (40 * 23.23 + 30 * 26.48 + 20 * 15.35 + 10 * 25.46 / 3) / (
        23.23 + 26.48 + 15.35 + 25.46 / 3
    )
    assert _row(result, "213")["value"] == pytest.approx(expected)
    assert _row(result, "213")["value"] == pytest.approx(28.7635, abs=1e-4)


def test_a_missing_commune_leaves_its_district_without_a_value():
    values = _values({})
    values = values[values["unit_code"] != "07306"]  # Nhã Nam (216) did not report
    result = places.roll_up(values, "sum", "2025-12-31")
    tan_yen = _row(result, "216")
    assert math.isnan(tan_yen["value"]) and not tan_yen["complete"]
    assert "07306" in tan_yen["note"] and "1 trong 6" in tan_yen["note"]
    assert _row(result, "213")["complete"] and _row(result, "213")["value"] == pytest.approx(
        1 + 4 / 5 + 1 / 2 + 1 / 3
    )
    # a blank value counts as missing too
    blank = _values({"07306": float("nan")})
    assert math.isnan(_row(places.roll_up(blank, "sum", 2025), "216")["value"])


def test_provenance_of_an_aggregate_is_the_weakest_input():
    values = _values({}, provenance="official")
    values.loc[values["unit_code"] == TAN_TIEN, "provenance"] = "estimate"
    values.loc[values["unit_code"] == TIEN_PHONG, "provenance"] = "reported"
    result = places.roll_up(values, "sum", 2025)
    assert _row(result, "213")["provenance"] == "estimate"  # Tân Tiến's estimate reaches 213
    assert _row(result, "221")["provenance"] == "estimate"  # and 221 (2/3 of it)
    assert _row(result, "216")["provenance"] == "official"
    assert places.weakest(["official", "illustrative", "reported"]) == "illustrative"


def test_rule_none_gives_no_value_and_says_why():
    result = places.roll_up(_values({}), "none", 2025)
    assert result["value"].isna().all() and not result["complete"].any()
    assert "không tổng hợp" in result["note"].iloc[0].lower()


def test_roll_up_follows_the_catalog_rule_of_an_indicator():
    forest = catalog.indicator("t05a_forest_cover")
    values = _values({BAC_GIANG: 40, DA_MAI: 30, TIEN_PHONG: 20, TAN_TIEN: 10})
    by_indicator = places.roll_up(values, forest, 2025)
    assert by_indicator.equals(places.roll_up(values, "weighted_area", 2025))


def test_roll_up_refuses_bad_input():
    with pytest.raises(places.RollupError, match="average.*not allowed"):
        places.roll_up(_values({}), "average", 2025)
    with pytest.raises(places.RollupError, match="before 1/7/2025"):
        places.roll_up(_values({}), "sum", "2025-06-30")
    old_code = pd.DataFrame([{"unit_code": "07201", "value": 1.0, "provenance": "official"}])
    with pytest.raises(places.RollupError, match=r"\['07201'\]"):
        places.roll_up(old_code, "sum", 2025)
    with pytest.raises(places.RollupError, match="provenance"):
        places.roll_up(_values({}, provenance="guess"), "sum", 2025)


# --- catalog ----------------------------------------------------------------------------------


def test_every_indicator_declares_its_roll_up_rule():
    rules = {i.indicator_id: i.rollup for i in catalog.indicators()}
    assert rules["t05b_certified_forest_area"] == "sum"
    assert rules["t05a_forest_cover"] == "weighted_area"
    assert rules["t15a_clean_water_total_share"] == "weighted_population"
    assert rules["t04a_hightech_agriculture_share"] == "none"  # share of output: no denominator
    assert set(rules.values()) <= set(places.RULES)
    for ind in catalog.indicators():
        assert (ind.rollup == "sum") == ind.is_total, ind.indicator_id


def _catalog_with(tmp_path: Path, index: int, **cells: str) -> Path:
    with open(catalog.INDICATORS_FILE, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[index].update(cells)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=catalog.COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "indicators.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("index", "rule", "message"),
    [
        (9, "weighted_area", "the unit ha adds up; set sum"),  # t05b, hectares
        (8, "sum", "the unit pct does not add up"),  # t05a, a share
        (0, "average", "'average' is not allowed"),
    ],
)
def test_catalog_rejects_a_rule_that_does_not_fit(tmp_path, index, rule, message):
    path = _catalog_with(tmp_path, index, rollup=rule)
    with pytest.raises(catalog.CatalogError, match=message) as error:
        catalog.load_catalog(path)
    assert f"dòng {index + 2}, cột rollup" in str(error.value)


# --- CLI --------------------------------------------------------------------------------------


def _cli_units(capsys, day: str) -> pd.DataFrame:
    assert main(["units", "--as-of", day, "--format", "csv"]) == 0
    text = capsys.readouterr().out
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def test_cli_units_prints_the_units_valid_on_a_date(capsys):
    before = _cli_units(capsys, "2024-06-01")
    assert list(before.columns) == list(places.UNIT_COLUMNS)
    assert set(before.loc[before["level"] == "district", "code"]) == set(PLAN)
    after = _cli_units(capsys, "2026-01-01")
    communes = after[after["level"] == "commune"]
    assert len(communes) == 58 and len(after) == 59
    da_mai = after.set_index("code").loc["07228"]
    assert (da_mai["name"], da_mai["kind"]) == ("Phường Đa Mai", "phường")
    assert da_mai["plan_district_codes"] == "213; 216"
    assert (da_mai["valid_from"], da_mai["valid_to"]) == ("2025-07-01", "")
    chu = _cli_units(capsys, "2025-03-01").set_index("code").loc["224"]
    assert (chu["plan_district_codes"], chu["valid_to"]) == ("219", "2025-06-30")


def test_cli_units_bad_date_exits_2_with_a_message_in_both_languages(capsys):
    with pytest.raises(SystemExit) as stopped:  # argparse refuses the date, as for `agencies`
        main(["units", "--as-of", "31/12/2025", "--format", "csv"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "không phải ngày YYYY-MM-DD" in err and "is not a YYYY-MM-DD date" in err
