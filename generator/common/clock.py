"""The build clock: --now, else SOURCE_DATE_EPOCH, else the system clock."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from .problems import UsageError


def parse_now(value: str) -> datetime:
    """An ISO date or date-time; one without an offset is taken later as site-local."""
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(
            f"--now: {value!r} is not a date or date-time; write it like 2024-11-10 or 2024-11-10T18:00"
        ) from None


def build_clock(now: str | None, environ: dict[str, str] | None = None) -> datetime:
    """The clock, possibly naive (site-local, resolved by `in_timezone`)."""
    if now:
        return parse_now(now)
    environ = dict(os.environ) if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC)
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH: {epoch!r} is not a number of seconds") from None
    return datetime.now(tz=UTC)


def in_timezone(moment: datetime, zone: ZoneInfo) -> datetime:
    """An aware moment: a naive one is read as local time in the site's zone."""
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)


def zone_name(moment: datetime) -> str:
    return getattr(moment.tzinfo, "key", str(moment.tzinfo))


def utc_offset(moment: datetime) -> str:
    """+02:00"""
    text = moment.strftime("%z")
    return f"{text[:3]}:{text[3:]}"


def instant_text(moment: datetime) -> str:
    """02:30+02:00 (00:30 UTC), for messages about a repeated hour."""
    return f"{moment:%H:%M}{utc_offset(moment)} ({moment.astimezone(ZoneInfo('UTC')):%H:%M} UTC)"
