"""Facts and words -> the text of vacancy.yaml and of each LANG.md.

Every fact line says where it comes from ("from the notice: ...") or what the
editor must check ("CHECK: ..."), so that the file explains itself.
The notice's standard closing sections (how to apply, the recruitment process,
additional information) are left out: they are the same on every notice, point to
pages of the recruitment site, and the vacancy page has its own "Apply online"
button and deadline. `command.py` says so when it drops one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from .blocks import markdown, section_blocks, sentence_case
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
    note: str  # "from the notice: ..." or "CHECK: ..."


@dataclass
class BundleText:
    reference: str
    facts: list[FactLine] = field(default_factory=list)
    words: dict[str, str] = field(default_factory=dict)  # language -> LANG.md

    def vacancy_yaml(self, sources: list[str]) -> str:
        lines = [
            f"# Facts of vacancy {self.reference}, imported from {', '.join(sources)}.",
            "# The words are in the .md file of each language. Lines marked CHECK were not",
            "# found in the notice, or need a person to confirm them: fix them, then delete",
            "# the word CHECK. Every field is explained in docs/content-format.md.",
            "",
        ]
        for fact in self.facts:
            for note_line in _comment(fact.note) if fact.note else ():
                lines.append(f"# {note_line}")
            lines.append(f"{fact.key}: {fact.value}")
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


def language_markdown(part: NoticePart, title: str, vocabulary: set[str]) -> tuple[str, list[str]]:
    """The LANG.md of one part, and the headings of the closing sections left out."""
    body = []
    dropped = []
    for section in part.sections:
        if CLOSING_SECTION.search(section.heading):
            dropped.append(f"{section.number}. {section.heading}")
            continue
        blocks = section_blocks(section.lines, vocabulary)
        text = markdown(blocks)
        body.append(f"## {sentence_case(section.heading)}" + (f"\n\n{text}" if text else ""))
    front = f"---\ntitle: {quoted(title)}\n---\n"
    return front + "\n" + "\n\n".join(body) + "\n", dropped
