"""Translations and number formats: every key in both languages, numbers per language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ttx_data import progress
from ttx_data.i18n import (
    LANGUAGES,
    STRINGS,
    TEXTS_DIR,
    format_date,
    format_number,
    format_signed,
    format_value,
    literal_markdown,
    normalize_language,
    t,
)
from ttx_data.paths import PROJECT_ROOT


def test_every_string_has_both_languages():
    missing = [key for key, entry in STRINGS.items() if set(entry) != set(LANGUAGES)]
    assert not missing, f"strings without vi and en: {missing}"


def test_every_long_text_has_both_languages():
    stems = {p.name.rsplit(".", 2)[0] for p in TEXTS_DIR.glob("*.md")}
    for stem in stems:
        for lang in LANGUAGES:
            assert (TEXTS_DIR / f"{stem}.{lang}.md").exists(), f"{stem}.{lang}.md missing"


def test_every_key_used_in_the_code_exists():
    used = set()
    for path in [
        *PROJECT_ROOT.glob("pages/*.py"),
        PROJECT_ROOT / "app.py",
        *PROJECT_ROOT.glob("ttx_data/**/*.py"),
    ]:
        if path.name == "i18n.py":
            continue
        used |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_.]+)["']""", path.read_text()))
    complete = {key for key in used if not key.endswith(".")}  # "status." + status is dynamic
    long_texts = {p.name.rsplit(".", 2)[0] for p in TEXTS_DIR.glob("*.md")}
    unknown = sorted(key for key in complete if key not in STRINGS and key not in long_texts)
    assert not unknown, f"keys used but not translated: {unknown}"


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (37.8, "vi", 1, "37,8"),
        (37.8, "en", 1, "37.8"),
        (17000, "vi", 0, "17.000"),
        (17000, "en", 0, "17,000"),
        (1234.56, "vi", 2, "1.234,56"),
        (None, "vi", 1, "—"),
        (float("nan"), "en", 1, "—"),
    ],
)
def test_numbers_follow_the_language(value, lang, decimals, expected):
    assert format_number(value, lang, decimals) == expected


def test_values_with_units_and_signs():
    assert format_value(37.8, "%", "vi") == "37,8%"
    assert format_value(37.8, "%", "en") == "37.8%"
    assert format_value(12500, "ha", "vi", 0) == "12.500 ha"
    assert format_signed(2.14, "vi") == "+2,1"
    assert format_signed(-0.4, "en") == "−0.4"
    assert format_signed(0.01, "en") == "0.0"


def test_dates_and_language_codes():
    assert format_date("2026-11-24", "vi") == "24/11/2026"
    assert format_date("2026-11-24", "en") == "24 Nov 2026"
    assert normalize_language("EN") == "en"
    assert normalize_language("fr") == "vi"
    assert normalize_language(None) == "vi"


def test_unknown_key_fails_loudly():
    with pytest.raises(KeyError, match="no translation"):
        t("no.such.key", "vi")


def test_methodology_states_the_thresholds_the_code_uses():
    vi, en = t("methodology", "vi"), t("methodology", "en")
    assert f"{progress.ON_TRACK_RATIO}" in en and f"{progress.NEEDS_ACCELERATION_RATIO}" in en
    assert "1{,}0" in vi and "0{,}6" in vi
    assert Path(TEXTS_DIR / "methodology.vi.md").exists()


@pytest.mark.parametrize(
    "outside",
    [
        "[Đăng nhập lại](https://evil.example/login)",
        "![x](http://127.0.0.1:9/beacon.png)",
        "**đậm** _nghiêng_ `mã` :red[đỏ] :material/home: $x^2$ <b>html</b> # tiêu đề",
        "https://evil.example www.evil.example ai@evil.example",
    ],
)
def test_outside_text_in_markdown_keeps_no_markup(outside):
    import markdown_it  # Streamlit's Markdown is CommonMark + GFM, as markdown-it's "gfm-like"

    shown = literal_markdown(outside)
    rendered = markdown_it.MarkdownIt("gfm-like").render(shown)
    assert "<a" not in rendered and "<img" not in rendered and "<strong" not in rendered
    assert "<em" not in rendered and "<code" not in rendered and "<h1" not in rendered
    assert ":" not in shown.replace("\\:\u2060", "")  # no Streamlit :icon: or :colour[] left
    assert "$" not in shown.replace("\\$", "")
    assert shown.replace("\\", "").replace("\u2060", "") == outside.replace("\\", "")


def test_outside_text_is_one_line_and_bounded():
    assert literal_markdown("a\n\n# b", 200) == "a \\# b"
    assert (
        literal_markdown("x" * 500, 50).endswith("…") and len(literal_markdown("x" * 500, 50)) == 50
    )


def test_moving_away_is_said_as_away_from_the_target_not_as_going_down():
    """For lower-is-better indicators 'going down' is good news: the words name the target."""
    assert t("status.deterioration", "vi") == "Đi xa mục tiêu"
    assert t("status.deterioration", "en") == "Moving away from target"
    assert "đi xuống" not in t("methodology", "vi").lower()
