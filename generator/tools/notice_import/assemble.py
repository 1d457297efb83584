"""What one notice says -> the fact lines of vacancy.yaml and the words of each language.

Every fact is either found (with the notice's words it comes from) or written as a
placeholder that `check` accepts, marked CHECK in the file and listed for the editor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ...content.models import SalaryScale, Site, grade_number
from ...content.placeholders import CHECK_MARK
from ...content.placeholders import title as placeholder_title
from . import facts as find
from .bundle import BundleText, FactLine, language_markdown, quoted
from .conditions import find_conditions
from .places import Place
from .split import NoticePart


@dataclass
class Notice:
    """The parts of one vacancy, from one or more files."""

    reference: str
    parts: list[NoticePart] = field(default_factory=list)
    sources: list[Path] = field(default_factory=list)
    vocabulary: set[str] = field(default_factory=set)


@dataclass
class Import:
    """What one import found, wrote and wants checked."""

    text: BundleText
    found: list[str] = field(default_factory=list)
    check: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


def _first(notice: Notice, finder: Callable[..., find.Found | None], *args: object) -> find.Found | None:
    """What the first part that says it says (English first in a bilingual notice)."""
    for part in notice.parts:
        found = finder(part, *args)
        if found is not None:
            return found
    return None


def _fact(
    result: Import, key: str, value: str, found: find.Found | None, shown: str = "", check: str = ""
) -> None:
    """A fact found in the notice; with `check`, one an editor must confirm (marked CHECK)."""
    note = f"From the notice: {found.source!r}" if found else ""
    result.text.facts.append(FactLine(key, value, note, f"{CHECK_MARK} {check}" if check else ""))
    result.found.append(f"{key}: {shown or value}" + (f"  (from {found.source!r})" if found else ""))
    if check:
        result.check.append(f"{key}: {check}")


def _check(result: Import, key: str, value: str | None, why: str) -> None:
    if value is not None:
        result.text.facts.append(FactLine(key, value, "", f"{CHECK_MARK} {why}"))
    else:
        result.text.facts.append(FactLine(f"# {key}", "", "", f"{CHECK_MARK} {why}"))
    result.check.append(f"{key}: {why}")


def extract(notice: Notice, site: Site, scale: SalaryScale, today: date) -> Import:
    """The bundle of one notice: every fact found, or a marked placeholder that passes `check`."""
    languages = site.languages
    result = Import(BundleText(notice.reference))
    _fact(result, "reference", quoted(notice.reference), None)
    _grade(result, notice, scale)
    division = _first(notice, find.find_division, site.divisions)
    if division:
        _fact(result, "division", str(division.value), division)
    else:
        _check(
            result, "division", next(iter(site.divisions)), "the notice names none of site.yaml's divisions"
        )
    _location(result, notice, languages)
    schedule = _first(notice, find.find_schedule)
    if schedule:
        _fact(result, "schedule", str(schedule.value), schedule)
    else:
        _check(result, "schedule", "full-time", "the notice does not say full-time or part-time")
    contract, years = None, None
    for part in notice.parts:
        contract, years = find.find_contract(part)
        if contract:
            break
    if contract:
        _fact(result, "contract", str(contract.value), contract)
        if years:
            _fact(result, "contract_years", str(years.value), years)
    else:
        _check(result, "contract", "definite", "the notice does not name the kind of contract")
    deadline = _first(notice, find.find_deadline, languages)
    moment = deadline.value if deadline else None
    assert moment is None or isinstance(moment, find.Deadline)
    published = _first(notice, find.find_published, languages)
    if published:
        assert isinstance(published.value, date)
        _fact(result, "published", published.value.isoformat(), published)
        day = published.value
    else:
        day = min(today, moment.moment.date()) if moment else today
        _check(
            result,
            "published",
            day.isoformat(),
            "the notice gives no publication date; this is the day of the import (or the deadline's, "
            "if it has passed): a future date keeps the vacancy hidden",
        )
    if moment:
        written = f"{moment.moment:%Y-%m-%dT%H:%M}"
        if moment.time_written:
            _fact(result, "deadline", written, deadline)
        else:
            _check(
                result,
                "deadline",
                written,
                f"the notice gives the day only ({deadline.source!r} read as day-month-year); "
                f"23:59 {site.timezone.key} time is assumed"
                if deadline
                else "",
            )
    else:
        _check(
            result,
            "deadline",
            f"{day + timedelta(weeks=4):%Y-%m-%d}T23:59",
            "no deadline found: four weeks after publication is a placeholder",
        )
    _salary(result, notice, scale, day)
    status = _first(notice, find.find_status)
    if status:
        _fact(result, "status", str(status.value), status)
    else:
        _fact(result, "status", "open", None, "open (the notice does not say it awaits budget approval)")
    levels = _first(notice, find.find_language_levels)
    if levels:
        assert isinstance(levels.value, tuple)
        one, other = levels.value
        _fact(result, "language_levels", f"{{one: {one}, other: {other}}}", levels)
    else:
        _check(
            result,
            "language_levels",
            None,
            'no NATO language levels found, like V ("Advanced") in one, I in the other',
        )
    conditions = find_conditions(notice.parts, languages)
    if conditions:
        found = find.Found(conditions, " ".join(conditions.sources))
        shown = ", ".join([*conditions.codes, *(text[languages[0]] for text in conditions.texts)])
        _fact(result, "conditions", conditions.yaml(languages), found, shown)
    _apply_url(result, notice)
    return result


def _grade(result: Import, notice: Notice, scale: SalaryScale) -> None:
    grade = _first(notice, find.find_grade)
    codes = tuple(str(code) for code in grade.value) if grade and isinstance(grade.value, tuple) else ()
    if grade and all(code in scale.spine for code in codes) and len(set(codes)) == len(codes):
        ordered = sorted(codes, key=grade_number)
        _fact(result, "grade", ordered[0] if len(ordered) == 1 else f"[{', '.join(ordered)}]", grade)
        return
    placeholder = scale.spine[0]
    newest = scale.revisions[-1].grades if scale.revisions else {}
    if newest:
        placeholder = min(newest, key=grade_number)
    why = f"the notice's grade {grade.source!r} is not in salary-scale.yaml" if grade else "no grade found"
    _check(result, "grade", placeholder, f"{why}: {placeholder} is a placeholder")


def _location(result: Import, notice: Notice, languages: tuple[str, ...]) -> None:
    found = _first(notice, find.find_place_of, languages)
    place = found.value if found else None
    assert place is None or isinstance(place, Place)
    if place is None or not place.city or place.country is None:
        city = "{" + ", ".join(f"{lang}: Brussels" for lang in languages) + "}"
        _check(
            result,
            "location",
            f"{{city: {city}, country: BE}}",
            f"the duty place {found.source if found else 'was not found'!r} was not understood: "
            "Brussels is a placeholder",
        )
        return
    city = "{" + ", ".join(f"{lang}: {quoted(place.city[lang])}" for lang in languages) + "}"
    value = f"{{city: {city}, country: {place.country}}}"
    if place.city_known and place.untranslated:
        _check(
            result,
            "location",
            value,
            f"the city's name in {', '.join(place.untranslated)} is not in the importer's table: "
            "the English name is written",
        )
    elif place.city_known:
        _fact(result, "location", value, found)
    else:
        _check(
            result,
            "location",
            value,
            f"the city {found.source if found else ''!r} is not in the importer's table of duty cities: "
            "write its name in each language",
        )


def _salary(result: Import, notice: Notice, scale: SalaryScale, published: date) -> None:
    found = _first(notice, find.find_salary)
    salary = found.value if found else None
    assert salary is None or isinstance(salary, find.Salary)
    if salary is None or found is None:
        _check(
            result,
            "salary",
            None,
            "no salary found: the page shows the scale's figure for the grade, if published",
        )
        return
    if salary.currency != scale.currency or not salary.monthly:
        _check(
            result, "salary", None, f"{found.source!r} is not a monthly amount in {scale.currency}: left out"
        )
        return
    grade_line = next((f for f in result.text.facts if f.key == "grade"), None)
    grade = grade_line.value.strip("[]").split(",")[0].strip() if grade_line else ""
    figure = scale.figure(grade, published)
    if figure is not None and figure != salary.amount:
        _check(
            result,
            "salary",
            None,
            f"the notice's {salary.amount} differs from the scale's {figure} for {grade} in force on "
            f"{published}: left out, the scale's figure is shown; check which is right",
        )
        return
    _fact(result, "salary", str(salary.amount), found)


def _apply_url(result: Import, notice: Notice) -> None:
    urls: dict[str, find.Found] = {}
    for part in notice.parts:
        found = find.find_apply_url(part)
        if found:
            urls[part.language] = found
    if not urls:
        _check(
            result,
            "apply_url",
            None,
            "no application address found: without one the page has no Apply button",
        )
        return
    addresses = {lang: str(found.value) for lang, found in urls.items()}
    first = next(iter(urls.values()))
    if len(set(addresses.values())) == 1:
        value = next(iter(addresses.values()))
    else:
        value = "{" + ", ".join(f"{lang}: {url}" for lang, url in addresses.items()) + "}"
    why = "the notice writes the address without https://; make sure the https address works"
    _fact(result, "apply_url", value, first, check=why)


def words(result: Import, notice: Notice, site: Site) -> None:
    for part in notice.parts:
        title, title_check = part.title, ""
        if not title:
            title = placeholder_title("vacancy", part.language)
            title_check = "no title found in the notice: write the post's title"
            result.check.append(f"{part.language}.md: no title found; {title!r} is a placeholder")
        text, dropped = language_markdown(part, title, notice.vocabulary, title_check)
        result.text.words[part.language] = text
        result.dropped.extend(f"{part.language}: {heading}" for heading in dropped)
    missing = [lang for lang in site.languages if lang not in result.text.words]
    if missing:
        result.check.append(
            f"the notice has no {', '.join(missing)} text: `check` reports it until it is translated"
        )
