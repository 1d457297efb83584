"""Two lines of a paragraph -> one, and whether the hyphen at the end of the first is the word's.

A PDF hyphenates words at line ends ("chap-" / "ters"), and a compound written with a
hyphen may also fall there ("co-" / "operation", "follow-" / "up"). The first hyphen
goes, the second stays. In this order, the first rule that applies decides:

1. The next line starts with "and", "or", "et", "ou"...: a hyphen that waits for the
   second half of a pair ("institution-" / "and capacity-building") stays, and so does
   the space.
2. The next line starts with a capital or a digit: the hyphen stays, without a space
   ("Bosnia-" / "Herzegovina", "non-" / "NATO"); unless the notice writes the joined
   word elsewhere ("ORGANI-" / "ZATION").
3. The notice writes the hyphenated form elsewhere ("co-operation"): it stays.
4. The notice writes the joined word elsewhere ("cooperation"): it goes.
5. The first half is a prefix that takes a hyphen ("co", "non", "self", "ex", "sous"...)
   or holds a digit ("5-" / "year"), or the second half is a word that follows a hyphen
   ("follow-" / "up", "NATO-" / "wide", "celle-" / "ci"): it stays.
6. Both halves are words the notice uses on their own, the first of three letters or
   more and not one that forms closed compounds ("under", "with", "pour"...): a
   compound ("cost-" / "effective"), the hyphen stays.
7. Otherwise the hyphen was the line's, and goes ("chap-" / "ters" gives "chapters").

The words "the notice uses" are those of the whole file, every language, except the
halves cut at line ends.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_HYPHENATED = re.compile(r"(\w+)-$")
_WORD = re.compile(r"\w+(?:-\w+)*")
_PAIRING = {"and", "or", "nor", "to", "et", "ou", "à"}
_HYPHEN_PREFIXES = {
    "non", "self", "co", "ex", "cross", "well", "full", "part", "long", "short", "high", "low",
    "multi", "anti", "semi", "post", "pre", "sous", "vice", "demi", "mi", "socio", "politico",
    "e", "follow", "decision", "year", "day", "time", "one", "two", "three", "ci", "mid",
}  # fmt: skip
_HYPHEN_SUFFIXES = {
    "up", "based", "related", "wide", "oriented", "making", "building", "level", "term", "led",
    "driven", "specific", "sharing", "speaking", "free", "ci", "là", "même", "mêmes", "clé", "clés",
    "conseil", "conseils",
}  # fmt: skip
_CLOSED_COMPOUND_HEADS = {
    "under", "over", "out", "with", "there", "where", "here", "some", "any", "every", "how",
    "what", "when", "who", "can", "for", "fore", "up", "down", "back", "after", "head", "work",
    "hand", "else", "never", "none", "not", "them", "him", "her", "your", "our", "it",
    "mean", "news", "air", "land", "pour", "sur", "contre", "entre", "par", "quel", "lors",
    "bien", "mal", "tout", "plus", "main",
}  # fmt: skip


def words_of(lines: Iterable[str]) -> set[str]:
    """Every word of a notice, lower-cased, its hyphenated compounds whole and in halves: the
    vocabulary that decides line-end hyphens. The halves of a word cut at a line end are left out."""
    words: set[str] = set()
    cut = False  # the line before ended with a hyphen: this one starts with the second half
    for line in lines:
        matches = list(_WORD.finditer(line))
        for number, match in enumerate(matches):
            ends_cut = number == len(matches) - 1 and line[match.end() :].strip() == "-"
            if (number == 0 and cut) or ends_cut:
                continue
            word = match.group(0).lower()
            words.add(word)
            words.update(word.split("-"))
        cut = line.rstrip().endswith("-")
    return words


def join_lines(first: str, second: str, vocabulary: set[str]) -> str:
    """Two lines of one paragraph as one, mending a word hyphenated at the line end."""
    match = _HYPHENATED.search(first)
    if not match or first.endswith("--") or not second:
        return f"{first} {second}"
    head = match.group(1)
    tail = re.match(r"\w+", second)
    rest = tail.group(0) if tail else ""
    whole = f"{head}{rest}".lower()
    if not rest:
        return f"{first}{second}"
    if rest.lower() in _PAIRING:
        return f"{first} {second}"
    if not second[:1].islower():
        return f"{first[:-1]}{second}" if whole in vocabulary else f"{first}{second}"
    return f"{first}{second}" if keeps_hyphen(head, rest, vocabulary) else f"{first[:-1]}{second}"


def keeps_hyphen(head: str, rest: str, vocabulary: set[str]) -> bool:
    """Whether "HEAD-" at a line end and "REST" on the next are a compound written with a hyphen."""
    head, rest = head.lower(), rest.lower()
    if f"{head}-{rest}" in vocabulary:
        return True
    if f"{head}{rest}" in vocabulary:
        return False
    if head in _HYPHEN_PREFIXES or any(c.isdigit() for c in head) or rest in _HYPHEN_SUFFIXES:
        return True
    return (
        len(head) >= 3
        and head not in _CLOSED_COMPOUND_HEADS
        and head in vocabulary
        and rest in vocabulary
        and len(rest) >= 2
    )
