"""Unit tests of the build clock: --now, SOURCE_DATE_EPOCH, the system clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from generator.common.clock import build_clock, in_timezone, parse_now
from generator.common.problems import UsageError

BRUSSELS = ZoneInfo("Europe/Brussels")


def test_now_date_is_naive_midnight() -> None:
    now = parse_now("2024-11-01")
    assert now == datetime(2024, 11, 1)
    assert now.tzinfo is None


def test_now_date_time_without_offset_is_naive() -> None:
    now = build_clock(" 2024-11-10T18:00 ", environ={})
    assert now == datetime(2024, 11, 10, 18, 0) and now.tzinfo is None


def test_now_with_offset_is_aware() -> None:
    now = parse_now("2024-11-01T10:00+01:00")
    assert now.utcoffset() == timedelta(hours=1)
    assert now.astimezone(UTC) == datetime(2024, 11, 1, 9, 0, tzinfo=UTC)
    assert parse_now("2024-11-01T09:00Z") == now


@pytest.mark.parametrize("value", ["tomorrow", "2024-13-01", "2024-02-30", "01/11/2024", "2024-11-01T25:00"])
def test_invalid_now_is_a_usage_error(value: str) -> None:
    with pytest.raises(UsageError, match="--now"):
        build_clock(value, environ={})


def test_now_wins_over_source_date_epoch() -> None:
    assert build_clock("2024-11-01", environ={"SOURCE_DATE_EPOCH": "0"}) == datetime(2024, 11, 1)


def test_source_date_epoch_is_used_without_now() -> None:
    now = build_clock(None, environ={"SOURCE_DATE_EPOCH": "1730419200"})
    assert now == datetime(2024, 11, 1, 0, 0, tzinfo=UTC)
    assert now.tzinfo is not None


def test_source_date_epoch_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1730419200")
    assert build_clock(None) == datetime(2024, 11, 1, tzinfo=UTC)


@pytest.mark.parametrize("value", ["yesterday", "1.5", "1730419200s", "99999999999999999999"])
def test_invalid_source_date_epoch_is_a_usage_error(value: str) -> None:
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH"):
        build_clock(None, environ={"SOURCE_DATE_EPOCH": value})


def test_system_clock_without_now_or_epoch() -> None:
    before = datetime.now(tz=UTC)
    now = build_clock(None, environ={"SOURCE_DATE_EPOCH": "  "})
    after = datetime.now(tz=UTC)
    assert now.tzinfo is not None
    assert before <= now <= after


def test_in_timezone_reads_a_naive_moment_as_site_local() -> None:
    local = in_timezone(datetime(2024, 11, 1), BRUSSELS)
    assert local.tzinfo is BRUSSELS
    assert local.isoformat() == "2024-11-01T00:00:00+01:00"
    summer = in_timezone(datetime(2024, 7, 1, 12), BRUSSELS)
    assert summer.utcoffset() == timedelta(hours=2)


def test_in_timezone_converts_an_aware_moment() -> None:
    local = in_timezone(datetime(2024, 10, 31, 23, 30, tzinfo=UTC), BRUSSELS)
    assert local.isoformat() == "2024-11-01T00:30:00+01:00"
    assert local == datetime(2024, 10, 31, 23, 30, tzinfo=UTC)
