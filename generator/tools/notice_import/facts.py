"""The facts of one language part of a notice, as vacancy.yaml wants them.

Each finder returns the value and the words it was read from (shown to the editor),
or None when the notice does not say. Header labels are recognised in English and
French ("Application Deadline" / "Date de retrait"); dates in any language the site
or Babel's English and French month names spell ("10-Nov-2024, 11:59:00 PM",
"10-nov.-2024, 23:59:00", "10-01-2026"); amounts in either convention
("7,540.44Euro (EUR) Monthly", "7 540,44Euro").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from babel import Locale

from .places import Place, find_place, fold
from .split import NoticePart

_LABELS = {
    "location": r"primary location|duty location|duty station|location|emplacement principal"
    r"|lieu d.affectation|lieu de travail|lieu",
    "schedule": r"schedule|job type|working time|horaire|temps de travail|type d.emploi",
    "deadline": r"application deadline|closing date|deadline|date de retrait|date de cl[oô]ture"
    r"|date limite(?: de (?:d[ée]p[oô]t des )?candidatures?)?",
    "salary": r"salary|pay|salaire|r[ée]mun[ée]ration",
    "grade": r"grade",
    "published": r"update day|posting date|publication date|date published|date de publication"
    r"|date de mise en ligne|mis en ligne le|publi[ée] le",
}
_LABEL_LINE = {
    key: re.compile(rf"^(?:{pattern})\b\s*(?:\([^)]*\))?\s*:?\s*(?P<value>\S.*)$", re.IGNORECASE)
    for key, pattern in _LABELS.items()
}
_SCHEDULES = {
    "full-time": r"full[- ]?time|temps (?:plein|complet)|voltijds|vollzeit",
    "part-time": r"part[- ]?time|temps partiel|deeltijds|teilzeit",
}
_DATE = re.compile(
    r"(?P<day>\d{1,2})[-/. ]+(?P<month>\d{1,2}|[^\W\d_][\w.]*?)\.?[-/. ]+(?P<year>\d{4})"
    r"(?:\s*,?\s*(?:at|à)?\s*(?P<hour>\d{1,2})\s*[:h]\s*(?P<minute>\d{2})(?::\d{2})?"
    r"\s*(?P<half>[ap]\.?\s?m\.?)?)?",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2}))?"
)
_AMOUNT = re.compile(r"(?P<amount>\d{1,3}(?:[ ,.'\u00a0\u202f]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)")
_CURRENCY = r"\s*(?P<currency>euros?|eur|€|usd|us\$|\$|gbp|£|chf|cad|nok|pln|dkk)"
_SALARY = re.compile(_AMOUNT.pattern + _CURRENCY, re.IGNORECASE)
_YEARLY = re.compile(r"annual|yearly|per year|a year|annuel|par an", re.IGNORECASE)
_GRADE = re.compile(
    r"\b(?:NATO\s+|OTAN\s+)?(?:Grade\s+)?(?P<one>[A-Z])\s?(?P<n1>\d{1,2})"
    r"(?:\s*(?:/|-|–|or|ou|to|à)\s*(?P<two>[A-Z])?\s?(?P<n2>\d{1,2}))?\b"
)
_PENDING = re.compile(
    r"pending budget(?:ary)? approval|subject to budget(?:ary)? approval"
    r"|sous r[ée]serve d.(?:l.)?approbation (?:par les autorit[ée]s )?budg[ée]taires?"
    r"|sous r[ée]serve d.approbation du budget",
    re.IGNORECASE,
)
_LEVEL = re.compile(r"\b(VI|IV|V|I{1,3})\s*\(\s*[«\"“']?\s*[^\W\d_][\w -]*?\s*[»\"”']?\s*\)")
_CONTRACT = re.compile(
    r"\b(?P<indefinite>indefinite|dur[ée]e ind[ée]termin[ée]e)"
    r"|\b(?P<definite>definite|fixed[- ]term|dur[ée]e d[ée]termin[ée]e)"
    r"|\b(?P<temporary>temporary|temporaire)",
    re.IGNORECASE,
)
_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
}  # fmt: skip
_YEARS = re.compile(
    r"\b(\d{1,2}|one|two|three|four|five|six|un|une|deux|trois|quatre|cinq)[- ](?:years?|ans?\b)", re.I
)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]\"'«»]+", re.IGNORECASE)
_APPLY_LINE = re.compile(
    r"other applica|all applica|apply online|apply (?:at|via|through)|autres candidatures|postule[rz]"
    r"|candidatures? (?:en ligne|via)|e-recruitment",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Found:
    """A value and the notice's words it comes from."""

    value: object
    source: str


@dataclass(frozen=True)
class Deadline:
    moment: datetime  # naive, local time in the site's time zone
    time_written: bool  # False: the notice gives a day only, 23:59 is assumed


def labelled(part: NoticePart, key: str) -> str | None:
    """The value after a header label, header first, then anywhere in the part."""
    for line in part.lines:
        match = _LABEL_LINE[key].match(line)
        if match:
            return match.group("value").strip()
    return None


def month_names(languages: tuple[str, ...]) -> dict[str, int]:
    """Month names and abbreviations of these languages (and English and French), folded."""
    months: dict[str, int] = {}
    for language in dict.fromkeys((*languages, "en", "fr")):
        try:
            locale = Locale.parse(language)
        except (ValueError, TypeError):
            continue
        for context in ("format", "stand-alone"):
            for width in ("abbreviated", "wide"):
                for number, name in locale.months[context][width].items():
                    months.setdefault(fold(name).rstrip("."), number)
    months.setdefault("sept", 9)
    return months


def parse_moment(text: str, languages: tuple[str, ...]) -> Deadline | None:
    """A day and an optional time, as notices write them; the time defaults to 23:59."""
    iso = _ISO_DATE.search(text)
    match = iso or _DATE.search(text)
    if not match:
        return None
    month_text = match.group("month")
    if month_text.isdigit():
        month: int | None = int(month_text)
    else:
        month = month_names(languages).get(fold(month_text).rstrip("."))
    try:
        day = date(int(match.group("year")), month or 0, int(match.group("day")))
    except ValueError:
        return None
    if match.group("hour") is None:
        return Deadline(datetime(day.year, day.month, day.day, 23, 59), False)
    hour, minute = int(match.group("hour")), int(match.group("minute"))
    half = (match.groupdict().get("half") or "").lower().replace(".", "").replace(" ", "")
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return Deadline(datetime(day.year, day.month, day.day, hour, minute), True)


def parse_amount(text: str) -> Decimal | None:
    """7,540.44 / 7 540,44 / 7.540,44 / 7540 -> Decimal; the last separator before 1-2 digits is decimal."""
    digits = re.sub(r"[\s\u00a0\u202f']", "", text)
    decimal = re.search(r"[.,](\d{1,2})$", digits)
    whole = digits[: decimal.start()] if decimal else digits
    whole = re.sub(r"[.,]", "", whole)
    try:
        return Decimal(f"{whole}.{decimal.group(1)}" if decimal else whole).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


def find_deadline(part: NoticePart, languages: tuple[str, ...]) -> Found | None:
    text = labelled(part, "deadline")
    moment = parse_moment(text, languages) if text else None
    return Found(moment, text) if moment and text else None


def find_published(part: NoticePart, languages: tuple[str, ...]) -> Found | None:
    text = labelled(part, "published")
    moment = parse_moment(text, languages) if text else None
    return Found(moment.moment.date(), text) if moment and text else None


@dataclass(frozen=True)
class Salary:
    amount: Decimal
    currency: str
    monthly: bool


def find_salary(part: NoticePart) -> Found | None:
    text = labelled(part, "salary")
    candidates = (
        [text] if text else [line for line in part.lines if re.search(r"\d\s*(?:euro|eur\b|€)", line, re.I)]
    )
    for line in candidates:
        match = _SALARY.search(line)
        if match:
            amount = parse_amount(match.group("amount"))
            if amount is None:
                continue
            currency = match.group("currency").lower()
            code = "EUR" if currency.startswith("eur") or currency == "€" else currency.upper().strip("$")
            return Found(Salary(amount, code, not _YEARLY.search(line)), line)
    return None


def find_grade(part: NoticePart) -> Found | None:
    text = labelled(part, "grade")
    lines = [text] if text else [line for line in part.lines if re.search(r"\b(?:NATO|OTAN) Grade\b", line)]
    for line in lines:
        match = _GRADE.search(line)
        if match:
            letter = match.group("one")
            grades = [f"{letter}{int(match.group('n1'))}"]
            if match.group("n2"):
                grades.append(f"{match.group('two') or letter}{int(match.group('n2'))}")
            return Found(tuple(grades), line)
    return None


def find_place_of(part: NoticePart, languages: tuple[str, ...]) -> Found | None:
    text = labelled(part, "location")
    place: Place | None = find_place(text, languages) if text else None
    return Found(place, text) if place and text else None


def find_schedule(part: NoticePart) -> Found | None:
    text = labelled(part, "schedule")
    if text:
        for schedule, pattern in _SCHEDULES.items():
            if re.search(pattern, text, re.IGNORECASE):
                return Found(schedule, text)
    return None


def find_status(part: NoticePart) -> Found | None:
    for line in part.lines:
        match = _PENDING.search(line)
        if match:
            return Found("pending-budget-approval", match.group(0))
    return None


def find_language_levels(part: NoticePart) -> Found | None:
    for line in part.lines:
        levels = _LEVEL.findall(line)
        if len(levels) >= 2:
            return Found((levels[0], levels[1]), line)
    return None


def find_contract(part: NoticePart) -> tuple[Found | None, Found | None]:
    """The contract type and its years, from the contract section first."""
    sections = sorted(part.sections, key=lambda s: not re.search(r"contra", s.heading, re.I))
    for section in sections:
        text = " ".join(section.lines)
        match = _CONTRACT.search(text)
        if not match:
            continue
        kind = next(name for name, value in match.groupdict().items() if value)
        start = text.rfind(".", 0, match.start()) + 1
        sentence = text[start : text.find(".", match.end()) if "." in text[match.end() :] else None]
        years = _YEARS.search(text, max(start, match.start() - 30), match.end() + 80)
        found_years = None
        if years:
            number = years.group(1).lower()
            found_years = Found(int(number) if number.isdigit() else _NUMBERS[number], years.group(0))
        return Found(kind, sentence.strip()), found_years
    return None, None


def find_division(part: NoticePart, divisions: dict[str, dict[str, str]]) -> Found | None:
    """The site division the notice names first (by name in any language, or by code)."""
    text = " ".join(line for section in part.sections for line in section.lines if line)
    folded = fold(text)
    best: tuple[int, str, str] | None = None
    for code, names in divisions.items():
        patterns = [rf"\(\s*{re.escape(code)}\s*\)", rf"\b[Dd]ivision\s+{re.escape(code)}\b"]
        for position in (m.start() for p in patterns for m in re.finditer(p, text)):
            if best is None or position < best[0]:
                best = (position, code, text[position : position + 40])
        for name in names.values():
            core = fold(re.sub(r"\bdivision\b", "", name, flags=re.IGNORECASE)).strip(" -")
            forms = [re.escape(fold(name)), rf"{re.escape(core)}\s+division"] if core else []
            forms.append(rf"division\s+(?:des?\s+|du\s+|de\s+la\s+|d'|of\s+(?:the\s+)?)?{re.escape(core)}")
            for match in re.finditer(rf"(?<!\w)(?:{'|'.join(forms)})(?!\w)", folded):
                if best is None or match.start() < best[0]:
                    same = len(folded) == len(text)  # then the notice's own spelling can be shown
                    best = (
                        match.start(),
                        code,
                        text[match.start() : match.end()] if same else match.group(0),
                    )
    return Found(best[1], best[2]) if best else None


def find_apply_url(part: NoticePart) -> Found | None:
    """The application address the notice gives (made https), not its information pages."""
    for line in part.lines:
        if not _APPLY_LINE.search(line):
            continue
        match = _URL.search(line)
        if match:
            url = match.group(0).rstrip(".,;:")
            address = re.sub(r"^(?:https?://)?", "https://", url, flags=re.IGNORECASE)
            return Found(address, line)
    return None
