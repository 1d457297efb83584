"""A notice file -> lines of plain text. Text as copied from a PDF, .docx and saved HTML.

A file that cannot be read is an `ImportProblem`, a message for the editor, never a
traceback. A .docx is turned into HTML by mammoth, then read like a saved web page.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from .html_text import html_lines

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
DOCX_SUFFIXES = (".docx",)


class ImportProblem(Exception):
    """Something the editor must fix before a notice can be imported: shown as a message."""

    def __init__(self, message: str, hint: str = "", *, usage: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.usage = usage  # a mistake on the command line (exit 2) rather than in a notice (exit 1)

    def format(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


def read_notice(path: Path) -> list[str]:
    """The lines of a notice, whatever its format."""
    suffix = path.suffix.lower()
    known = (*TEXT_SUFFIXES, *HTML_SUFFIXES, *DOCX_SUFFIXES)
    if suffix not in known:
        raise ImportProblem(
            f"{path}: cannot read a {suffix or 'file without extension'} file",
            f"save the notice as {', '.join(known)}",
            usage=True,
        )
    if not path.is_file():
        raise ImportProblem(f"{path}: no such file", "check the name and the folder", usage=True)
    if suffix in DOCX_SUFFIXES:
        return html_lines(_docx_html(path))
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ImportProblem(f"{path}: cannot be read ({error.strerror})", usage=True) from None
    text = _decode(raw, path)
    return html_lines(text) if suffix in HTML_SUFFIXES else text.splitlines()


def _decode(raw: bytes, path: Path) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1252 as Word and old PDFs save it."""
    if b"\x00" in raw[:4096]:
        raise ImportProblem(f"{path}: is not a text file", "save the notice as text, .docx or .html")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _docx_html(path: Path) -> str:
    import mammoth  # imported here: only this format needs it

    try:
        with path.open("rb") as handle:
            result = mammoth.convert_to_html(handle)
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ImportProblem(
            f"{path}: is not a Word document that can be read ({error})",
            "open it in Word and save it again as .docx",
        ) from None
    except OSError as error:
        raise ImportProblem(f"{path}: cannot be read ({error.strerror})", usage=True) from None
    return str(result.value)
