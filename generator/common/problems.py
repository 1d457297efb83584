"""Problems found in content, kept as values until the command line prints them."""

from __future__ import annotations

import os
import re
import shlex
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content: where, what, and how to fix it."""

    path: str
    line: int
    message: str
    hint: str = ""
    severity: Severity = field(default=Severity.ERROR, compare=False)
    # Translation problems are warnings that `--strict` turns into errors.
    strict_error: bool = field(default=False, compare=False)

    def format(self) -> str:
        """One line `path:line: message; hint`, whatever the names in it hold."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        label = "warning: " if self.severity is Severity.WARNING else ""
        text = f"{where}: {label}{self.message}"
        return one_line(f"{text}; {self.hint}" if self.hint else text)


# Control characters (a file name may hold a newline, a carriage return or a terminal escape),
# the other characters at which Python splits lines, and lone surrogates: Python reads a byte of a
# file name that is not UTF-8 as one of \udc80-\udcff (surrogateescape), which no UTF-8 output holds.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# A message that quotes such a name with repr() has the byte as \udce9: written \xe9 too.
_QUOTED_BYTE = re.compile(r"(?<!\\)\\udc([89a-f][0-9a-f])")


def one_line(text: str) -> str:
    """`text` with its control characters written as escapes (\\n, \\x1b), as in a Python string,
    and each byte of a name that is not UTF-8 as \\xe9: the same in every output format."""
    return _QUOTED_BYTE.sub(r"\\x\1", _UNPRINTABLE.sub(lambda match: escaped(match.group()), text))


def encodable(text: str) -> str:
    """`text` as UTF-8 can hold it (JSON, GitHub): each byte of a name that is not UTF-8 as `\\xe9`."""
    return _QUOTED_BYTE.sub(r"\\x\1", _SURROGATE.sub(lambda match: escaped(match.group()), text))


def escaped(char: str) -> str:
    """One character as an escape: a byte of a name that is not UTF-8 as `\\xe9`, others as
    Python writes them (`\\n`, `\\x1b`, `\\u2019`, `\\ud800`)."""
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    written = repr(char)[1:-1]
    return char.encode("ascii", "backslashreplace").decode("ascii") if written == char else written


def display_path(path: Path | str) -> str:
    """A path as an editor would type it: relative to the working folder when inside it."""
    path = Path(path)
    try:
        return os.path.relpath(path) if path.is_absolute() and _is_inside_cwd(path) else str(path)
    except ValueError:  # another drive on Windows
        return str(path)


def command(*args: str | Path) -> str:
    """The command line that runs the generator with `args`, as a user can type it in the working
    folder: with the Python this run uses (the project's `.venv/bin/python`, where it has what the
    generator needs), not a bare `python` that may lack it."""
    python = display_path(sys.executable)
    python = python if os.sep in python else f".{os.sep}{python}"
    return shlex.join(
        [python, "-m", "generator", *(display_path(arg) if isinstance(arg, Path) else arg for arg in args)]
    )


def _is_inside_cwd(path: Path) -> bool:
    """Judged on the path as written: a link is named, never followed (it may loop)."""
    return Path(os.path.normpath(path)).is_relative_to(Path.cwd())


class Report:
    """Collects every problem of a run, so that editors see them all at once."""

    def __init__(self) -> None:
        self._problems: list[Problem] = []

    def error(self, path: Path | str, line: int | None, message: str, hint: str = "") -> None:
        self._problems.append(Problem(display_path(path), line or 0, message, hint))

    def warning(
        self,
        path: Path | str,
        line: int | None,
        message: str,
        hint: str = "",
        *,
        strict_error: bool = False,
    ) -> None:
        self._problems.append(
            Problem(display_path(path), line or 0, message, hint, Severity.WARNING, strict_error)
        )

    def extend(self, problems: Iterable[Problem]) -> None:
        self._problems.extend(problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(sorted(set(self._problems)))

    def __len__(self) -> int:
        return len(self._problems)

    def errors(self, *, strict: bool = False) -> list[Problem]:
        """The problems that stop a build; with `strict`, the translation warnings too (as errors)."""
        return [
            p if p.severity is Severity.ERROR else replace(p, severity=Severity.ERROR)
            for p in self
            if p.severity is Severity.ERROR or (strict and p.strict_error)
        ]

    def warnings(self, *, strict: bool = False) -> list[Problem]:
        return [p for p in self if p.severity is Severity.WARNING and not (strict and p.strict_error)]


class UsageError(Exception):
    """A command-line mistake (bad option, bad date, a folder no build may write): exit code 2."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.hint = message, hint

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message
