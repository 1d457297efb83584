"""`diff` reads both builds as of one clock (generator/tools/diff_vacancies.py, site_diff.py): the
time of a build is never a change, a vacancy that arrives closed is listed, and the summary says
what was compared with what."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import SITES, run_cli

from generator.build import build
from generator.common.clock import parse_now
from generator.tools.diff_vacancies import Vacancy

BRUSSELS = ZoneInfo("Europe/Brussels")


def built(content: Path, output: Path, now: str) -> Path:
    outcome = build(content, output, parse_now(now), search=False)
    assert not outcome.failed(strict=False), [p.format() for p in outcome.report]
    return output


def diff(old: Path, new: Path, *options: str) -> list[str]:
    result = run_cli("diff", str(old), str(new), *options)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_two_builds_of_the_same_content_at_two_moments_differ_in_nothing(tmp_path: Path) -> None:
    """The "as of" line and the countdowns change with the clock; nothing a change did."""
    first = built(SITES / "basic", tmp_path / "first", "2024-11-01T10:00")
    second = built(SITES / "basic", tmp_path / "second", "2024-11-02T16:30:07")
    lines = diff(first, second)
    compared = lines[2]
    assert compared.startswith("Compared ") and compared.endswith(
        "both read as of 2024-11-02T16:30+01:00: a vacancy's state is its state then, and the pages "
        'are compared without their "as of" line and countdowns.'
    )
    assert "(built as of 2024-11-01T10:00+01:00) with " in compared
    assert "second (built as of 2024-11-02T16:30+01:00)" in compared
    assert "No vacancy opens or closes." in lines
    assert "Every page is the same as on the base branch." in lines


def test_a_vacancy_whose_deadline_falls_between_the_builds_is_not_a_change(tmp_path: Path) -> None:
    """100002 closes at noon on 1 December 2024: read as of one clock, it is closed in both."""
    before = built(SITES / "basic", tmp_path / "before", "2024-11-30")
    after = built(SITES / "basic", tmp_path / "after", "2024-12-02")
    lines = diff(before, after)
    assert "No vacancy opens or closes." in lines
    as_of_the_base = diff(before, after, "--now", "2024-11-30")
    assert "both read as of 2024-11-30T00:00+01:00" in as_of_the_base[2]
    assert "No vacancy opens or closes." in as_of_the_base


def test_a_vacancy_that_arrives_already_closed_is_listed(tmp_path: Path) -> None:
    content = Path(shutil.copytree(SITES / "basic", tmp_path / "content"))
    base = built(content, tmp_path / "base", "2024-11-01")
    shutil.copytree(content / "vacancies/100001", content / "vacancies/100005")
    facts = content / "vacancies/100005/vacancy.yaml"
    facts.write_text(facts.read_text("utf-8").replace('"100001"', '"100005"'), "utf-8")
    change = built(content, tmp_path / "change", "2024-11-01")
    lines = diff(base, change)
    arrived = lines.index("**Arrives already closed:**")
    assert lines[arrived + 1] == "- vacancy 100005 (Summer Programme Officer): closed"
    assert "No vacancy opens or closes." not in lines and "**Opens:**" not in lines


def entry(status: str, published: str = "2024-10-01", deadline: str = "2024-12-01T12:00:00+01:00") -> Vacancy:
    return Vacancy(
        "1", "A post", "post", status, date.fromisoformat(published), datetime.fromisoformat(deadline)
    )


@pytest.mark.parametrize(
    ("status", "clock", "expected"),
    [
        ("open", "2024-12-01T11:59:59+01:00", "open"),
        ("open", "2024-12-01T12:00:00+01:00", "closed"),  # closed from the deadline on
        ("closed", "2024-11-15T00:00:00+01:00", "open"),  # closed by its own build's later clock
        ("pending-budget-approval", "2024-11-15T00:00:00+01:00", "pending-budget-approval"),
        ("cancelled", "2024-11-15T00:00:00+01:00", "cancelled"),
        ("open", "2024-09-30T23:59:00+02:00", None),  # not published yet then: not on that site
        ("open", "2024-09-30T23:00:00+00:00", "open"),  # 1 October in Brussels already
    ],
)
def test_a_vacancy_is_read_as_a_build_at_the_clock_would_have_written_it(
    status: str, clock: str, expected: str | None
) -> None:
    seen = entry(status).as_of(datetime.fromisoformat(clock))
    assert (seen.status if seen else None) == expected
