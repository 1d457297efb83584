"""site.yaml and salary-scale.yaml -> validated Site and SalaryScale."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from babel.numbers import list_currencies

from ..common.addresses import address_typo, is_absolute_url
from ..common.problems import Report
from .loader import SourceFile
from .models import SalaryScale, ScaleRevision, Site, grade_number
from .typed_fields import Fields, check_amount, did_you_mean, parse_date, read_localized, show
from .yaml_source import Mapping

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
REGION_CODE = re.compile(r"^[A-Z]{2}$")
GRADE_CODE = re.compile(r"^[A-Za-z]*\d+[A-Za-z]?$")
PERIODS = ("month",)  # vacancies state monthly salaries
SITE_FIELDS = ("languages", "base_url", "timezone", "title", "organisation", "divisions")
SITE_OPTIONAL = ("description", "regions")
SCALE_FIELDS = ("currency", "period", "scales")
SCALE_OPTIONAL = ("spine",)
REVISION_FIELDS = ("effective", "grades")


def validate_site(source: SourceFile | None, report: Report) -> Site | None:
    if source is None or source.data is None:
        return None
    fields = Fields(
        source.data,
        source.path,
        report,
        required=SITE_FIELDS,
        optional=SITE_OPTIONAL,
    )
    languages = _languages(fields)
    timezone = _timezone(fields)
    base_url = _base_url(fields)
    if not languages:
        return None
    regions = _regions(fields, languages)
    title = fields.localized("title", languages)
    organisation = fields.localized("organisation", languages)
    description = fields.localized("description", languages) or {}
    divisions = _divisions(fields, languages)
    if None in (timezone, base_url, title, organisation, divisions, regions):
        return None
    assert timezone and base_url and title and organisation and divisions is not None
    assert regions is not None
    return Site(languages, base_url, timezone, title, organisation, description, divisions, regions)


def _languages(fields: Fields) -> tuple[str, ...]:
    value = fields.data.get("languages")
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        fields.error("languages", f"languages: expected a list like [en, fr], found {show(value)}")
        return ()
    languages: list[str] = []
    for code in value:
        if not isinstance(code, str) or not LANGUAGE_CODE.fullmatch(code):
            fields.error(
                "languages",
                f"languages: {show(code)} is not a language code",
                "use two lower-case letters, like en or fr",
            )
        elif code in languages:
            fields.error("languages", f"languages: {code} is listed twice")
        elif not _is_babel_locale(code):
            fields.error(
                "languages",
                f"languages: {code!r} has no Babel locale",
                "use an ISO 639 language code, like en, fr, de or es",
            )
        else:
            languages.append(code)
    return tuple(languages) if len(languages) == len(value) else ()


def _is_babel_locale(code: str) -> bool:
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def _timezone(fields: Fields) -> ZoneInfo | None:
    name = fields.text("timezone")
    if name is None:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        fields.error(
            "timezone",
            f"timezone: {show(name)} is not a known time zone",
            "write an IANA name like Europe/Brussels",
        )
        return None


def _base_url(fields: Fields) -> str | None:
    url = fields.text("base_url")
    if url is None:
        return None
    if typo := address_typo(url):
        fields.error("base_url", f"base_url: {show(url)} is not a valid address", typo)
        return None
    if not is_absolute_url(url) or "?" in url or "#" in url:
        fields.error(
            "base_url",
            f"base_url: {show(url)} is not the site's address",
            "write it like https://careers.example.org/",
        )
        return None
    return url if url.endswith("/") else url + "/"


def _regions(fields: Fields, languages: tuple[str, ...]) -> dict[str, str] | None:
    value = fields.mapping("regions")
    if value is None:
        return None if "regions" in fields.data else {}
    regions = {}
    for language, region in value.items():
        line = value.line_of(language)
        if language not in languages:
            fields.report.error(fields.path, line, f"regions: {language!r} is not in languages")
        elif not isinstance(region, str) or not REGION_CODE.fullmatch(region):
            fields.report.error(
                fields.path,
                line,
                f"regions.{language}: {show(region)} is not a region code",
                "use two capital letters, like GB or BE",
            )
        elif not _is_babel_locale(f"{language}_{region}"):
            fields.report.error(
                fields.path, line, f"regions.{language}: Babel has no locale {language}_{region}"
            )
        else:
            regions[language] = region
    return regions if len(regions) == len(value) else None


def _divisions(fields: Fields, languages: tuple[str, ...]) -> dict[str, dict[str, str]] | None:
    value = fields.mapping("divisions")
    if value is None:
        return None
    divisions = {}
    for code, names in value.items():
        localized = read_localized(
            names, f"divisions.{code}", value.line_of(code), fields.path, fields.report, languages
        )
        if localized is not None:
            divisions[code] = localized
    return divisions if len(divisions) == len(value) else None


def validate_scale(source: SourceFile | None, report: Report) -> SalaryScale | None:
    if source is None or source.data is None:
        return None
    fields = Fields(
        source.data,
        source.path,
        report,
        required=SCALE_FIELDS,
        optional=SCALE_OPTIONAL,
    )
    currency = fields.text("currency")
    if currency is not None and currency not in list_currencies():
        fields.error(
            "currency",
            f"currency: {show(currency)} is not an ISO 4217 currency code",
            did_you_mean(currency, list_currencies()) or "write it like EUR",
        )
        currency = None
    period = fields.choice("period", PERIODS)
    spine = _spine(fields)
    revisions = _revisions(fields, spine)
    if currency is None or period is None or revisions is None or spine is None:
        return None
    known = set(spine).union(*(revision.grades for revision in revisions))
    return SalaryScale(currency, period, tuple(sorted(known, key=grade_number)), revisions)


def _spine(fields: Fields) -> tuple[str, ...] | None:
    value = fields.data.get("spine")
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(g, str) and GRADE_CODE.fullmatch(g) for g in value):
        fields.error("spine", "spine: expected a list of grade codes like [G1, G2, G3]")
        return None
    return tuple(value)


def _revisions(fields: Fields, spine: tuple[str, ...] | None) -> tuple[ScaleRevision, ...] | None:
    value = fields.data.get("scales")
    if value is None:
        return None
    if not isinstance(value, list) or not value:
        fields.error("scales", "scales: expected a list of revisions, each with effective and grades")
        return None
    revisions: list[ScaleRevision] = []
    ok = True
    for entry in value:
        if not isinstance(entry, Mapping):
            fields.error("scales", f"scales: each revision needs effective and grades, found {show(entry)}")
            ok = False
            continue
        revision = _revision(
            Fields(entry, fields.path, fields.report, required=REVISION_FIELDS, prefix="scales: "),
            spine,
        )
        if revision is None:
            ok = False
        elif any(r.effective == revision.effective for r in revisions):
            fields.report.error(
                fields.path,
                entry.line_of("effective"),
                f"scales: two revisions are effective on {revision.effective}",
                "merge them into one",
            )
            ok = False
        else:
            revisions.append(revision)
    return tuple(sorted(revisions, key=lambda r: r.effective)) if ok else None


def _revision(fields: Fields, spine: tuple[str, ...] | None) -> ScaleRevision | None:
    effective_value = fields.data.get("effective")
    effective = parse_date(effective_value) if effective_value is not None else None
    if effective_value is not None and effective is None:
        fields.error(
            "effective", f"effective: {show(effective_value)} is not a date", "write it like 2024-01-01"
        )
    grades_map = fields.mapping("grades")
    if effective is None or grades_map is None:
        return None
    grades = {}
    for grade, figure in grades_map.items():
        line = grades_map.line_of(grade)
        if not GRADE_CODE.fullmatch(grade):
            fields.report.error(fields.path, line, f"{grade!r} is not a grade code", "write it like G17")
            continue
        if spine and grade not in spine:
            fields.report.error(
                fields.path,
                line,
                f"grade {grade} is not in the spine",
                did_you_mean(grade, spine) or "add it to spine, or correct it",
            )
            continue
        amount = check_amount(figure, grade, line, fields.path, fields.report)
        if amount is not None:
            grades[grade] = amount
    if len(grades) != len(grades_map):
        return None
    return ScaleRevision(effective, grades)
