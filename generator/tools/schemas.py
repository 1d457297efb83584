"""JSON Schemas of the content's YAML files, so that an editor's editor helps while they type.

`python -m generator schemas DIR` writes `vacancy`, `page`, `site` and `salary-scale`
`.schema.json` into DIR (docs/schemas in the repository, kept in sync by a test).

The schemas are made from the validator's own declarations: its required and optional
keys, its allowed words and its patterns for dates and codes. They hold static rules
only; what needs other files (is this grade in the scale, this division in site.yaml,
is the salary the scale's) stays with `check`, the authority.

They declare draft 2020-12 but use only keywords that mean the same in draft-07, which
is what the YAML extension of VS Code implements: no `$ref`, `$defs` or `prefixItems`.
`patternErrorMessage` and `errorMessage` are that extension's words for a better
message; other validators ignore them.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from ..common.problems import UsageError, display_path
from ..content.settings import (
    GRADE_CODE,
    LANGUAGE_CODE,
    PERIODS,
    REGION_CODE,
    REVISION_FIELDS,
    SCALE_FIELDS,
    SCALE_OPTIONAL,
    SITE_FIELDS,
    SITE_OPTIONAL,
)
from ..content.validate import (
    CONDITIONS,
    CONTRACTS,
    INTERNSHIP_FIELDS,
    INTERNSHIP_ONLY,
    KINDS,
    LANGUAGE_LEVEL_FIELDS,
    LANGUAGE_LEVELS,
    LOCATION_FIELDS,
    MAX_INTERNSHIP_MONTHS,
    NOT_FOR_INTERNSHIPS,
    PAGE_FIELDS,
    PAGE_LISTS,
    REFERENCE,
    SCHEDULES,
    VACANCY_FIELDS,
    VACANCY_OPTIONAL,
    WRITTEN_STATUSES,
)
from .schema_values import (
    COUNTRY,
    CURRENCY,
    HTTPS_ADDRESS,
    MONTH,
    SITE_ADDRESS,
    TIMEZONE,
    Schema,
    amount,
    boolean,
    choice,
    date,
    grade_code,
    integer,
    local_datetime,
    localized,
    localized_text,
    mapping,
    not_allowed,
    pattern,
    text,
)

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# Internship offers (`kind: internship`): the validator's own rules.
POST_ONLY = NOT_FOR_INTERNSHIPS
INTERNSHIP_REQUIRED = tuple(key for key in INTERNSHIP_FIELDS if key not in (*VACANCY_FIELDS, "kind"))
INTERNSHIP_MONTHS = (1, MAX_INTERNSHIP_MONTHS)

# --- the four files --------------------------------------------------------------------------


def vacancy_schema() -> Schema:
    kinds = {
        "kind": choice("post (the default) for a staff vacancy, internship for an internship offer.", KINDS),
        "duration_months": integer("Internships only: how many months it lasts.", *INTERNSHIP_MONTHS),
        "starts": pattern("Internships only (optional): the month it starts.", MONTH, "2025-09"),
        "allowance": amount("Internships only (optional): the monthly allowance in EUR."),
    }
    schema = mapping(
        "The facts of one vacancy, written once for every language: content/vacancies/REF/vacancy.yaml.",
        {**vacancy_properties(), **kinds},
        required=[key for key in VACANCY_FIELDS if key not in POST_ONLY],
        optional=(
            *[key for key in VACANCY_FIELDS if key in POST_ONLY],
            *VACANCY_OPTIONAL,
            *INTERNSHIP_ONLY,
        ),
    )
    schema["if"] = {"properties": {"kind": {"const": "internship"}}, "required": ["kind"]}
    schema["then"] = {
        "required": list(INTERNSHIP_REQUIRED),
        "properties": {key: not_allowed(f"an internship offer has no {key}") for key in POST_ONLY},
    }
    internship_only = INTERNSHIP_ONLY
    schema["else"] = {
        "required": [key for key in VACANCY_FIELDS if key in POST_ONLY],
        "properties": {
            key: not_allowed(f"{key} is for internship offers only (kind: internship)")
            for key in internship_only
        },
    }
    return schema


def vacancy_properties() -> dict[str, Schema]:
    one_grade = grade_code("A grade code of the salary scale, like G17.")
    return {
        "reference": {
            "description": "The vacancy's reference, the same as its folder name. Keep the quotes.",
            "anyOf": [
                {
                    "type": "string",
                    "pattern": REFERENCE.pattern,
                    "patternErrorMessage": 'letters, digits, _ and - only, like "241490"',
                },
                {"type": "integer", "minimum": 0},
            ],
        },
        "grade": {
            "description": "The grade: a code of the salary scale like G17, "
            "or two codes like [G15, G16] for a twin-graded post.",
            "anyOf": [
                one_grade,
                {"type": "array", "items": one_grade, "minItems": 2, "maxItems": 2, "uniqueItems": True},
            ],
        },
        "division": text("The division's short code, one of the divisions in site.yaml, like OPS."),
        "location": mapping(
            "Where the post is based.",
            {
                "city": localized("The city in each language, like {en: Brussels, fr: Bruxelles}."),
                "country": pattern("The country: an ISO 3166 code of two capital letters.", COUNTRY, "BE"),
            },
            required=LOCATION_FIELDS,
        ),
        "schedule": choice("full-time or part-time.", SCHEDULES),
        "contract": choice("The type of contract.", CONTRACTS),
        "contract_years": integer("The length of the contract in years (optional).", 1, 10),
        "published": date("The day the vacancy goes online; until then it is not on the site."),
        "deadline": local_datetime(
            "The last moment to apply, in the site's time zone, like 2024-11-10T23:59."
        ),
        "salary": amount(
            "The monthly basic salary (optional). It must agree with the salary scale "
            "in force on the published date; leave it out to show the scale's figure."
        ),
        "status": choice(
            "open (the default), pending-budget-approval, or cancelled to stop a vacancy early. "
            "Closed is worked out from the deadline.",
            WRITTEN_STATUSES,
        ),
        "language_levels": mapping(
            "The NATO language levels required in the two official languages, like {one: V, other: I}.",
            {
                "one": choice("The level required in one official language.", LANGUAGE_LEVELS),
                "other": choice("The level required in the other official language.", LANGUAGE_LEVELS),
            },
            required=LANGUAGE_LEVEL_FIELDS,
        ),
        "apply_url": pattern(
            "The address of the application form (https).", HTTPS_ADDRESS, "https://example.org/apply"
        ),
        "conditions": {
            "description": "Who may apply and what appointment is subject to (optional), "
            "like [nationality, security-clearance, medical, verification]; a condition the codes "
            "do not say is written in words, one text per language: {en: ..., fr: ...}.",
            "type": "array",
            "uniqueItems": True,
            "items": {
                "anyOf": [
                    choice("A condition the page words itself.", CONDITIONS),
                    localized_text("The condition in words, one text per language."),
                ]
            },
        },
    }


def page_schema() -> Schema:
    return mapping(
        "Optional settings of one content page: content/pages/NAME/page.yaml.",
        {
            "menu": boolean("true to show the page in the main menu (the default), false to leave it out."),
            "order": integer(
                "The page's place in the menu: smaller numbers come first (default 100).", -1000, 1000
            ),
            "footer": boolean("true to link the page from the footer of every page."),
            "lists": choice("internships: this page lists the open internship offers.", PAGE_LISTS),
        },
        required=(),
        optional=PAGE_FIELDS,
    )


def site_schema() -> Schema:
    language = pattern("A language code, like en or fr.", LANGUAGE_CODE, "en")
    return mapping(
        "Settings of the whole site: content/site.yaml.",
        {
            "languages": {
                "description": "The languages of the site, like [en, fr]. The first is the default.",
                "type": "array",
                "items": language,
                "minItems": 1,
                "uniqueItems": True,
            },
            "base_url": pattern(
                "The address the site is published at, like https://careers.example.org/.",
                SITE_ADDRESS,
                "https://careers.example.org/",
            ),
            "timezone": pattern(
                "The time zone of every deadline: an IANA name.", TIMEZONE, "Europe/Brussels"
            ),
            "title": localized("The name of the site in each language."),
            "organisation": localized("The name of the employer in each language."),
            "divisions": {
                "description": "The divisions a vacancy can name: "
                "a short code, then its name in each language.",
                "type": "object",
                "minProperties": 1,
                "additionalProperties": localized("The division's name in each language."),
            },
            "description": localized("A short introduction for the home page, in each language."),
            "regions": {
                "description": "Which country's way of writing dates and numbers each language uses, "
                "like {en: GB, fr: BE}.",
                "type": "object",
                "propertyNames": {"pattern": LANGUAGE_CODE.pattern},
                "additionalProperties": pattern("A region code of two capital letters.", REGION_CODE, "BE"),
            },
        },
        required=SITE_FIELDS,
        optional=SITE_OPTIONAL,
    )


def salary_scale_schema() -> Schema:
    grade = grade_code("A grade code, like G17.")
    revision = mapping(
        "One revision of the scale.",
        {
            "effective": date("The day this revision comes into force."),
            "grades": {
                "description": "The monthly amount of each grade this revision publishes, like G17: 7540.44.",
                "type": "object",
                "propertyNames": {"pattern": GRADE_CODE.pattern},
                "additionalProperties": amount("The monthly amount."),
            },
        },
        required=REVISION_FIELDS,
    )
    return mapping(
        "Monthly salaries by grade: content/salary-scale.yaml.",
        {
            "currency": pattern("The currency of every amount: an ISO 4217 code.", CURRENCY, "EUR"),
            "period": choice("How often each amount is paid.", PERIODS),
            "scales": {
                "description": "The revisions, oldest first; the one in force on a day is the newest "
                "whose effective date is on or before it.",
                "type": "array",
                "minItems": 1,
                "items": revision,
            },
            "spine": {
                "description": "Every grade, lowest first (optional), like [G1, G2, G3].",
                "type": "array",
                "items": grade,
            },
        },
        required=SCALE_FIELDS,
        optional=SCALE_OPTIONAL,
    )


SCHEMAS = {
    "vacancy": vacancy_schema,
    "page": page_schema,
    "site": site_schema,
    "salary-scale": salary_scale_schema,
}


def schema_texts() -> dict[str, str]:
    """File name -> JSON text, the same bytes on every run."""
    texts = {}
    for name, make in SCHEMAS.items():
        schema = {"$schema": DRAFT, "title": f"{name}.yaml", **make()}
        texts[f"{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return texts


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into `folder` (made if absent). Only these files are replaced, and
    replaced whole: a symbolic (or hard) link by one of their names is itself replaced by the
    schema, never written through, so the file it leads to stays as it was."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return [_replace(folder / name, text) for name, text in schema_texts().items()]
    except OSError as error:
        raise UsageError(
            f"cannot write the schemas into {display_path(folder)}: {error.strerror or error}",
            "choose a folder you may write, such as docs/schemas",
        ) from None


def _replace(path: Path, text: str) -> Path:
    """Write `text` to a new file beside `path`, then rename it over `path`: the name now holds
    the schema, whatever it held or led to before."""
    if path.is_dir() and not path.is_symlink():
        raise UsageError(f"{display_path(path)} is a folder", "move it away, or choose another folder")
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with temporary.open("x", encoding="utf-8") as handle:  # "x": a new file, never an existing one
            handle.write(text)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return path
