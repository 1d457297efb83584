"""Interface strings from gettext catalogs, and facts formatted per locale with Babel."""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cached_property
from io import BytesIO
from pathlib import Path
from typing import Any, Literal, TypeVar

from babel import Locale
from babel.dates import (
    format_date,
    format_skeleton,
    format_time,
    format_timedelta,
    get_timezone_name,
    match_skeleton,
)
from babel.messages.catalog import Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.numbers import format_currency, format_decimal

from ..common.containment import OUTSIDE_HINT, target_problem
from ..common.problems import Report
from ..content.french_typography import is_french
from ..content.models import Site
from .catalog_text import markup_problems, typeset, unclosed_strings

# The language the interface strings (msgids) are written in: it needs no catalog.
SOURCE_LANGUAGE = "en"
DOMAIN = "messages"
# Address words of the fixed sections, translated with this context (see routes.SectionSlugs).
URL_CONTEXT = "URL segment"
URL_SEGMENTS = ("vacancies", "archive", "grades-and-salaries", "search", "follow", "internships", "division")
_SEGMENT = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def catalog_path(locale_dir: Path, language: str) -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_translations(locale_dir: Path, site: Site, report: Report) -> dict[str, gettext.NullTranslations]:
    """Each site language's compiled catalog, falling back to the default language's."""
    compiled = {
        language: _compile(catalog_path(locale_dir, language), language, report)
        for language in site.languages
    }
    default = compiled[site.default_language] or gettext.NullTranslations()
    result: dict[str, gettext.NullTranslations] = {}
    for language, translations in compiled.items():
        if translations is not None:
            if language != site.default_language:
                translations.add_fallback(default)
            result[language] = translations
        elif language == SOURCE_LANGUAGE:
            result[language] = gettext.NullTranslations()
        else:
            path = catalog_path(locale_dir, language)
            if not path.exists():  # a broken catalog has its own errors
                has_default = compiled[site.default_language] is not None
                shown_in = site.default_language if has_default else SOURCE_LANGUAGE
                report.warning(
                    path,
                    None,
                    f"there is no interface catalog for {language}; menus and labels are shown in {shown_in}",
                    "translate the catalog (see docs/translating.md)",
                )
            result[language] = default
    return result


def _compile(path: Path, language: str, report: Report) -> gettext.GNUTranslations | None:
    if not path.exists() and not path.is_symlink():
        return None
    problem = target_problem(path, path.parents[2], "the locale folder")
    if problem is not None:
        report.error(path, None, problem, OUTSIDE_HINT)
        return None
    try:
        raw = path.read_bytes()
        lines = raw.decode("utf-8").splitlines()
        unclosed = list(unclosed_strings(raw.decode("utf-8")))
        catalog = read_po(BytesIO(raw), abort_invalid=True)
    except (PoFileError, OSError, UnicodeDecodeError) as error:
        report.error(path, getattr(error, "lineno", None), f"the catalog cannot be read: {error}")
        return None
    for line in unclosed:
        report.error(path, line, "this string is not closed", 'end it with a quote: "')
    problems = len(unclosed)
    for message, errors in catalog.check():
        for translation_error in errors:
            problems += 1
            report.error(
                path,
                message.lineno,
                f"msgstr of {message.id!r}: {translation_error}",
                "keep every %(name)s as in msgid",
            )
    for message in catalog:
        wanted = set(_PLACEHOLDER.findall(" ".join(_ids(message))))
        for translation in _strings(message):
            if message.id and (markup := markup_problems(" ".join(_ids(message)), translation)):
                problems += 1
                report.error(
                    path,
                    _msgstr_line(lines, message.lineno),
                    f"msgstr of {message.id!r} holds markup: {', '.join(markup)}",
                    "interface texts are plain text: write the words only (a tag of msgid stays as it is)",
                )
            if translation and (lost := wanted - set(_PLACEHOLDER.findall(translation))):
                problems += 1
                report.error(
                    path,
                    message.lineno,
                    f"msgstr of {message.id!r} leaves out {', '.join(sorted(lost))}",
                    "keep every %(name)s of msgid, or the page loses that fact",
                )
    untranslated = [m for m in catalog if m.id and (m.fuzzy or not all(_strings(m)))]
    if untranslated:
        report.warning(
            path,
            untranslated[0].lineno,
            f"{len(untranslated)} interface text(s) are not translated (or marked fuzzy) and are shown "
            "in the language of the templates",
            "fill in each empty msgstr; remove the `#, fuzzy` line once checked",
        )
    for segment in URL_SEGMENTS:
        translated = catalog.get(segment, context=URL_CONTEXT)
        if translated is not None and translated.string and not _SEGMENT.fullmatch(str(translated.string)):
            problems += 1
            report.error(
                path,
                translated.lineno,
                f"the address word {translated.string!r} for {segment!r} is not allowed",
                "use lower-case letters, digits and hyphens",
            )
    if problems:
        return None
    typeset(catalog, language, keep_context=URL_CONTEXT)
    buffer = BytesIO()
    write_mo(buffer, catalog)  # fuzzy entries are left out
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


_PLACEHOLDER = re.compile(r"%\([a-z_]+\)s")


def _msgstr_line(lines: list[str], msgid_line: int | None) -> int | None:
    """The line of the msgstr of the entry whose msgid is on `msgid_line` (Babel gives only that)."""
    for number in range(msgid_line or 1, len(lines) + 1):
        if lines[number - 1].lstrip().startswith("msgstr"):
            return number
    return msgid_line


def _ids(message: Message) -> tuple[str, ...]:
    value = message.id
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


def _strings(message: Message) -> tuple[str, ...]:
    value = message.string
    return tuple(value) if isinstance(value, (tuple, list)) else (value or "",)


_Method = TypeVar("_Method", bound=Callable[..., str])


def _remembered(method: _Method) -> _Method:
    """A Formatter method that works each value out once (Babel takes tens of µs a call,
    and a site shows the same dates and amounts on many pages). Values are told apart by
    their repr, so that 7540.4 and 7540.40, or a date and a datetime, never share a result."""

    @functools.wraps(method)
    def remembered(self: Formatter, *args: Any) -> str:
        key = (method.__name__, *map(repr, args))
        try:
            return self.results[key]
        except KeyError:
            result = self.results[key] = method(self, *args)
            return result

    return remembered  # type: ignore[return-value]


_Date = date  # `date` is also a method's name in Formatter


@dataclass(frozen=True)
class Formatter:
    """Dates, money, countries and languages written the way a locale writes them."""

    site: Site
    language: str
    results: dict[tuple[str, ...], str] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def locale(self) -> Locale:
        """Parsed once: Babel would parse a locale name again on every call."""
        return Locale.parse(self.site.locale(self.language))

    @_remembered
    def date(self, value: date | datetime) -> str:
        """ "1 November 2024" / "1er novembre 2024" (see `day_pattern`)."""
        if isinstance(value, datetime):
            value = value.astimezone(self.site.timezone).date()
        return format_date(value, day_pattern(self.locale, value), locale=self.locale)

    @_remembered
    def month(self, value: _Date) -> str:
        """A month of a year: "March 2025" / "mars 2025"."""
        return str(format_skeleton("yMMMM", value, locale=self.locale))

    @_remembered
    def time(self, value: datetime) -> str:
        return format_time(value.astimezone(self.site.timezone), "short", locale=self.locale)

    @_remembered
    def timezone_name(self, value: datetime) -> str:
        """ "Central European Summer Time" in July, "... Standard Time" in November."""
        local = value.astimezone(self.site.timezone)
        return get_timezone_name(local, "long", locale=self.locale)

    @_remembered
    def utc_offset(self, value: datetime) -> str:
        offset = value.astimezone(self.site.timezone).strftime("%z")
        return f"UTC{offset[:3]}:{offset[3:]}"

    @_remembered
    def relative(self, moment: datetime, now: datetime) -> str:
        """The time left until a moment after now, never more than is left (see `time_left`):
        "in 6 days", "dans 1 semaine" with 11 days left. Babel's words and static/site.js's rule."""
        count, unit, seconds = time_left(moment - now)
        return str(
            format_timedelta(
                timedelta(seconds=count * seconds),
                granularity=unit,
                threshold=1,
                add_direction=True,
                locale=self.locale,
            )
        )

    @_remembered
    def money(self, amount: Decimal, currency: str) -> str:
        return format_currency(amount, currency, locale=self.locale)

    @_remembered
    def number(self, value: int | Decimal) -> str:
        return format_decimal(value, locale=self.locale)

    def country(self, code: str) -> str:
        return str(self.locale.territories.get(code, code))

    def language_name(self, code: str) -> str:
        """A language's name in this page's language: "French" / "français"."""
        return str(self.locale.languages.get(code, code))


# The countdown's units, largest first, with their length in seconds: Babel's (a month is 30
# days, a year 365). templates/static/site.js has the same table, and tests/test_countdown.py
# holds both to one list of edges.
Unit = Literal["year", "month", "week", "day", "hour", "minute", "second"]
COUNTDOWN_UNITS: tuple[tuple[Unit, int], ...] = (
    ("year", 365 * 86400),
    ("month", 30 * 86400),
    ("week", 7 * 86400),
    ("day", 86400),
    ("hour", 3600),
    ("minute", 60),
    ("second", 1),
)


def time_left(delta: timedelta) -> tuple[int, Unit, int]:
    """(count, unit, seconds in the unit): the largest unit of which one whole is left, and the
    whole number of them, rounded down: 6 days 23 hours is 6 days, 11 days 1 week, 23 hours 59
    minutes 23 hours. An applicant who trusts it is never late. Under a second: 0 seconds."""
    left = abs(delta)
    for unit, seconds in COUNTDOWN_UNITS:
        count = left // timedelta(seconds=seconds)
        if count >= 1:
            return count, unit, seconds
    return 0, "second", 1


# The day field of a date pattern written before the month's name ("d MMMM y"), outside quotes.
_DAY_BEFORE_MONTH_NAME = re.compile(r"(?<![d'])d(?=\s*M{3,})")
_QUOTED = re.compile(r"('[^']*')")


def day_pattern(locale: Locale, value: _Date, form: str = "long") -> str:
    """The CLDR pattern of a date form (a width, "long", or a skeleton, "MMMMd") for `value`,
    where French writes the first of the month as an ordinal, "1er novembre", as careful
    editors do (CLDR and Babel write "1 novembre"); figures only ("01/11/2024") stay as they are."""
    if form in ("full", "long", "medium", "short"):
        pattern = str(locale.date_formats[form].pattern)
    else:
        pattern = str(locale.datetime_skeletons[match_skeleton(form, locale.datetime_skeletons)])
    if value.day != 1 or not is_french(str(locale)):
        return pattern
    pieces = _QUOTED.split(pattern)
    pieces[::2] = [_DAY_BEFORE_MONTH_NAME.sub("d'er'", piece) for piece in pieces[::2]]
    return "".join(pieces)


@functools.cache
def autonym(code: str) -> str:
    """A language named in itself, capitalised as in a menu: "English", "Français"."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]
