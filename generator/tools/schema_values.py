"""The kinds of value a YAML file holds, as JSON Schema pieces, read the way typed_fields.Fields
reads them (schemas.py puts them together into the four files' schemas)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..content.settings import GRADE_CODE, LANGUAGE_CODE
from ..content.typed_fields import DATE_EXAMPLE, DATETIME, DATETIME_EXAMPLE, MAX_AMOUNT

Schema = dict[str, Any]

DATE = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"  # the shape typed_fields.parse_date accepts
MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"
COUNTRY = r"^[A-Z]{2}$"  # validate.is_country_code, without Babel's list
CURRENCY = r"^[A-Z]{3}$"  # ISO 4217, without Babel's list
TIMEZONE = r"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$"  # an IANA name, like Europe/Brussels
SITE_ADDRESS = r"^https?://[^\s/?#]+(/[^\s?#]*)?$"
HTTPS_ADDRESS = r"^https://[^\s/?#]+[^\s]*$"


def text(description: str) -> Schema:
    return {"description": description, "type": "string", "minLength": 1}


def choice(description: str, options: Iterable[str]) -> Schema:
    return {"description": description, "enum": list(options)}


def pattern(description: str, regex: str | re.Pattern[str], example: str) -> Schema:
    written = regex if isinstance(regex, str) else regex.pattern
    return {
        "description": description,
        "type": "string",
        "pattern": written,
        "patternErrorMessage": f"write it like {example}",
    }


def date(description: str) -> Schema:
    return pattern(description, DATE, DATE_EXAMPLE)


def local_datetime(description: str) -> Schema:
    return pattern(description, DATETIME, DATETIME_EXAMPLE)


def integer(description: str, low: int, high: int) -> Schema:
    return {"description": description, "type": "integer", "minimum": low, "maximum": high}


def boolean(description: str) -> Schema:
    return {"description": description, "type": "boolean"}


def amount(description: str) -> Schema:
    return {
        "description": description + " Write it like 7540.44: two decimals, no thousands separator.",
        "type": "number",
        "exclusiveMinimum": 0,
        "exclusiveMaximum": int(MAX_AMOUNT),
    }


def localized(description: str) -> Schema:
    """One text per language ({en: ..., fr: ...}); one text for all is allowed (check warns)."""
    return {
        "description": description,
        "anyOf": [
            {
                "type": "object",
                "minProperties": 1,
                "propertyNames": {"pattern": LANGUAGE_CODE.pattern},
                "additionalProperties": {"type": "string", "minLength": 1},
            },
            {"type": "string", "minLength": 1},
        ],
    }


def localized_text(description: str) -> Schema:
    """One text per language, as a block only ({en: ..., fr: ...})."""
    return {"description": description, **localized(description)["anyOf"][0]}


def grade_code(description: str) -> Schema:
    return pattern(description, GRADE_CODE, "G17")


def mapping(
    description: str, properties: dict[str, Schema], required: Iterable[str], optional: Iterable[str] = ()
) -> Schema:
    """A block of `key: value` lines: exactly the declared keys, each described."""
    required, optional = tuple(required), tuple(optional)
    declared = (*required, *optional)
    missing = sorted(set(declared) ^ set(properties))
    assert not missing, f"declared keys and described keys differ: {missing}"
    schema: Schema = {
        "description": description,
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        schema["required"] = list(required)
    return schema


def not_allowed(message: str) -> Schema:
    return {"not": {}, "errorMessage": message}
