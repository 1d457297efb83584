"""The validated site, as frozen values. Templates receive these, never raw dicts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

ALLOWANCE_CURRENCY = "EUR"  # an internship's allowance is written in euros (the content contract)

# A text written once per language, e.g. {"en": "Brussels", "fr": "Bruxelles"}.
Localized = dict[str, str]


@dataclass(frozen=True)
class Site:
    languages: tuple[str, ...]
    base_url: str
    timezone: ZoneInfo
    title: Localized
    organisation: Localized
    description: Localized
    divisions: dict[str, Localized]
    regions: dict[str, str] = field(default_factory=dict)

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def locale(self, language: str) -> str:
        """The Babel locale that formats facts for a language: `en` + region `GB` = `en_GB`."""
        region = self.regions.get(language)
        return f"{language}_{region}" if region else language

    def text(self, value: Localized, language: str) -> str:
        """A per-language text, falling back to the default language (validation warned)."""
        return value.get(language) or value.get(self.default_language, "")


def grade_number(grade: str) -> int:
    digits = re.sub(r"\D", "", grade)
    return int(digits) if digits else 0


@dataclass(frozen=True)
class ScaleRevision:
    effective: date
    grades: dict[str, Decimal]


@dataclass(frozen=True)
class SalaryScale:
    currency: str
    period: str
    spine: tuple[str, ...]  # every known grade, lowest first
    revisions: tuple[ScaleRevision, ...]  # oldest first

    def in_force(self, on: date) -> ScaleRevision | None:
        """The newest revision whose effective date is on or before `on`."""
        current = None
        for revision in self.revisions:
            if revision.effective <= on:
                current = revision
        return current

    def figure(self, grade: str, on: date) -> Decimal | None:
        revision = self.in_force(on)
        return revision.grades.get(grade) if revision else None


class Status(StrEnum):
    OPEN = "open"
    PENDING_BUDGET_APPROVAL = "pending-budget-approval"
    CLOSED = "closed"
    CANCELLED = "cancelled"

    @property
    def accepts_applications(self) -> bool:
        return self in (Status.OPEN, Status.PENDING_BUDGET_APPROVAL)


class Kind(StrEnum):
    """What a vacancy bundle offers: a staff post (the default) or an internship."""

    POST = "post"
    INTERNSHIP = "internship"


@dataclass(frozen=True)
class LanguageLevels:
    """NATO language levels (I-VI) in one official language and in the other."""

    one: str
    other: str


@dataclass(frozen=True)
class Condition:
    """A condition of eligibility or of appointment: a code whose words the page gives
    (`nationality`, `security-clearance`...), or, without a code, the editor's words per language."""

    code: str | None
    text: Localized = field(default_factory=dict)


@dataclass(frozen=True)
class Words:
    """What an item says in one language."""

    language: str
    title: str
    slug: str
    slug_written: bool  # the editor wrote `slug:` (it was not derived from the title)
    summary: str
    body_html: str
    source: Path
    fingerprint: str = ""  # of the source file, see loader.fingerprint
    exact_fingerprint: str = ""  # of the source file byte for byte, as `translated_from` once was
    address_line: int = 0  # the line of `slug:` in `source`, or of `title:` when the slug is derived
    translated_from: str | None = None  # the fingerprint of the default language's file, if written
    source_key: str = ""  # of the files it was read from (bundle_cache.py): equal keys, equal words


@dataclass(frozen=True)
class Location:
    city: Localized
    country: str  # ISO 3166 alpha-2


@dataclass(frozen=True)
class Vacancy:
    """A staff post, or an internship offer (`kind`): an offer has no grades, contract or salary."""

    reference: str
    grades: tuple[str, ...]  # one grade, or two for a twin-graded post (lower first); () for an offer
    division: str
    location: Location
    schedule: str
    contract: str | None  # None for an internship offer
    contract_years: int | None
    published: date
    deadline: datetime  # aware, in the site time zone
    salary: Decimal | None  # as written, or the scale's figure in force on `published`
    status: Status  # as written: open, pending budget approval or cancelled
    language_levels: LanguageLevels | None
    apply_url: str | None  # in the default language
    words: dict[str, Words]
    folder: Path
    source_key: str = ""  # of the files it was read from (bundle_cache.py): equal keys, equal vacancies
    listing_key: str = ""  # of all it holds but its bodies (bundle_cache.py): what lists show
    apply_urls: Localized = field(default_factory=dict)  # by language, when written per language
    kind: Kind = Kind.POST
    duration_months: int | None = None  # an internship's length
    starts: date | None = None  # the first day of the month an internship starts
    allowance: Decimal | None = None  # an internship's monthly allowance, in EUR
    conditions: tuple[Condition, ...] = ()  # who may apply, and what appointment is subject to

    def apply_url_in(self, language: str) -> str | None:
        """The application address for a visitor reading `language`; the default one otherwise."""
        return self.apply_urls.get(language) or self.apply_url

    @property
    def is_internship(self) -> bool:
        return self.kind is Kind.INTERNSHIP

    @property
    def twin_graded(self) -> bool:
        return len(self.grades) == 2

    def status_at(self, now: datetime) -> Status:
        """The status a visitor sees at `now`: closed once the deadline has passed."""
        if self.status is Status.CANCELLED:
            return Status.CANCELLED
        if now >= self.deadline:
            return Status.CLOSED
        return self.status

    def is_published_at(self, now: datetime) -> bool:
        return self.published <= now.astimezone(self.deadline.tzinfo).date()


@dataclass(frozen=True)
class Page:
    name: str  # folder name
    menu: bool
    order: int
    words: dict[str, Words]
    folder: Path
    footer: bool = False  # linked from every page's footer (e.g. the accessibility statement)
    source_key: str = ""  # of the files it was read from (bundle_cache.py): equal keys, equal pages
    lists: str | None = None  # "internships": the page lists the internship offers under its words


@dataclass(frozen=True)
class Content:
    site: Site
    scale: SalaryScale
    vacancies: tuple[Vacancy, ...]
    pages: tuple[Page, ...]


def without_bodies(vacancy: Vacancy) -> Vacancy:
    """The vacancy as lists and data show it: its words without bodies (nor the fingerprints
    and keys of the files they come from); its own keys become its listing key."""
    words = {
        language: copied(
            w,
            body_html="",
            fingerprint="",
            exact_fingerprint="",
            source_key=f"{vacancy.listing_key}:{language}",
        )
        for language, w in vacancy.words.items()
    }
    return copied(vacancy, words=words, source_key=vacancy.listing_key, listing_key="")


_Value = TypeVar("_Value")


def copied(value: _Value, **changes: object) -> _Value:
    """`dataclasses.replace` for these plain frozen values, without running `__init__` again
    (ten times faster; a plan makes one per vacancy and language)."""
    copy = object.__new__(type(value))
    copy.__dict__.update(value.__dict__, **changes)
    return copy
