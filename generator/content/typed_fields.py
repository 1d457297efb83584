"""Typed reading of one YAML mapping, reporting every problem with file, line and hint.

Each getter returns the value, or None when the key is absent or its value is
wrong (the problem is then in the report). Unknown keys are reported with a
"did you mean" hint, required keys when missing.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..common.addresses import address_typo, is_absolute_url
from ..common.clock import instant_text, utc_offset, zone_name
from ..common.problems import Report
from .models import Localized
from .yaml_source import Mapping, Sequence

DATE_EXAMPLE = "2024-11-10"
MAX_AMOUNT = Decimal(10) ** 9  # a monthly salary, in any currency
DATETIME_EXAMPLE = "2024-11-10T23:59"
MONTH_EXAMPLE = "2025-03"
_Date = date  # `date` is also a method's name in Fields
# A local date-time; an offset (+01:00) only to say which of a repeated hour's two instants.
DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?([+-]\d{2}:\d{2})?$")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else ""


def show(value: Any) -> str:
    """A value as the editor wrote it, for messages."""
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dict):
        return "a block of `key: value` lines"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return str(value)


class Fields:
    """The keys of one mapping in one file, checked against what is allowed."""

    def __init__(
        self,
        data: Mapping,
        path: Path,
        report: Report,
        *,
        required: Iterable[str] = (),
        optional: Iterable[str] = (),
        prefix: str = "",
        misplaced: dict[str, str] | None = None,
    ) -> None:
        self.data = data
        self.path = path
        self.report = report
        self.prefix = prefix
        required = tuple(required)
        allowed = (*required, *optional)
        for key in data:
            if key in allowed:
                continue
            if misplaced and key in misplaced:
                self.error(key, f"{key} does not belong here", misplaced[key])
            else:
                hint = did_you_mean(key, allowed) or f"allowed keys: {', '.join(allowed)}"
                self.error(key, f"unknown key {self.prefix}{key}", hint)
        for key in required:
            if data.get(key) is None:
                self.report.error(
                    path,
                    data.line_of(key),
                    f"{self.prefix}{key} is required" + (" but empty" if key in data else ""),
                    f"add a line `{key}: ...`",
                )

    def line(self, key: str) -> int:
        return self.data.line_of(key)

    def error(self, key: str, message: str, hint: str = "") -> None:
        self.report.error(self.path, self.line(key), message, hint)

    def warning(self, key: str, message: str, hint: str = "", *, strict_error: bool = False) -> None:
        self.report.warning(self.path, self.line(key), message, hint, strict_error=strict_error)

    def _value(self, key: str) -> Any:
        return self.data.get(key)

    def name(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def text(self, key: str) -> str | None:
        value = self._value(key)
        if value is None:
            return None
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str) or not value.strip():
            self.error(key, f"{self.name(key)}: {show(value)} is not a text", "write some words")
            return None
        return value.strip()

    def choice(self, key: str, options: Iterable[str], hint: str = "") -> str | None:
        options = tuple(options)
        value = self.text(key)
        if value is None or value in options:
            return value
        self.error(
            key,
            f"{self.name(key)}: {show(value)} is not one of {', '.join(options)}",
            hint or did_you_mean(value, options),
        )
        return None

    def boolean(self, key: str) -> bool | None:
        value = self._value(key)
        if value is None or isinstance(value, bool):
            return value
        self.error(key, f"{self.name(key)}: {show(value)} is not true or false", "write true or false")
        return None

    def integer(self, key: str, low: int, high: int, hint: str = "") -> int | None:
        value = self._value(key)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            self.error(
                key,
                f"{self.name(key)}: {show(value)} is not a whole number from {low} to {high}",
                hint,
            )
            return None
        return value

    def amount(self, key: str) -> Decimal | None:
        return check_amount(self._value(key), self.name(key), self.line(key), self.path, self.report)

    def date(self, key: str) -> date | None:
        value = self._value(key)
        if value is None:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.error(key, f"{self.name(key)}: {show(value)} is not a date", f"write it like {DATE_EXAMPLE}")
        return parsed

    def month(self, key: str) -> _Date | None:
        """A calendar month written `YYYY-MM`, as the first day of that month."""
        value = self._value(key)
        if value is None:
            return None
        match = re.fullmatch(r"(\d{4})-(\d{2})", value.strip()) if isinstance(value, str) else None
        if match is None or not 1 <= int(match[2]) <= 12:
            self.error(
                key, f"{self.name(key)}: {show(value)} is not a month", f"write it like {MONTH_EXAMPLE}"
            )
            return None
        return date(int(match[1]), int(match[2]), 1)

    def local_datetime(self, key: str, timezone: ZoneInfo) -> datetime | None:
        """A local date-time in `timezone`; a time that the clocks skip is an error. A time the
        clocks repeat is read as its first instant, with a warning, unless an offset picks one."""
        value = self._value(key)
        if value is None:
            return None
        match = DATETIME.match(value.strip()) if isinstance(value, str) else None
        try:
            if not match:
                raise ValueError
            day, hour, minute, second, offset = match.groups()
            naive = datetime.fromisoformat(f"{day}T{hour}:{minute}:{second or '00'}")
            written = datetime.fromisoformat(f"{naive.isoformat()}{offset}") if offset else None
        except ValueError:
            self.error(
                key,
                f"{self.name(key)}: {show(value)} is not a date-time",
                f"write it like {DATETIME_EXAMPLE}",
            )
            return None
        local = naive.replace(tzinfo=timezone)
        round_trip = local.astimezone(ZoneInfo("UTC")).astimezone(timezone).replace(tzinfo=None)
        if round_trip != naive:
            self.error(
                key,
                f"{self.name(key)}: {naive:%Y-%m-%d %H:%M} does not exist in {timezone.key} "
                "(the clocks go forward that night)",
                "choose a time outside the missing hour",
            )
            return None
        return self._one_instant(key, local, written)

    def _one_instant(self, key: str, local: datetime, written: datetime | None) -> datetime | None:
        """LOCAL, or the instant of a repeated hour that the WRITTEN offset picks."""
        instants = [local, local.replace(fold=1)]
        if written is not None:
            chosen = [instant for instant in instants if instant.utcoffset() == written.utcoffset()]
            if not chosen:
                offsets = " or ".join(dict.fromkeys(utc_offset(instant) for instant in instants))
                self.error(
                    key,
                    f"{self.name(key)}: {written:%Y-%m-%d %H:%M}{utc_offset(written)} is not a time of "
                    f"{zone_name(local)}, which is at {offsets} then",
                    "leave out the offset: deadlines are local times in the site's time zone",
                )
                return None
            return chosen[0]
        first, second = instants
        if first.utcoffset() != second.utcoffset():
            self.warning(
                key,
                f"{self.name(key)}: {local:%Y-%m-%d %H:%M} happens twice in {zone_name(local)} "
                f"(the clocks go back that night); it is read as the first, {instant_text(first)}",
                f"to mean the second, {instant_text(second)}, write "
                f"{local:%Y-%m-%dT%H:%M}{utc_offset(second)}; or choose a time outside the repeated hour",
            )
        return local

    def https_url(self, key: str) -> str | None:
        value = self.text(key)
        if value is None:
            return None
        if typo := address_typo(value):
            self.error(key, f"{self.name(key)}: {show(value)} is not a valid address", typo)
            return None
        if not is_absolute_url(value, schemes=("https",)):
            self.error(
                key,
                f"{self.name(key)}: {show(value)} is not an absolute https address",
                "write it like https://example.org/apply",
            )
            return None
        return value

    def mapping(self, key: str) -> Mapping | None:
        value = self._value(key)
        if value is None or isinstance(value, Mapping):
            return value
        self.error(key, f"{self.name(key)}: expected a block of `key: value` lines, found {show(value)}")
        return None

    def sequence(self, key: str, example: str = "[a, b]") -> Sequence | None:
        value = self._value(key)
        if value is None or isinstance(value, Sequence):
            return value
        self.error(key, f"{self.name(key)}: expected a list, found {show(value)}", f"write it like {example}")
        return None

    def localized(self, key: str, languages: tuple[str, ...]) -> Localized | None:
        """A per-language text; the default language is required, others fall back to it."""
        return read_localized(
            self._value(key), self.name(key), self.line(key), self.path, self.report, languages
        )


def parse_date(value: Any) -> date | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:  # 2024-02-30
        return None


def check_amount(value: Any, name: str, line: int, path: Path, report: Report) -> Decimal | None:
    """A positive amount of money with at most two decimals."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        report.error(path, line, f"{name}: {show(value)} is not an amount", "write it like 7540.44")
        return None
    amount = Decimal(value)
    if not amount.is_finite() or not 0 < amount < MAX_AMOUNT:
        report.error(path, line, f"{name}: {value} is not a positive amount", "write it like 7540.44")
        return None
    if amount != amount.quantize(Decimal("0.01")):
        report.error(
            path, line, f"{name}: {value} has more than two decimals", "write it in cents, like 7540.44"
        )
        return None
    return amount


def read_localized(
    value: Any, name: str, line: int, path: Path, report: Report, languages: tuple[str, ...]
) -> Localized | None:
    if value is None:
        return None
    if isinstance(value, str) and value.strip():
        if len(languages) > 1:
            report.warning(
                path,
                line,
                f"{name} is written once, so every language shows {value.strip()!r}",
                f"write one text per language, like {{{', '.join(f'{lang}: ...' for lang in languages)}}}",
            )
        return {languages[0]: value.strip()}
    if not isinstance(value, Mapping):
        report.error(
            path,
            line,
            f"{name}: expected one text per language, found {show(value)}",
            f"write it like {{{', '.join(f'{lang}: ...' for lang in languages)}}}",
        )
        return None
    result: Localized = {}
    for language, text in value.items():
        text_line = value.line_of(language)
        if language not in languages:
            report.error(
                path,
                text_line,
                f"{name}: {language!r} is not a language of the site",
                did_you_mean(language, languages) or f"languages are {', '.join(languages)} (site.yaml)",
            )
        elif not isinstance(text, str) or not text.strip():
            report.error(path, text_line, f"{name}.{language}: {show(text)} is not a text")
        else:
            result[language] = text.strip()
    default = languages[0]
    if default not in result:
        if default not in value:
            report.error(path, line, f"{name} has no text in {default}, the default language")
        return None
    for language in languages[1:]:
        if language not in value:
            report.warning(
                path,
                line,
                f"{name} has no text in {language}; the {default} text is used",
                f"add `{language}: ...`",
            )
    return result
