"""The shared rules of a report on hand-worked cases: value ranges, the jump from the previous
period, plausible ranges and how a problem reads in each language."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from ttx_data.reporting import checks

PCT, HA = checks.VALUE_RULES["pct"], checks.VALUE_RULES["ha"]


@pytest.mark.parametrize(
    ("value", "previous", "jump"),
    [
        (15.0, 10.0, False),  # ×1.5: the limit itself passes
        (15.1, 10.0, True),
        (6.7, 10.0, False),  # 10 / 6.7 < 1.5
        (6.6, 10.0, True),  # 10 / 6.6 > 1.5
        (0.0, 0.0, False),
        (3.0, 0.0, True),  # from nothing to something
        (0.0, 3.0, True),
        (-2.0, 3.0, True),  # a change of sign
        (3.0, None, False),  # no previous value: nothing to compare
        (3.0, math.nan, False),
    ],
)
def test_jump_by_more_than_the_factor(value, previous, jump):
    assert checks.is_jump(value, previous, 1.5) is jump


@pytest.mark.parametrize(
    ("value", "rule", "rules"),
    [
        (0, PCT, []),
        (100, PCT, []),
        (100.01, PCT, ["share_outside_0_100"]),
        (-0.1, PCT, ["share_outside_0_100"]),
        (0, HA, []),
        (1e7, HA, []),
        (-1, HA, ["negative_area"]),
        ("12", HA, ["not_a_number"]),
        (True, PCT, ["not_a_number"]),
        (math.inf, HA, ["not_a_number"]),
    ],
)
def test_value_within_the_units_range(value, rule, rules):
    assert [p.rule for p in checks.check_value(value, rule, sheet="S", row=5, column="G")] == rules


def test_ranges_read_as_people_write_them():
    assert PCT.expected("vi").endswith("từ 0 đến 100")
    assert HA.expected("en") == "an area in hectares, not negative (≥ 0)"
    plausible = checks.PlausibleRange(0.5, None)
    assert checks.range_text(plausible, "vi") == "từ 0,5"
    assert checks.range_text(checks.PlausibleRange(None, 150000), "vi") == "không quá 150.000"
    assert checks.range_text(checks.PlausibleRange(None, 150000), "en") == "at most 150,000"


def test_a_problem_reads_where_what_expected_and_how_in_each_language():
    jump = checks.check_jump(30.0, 12.5, 1.5, 1, sheet="Kinh tế xanh (MT 1-6)", row=9, column="G")
    assert jump[0].message("vi") == (
        "Trang tính 'Kinh tế xanh (MT 1-6)', dòng 9, cột G: cảnh báo: tìm thấy «30»; cần thay đổi"
        " không quá 1,5 lần so với kỳ trước (12,5). Cách sửa: Kiểm tra lại giá trị và đơn vị; nếu"
        " đúng, ghi giải trình ở cột Giải trình cảnh báo."
    )
    assert (
        jump[0]
        .message("en")
        .startswith(
            "Sheet 'Kinh tế xanh (MT 1-6)', row 9, column G: warning: found «30»; expected a change of"
            " at most 1.5× from the previous period (12.5)."
        )
    )
    whole_file = checks.problem("empty_file", found="0 byte")
    assert whole_file.message("vi").startswith("Tệp: tìm thấy «0 byte»; cần tệp .xlsx")
    assert whole_file.fatal and whole_file.rule == "empty_file"


def test_every_rule_has_a_severity_and_both_languages():
    for name, rule in checks.RULES.items():
        assert rule.severity in checks.SEVERITIES, name
        assert rule.expected_vi and rule.expected_en and rule.fix_vi and rule.fix_en, name
    assert {r.name for r in checks.VALUE_RULES.values()} <= set(checks.RULES)
    warnings = {n for n, r in checks.RULES.items() if r.severity == checks.WARNING}
    assert warnings == {"jump", "implausible", "missing_source", "task_missing_evidence"}


D = dt.date
LETTERS = {"completed_on": "E", "deadline": "F", "evidence": "H"}


@pytest.mark.parametrize(
    ("status", "completed", "deadline", "evidence", "rules"),
    [
        ("completed", D(2025, 12, 31), D(2022, 10, 15), "QĐ 1", []),  # both limits pass
        ("completed", D(2026, 1, 1), None, "QĐ 1", ["task_completed_after_period"]),
        ("completed", D(2026, 3, 2), None, "QĐ 1", ["task_completed_in_future"]),
        ("completed", None, None, "QĐ 1", ["task_completed_without_date"]),
        ("completed", D(2025, 5, 1), None, " ", ["task_missing_evidence"]),
        ("in_progress", D(2025, 5, 1), None, "", ["task_date_without_completion"]),
        ("in_progress", None, D(2022, 10, 14), "", ["task_deadline_before_plan"]),
        ("not_started", None, D(2031, 1, 1), "", []),  # after the plan's end: allowed
    ],
)
def test_a_task_reports_dates_and_evidence(status, completed, deadline, evidence, rules):
    found = checks.check_task(status, completed, deadline, evidence, year=2025,
                              today=D(2026, 3, 1), columns=LETTERS, sheet="Nhiệm vụ", row=5)  # fmt: skip
    assert [p.rule for p in found] == rules
    assert all(p.sheet == "Nhiệm vụ" and p.row == 5 and p.column in "EFH" for p in found)


@pytest.mark.parametrize(
    ("text", "code"),
    [("Hoàn thành", "completed"), ("  đang   THỰC hiện ", "in_progress"), ("Not started",
     "not_started"), ("completed", "completed"), ("Xong", None), ("", None)],
)  # fmt: skip
def test_a_status_is_read_in_either_language_or_as_its_code(text, code):
    assert checks.task_status(text) == code
