"""Raw bundles -> typed models. Every problem is collected in the report; nothing is raised."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path

from babel import Locale

from ..common.problems import Report
from .language_files import bundle_words
from .loader import RawBundle, RawContent
from .models import (
    Condition,
    Content,
    Kind,
    LanguageLevels,
    Localized,
    Location,
    Page,
    SalaryScale,
    Site,
    Status,
    Vacancy,
    grade_number,
)
from .settings import validate_scale, validate_site
from .typed_fields import Fields, did_you_mean, read_localized, show
from .yaml_source import Mapping, Sequence

SCHEDULES = ("full-time", "part-time")
CONTRACTS = ("definite", "indefinite", "temporary")
WRITTEN_STATUSES = (Status.OPEN.value, Status.PENDING_BUDGET_APPROVAL.value, Status.CANCELLED.value)
LANGUAGE_LEVELS = ("I", "II", "III", "IV", "V", "VI")
VACANCY_FIELDS = (
    "reference",
    "grade",
    "division",
    "location",
    "schedule",
    "contract",
    "published",
    "deadline",
)
OPTIONAL = ("status", "language_levels", "apply_url", "conditions")  # a post's and an offer's
VACANCY_OPTIONAL = ("kind", "contract_years", "salary", *OPTIONAL)
# Conditions the page words itself (templates/partials/conditions.html); any other is written per language.
CONDITIONS = ("nationality", "security-clearance", "medical", "verification")
KINDS = (Kind.POST.value, Kind.INTERNSHIP.value)
# An internship offer (`kind: internship`): the post's rules, but a duration, a start month and
# an allowance instead of grade, salary and contract (docs/content-format.md).
INTERNSHIP_FIELDS = (
    "reference",
    "kind",
    "division",
    "location",
    "schedule",
    "duration_months",
    "published",
    "deadline",
)
INTERNSHIP_OPTIONAL = ("starts", "allowance", *OPTIONAL)
NOT_FOR_INTERNSHIPS = ("grade", "salary", "contract", "contract_years")
INTERNSHIP_ONLY = ("duration_months", "starts", "allowance")
MAX_INTERNSHIP_MONTHS = 12
PAGE_FIELDS = ("menu", "order", "footer", "lists")
LOCATION_FIELDS = ("city", "country")
LANGUAGE_LEVEL_FIELDS = ("one", "other")
PAGE_LISTS = ("internships",)  # what a page may list under its own words
# Refused in a LANG.md front matter: facts are written once, in the bundle's YAML file.
FACTS = VACANCY_FIELDS + VACANCY_OPTIONAL + INTERNSHIP_ONLY + PAGE_FIELDS
REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
REFERENCE_HINT = "use letters, digits, hyphens and underscores (64 at most), starting with a letter or digit"
PAGE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def validate_content(raw: RawContent, report: Report) -> Content | None:
    """The whole site as models, or None when an error was reported."""
    site = validate_site(raw.site, report)
    scale = validate_scale(raw.scale, report)
    if site is None or scale is None:
        return None
    models = [validate_bundle(bundle, site, scale, report) for bundle in (*raw.vacancies, *raw.pages)]
    return None if report.errors() else assemble(site, scale, models)


def validate_bundle(
    bundle: RawBundle, site: Site, scale: SalaryScale, report: Report
) -> Vacancy | Page | None:
    """One vacancy or page: its model, or None when it has an error."""
    return _vacancy(bundle, site, scale, report) if bundle.kind == "vacancy" else _page(bundle, site, report)


def assemble(site: Site, scale: SalaryScale, models: Iterable[Vacancy | Page | None]) -> Content:
    """The site from its valid bundles: vacancies in name order, pages in menu order."""
    models = [model for model in models if model is not None]
    return Content(
        site,
        scale,
        tuple(model for model in models if isinstance(model, Vacancy)),
        tuple(sorted((m for m in models if isinstance(m, Page)), key=lambda p: (p.order, p.name))),
    )


def _vacancy(bundle: RawBundle, site: Site, scale: SalaryScale, report: Report) -> Vacancy | None:
    words = bundle_words(bundle, site, report, FACTS)
    if bundle.facts is None or bundle.facts.data is None:
        return None
    fields = _vacancy_fields(bundle.facts.data, bundle.facts.path, report)
    kind = Kind(fields.choice("kind", KINDS) or Kind.POST.value)
    internship = kind is Kind.INTERNSHIP
    reference = fields.text("reference")
    if reference is not None and reference != bundle.name:
        fields.error(
            "reference",
            f"reference: {show(reference)} differs from the folder name {bundle.name!r}",
            "the folder must be named after the reference; rename one of them",
        )
    if not REFERENCE.fullmatch(bundle.name):
        report.error(
            bundle.folder,
            None,
            f"the folder name {bundle.name!r} cannot be a reference",
            REFERENCE_HINT,
        )
    grades = () if internship else _grades(fields, scale)
    division = fields.choice("division", site.divisions)
    location = _location(fields, site)
    schedule = fields.choice("schedule", SCHEDULES)
    contract = None if internship else fields.choice("contract", CONTRACTS)
    contract_years = None if internship else fields.integer("contract_years", 1, 10)
    duration = fields.integer(
        "duration_months", 1, MAX_INTERNSHIP_MONTHS, "an internship lasts from 1 to 12 whole months"
    )
    published = fields.date("published")
    deadline = fields.local_datetime("deadline", site.timezone)
    if published and deadline and deadline.date() < published:
        fields.error(
            "deadline",
            f"deadline: {deadline.date().isoformat()} {deadline:%H:%M} "
            f"is before the published date {published}",
            "the deadline must come after publication",
        )
        deadline = None
    salary = None if internship else fields.amount("salary")
    if grades and published:
        salary = _checked_salary(fields, scale, grades[0], published, salary)
    written_status = fields.data.get("status")
    status = fields.choice(
        "status",
        WRITTEN_STATUSES,
        "closed is worked out from the deadline; to stop a vacancy early, write cancelled"
        if written_status == "closed"
        else did_you_mean(str(written_status), WRITTEN_STATUSES),
    )
    levels = _language_levels(fields)
    apply_urls = _apply_urls(fields, site)
    starts, allowance = fields.month("starts"), fields.amount("allowance")
    conditions = _conditions(fields, site)
    needed = (duration,) if internship else (grades, contract)
    if None in (reference, division, location, schedule, published, deadline, words, *needed):
        return None
    assert reference and division and location and schedule and grades is not None
    assert published and deadline and words is not None
    return Vacancy(
        reference=reference,
        grades=grades,
        division=division,
        location=location,
        schedule=schedule,
        contract=contract,
        contract_years=contract_years,
        published=published,
        deadline=deadline,
        salary=salary,
        status=Status(status or Status.OPEN.value),
        language_levels=levels,
        apply_url=apply_urls.get(site.default_language),
        apply_urls=apply_urls,
        words=words,
        folder=bundle.folder,
        kind=kind,
        duration_months=duration,
        starts=starts,
        allowance=allowance,
        conditions=conditions,
    )


def _vacancy_fields(data: Mapping, path: Path, report: Report) -> Fields:
    """The keys of a vacancy.yaml checked against its kind: a post's, or an internship offer's."""
    if data.get("kind") == Kind.INTERNSHIP.value:
        hint = "an internship offer has no grade, salary or contract: remove this line"
        misplaced = {key: hint for key in NOT_FOR_INTERNSHIPS}
        required, optional = INTERNSHIP_FIELDS, INTERNSHIP_OPTIONAL
        return Fields(data, path, report, required=required, optional=optional, misplaced=misplaced)
    hint = "only an internship offer has it: write `kind: internship`, or remove this line"
    misplaced = {key: hint for key in INTERNSHIP_ONLY}
    return Fields(data, path, report, required=VACANCY_FIELDS, optional=VACANCY_OPTIONAL, misplaced=misplaced)


def _grades(fields: Fields, scale: SalaryScale) -> tuple[str, ...] | None:
    value = fields.data.get("grade")
    if value is None:
        return None
    codes = value if isinstance(value, list) else [value]
    if isinstance(value, list) and (len(value) != 2 or value[0] == value[1]):
        fields.error(
            "grade",
            f"grade: a twin-graded post has exactly two different grades, found {len(value)}"
            if len(value) != 2
            else f"grade: {value[0]} is written twice",
            "write one grade like G17, or two like [G15, G16]",
        )
        return None
    grades = []
    for code in codes:
        if not isinstance(code, str) or code not in scale.spine:
            hint = did_you_mean(str(code), scale.spine) or "grades come from salary-scale.yaml"
            fields.error("grade", f"grade: {show(code)} is not a grade of the salary scale", hint)
            return None
        grades.append(code)
    return tuple(sorted(grades, key=grade_number))


def _checked_salary(
    fields: Fields, scale: SalaryScale, grade: str, published: date, salary: Decimal | None
) -> Decimal | None:
    """The salary to show: as written (checked against the scale in force) or the scale's."""
    revision = scale.in_force(published)
    figure = revision.grades.get(grade) if revision else None
    if salary is None or figure is None:
        return salary if salary is not None else figure
    if salary != figure:
        assert revision is not None
        fields.error(
            "salary",
            f"salary: {salary} does not agree with the scale in force on {published} "
            f"({grade}: {figure}, effective {revision.effective})",
            "correct the salary, or the figure in salary-scale.yaml",
        )
        return None
    return salary


def _location(fields: Fields, site: Site) -> Location | None:
    value = fields.mapping("location")
    if value is None:
        return None
    sub = Fields(value, fields.path, fields.report, required=LOCATION_FIELDS, prefix="location.")
    city = sub.localized("city", site.languages)
    country = sub.text("country")
    if country is not None and not is_country_code(country):
        sub.error(
            "country",
            f"location.country: {show(country)} is not an ISO 3166 country code",
            "write two capital letters, like BE for Belgium",
        )
        country = None
    if city is None or country is None:
        return None
    return Location(city, country)


# Codes Babel names but that are no country: unknown, outlying Oceania, EU, eurozone, UN, pseudo.
_NOT_COUNTRIES = {"ZZ", "QO", "EU", "EZ", "UN", "XA", "XB"}


def is_country_code(code: str) -> bool:
    """A two-letter ISO 3166 country code that Babel can name (not a region like 150)."""
    return (
        bool(re.fullmatch(r"[A-Z]{2}", code))
        and code not in _NOT_COUNTRIES
        and (code in Locale.parse("en").territories)
    )


def _apply_urls(fields: Fields, site: Site) -> Localized:
    """`apply_url`: one https address, or one per language (others fall back to the default's)."""
    value = fields.data.get("apply_url")
    if not isinstance(value, Mapping):
        url = fields.https_url("apply_url")
        return {site.default_language: url} if url else {}
    urls = fields.localized("apply_url", site.languages) or {}
    sub = Fields(value, fields.path, fields.report, optional=tuple(value), prefix="apply_url.")
    return {language: url for language in urls if (url := sub.https_url(language))}


def _conditions(fields: Fields, site: Site) -> tuple[Condition, ...]:
    """`conditions`: codes of CONDITIONS, or {en: ..., fr: ...} for one the codes do not say."""
    items = fields.sequence("conditions", "[nationality, medical]") or Sequence()
    found: list[Condition] = []
    for item, line in zip(items, items.item_lines, strict=True):
        if isinstance(item, Mapping):
            text = read_localized(item, "conditions", line, fields.path, fields.report, site.languages)
            found.extend([Condition(None, text)] if text else [])
        elif not isinstance(item, str) or item.strip() not in CONDITIONS:
            fields.report.error(
                fields.path,
                line,
                f"conditions: {show(item)} is not one of {', '.join(CONDITIONS)}",
                did_you_mean(str(item), CONDITIONS)
                or "or write the condition in words, one text per language: {en: ..., fr: ...}",
            )
        elif Condition(item.strip()) in found:
            fields.report.error(fields.path, line, f"conditions: {item.strip()} is written twice", "keep one")
        else:
            found.append(Condition(item.strip()))
    return tuple(found)


def _language_levels(fields: Fields) -> LanguageLevels | None:
    value = fields.mapping("language_levels")
    if value is None:
        return None
    sub = Fields(value, fields.path, fields.report, required=LANGUAGE_LEVEL_FIELDS, prefix="language_levels.")
    hint = "NATO levels are I, II, III, IV, V or VI"
    one = sub.choice("one", LANGUAGE_LEVELS, hint)
    other = sub.choice("other", LANGUAGE_LEVELS, hint)
    return LanguageLevels(one, other) if one and other else None


def _page(bundle: RawBundle, site: Site, report: Report) -> Page | None:
    words = bundle_words(bundle, site, report, FACTS)
    menu: bool | None = True
    footer: bool | None = False
    order: int | None = 100
    lists: str | None = None
    if bundle.facts is not None and bundle.facts.data is not None:
        fields = Fields(bundle.facts.data, bundle.facts.path, report, optional=PAGE_FIELDS)
        menu = fields.boolean("menu")
        footer = fields.boolean("footer")
        order = fields.integer("order", -1000, 1000)
        lists = fields.choice("lists", PAGE_LISTS)
    if not PAGE_NAME.fullmatch(bundle.name):
        report.error(
            bundle.folder,
            None,
            f"the page folder name {bundle.name!r} is not allowed",
            "use lower-case letters, digits and hyphens",
        )
        return None
    if words is None:
        return None
    order = 100 if order is None else order
    return Page(bundle.name, menu is not False, order, words, bundle.folder, footer is True, lists=lists)
