"""The vacancies side of `diff`: each build's vacancies.json, read as of one clock.

A build writes each vacancy's status as of its own clock (`generated`). Two builds
made at different moments would then differ wherever a deadline fell between them,
though nothing was changed. So each entry's status is worked out again as of one
clock, the newer build's unless `diff --now` gives another, from what the entry
says: its declared status, publication day and deadline.

The older build may come from another version of the generator: what its
vacancies.json holds in another shape is left out of the comparison, and the summary
says so (a warning on stderr too), rather than taking a vacancy it cannot read for
one that is not there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..common.problems import Problem, Severity, display_path

MAX_SKIPPED = 5  # entries of vacancies.json named in a warning; the others are counted
ACCEPTING = ("open", "pending-budget-approval")


@dataclass(frozen=True)
class Vacancy:
    """One entry of vacancies.json, as far as the comparison needs it."""

    reference: str
    title: str
    kind: str
    status: str  # as of the clock it is read at (`as_of`)
    published: date | None = None
    deadline: datetime | None = None

    @property
    def label(self) -> str:
        noun = "internship offer" if self.kind == "internship" else "vacancy"
        return f"{noun} {self.reference} ({self.title})" if self.title else f"{noun} {self.reference}"

    @property
    def open(self) -> bool:
        return self.status in ACCEPTING

    def as_of(self, clock: datetime) -> Vacancy | None:
        """The entry as a build at `clock` would have written it; None when it would not have
        been published yet. What the entry does not say is kept as written."""
        zone = self.deadline.tzinfo if self.deadline else None  # the site's, as the build wrote it
        if self.published is not None and self.published > clock.astimezone(zone).date():
            return None
        if self.status == "cancelled" or self.deadline is None:
            return self
        if clock >= self.deadline:
            return replace(self, status="closed")
        # Closed by its own build's clock only: it accepted applications before (open, as far as
        # the entry tells; pending budget approval is written as such until the deadline).
        return replace(self, status="open") if self.status == "closed" else self


@dataclass(frozen=True)
class Vacancies:
    """What a build's vacancies.json says: the vacancies read (None when the file cannot be read
    at all), the references of entries read in part, what could not be read, and the build's clock."""

    found: dict[str, Vacancy] | None
    unsure: set[str]
    unread: list[Problem]
    clock: datetime | None = None

    def as_of(self, clock: datetime | None) -> Vacancies:
        if self.found is None or clock is None:
            return self
        found = {ref: now for ref, vacancy in self.found.items() if (now := vacancy.as_of(clock)) is not None}
        return replace(self, found=found)


@dataclass(frozen=True)
class Changes:
    opened: list[Vacancy]
    closed: list[tuple[Vacancy, str]]  # with what became of it
    arrived_closed: list[Vacancy]  # new on the site, already closed or cancelled


_JSON_TYPES = {dict: "a mapping", list: "a list", str: "a string", int: "a number", float: "a number"}


def _json_type(value: object) -> str:
    return (
        "null" if value is None else "true or false" if isinstance(value, bool) else _JSON_TYPES[type(value)]
    )


def read_vacancies(output: Path) -> Vacancies:
    """The vacancies of a build, as far as its vacancies.json can be read (of any version)."""
    file = output / "vacancies.json"
    where = display_path(file)
    try:
        data: Any = json.loads(file.read_bytes())
    except FileNotFoundError:
        return _unreadable(where, "no such file")
    except OSError as error:
        return _unreadable(where, f"cannot be read: {error.strerror or error}")
    except ValueError as error:  # not JSON, or not in a Unicode encoding
        return _unreadable(where, f"not valid JSON: {error}")
    except RecursionError:
        return _unreadable(where, "nested too deeply to read")
    if not isinstance(data, dict):
        return _unreadable(where, f"{_json_type(data)} at the top, where this version reads a mapping")
    entries = data.get("vacancies")
    if not isinstance(entries, list):
        shape = _json_type(entries) if "vacancies" in data else "missing"
        return _unreadable(where, f"'vacancies' is {shape}, where this version reads a list")
    found: dict[str, Vacancy] = {}
    unsure: set[str] = set()
    skipped: list[str] = []
    for number, entry in enumerate(entries, 1):
        vacancy = _vacancy(entry)
        if isinstance(vacancy, Vacancy):
            found[vacancy.reference] = vacancy
            continue
        reference, reason = vacancy
        unsure |= {reference} if reference else set()
        skipped.append(f"entry {number} {reason}")
    unread = []
    if skipped:
        named = ", ".join(skipped[:MAX_SKIPPED])
        more = f", and {len(skipped) - MAX_SKIPPED} more" if len(skipped) > MAX_SKIPPED else ""
        message = f"{len(skipped)} of {len(entries)} entries cannot be read: {named}{more}"
        unread.append(_warning(where, message, "the vacancies they hold are left out of the comparison"))
    return Vacancies(found, unsure, unread, _moment(data.get("generated")))


def _unreadable(where: str, message: str) -> Vacancies:
    return Vacancies(None, set(), [_warning(where, message, "vacancies are not compared, only pages")])


def _warning(where: str, message: str, hint: str) -> Problem:
    return Problem(where, 0, message, hint, Severity.WARNING)


def _vacancy(entry: object) -> Vacancy | tuple[str, str]:
    """One entry as a vacancy, or (its reference if it has one, why it cannot be read)."""
    if not isinstance(entry, dict):
        return "", f"is {_json_type(entry)}"
    reference = entry.get("reference")
    if isinstance(reference, int) and not isinstance(reference, bool):
        reference = str(reference)
    if not isinstance(reference, str) or not reference:
        return "", "has no reference"
    status = entry.get("status")
    if not isinstance(status, str):
        return reference, f"({reference}) has no status"
    kind = entry.get("kind")
    published = entry.get("published")
    return Vacancy(
        reference,
        _title(entry.get("languages")),
        kind if isinstance(kind, str) else "post",
        status,
        _day(published),
        _moment(entry.get("deadline")),
    )


def _title(languages: object) -> str:
    """The title in the first language, or none when the entry has none to read."""
    words = next(iter(languages.values()), None) if isinstance(languages, dict) else None
    title = words.get("title") if isinstance(words, dict) else None
    return title if isinstance(title, str) else ""


def _moment(value: object) -> datetime | None:
    """A date and time with its offset, as the builds write them; None for anything else."""
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    return moment if moment is not None and moment.tzinfo is not None else None


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def changes(earlier: Vacancies, later: Vacancies) -> Changes:
    """What opens, closes and arrives closed, among the vacancies both builds can say something
    of (both read as of the same clock)."""
    assert earlier.found is not None and later.found is not None
    unsure = earlier.unsure | later.unsure
    before = {ref: vacancy for ref, vacancy in earlier.found.items() if ref not in unsure}
    after = {ref: vacancy for ref, vacancy in later.found.items() if ref not in unsure}
    opened = [
        vacancy
        for reference, vacancy in sorted(after.items())
        if vacancy.open and not (reference in before and before[reference].open)
    ]
    closed = []
    for reference, vacancy in sorted(before.items()):
        now = after.get(reference)
        if vacancy.open and (now is None or not now.open):
            closed.append((vacancy, now.status if now else "no longer on the site"))
    arrived_closed = [
        vacancy for ref, vacancy in sorted(after.items()) if ref not in before and not vacancy.open
    ]
    return Changes(opened, closed, arrived_closed)
