"""An iCalendar (RFC 5545) of one language's deadlines (pure).

Like the feeds (feeds.py), the bytes depend only on the arguments: no file access,
no wall clock; DTSTAMP comes from the vacancy's publication date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from ..content.models import Site
from ..site.i18n import Formatter
from ..site.vacancy_views import VacancyView
from .feeds import language_tag, local_time, unix_newlines

ICS_PRODUCT = "careers-site-generator"
ICS_LINE_OCTETS = 75

# Controls an iCalendar TEXT value may not hold (tab and line breaks are handled apart).
_NOT_ICS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def _labelled(label: str) -> str:
    """ "Deadline" -> "Deadline: "; a label that brings its own colon ("Date de clôture :") keeps it."""
    label = label.strip()
    return f"{label} " if label.endswith(":") else f"{label}: "


def ics_calendar(
    site: Site,
    language: str,
    title: str,
    views: Sequence[VacancyView],
    now: datetime,
    deadline_label: str,
) -> bytes:
    """One event per open vacancy (staff post or internship offer, CATEGORIES:POST or
    CATEGORIES:INTERNSHIP), at its deadline, in UTC (no VTIMEZONE needed).

    `deadline_label` is the translated word for "Deadline" ("Deadline", or the
    catalog's "Deadline:" / "Date de clôture :" - a trailing colon is kept as
    written, otherwise ": " is added). DTSTAMP is the publication date at 00:00
    UTC, so the file changes only when the facts do; `now` is not used.
    """
    host = urlsplit(site.base_url).hostname or "localhost"  # splits: settings.py checked it
    tag = language_tag(language)
    label = _labelled(deadline_label)
    formatter = Formatter(site, language)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{ICS_PRODUCT}//{tag.upper()}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_ics_text(title)}",
        f"X-WR-TIMEZONE:{_ics_text(site.timezone.key)}",
    ]
    for view in views:
        vacancy = view.vacancy
        deadline = local_time(site, vacancy.deadline)
        local_deadline = (
            f"{formatter.date(deadline)}, {formatter.time(deadline)} "
            f"({formatter.timezone_name(deadline)}, {formatter.utc_offset(deadline)})"
        )
        summary = f"{label}{view.words.title} ({vacancy.reference})"
        description = "\n\n".join(
            part for part in (view.words.summary, f"{label}{local_deadline}", view.absolute_url) if part
        )
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_ics_text(f'{vacancy.reference}-{language}@{host}')}",
            f"DTSTAMP:{vacancy.published:%Y%m%d}T000000Z",
            f"DTSTART:{_utc(deadline)}",
            f"DTEND:{_utc(deadline + timedelta(minutes=1))}",
            f"SUMMARY;LANGUAGE={tag}:{_ics_text(summary)}",
            f"CATEGORIES:{vacancy.kind.value.upper()}",
            f"DESCRIPTION;LANGUAGE={tag}:{_ics_text(description)}",
            f"URL:{_ics_uri(view.absolute_url)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return b"".join(_fold(line) for line in lines)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _ics_text(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks escaped."""
    text = _NOT_ICS.sub("", unix_newlines(text))
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\n", "\\n")


def _ics_uri(uri: str) -> str:
    """A URI value is not escaped, but may not hold controls (they would end the line)."""
    return re.sub("[\x00-\x1f\x7f]", "", uri)


def _fold(line: str) -> bytes:
    """A content line in UTF-8, folded at 75 octets without splitting a character, ending CRLF."""
    encoded = line.encode("utf-8")
    parts: list[bytes] = []
    limit = ICS_LINE_OCTETS
    while len(encoded) > limit:
        cut = limit
        while encoded[cut] & 0xC0 == 0x80:  # not inside a multibyte character
            cut -= 1
        parts.append(encoded[:cut])
        encoded = b" " + encoded[cut:]
    parts.append(encoded)
    return b"\r\n".join(parts) + b"\r\n"
