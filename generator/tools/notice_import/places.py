"""A notice's place ("Belgium-Brussels", "Belgique-Bruxelles") -> city per language + country.

Babel names every country in every language, so the country code comes from its name
in any of the site's languages (and English and French). Babel does not name cities:
the table below holds the usual English and French names of the cities where NATO
bodies employ staff. A city missing from it is written as the notice spells it, in
every language, and the editor is told to check it. Add a line here when a new duty
city comes up.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from babel import Locale

# key (as the notice may spell it, lower case, no accents) -> country, names by language
DUTY_CITIES: dict[str, tuple[str, dict[str, str]]] = {
    "brussels": ("BE", {"en": "Brussels", "fr": "Bruxelles"}),
    "mons": ("BE", {"en": "Mons", "fr": "Mons"}),  # SHAPE
    "casteau": ("BE", {"en": "Mons", "fr": "Mons"}),
    "the hague": ("NL", {"en": "The Hague", "fr": "La Haye"}),  # NCIA
    "brunssum": ("NL", {"en": "Brunssum", "fr": "Brunssum"}),
    "norfolk": ("US", {"en": "Norfolk", "fr": "Norfolk"}),  # ACT
    "naples": ("IT", {"en": "Naples", "fr": "Naples"}),
    "rome": ("IT", {"en": "Rome", "fr": "Rome"}),  # NATO Defense College
    "la spezia": ("IT", {"en": "La Spezia", "fr": "La Spezia"}),  # CMRE
    "lisbon": ("PT", {"en": "Lisbon", "fr": "Lisbonne"}),
    "oeiras": ("PT", {"en": "Oeiras", "fr": "Oeiras"}),
    "capellen": ("LU", {"en": "Capellen", "fr": "Capellen"}),  # NSPA
    "luxembourg": ("LU", {"en": "Luxembourg", "fr": "Luxembourg"}),
    "oberammergau": ("DE", {"en": "Oberammergau", "fr": "Oberammergau"}),
    "geilenkirchen": ("DE", {"en": "Geilenkirchen", "fr": "Geilenkirchen"}),
    "ramstein": ("DE", {"en": "Ramstein", "fr": "Ramstein"}),
    "kalkar": ("DE", {"en": "Kalkar", "fr": "Kalkar"}),
    "ulm": ("DE", {"en": "Ulm", "fr": "Ulm"}),
    "izmir": ("TR", {"en": "Izmir", "fr": "Izmir"}),
    "stavanger": ("NO", {"en": "Stavanger", "fr": "Stavanger"}),
    "bydgoszcz": ("PL", {"en": "Bydgoszcz", "fr": "Bydgoszcz"}),
    "warsaw": ("PL", {"en": "Warsaw", "fr": "Varsovie"}),
    "bucharest": ("RO", {"en": "Bucharest", "fr": "Bucarest"}),
    "copenhagen": ("DK", {"en": "Copenhagen", "fr": "Copenhague"}),
    "vienna": ("AT", {"en": "Vienna", "fr": "Vienne"}),
    "geneva": ("CH", {"en": "Geneva", "fr": "Genève"}),
    "washington": ("US", {"en": "Washington", "fr": "Washington"}),
    "kyiv": ("UA", {"en": "Kyiv", "fr": "Kyiv"}),
    "tbilisi": ("GE", {"en": "Tbilisi", "fr": "Tbilissi"}),
    "sarajevo": ("BA", {"en": "Sarajevo", "fr": "Sarajevo"}),
}
# Other spellings of the same cities, in French, Dutch, German, Italian, Portuguese...
_ALIASES = {
    "bruxelles": "brussels", "brussel": "brussels", "brussel-hoofdstad": "brussels",
    "la haye": "the hague", "den haag": "the hague", "'s-gravenhage": "the hague",
    "napoli": "naples", "roma": "rome", "lisbonne": "lisbon", "lisboa": "lisbon",
    "varsovie": "warsaw", "bucarest": "bucharest", "copenhague": "copenhagen",
    "vienne": "vienna", "wien": "vienna", "geneve": "geneva", "kiev": "kyiv", "tbilissi": "tbilisi",
}  # fmt: skip


@dataclass(frozen=True)
class Place:
    city: dict[str, str]  # by site language
    country: str | None
    city_known: bool  # the city is in the table (else its name is the notice's, in every language)
    untranslated: tuple[str, ...] = ()  # site languages the table has no name for (English is written)


def fold(text: str) -> str:
    """Lower case without accents, single spaces: how names are compared."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _countries(languages: tuple[str, ...]) -> dict[str, str]:
    names: dict[str, str] = {}
    for language in dict.fromkeys((*languages, "en", "fr")):
        try:
            territories = Locale.parse(language).territories
        except (ValueError, TypeError):
            continue
        for code, name in territories.items():
            if re.fullmatch(r"[A-Z]{2}", code):
                names.setdefault(fold(name), code)
    return names


def find_place(text: str, languages: tuple[str, ...]) -> Place | None:
    """The place a notice names, like "Belgium-Brussels", "Brussels, Belgium" or "Brussels"."""
    folded = fold(text)
    if not folded:
        return None
    countries = _countries(languages)
    country = None
    rest = folded
    for name, code in sorted(countries.items(), key=lambda item: -len(item[0])):
        match = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", folded)
        if match:
            country = code
            rest = (folded[: match.start()] + " " + folded[match.end() :]).strip(" -,/–")
            break
    for spelling in sorted((*DUTY_CITIES, *_ALIASES), key=len, reverse=True):
        if re.search(rf"(?<!\w){re.escape(spelling)}(?!\w)", rest):
            code, names = DUTY_CITIES[_ALIASES.get(spelling, spelling)]
            city = {lang: names.get(lang) or names["en"] for lang in languages}
            missing = tuple(lang for lang in languages if lang not in names)
            return Place(city, country or code, True, missing)
    source = _source_city(text, rest)
    if not source:
        return Place({}, country, False) if country else None
    return Place({lang: source for lang in languages}, country, False)


def _source_city(text: str, rest_folded: str) -> str:
    """The city as the notice writes it (its own capitals), once the country is taken out."""
    words = [w for w in re.split(r"[\s,/–-]+", text.strip()) if w]
    kept = [w for w in words if fold(w) in rest_folded.split()]
    return " ".join(kept)
