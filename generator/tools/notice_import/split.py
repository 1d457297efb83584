"""Lines of a notice -> one `NoticePart` per language: its header, title and sections.

A notice's sections are numbered ("1. SUMMARY", "2. QUALIFICATIONS AND EXPERIENCE");
numbering that starts again at 1 begins the next language (the French half of a
bilingual notice). The header of a part is what comes before its section 1: the
title (ending with the reference, "...Programme Officer-241490", possibly over two
lines) and the labelled facts ("Primary Location: Belgium-Brussels").

Lines are first cleaned (ragged spaces, ligatures) and laid out again (layout.py):
page furniture becomes PAGE_BREAK, which the sections keep and the headers read as a
blank line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .layout import page_lines
from .places import fold
from .read import PAGE_BREAK, ImportProblem

_SPACES = re.compile(r"[ \t\u00a0\u202f\u2007\u2009\u200b\ufeff]+")
_SECTION = re.compile(r"^(\d{1,2})\s*[.):–-]\s+(\S.*)$")
# The sections of NATO notices, for copies that lost their numbers; the first starts a language.
_KNOWN_SECTIONS = (
    ("summary", "resume"),
    ("qualifications and experience", "qualifications et experience"),
    ("main accountabilities", "responsabilites principales"),
    ("interrelationships", "structure et liaisons", "structures et liaisons"),
    ("competencies", "competences"),
    ("contract", "contrat"),
    ("recruitment process", "processus de recrutement"),
    ("additional information", "informations complementaires"),
)
_LIGATURES = str.maketrans({"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "\u00ad": None})
_TITLE_REFERENCE = re.compile(r"^(?P<title>.*[^\d\s-])\s*[-–—]\s*(?P<ref>\d{4,8})$")
_REFERENCE_LABEL = re.compile(
    r"^(?:reference|référence|ref\.?|job id|vacancy no\.?)\s*:?\s*([A-Z0-9-]{4,20})$", re.I
)
_LABEL = re.compile(r"^[^\W\d][\w'’ ()/.-]{0,40}?\s*:\s*\S.{0,100}$")
BANNER = re.compile(
    r"vacancy notification|notification de la vacance|north atlantic treaty|traité de l.atlantique"
    r"|^(?:nato|otan)(?:\s*[-–/]\s*(?:nato|otan))?$|^loading\b|^job content$|^description$",
    re.I,
)
_HEADERISH = re.compile(r"^(?:grade\b.{0,30}|pending budget approval|sous réserve d.approbation.*)$", re.I)
_TERMINAL = (".", "!", "?", ";", ":", "»", '"', "”")
_ENGLISH = {"the", "and", "of", "to", "with", "for", "is", "are", "will", "be", "an", "on", "in", "or"}
_FRENCH = {
    "le",
    "la",
    "les",
    "des",
    "du",
    "et",
    "au",
    "aux",
    "une",
    "un",
    "est",
    "pour",
    "avec",
    "dans",
    "sur",
}


def clean(line: str) -> str:
    """One line with ragged spacing made single (tabs, no-break and zero-width spaces included)."""
    return _SPACES.sub(" ", line.translate(_LIGATURES)).strip()


@dataclass
class Section:
    number: int
    heading: str
    line: int  # 1-based in the file
    lines: list[str] = field(default_factory=list)


@dataclass
class NoticePart:
    """One language of a notice."""

    language: str
    title: str
    reference: str | None
    header: list[str]  # the cleaned lines before section 1
    sections: list[Section]
    first_line: int  # 1-based in the file

    @property
    def lines(self) -> list[str]:
        """Every line of the part, header first: where the facts are looked for."""
        return [*self.header, *(f"{s.number}. {s.heading}" for s in self.sections)] + [
            line for s in self.sections for line in s.lines
        ]


def is_section_heading(line: str, expected: int) -> tuple[int, str] | None:
    """(number, text) for "3. MAIN ACCOUNTABILITIES"; a capitalised or next-numbered short line."""
    match = _SECTION.match(line)
    if not match:
        return None
    number, text = int(match.group(1)), match.group(2).strip().rstrip(":").strip()
    if len(text.split()) > 12 or text.endswith((".", ";", ",")):
        return None
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    if all(c.isupper() for c in letters):
        return number, text
    # "3. Main accountabilities" as a web page writes it; not "3. possess the following levels"
    # nor "3. Have at least five years of experience", the third item of a numbered list.
    if number == expected and text[:1].isupper() and (len(text.split()) <= 6 or known_section(text, 1)):
        return number, text
    return None


def known_section(line: str, expected: int) -> tuple[int, str] | None:
    """(number, text) for an unnumbered "SUMMARY" or "Compétences" alone on its line."""
    folded = fold(line.rstrip(":").strip())
    for position, names in enumerate(_KNOWN_SECTIONS):
        if folded in names:
            return (1 if position == 0 else expected), line.rstrip(":").strip()
    return None


def split_parts(raw_lines: list[str], languages: tuple[str, ...]) -> list[NoticePart]:
    """The language parts of one notice file, in the order they come."""
    lines = page_lines([PAGE_BREAK if line == PAGE_BREAK else clean(line) for line in raw_lines], _kept)
    plain = ["" if line == PAGE_BREAK else line for line in lines]  # where headers and titles are read
    starts: list[list[int]] = []  # per part, the indexes of its section headings
    last = 0
    for index, line in enumerate(plain):
        heading = is_section_heading(line, last + 1) or known_section(line, last + 1)
        if heading is None:
            continue
        number = heading[0]
        if not starts or number <= last:
            if number != 1:
                continue  # a numbered line out of order: words, not a heading
            starts.append([])
        starts[-1].append(index)
        last = number
    if not starts:
        raise ImportProblem(
            "no numbered sections found (like 1. SUMMARY, 2. QUALIFICATIONS AND EXPERIENCE)",
            "is this a vacancy notice? Copy the whole notice, headings included",
        )
    parts = []
    header_start = 0
    for number, headings in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(lines)
        next_header = _header_start(plain, starts[number + 1][0], headings[-1]) if end < len(lines) else end
        header = plain[header_start : headings[0]]
        sections = []
        for position, index in enumerate(headings):
            stop = headings[position + 1] if position + 1 < len(headings) else next_header
            numbered = _SECTION.match(plain[index])
            text = numbered.group(2) if numbered else plain[index]
            heading = (int(numbered.group(1)) if numbered else 0, text.rstrip(":").strip())
            section = Section(heading[0] or position + 1, heading[1], index + 1, lines[index + 1 : stop])
            sections.append(section)
        title, reference = _title(header)
        language = _language(" ".join(line for s in sections for line in s.lines), languages)
        parts.append(NoticePart(language, title, reference, header, sections, header_start + 1))
        header_start = next_header
    return parts


def _kept(line: str) -> bool:
    """A line that is never page furniture, however often it comes back: a header fact, a title,
    a section heading."""
    return bool(
        _LABEL.match(line)
        or _HEADERISH.match(line)
        or _SECTION.match(line)
        or title_reference(line)
        or known_section(line, 1)
    )


def title_reference(line: str) -> re.Match[str] | None:
    """A title ending with its reference ("...Programme Officer-241490"); not "Update day: 26-11-2025"."""
    match = _TITLE_REFERENCE.match(line)
    return match if match and not _LABEL.match(line) else None


def _header_start(lines: list[str], first_heading: int, floor: int) -> int:
    """Where the header of the part whose section 1 is at `first_heading` begins."""
    index = first_heading
    while index - 1 > floor:
        line = lines[index - 1]
        if title_reference(line):
            index -= 1
            extra = 0
            while extra < 2 and index - 1 > floor and _title_continues(lines[index - 1]):
                index -= 1
                extra += 1
            return index
        if line and not (_LABEL.match(line) or BANNER.search(line) or _HEADERISH.match(line)):
            return index
        index -= 1
    return index


def _title_continues(line: str) -> bool:
    return bool(line) and not line.endswith(_TERMINAL) and not BANNER.search(line) and not _LABEL.match(line)


def _title(header: list[str]) -> tuple[str, str | None]:
    """The title of a part, and its reference when the title line ends with one."""
    for index, line in enumerate(header):
        match = title_reference(line)
        if match:
            before: list[str] = []
            back = index - 1
            while back >= 0 and len(before) < 2 and _title_continues(header[back]):
                before.insert(0, header[back])
                back -= 1
            return " ".join([*before, match.group("title")]), match.group("ref")
    reference = next((m.group(1) for line in header if (m := _REFERENCE_LABEL.match(line))), None)
    for index, line in enumerate(header):
        if line and not (_LABEL.match(line) or BANNER.search(line) or _HEADERISH.match(line)):
            following = []
            for after in header[index + 1 : index + 3]:
                if not after or _LABEL.match(after) or BANNER.search(after) or line.endswith(_TERMINAL):
                    break
                following.append(after)
            return " ".join([line, *following]), reference
    return "", reference


def _language(text: str, languages: tuple[str, ...]) -> str:
    """en or fr by their commonest small words; the site's default when neither is a site language."""
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ]+", text.lower())
    english = sum(word in _ENGLISH for word in words)
    french = sum(word in _FRENCH for word in words)
    guess = "fr" if french > english else "en"
    return guess if guess in languages else languages[0]
