"""Facts and words -> the text of vacancy.yaml and of each LANG.md.

Every fact line says where it comes from (a comment "From the notice: ..." above
it), and ends with a mark "# CHECK: ..." when an editor must confirm or complete it
(content/placeholders.py finds the marks left), so that the file explains itself.
The notice's standard closing sections (how to apply, the recruitment process,
additional information) are left out: they are the same on every notice, point to
pages of the recruitment site, and the vacancy page has its own "Apply online"
button and deadline. `command.py` says so when it drops one; the conditions they state
(who may apply, what appointment is subject to) are read from them first (conditions.py).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from ...content.placeholders import CHECK_MARK
from .blocks import markdown, measure_of, section_blocks, sentence_case
from .split import NoticePart

CLOSING_SECTION = re.compile(
    r"applica|\bapply\b|recruitment|additional information|useful information|candidature|recrutement"
    r"|informations? (?:compl[ée]mentaires|utiles)",
    re.IGNORECASE,
)


def quoted(text: str) -> str:
    """A YAML scalar that reads back as `text`, whatever it holds (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


@dataclass
class FactLine:
    key: str
    value: str  # YAML, as written after `key: `
    note: str  # "From the notice: ...": a comment above the line
    check: str = ""  # "CHECK: ...": what an editor must confirm, a comment on the line itself


@dataclass
class BundleText:
    reference: str
    facts: list[FactLine] = field(default_factory=list)
    words: dict[str, str] = field(default_factory=dict)  # language -> LANG.md

    def vacancy_yaml(self, sources: list[str]) -> str:
        lines = [
            f"# Facts of vacancy {self.reference}, imported from {', '.join(sources)}.",
            "# The words are in the .md file of each language. A line that ends with a CHECK",
            "# mark was not found in the notice, or needs a person to confirm it: fix the line,",
            "# then delete its mark (`check` lists those left, and `build --strict` fails on",
            "# them). Every field is explained in docs/content-format.md.",
            "",
        ]
        for fact in self.facts:
            lines.extend(f"# {note_line}" for note_line in _comment(fact.note) if fact.note)
            line = f"{fact.key}: {fact.value}".rstrip()
            # The mark is on the line it concerns, where `check` points.
            lines.append(f"{line}  # {' '.join(fact.check.split())}" if fact.check else line)
            lines.append("")
        return "\n".join(lines)


def _comment(note: str, width: int = 88) -> list[str]:
    words = " ".join(note.split()).split(" ")
    out: list[str] = []
    for word in words:
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    return out


def language_markdown(
    part: NoticePart, title: str, vocabulary: set[str], title_check: str = ""
) -> tuple[str, list[str]]:
    """The LANG.md of one part, and the headings of the closing sections left out. With
    `title_check`, the title is a placeholder, marked CHECK on its line."""
    body = []
    dropped = []
    measure = measure_of(line for section in part.sections for line in section.lines)
    for section in part.sections:
        if CLOSING_SECTION.search(section.heading):
            dropped.append(f"{section.number}. {section.heading}")
            continue
        blocks = section_blocks(section.lines, vocabulary, measure)
        text = markdown(blocks)
        body.append(f"## {sentence_case(section.heading)}" + (f"\n\n{text}" if text else ""))
    mark = f"  # {CHECK_MARK} {title_check}" if title_check else ""
    front = f"---\ntitle: {quoted(title)}{mark}\n---\n"
    return front + "\n" + "\n\n".join(body) + "\n", dropped
