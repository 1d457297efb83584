"""Unit tests of the safe YAML loader: lines, exact money, plain strings, refusals."""

from __future__ import annotations

import tracemalloc
from decimal import Decimal

import pytest

from generator.content.yaml_source import Mapping, Sequence, YamlError, load_yaml


def _error(text: str) -> YamlError:
    with pytest.raises(YamlError) as info:
        load_yaml(text)
    return info.value


def test_top_level_keys_have_their_line_numbers() -> None:
    data = load_yaml("a: 1\n\n# comment\nb: 2\nc: three\n")
    assert isinstance(data, Mapping)
    assert data.key_lines == {"a": 1, "b": 4, "c": 5}
    assert data.line_of("b") == 4
    assert data.line == 1


def test_nested_keys_have_their_own_line_numbers() -> None:
    data = load_yaml(
        "location:\n"
        "  city:\n"
        "    en: Brussels\n"
        "    fr: Bruxelles\n"
        "  country: BE\n"
        "grades: {G16: 5850.94, G17: 7068.58}\n"
    )
    location = data["location"]
    assert location.key_lines == {"city": 2, "country": 5}
    assert location["city"].key_lines == {"en": 3, "fr": 4}
    assert data["grades"].line_of("G17") == 6
    # An absent key falls back to the line of its mapping.
    assert location["city"].line_of("de") == location["city"].line == 3


def test_sequences_remember_their_line_and_hold_mappings_with_lines() -> None:
    data = load_yaml(
        "scales:\n  - effective: 2022-01-01\n    grades: {G16: 1.00}\n  - effective: 2024-01-01\n"
    )
    scales = data["scales"]
    assert isinstance(scales, Sequence)
    assert scales.line == 2
    assert [entry.line_of("effective") for entry in scales] == [2, 4]
    assert scales[0].line_of("grades") == 3


def test_numbers_with_a_fraction_are_exact_decimals() -> None:
    data = load_yaml("salary: 7540.44\nsmall: 0.10\nwhole: 7540\n")
    assert data["salary"] == Decimal("7540.44")
    assert isinstance(data["salary"], Decimal)
    assert str(data["salary"]) == "7540.44"
    assert data["small"] == Decimal("0.10")
    assert data["whole"] == 7540 and isinstance(data["whole"], int)


def test_norway_and_yes_stay_strings_only_true_false_are_booleans() -> None:
    data = load_yaml("country: NO\na: yes\nb: no\nc: on\nd: off\ne: true\nf: False\n")
    assert data["country"] == "NO"
    assert data["a"] == "yes" and data["b"] == "no"
    assert data["c"] == "on" and data["d"] == "off"
    assert data["e"] is True and data["f"] is False


def test_dates_and_times_stay_strings() -> None:
    data = load_yaml("published: 2024-06-01\ndeadline: 2024-11-10T23:59\nother: 2024-11-10 23:59:00\n")
    assert data["published"] == "2024-06-01"
    assert data["deadline"] == "2024-11-10T23:59"
    assert data["other"] == "2024-11-10 23:59:00"


def test_duplicate_key_is_reported_on_the_second_line_naming_the_first() -> None:
    error = _error("grade: G15\ndivision: OPS\n\ngrade: G16\n")
    assert error.line == 4
    assert "'grade'" in error.message and "twice" in error.message
    assert "line 1" in error.hint


def test_duplicate_nested_key_is_reported() -> None:
    error = _error("location:\n  city: Mons\n  country: BE\n  city: Brussels\n")
    assert error.line == 4
    assert "line 2" in error.hint


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: &anchor 1\nb: *anchor\n", 1),
        ("a: 1\nb: &x [1, 2]\nc: *x\n", 2),
        ("base: 1\nother: *undefined\n", 2),
    ],
)
def test_anchors_and_aliases_are_refused(text: str, line: int) -> None:
    error = _error(text)
    assert error.line == line
    assert "anchors and aliases" in error.message


def test_billion_laughs_is_refused_without_expanding_it() -> None:
    """Nine levels of nine aliases would be 9^9 strings: the memory a refusal takes shows that
    none was expanded (memory, unlike time, does not depend on how busy the machine is)."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 10):
        previous, name = chr(ord("a") + index - 1), chr(ord("a") + index)
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    document = "\n".join(lines) + "\n"
    tracemalloc.start()
    try:
        error = _error(document)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.line == 1
    assert peak < 2 * 1024 * 1024


def test_merge_keys_are_refused() -> None:
    # `<<` without an alias: the merge tag alone is still refused, with its line.
    error = _error("a: 1\n<<: {b: 2}\n")
    assert error.line == 2
    assert "merge" in error.message


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: !!python/object:os.system {}\n",
        "a: 1\nb: !!python/object/apply:os.system [echo hacked]\n",
        "a: 1\nb: !!python/name:os.system\n",
    ],
)
def test_python_tags_are_refused(text: str) -> None:
    error = _error(text)
    assert error.line == 2
    assert "tags" in error.message


def test_syntax_error_gives_the_line_of_the_problem() -> None:
    error = _error("reference: 1\ngrade: [G15, G16\ndivision: OPS\n")
    assert error.line == 3
    assert error.message.startswith("YAML syntax:")
    assert error.hint


def test_bad_indentation_gives_its_line() -> None:
    error = _error("reference: 1\ngrade: G15\n  division: OPS\n")
    assert error.line == 3


def test_ampersand_and_star_inside_text_are_fine() -> None:
    data = load_yaml("name: R&D and 5 * 3\nother: 'quoted *star* &amp'\n")
    assert data["name"] == "R&D and 5 * 3"
    assert data["other"] == "quoted *star* &amp"


def test_keys_must_be_plain_words() -> None:
    error = _error("a: 1\n[x, y]: 2\n")
    assert error.line == 2


def test_empty_document_is_none() -> None:
    assert load_yaml("") is None
    assert load_yaml("# only a comment\n") is None


def test_a_control_character_is_one_line_at_its_own_line() -> None:
    """Found by tests/test_properties.py: PyYAML's reader error was two lines, at line 1."""
    error = _error("reference: 1\ngrade: G15\x1f\n")
    assert error.line == 2
    assert error.message == "the character U+001F is not allowed in YAML"
    assert "\n" not in error.message + error.hint
