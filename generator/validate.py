"""Raw bundles -> typed models. Every problem is collected in the report; nothing is raised."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from babel import Locale

from .config import validate_scale, validate_site
from .errors import Report
from .fields import Fields, did_you_mean, show
from .loader import Document, RawBundle, RawContent
from .markdown import render_body, shorten
from .models import (
    Content,
    LanguageLevels,
    Location,
    Page,
    SalaryScale,
    Site,
    Status,
    Vacancy,
    Words,
    grade_number,
)

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
VACANCY_OPTIONAL = ("contract_years", "salary", "status", "language_levels", "apply_url")
PAGE_FIELDS = ("menu", "order", "footer")
REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
PAGE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


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


# Letters that Unicode does not decompose into a base letter and an accent.
_LIGATURES = str.maketrans(
    {"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th"}
)


def slugify(text: str) -> str:
    """ASCII, lower-case words joined by hyphens: "Carrières à l'OTAN" -> "carrieres-a-l-otan"."""
    spelled = text.lower().translate(_LIGATURES)
    ascii_text = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _vacancy(bundle: RawBundle, site: Site, scale: SalaryScale, report: Report) -> Vacancy | None:
    words = _words(bundle, site, report)
    if bundle.facts is None or bundle.facts.data is None:
        return None
    path = bundle.facts.path
    fields = Fields(
        bundle.facts.data,
        path,
        report,
        required=VACANCY_FIELDS,
        optional=VACANCY_OPTIONAL,
    )
    reference = fields.text("reference")
    if reference is not None and reference != bundle.name:
        fields.error(
            "reference",
            f"reference: {show(reference)} differs from the folder name {bundle.name!r}",
            "the folder must be named after the reference; rename one of them",
        )
    if not REFERENCE.match(bundle.name):
        report.error(
            bundle.folder,
            None,
            f"the folder name {bundle.name!r} cannot be a reference",
            "use letters, digits and hyphens only",
        )
    grades = _grades(fields, scale)
    division = fields.choice("division", site.divisions)
    location = _location(fields, site)
    schedule = fields.choice("schedule", SCHEDULES)
    contract = fields.choice("contract", CONTRACTS)
    contract_years = fields.integer("contract_years", 1, 10)
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
    salary = fields.amount("salary")
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
    apply_url = fields.https_url("apply_url")
    if None in (reference, grades, division, location, schedule, contract, published, deadline, words):
        return None
    assert reference and grades and division and location and schedule and contract
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
        apply_url=apply_url,
        words=words,
        folder=bundle.folder,
    )


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
    sub = Fields(value, fields.path, fields.report, required=("city", "country"), prefix="location.")
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


def _language_levels(fields: Fields) -> LanguageLevels | None:
    value = fields.mapping("language_levels")
    if value is None:
        return None
    sub = Fields(value, fields.path, fields.report, required=("one", "other"), prefix="language_levels.")
    hint = "NATO levels are I, II, III, IV, V or VI"
    one = sub.choice("one", LANGUAGE_LEVELS, hint)
    other = sub.choice("other", LANGUAGE_LEVELS, hint)
    return LanguageLevels(one, other) if one and other else None


def _page(bundle: RawBundle, site: Site, report: Report) -> Page | None:
    words = _words(bundle, site, report)
    menu: bool | None = True
    footer: bool | None = False
    order: int | None = 100
    if bundle.facts is not None and bundle.facts.data is not None:
        fields = Fields(bundle.facts.data, bundle.facts.path, report, optional=PAGE_FIELDS)
        menu = fields.boolean("menu")
        footer = fields.boolean("footer")
        order = fields.integer("order", -1000, 1000)
    if not PAGE_NAME.match(bundle.name):
        report.error(
            bundle.folder,
            None,
            f"the page folder name {bundle.name!r} is not allowed",
            "use lower-case letters, digits and hyphens",
        )
        return None
    if words is None:
        return None
    return Page(
        bundle.name, menu is not False, 100 if order is None else order, words, bundle.folder, footer is True
    )


def _words(bundle: RawBundle, site: Site, report: Report) -> dict[str, Words] | None:
    """Each language's words; None when any language file is wrong."""
    if not bundle.documents:
        report.error(
            bundle.folder,
            None,
            "there is no language file",
            f"add {site.default_language}.md with a title and the text",
        )
        return None
    words = {}
    ok = True
    for language, document in bundle.documents.items():
        if language not in site.languages:
            report.warning(
                document.path,
                None,
                f"{language!r} is not a language of the site, so this file is not published",
                f"rename it to {language.lower()}.md"
                if language.lower() in site.languages
                else did_you_mean(language, site.languages)
                or f"add {language} to languages in site.yaml, or rename the file",
            )
            continue
        result = _document_words(document, bundle.kind, report)
        if result is None:
            ok = False
        else:
            words[language] = result
    return words if ok else None


_MISPLACED_FACT = "facts belong in the .yaml file of the folder, written once for all languages"


def _document_words(document: Document, kind: str, report: Report) -> Words | None:
    facts = VACANCY_FIELDS + VACANCY_OPTIONAL + PAGE_FIELDS
    fields = Fields(
        document.front,
        document.path,
        report,
        required=("title",),
        optional=("slug", "summary", "translated_from"),
        misplaced={fact: _MISPLACED_FACT for fact in facts},
    )
    title = fields.text("title")
    summary = fields.text("summary")
    translated_from = fields.text("translated_from")
    slug = fields.text("slug")
    if slug is not None and not _SLUG.match(slug):
        fields.error(
            "slug",
            f"slug: {show(slug)} is not allowed in an address",
            f"use lower-case letters, digits and hyphens, like {slugify(slug) or 'my-page'}",
        )
        return None
    body = render_body(document.body)
    errors = [problem for problem in body.problems if not problem.warning]
    for problem in body.problems:
        line = document.body_line + problem.line - 1
        if problem.warning:
            report.warning(document.path, line, problem.message, problem.hint)
        else:
            report.error(document.path, line, problem.message, problem.hint)
    if title is None or errors:
        return None
    derived = slug or slugify(title)
    if not derived and kind == "page":
        fields.error("title", "the title gives no address", "add a line `slug: my-page`")
        return None
    return Words(
        language=document.language,
        title=title,
        slug=derived,
        slug_written=slug is not None,
        summary=summary or shorten(body.first_paragraph),
        body_html=body.html,
        source=document.path,
        fingerprint=document.fingerprint,
        address_line=fields.line("slug" if slug is not None else "title"),
        translated_from=translated_from,
    )
