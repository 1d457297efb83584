"""A notice file -> lines of plain text. Text as copied from a PDF, .docx and saved HTML.

A file that cannot be read is an `ImportProblem` that names it, a message for the
editor, never a traceback. A .docx is turned into HTML by mammoth, then read like a
saved web page.

A .docx is a ZIP archive of XML parts (the words, their styles, the lists) and media.
A small archive can unpack to gigabytes (a damaged one, or one made to fill the memory,
a "zip bomb"), so it is checked before mammoth sees it: first by the sizes the archive
declares, refused at once when they are beyond a notice's; then, since a damaged or
forged archive may declare less than it holds, by counting the bytes as they are
unpacked, a chunk at a time. Only the XML parts are unpacked, into a new archive in
memory that mammoth reads; pictures never are: the import keeps the words only.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path
from xml.parsers.expat import ExpatError

from .html_text import html_lines

PAGE_BREAK = "\f"  # a line that stands for a page break: a form feed, or where page furniture was
# Where str.splitlines() breaks a line; the separator is kept, to tell a form feed.
_LINE_END = re.compile(r"(\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029])")
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
DOCX_SUFFIXES = (".docx",)

MAX_DOCX_TEXT = 8 * 1024 * 1024  # bytes of XML in all: a long notice and its styles hold one or two
MAX_DOCX_RATIO = 200  # XML packs some ten to fifty times smaller; a zip bomb a thousand times
RATIO_FROM = 1024 * 1024  # the ratio is judged for parts larger than this only
MAX_DOCX_ENTRIES = 2000  # a Word document holds a few dozen
_CHUNK = 64 * 1024
_TEXT_PARTS = (".xml", ".rels")
_DAMAGED_HINT = "open it in Word and save it again as .docx"
_TOO_LARGE_HINT = (
    "it may be damaged or made to fill the memory: open it in Word and save it again as .docx, "
    "or copy its text into a .txt file"
)
# What zipfile raises on a damaged archive: an OSError too, when a damaged directory
# points outside the file (the file itself opened, so its I/O is not in question).
_UNPACK_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    zlib.error,
    NotImplementedError,
    RuntimeError,
    ValueError,
    OSError,
)


class ImportProblem(Exception):
    """Something the editor must fix before a notice can be imported: shown as a message."""

    def __init__(self, message: str, hint: str = "", *, usage: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.usage = usage  # a mistake on the command line (exit 2) rather than in a notice (exit 1)

    def format(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message

    def about(self, path: Path) -> ImportProblem:
        """The same problem, said of the file it was found in (several may be imported at once)."""
        return ImportProblem(f"{path}: {self.message}", self.hint, usage=self.usage)


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
        lines = html_lines(_docx_html(path))
    else:
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise ImportProblem(f"{path}: cannot be read ({error.strerror})", usage=True) from None
        text = _decode(raw, path)
        lines = html_lines(text) if suffix in HTML_SUFFIXES else text_lines(text)
    if not any(line.strip() for line in lines):
        raise ImportProblem(f"{path}: holds no text", "copy the whole notice into it, headings included")
    return lines


def text_lines(text: str) -> list[str]:
    """The lines of a text, as str.splitlines() cuts them; an empty line that a form feed
    ends (the page break pdftotext writes) is PAGE_BREAK."""
    pieces = _LINE_END.split(text)
    lines = []
    for line, end in zip(pieces[0::2], [*pieces[1::2], ""], strict=True):
        lines.append(PAGE_BREAK if end == "\f" and not line.strip() else line)
    if lines and lines[-1] == "" and pieces[-1] == "":
        lines.pop()  # the text ends with a line break: no line after it
    return lines


def _decode(raw: bytes, path: Path) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1252 as Word and old PDFs save it."""
    if b"\x00" in raw[:4096]:
        raise ImportProblem(f"{path}: is not a text file", "save the notice as text, .docx or .html")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _docx_html(path: Path) -> str:
    """The HTML that mammoth makes of the notice's words."""
    import mammoth  # imported here: only this format needs it

    package = _checked_text_parts(path)
    no_picture = mammoth.images.img_element(lambda image: {})  # never unpacks the picture
    try:
        result = mammoth.convert_to_html(io.BytesIO(package), convert_image=no_picture)
    # mammoth expects a sound document: what a damaged one makes it raise (ExpatError,
    # KeyError, RecursionError...) is a fault of the file, and told to the editor as such.
    except Exception as error:
        raise _unreadable(path, error) from None
    return str(result.value)


def _unreadable(path: Path, error: BaseException) -> ImportProblem:
    """The message for a .docx that cannot be read, with what is wrong in it."""
    detail = str(error) or type(error).__name__
    if isinstance(error, ExpatError):
        detail = f"a part of it is not well-formed XML: {detail}"
    elif isinstance(error, LookupError):
        detail = f"a part it refers to is missing: {detail}"
    return ImportProblem(f"{path}: is not a Word document that can be read ({detail})", _DAMAGED_HINT)


def _checked_text_parts(path: Path) -> bytes:
    """The XML parts of the .docx, unpacked within MAX_DOCX_TEXT, as a new archive (uncompressed)."""
    copy = io.BytesIO()
    try:
        handle = path.open("rb")
    except OSError as error:
        raise ImportProblem(f"{path}: cannot be read ({error.strerror or error})", usage=True) from None
    try:
        with (
            handle,
            zipfile.ZipFile(handle) as archive,
            zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED) as package,
        ):
            entries = archive.infolist()
            # The last entry of a repeated name is the one zipfile (and so mammoth) reads.
            parts = {
                e.filename: e for e in entries if e.filename.lower().endswith(_TEXT_PARTS) and not e.is_dir()
            }
            _refuse_by_declared_sizes(path, len(entries), list(parts.values()))
            left = MAX_DOCX_TEXT
            for name, entry in parts.items():
                data = _unpack(path, archive, entry, left)
                left -= len(data)
                package.writestr(name, data)
    except _UNPACK_ERRORS as error:
        raise _unreadable(path, error) from None
    return copy.getvalue()


def _refuse_by_declared_sizes(path: Path, count: int, parts: list[zipfile.ZipInfo]) -> None:
    """Refuse, before unpacking anything, an archive whose declared sizes no notice has."""
    if count > MAX_DOCX_ENTRIES:
        raise ImportProblem(f"{path}: holds {count} files, far more than a Word document", _TOO_LARGE_HINT)
    declared = sum(part.file_size for part in parts)
    if declared > MAX_DOCX_TEXT:
        raise _too_large(path, _megabytes(declared))
    for part in parts:
        if part.file_size > RATIO_FROM and part.file_size > MAX_DOCX_RATIO * max(part.compress_size, 1):
            raise ImportProblem(
                f"{path}: its part {part.filename} unpacks from {part.compress_size} bytes to "
                f"{_megabytes(part.file_size)}, which no text does",
                _TOO_LARGE_HINT,
            )


def _unpack(path: Path, archive: zipfile.ZipFile, entry: zipfile.ZipInfo, left: int) -> bytes:
    """One part, unpacked a chunk at a time, refused as soon as it passes `left` bytes."""
    chunks = []
    size = 0
    with archive.open(entry) as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > left:
                raise _too_large(path, "more than it declares")
            chunks.append(chunk)
    return b"".join(chunks)


def _too_large(path: Path, size: str) -> ImportProblem:
    limit = _megabytes(MAX_DOCX_TEXT)
    return ImportProblem(
        f"{path}: unpacks to {size} of text, more than a notice holds (at most {limit})", _TOO_LARGE_HINT
    )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
