"""What a notice's closing sections say of who may apply and what appointment is subject to
-> the `conditions` of vacancy.yaml.

The closing sections (how to apply, the recruitment process, additional information)
are left out of the words (bundle.py), but they state conditions that an applicant
must know: applications only from nationals of member countries, and an appointment
subject to a security clearance, the medical file, the check of studies and work
experience, an accreditation. Each is recognised in English and in French wording;
those the site words itself become codes, the accreditation a text per language in
the site's words (not the notice's).

"Welcomes applications of nationals from all member Nations" states no condition:
only an "only" (or "seul(e)s", "uniquement") restricts who may apply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .bundle import CLOSING_SECTION, quoted
from .split import NoticePart

_NOT_A_SENTENCE_END = r"[^.;]"
_CODES = {
    "nationality": (
        rf"\bonly\b{_NOT_A_SENTENCE_END}{{0,80}}?\bnationals?\b{_NOT_A_SENTENCE_END}{{0,60}}?\b(?:nato|member)",
        r"\bnationals?\s+of\s+(?:nato\s+)?member\s+(?:countries|states|nations)\s+only\b",
        rf"\bseul(?:e|s|es)?\b{_NOT_A_SENTENCE_END}{{0,80}}?ressortissant"
        rf"{_NOT_A_SENTENCE_END}{{0,60}}?(?:otan|membres?)",
        rf"ressortissant{_NOT_A_SENTENCE_END}{{0,80}}?(?:otan|membres?){_NOT_A_SENTENCE_END}{{0,30}}?"
        r"\buniquement\b",
    ),
    "security-clearance": (r"\bsecurity clearance\b", r"\bhabilitation de s[ée]curit[ée]"),
    "medical": (r"\bmedical (?:file|examination|clearance)\b", r"\bdossier m[ée]dical\b"),
    "verification": (
        rf"\b(?:verification|checks?) of{_NOT_A_SENTENCE_END}{{0,40}}?\b(?:stud|diploma|qualification|educa)",
        rf"\bv[ée]rification des?{_NOT_A_SENTENCE_END}{{0,20}}?(?:dipl[ôo]mes|[ée]tudes|titres)",
    ),
}
# Conditions the site has no code for: recognised like the codes, written in the site's words.
_WORDED = {
    "accreditation": (
        (r"\baccreditation\b", r"\baccr[ée]ditation\b"),
        {
            "en": "Appointment is subject to the completion of the accreditation and notification "
            "process by the relevant authorities.",
            "fr": "La nomination est subordonnée à l’achèvement du processus d’accréditation et de "
            "notification par les autorités compétentes.",
        },
    ),
}


@dataclass(frozen=True)
class Conditions:
    codes: tuple[str, ...]  # in the order of CODES
    texts: tuple[dict[str, str], ...]  # a text per language, for a condition without a code
    sources: tuple[str, ...]  # the notice's sentences they were read from

    def yaml(self, languages: tuple[str, ...]) -> str:
        """The flow list vacancy.yaml gets: [nationality, medical, {en: "...", fr: "..."}]."""
        texts = [
            "{" + ", ".join(f"{lang}: {quoted(text[lang])}" for lang in languages if lang in text) + "}"
            for text in self.texts
        ]
        return f"[{', '.join([*self.codes, *texts])}]"


def find_conditions(parts: list[NoticePart], languages: tuple[str, ...]) -> Conditions | None:
    """The conditions the closing sections of any part state; None when they state none. A
    worded condition is kept only when the site's default language has its words."""
    sentences = [
        sentence
        for part in parts
        for section in part.sections
        if CLOSING_SECTION.search(section.heading)
        for sentence in _sentences(section.lines)
    ]
    codes: list[str] = []
    texts: list[dict[str, str]] = []
    sources: list[str] = []
    for code, patterns in _CODES.items():
        if said := _said(sentences, patterns):
            codes.append(code)
            sources.append(said)
    for patterns, words in _WORDED.values():
        if (said := _said(sentences, patterns)) and languages[0] in words:
            texts.append(words)
            sources.append(said)
    if not codes and not texts:
        return None
    return Conditions(tuple(codes), tuple(texts), tuple(dict.fromkeys(sources)))


def _said(sentences: list[str], patterns: tuple[str, ...]) -> str | None:
    """The first sentence that one of PATTERNS finds in."""
    found = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    return next((sentence for sentence in sentences if found.search(sentence)), None)


def _sentences(lines: list[str]) -> list[str]:
    """A section's sentences: its paragraphs (between blank lines, or page breaks) cut after
    each full stop."""
    paragraphs = re.split(r"\n\s*\n", "\n".join(line.strip() for line in lines))
    sentences = []
    for paragraph in paragraphs:
        text = re.sub(r"\*\*|__", "", " ".join(paragraph.split()))  # "**security clearance**": a web copy
        sentences += [sentence for sentence in re.split(r"(?<=\.)\s+", text) if sentence]
    return sentences
