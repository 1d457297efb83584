"""Vacancy bodies for the benchmark corpus, made from word lists by a seeded random.Random.

The word lists are in corpus-words.json beside this file. A body is about 1,500
words in eight `##` sections, with `###` sub-headings, bullet lists, paragraphs,
some **bold** and one link; French nouns and adjectives agree. The same random
stream always gives the same body. Standard library only.
"""

from __future__ import annotations

import json
from pathlib import Path
from random import Random

WORDS = json.loads(Path(__file__).with_name("corpus-words.json").read_text("utf-8"))
EN, FR = WORDS["en"], WORDS["fr"]
# Nouns: (singular, plural, gender); adjectives: (m. sing., f. sing., m. pl., f. pl.).
FR_NOUNS, FR_ADJECTIVES = WORDS["fr_nouns"], WORDS["fr_adjectives"]

BODY_WORDS = 1500  # target words per language body
SECTION_WORDS = BODY_WORDS // 8 - 22  # sections overshoot their target by about a sentence


class Writer:
    """One language's sentence maker: picks words from its lists with the body's random stream."""

    words: dict[str, list[str]]

    def __init__(self, rng: Random) -> None:
        self.r = rng

    def c(self, key: str) -> str:
        return self.r.choice(self.words[key])

    @staticmethod
    def finish(s: str) -> str:
        return s[0].upper() + s[1:] + "."


class English(Writer):
    words = EN

    def sentence(self) -> str:
        r, c = self.r, self.c
        form = r.randrange(6)
        if form == 0:
            s = f"{c('subjects')} {c('verbs3')} {c('adjectives')} {c('plurals')} {c('places')}"
        elif form == 1:
            s = f"You will {c('verbs')} the {c('adjectives')} {c('nouns')} {c('purposes')}"
        elif form == 2:
            s = (
                f"{c('subjects')} {c('adverbs')} {c('verbs3')} the {c('nouns')} and "
                f"{c('verbs3')} {c('adjectives')} {c('plurals')} {c('purposes')}"
            )
        elif form == 3:
            s = (
                f"Working {c('places')}, you {c('verbs')} {c('adjectives')} {c('plurals')}, "
                f"{c('verbs')} the {c('nouns')} and {c('verbs')} its {c('plurals')}"
            )
        elif form == 4:
            adjective = c("adjectives")
            article = "an" if adjective[0] in "aeiou" else "a"
            s = (
                f"Each {c('nouns')} needs {c('adjectives')} {c('plurals')} and "
                f"{article} {adjective} {c('nouns')}"
            )
        else:
            s = (
                f"The {c('nouns')} of the {c('adjectives')} {c('nouns')} is {c('adverbs')} "
                f"reviewed {c('places')}"
            )
        return self.finish(s)

    def bullet(self) -> str:
        c = self.c
        s = f"{c('verbs')} {c('adjectives')} {c('plurals')} {c('places')}"
        if self.r.random() < 0.5:
            s += f", {c('purposes')}"
        return self.finish(s)

    def competency(self, name: str) -> str:
        return f"**{name}**: {self.c('verbs3')} {self.c('adjectives')} {self.c('plurals')}."


class French(Writer):
    words = FR

    def group(self, plural: bool | None = None) -> str:
        """A noun with its article and an agreeing adjective: "les projets techniques"."""
        sing, plur, gender = self.r.choice(FR_NOUNS)
        adjective = self.r.choice(FR_ADJECTIVES)
        if plural is None:
            plural = self.r.random() < 0.5
        if plural:
            return f"les {plur} {adjective[2 if gender == 'm' else 3]}"
        article = "l'" if sing[0] in "aeéèioœu" else ("le " if gender == "m" else "la ")
        return f"{article}{sing} {adjective[0 if gender == 'm' else 1]}"

    def sentence(self) -> str:
        r, c, g = self.r, self.c, self.group
        form = r.randrange(6)
        if form == 0:
            s = f"{c('subjects')} {c('presents')} {g(True)} {c('places')}"
        elif form == 1:
            s = f"Vous {c('futures')} {g()} {c('purposes')}"
        elif form == 2:
            s = (
                f"{c('subjects')} {c('presents')} {c('adverbs')} {g()} et "
                f"{c('presents')} {g(True)} {c('purposes')}"
            )
        elif form == 3:
            s = f"En travaillant {c('places')}, vous {c('futures')} {g(True)} et {c('futures')} {g()}"
        elif form == 4:
            s = f"Chaque dossier exige {g(True)} et {g(False)}"
        else:
            s = f"{c('subjects')} {c('presents')} {g()} {c('adverbs')} {c('places')}"
        return self.finish(s)

    def bullet(self) -> str:
        s = f"{self.c('infinitives')} {self.group(True)} {self.c('places')}"
        if self.r.random() < 0.5:
            s += f", {self.c('purposes')}"
        return self.finish(s)

    def competency(self, name: str) -> str:
        return f"**{name}** : {self.c('presents')} {self.group()}."


def word_count(text: str) -> int:
    return len(text.split())


def make_body(lang: str, rng: Random) -> str:
    """About 1,500 words: eight ## sections, ### sub-headings, lists, bold and one link."""
    writer = English(rng) if lang == "en" else French(rng)
    table = EN if lang == "en" else FR
    out: list[str] = []
    for index, (heading, subheadings) in enumerate(table["sections"]):
        section: list[str] = [f"## {heading}", ""]
        count = 2
        first = " ".join(writer.sentence() for _ in range(rng.randint(3, 4)))
        if index == 0:
            first = f"**{first.split('.')[0]}.**" + first[len(first.split(".")[0]) + 1 :]
        section += [first, ""]
        count += word_count(first)
        for sub in subheadings:
            if count >= SECTION_WORDS:
                break
            section += [f"### {sub}", ""]
            count += word_count(sub)
            paragraph = " ".join(writer.sentence() for _ in range(rng.randint(2, 3)))
            section += [paragraph, ""]
            count += word_count(paragraph)
            if count >= SECTION_WORDS:
                break
            if table["sections"][4][0] == heading:
                names = rng.sample(table["competencies"], 4)
                items = [writer.competency(name) for name in names]
            else:
                items = [writer.bullet() for _ in range(rng.randint(3, 5))]
            for item in items:
                section.append(f"- {item}")
                count += word_count(item) + 1
            section.append("")
        while count < SECTION_WORDS:
            paragraph = " ".join(writer.sentence() for _ in range(rng.randint(2, 3)))
            section += [paragraph, ""]
            count += word_count(paragraph)
        if index == 7:
            section += [table["link_sentence"].format(link=table["link"]), ""]
        out += section
    return "\n".join(out).rstrip() + "\n"
