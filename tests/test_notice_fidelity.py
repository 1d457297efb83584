"""An imported notice keeps every word: each notice under tests/notices/ is imported and built,
and every sentence and list item of its kept sections is found on its page, lists intact.

The comparison reads the notice on its own, without the importer's rules for paragraphs,
lists and hyphens (it uses the importer only to know which lines are which language's
sections, and which sections are left out on purpose):

- Page furniture is a line that is a page number ("3", "- 3 -", "Page 1 of 3", "2/3"), or
  a line without closing punctuation that comes back word for word in the file.
- The text of a section is cut into segments: a bullet starts one, a word that closes a
  sentence or a clause (. ; : ! ?) ends one, and so does a line much shorter than the
  widest (a heading, a label) when it has no closing punctuation. A long line runs on
  into the next, across blank lines and page breaks: that is what a wrapped line is.
- The page's body is read as one text in which each paragraph, list item and list is
  set apart, but a heading runs on into what follows it.
- Both are compared without case, spaces, hyphens or soft hyphens, with every kind of
  quote and apostrophe alike (a word cut at a line end compares as the whole word).
  A segment is found when it lies within one block of the page (a heading's words may
  run on into the block after it).
- A list item is a line that starts with a bullet, or a "Label: words." line right after
  a list item of that shape (an item whose bullet the copy lost); the page has as many
  <li>.

`python -m pytest -s tests/test_notice_fidelity.py` prints each notice's coverage.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import CONTENT, run_cli

from generator.__main__ import main
from generator.tools.notice_import.bundle import CLOSING_SECTION
from generator.tools.notice_import.read import read_notice
from generator.tools.notice_import.split import split_parts

NOTICES = Path(__file__).resolve().parent / "notices"
LANGUAGES = ("en", "fr")
# Each notice and the reference it is imported under (None: the one its title ends with).
FIXTURES = {
    "vacancy-241490-ops-capacity-officer.en-fr.txt": None,
    "vacancy-250731-dpp-analyst.en-fr.txt": None,
    "vacancy-260112-di-engineer.fr.txt": None,
    "jobboard-pdd-assistant.fr.txt": "PDD-LOCAL-002",
    "vacancy-260415-cyber-adviser.en-fr.txt": None,
    "vacancy-270221-finance-assistant.fr.txt": None,
    "vacancy-280904-logistics-officer.en.txt": None,
}
REFERENCES = {
    "vacancy-241490-ops-capacity-officer.en-fr.txt": "241490",
    "vacancy-250731-dpp-analyst.en-fr.txt": "250731",
    "vacancy-260112-di-engineer.fr.txt": "260112",
    "jobboard-pdd-assistant.fr.txt": "PDD-LOCAL-002",
    "vacancy-260415-cyber-adviser.en-fr.txt": "260415",
    "vacancy-270221-finance-assistant.fr.txt": "270221",
    "vacancy-280904-logistics-officer.en.txt": "280904",
}

_PAGE_NUMBER = re.compile(r"^\W*(?:page\s*)?\d{1,3}(?:\s*(?:/|of|sur|de)\s*\d{1,3})?\W*$", re.IGNORECASE)
_GLYPHS = "•·▪◦‣➢►✓■\uf0b7\uf0a7\uf0d8"
_MARK = re.compile(
    rf"^(?:[{_GLYPHS}]\s*|[-*–—]\s+|\d{{1,2}}[.)]\s+|[a-z][.)]\s+|[-*–—{_GLYPHS}]$|\d{{1,2}}[.)]$)"
)
_CLOSES = re.compile(r"[.;:!?][\"”»)]*$")
_LABELLED = re.compile(r"^[^\s:][^:]{1,60}?\s?:\s+\S.*[.;]$")
_QUOTES = str.maketrans(
    {"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "«": '"', "»": '"', "„": '"'}
)
_IGNORED = re.compile(r"[\s\-‐‑–—\u00ad\u200b]+")
_SHORT = 0.6  # a line shorter than this share of the widest ends its segment when it does not close
BLOCK = "¶"


@dataclass
class Expected:
    """What a language's part of a notice holds in its kept sections."""

    segments: list[str] = field(default_factory=list)
    items: int = 0


@dataclass(frozen=True)
class Fidelity:
    notice: str
    language: str
    found: int
    segments: int
    notice_items: int
    page_items: int
    missing: tuple[str, ...]

    @property
    def coverage(self) -> float:
        return 100 * self.found / self.segments if self.segments else 100.0

    def line(self) -> str:
        return (
            f"{self.notice} [{self.language}]: {self.coverage:.1f} % of {self.segments} sentences and items "
            f"found; list items {self.page_items} on the page, {self.notice_items} in the notice"
        )


def normalised(text: str) -> str:
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text).casefold().translate(_QUOTES))


def expected_text(path: Path) -> dict[str, Expected]:
    """Each language's segments and list items, read from the notice's own lines."""
    raw = read_notice(path)
    counts = Counter(line.strip() for line in raw)
    numbers = any(_PAGE_NUMBER.match(line.strip()) for line in raw if line.strip())

    def furniture(line: str) -> bool:
        if _PAGE_NUMBER.match(line):
            return True
        return numbers and counts[line] >= 2 and not _CLOSES.search(line) and not _MARK.match(line)

    found: dict[str, Expected] = {}
    for part in split_parts(raw, LANGUAGES):
        kept = [s for s in part.sections if not CLOSING_SECTION.search(s.heading)]
        ranges = [raw[s.line : s.line + len(s.lines)] for s in kept]
        text = [line.strip() for lines in ranges for line in lines if line.strip()]
        width = max((len(line) for line in text if not furniture(line)), default=0)
        expected = found.setdefault(part.language, Expected())
        for lines in ranges:
            _read_section([line.strip() for line in lines], furniture, width, expected)
    return found


def _read_section(lines: list[str], furniture: Callable[[str], bool], width: int, expected: Expected) -> None:
    segment: list[str] = []
    item = ""  # the text of the list item being read, if any
    after_blank = True

    def cut() -> None:
        if segment:
            expected.segments.append(" ".join(segment))
            segment.clear()

    for line in lines:
        if not line or furniture(line):
            after_blank = after_blank or not line
            item = "" if not line else item
            continue
        mark = _MARK.match(line)
        lost = (
            not mark
            and not after_blank
            and _LABELLED.match(item)
            and _LABELLED.match(line)
            and not segment  # the item before has closed
        )
        if mark or lost:
            cut()
            expected.items += 1
            line = line[mark.end() :] if mark else line
            item = ""
        item = f"{item} {line}".strip() if item or mark or lost else ""
        for word in line.split():
            segment.append(word)
            if _CLOSES.search(word):
                cut()
        if len(line) < _SHORT * width and not _CLOSES.search(line):
            cut()
        after_blank = False
    cut()


class _Body(HTMLParser):
    """The text of a page's <div class="body">: blocks set apart by BLOCK; its <li> counted."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside the body: the depth of its <div>s
        self.text: list[str] = []
        self.items = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            if tag == "div" and ("class", "body") in attrs:
                self.depth = 1
            return
        self.depth += tag == "div"
        self.items += tag == "li"
        if tag in ("p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "tr"):
            self.text.append(BLOCK)

    def handle_endtag(self, tag: str) -> None:
        if self.depth == 0:
            return
        self.depth -= tag == "div"
        if tag in ("p", "li", "ul", "ol", "blockquote", "table", "tr"):
            self.text.append(BLOCK)

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


def page_text(html: str) -> tuple[str, int]:
    """A page's body, normalised, and how many list items it has."""
    body = _Body()
    body.feed(html)
    return normalised(" ".join(body.text)), body.items


def fidelity(notice: Path, pages: dict[str, Path]) -> list[Fidelity]:
    """How much of NOTICE each page (by language) holds."""
    results = []
    for language, expected in expected_text(notice).items():
        text, items = page_text(pages[language].read_text("utf-8"))
        missing = tuple(s for s in expected.segments if normalised(s) not in text)
        found = len(expected.segments) - len(missing)
        results.append(
            Fidelity(notice.name, language, found, len(expected.segments), expected.items, items, missing)
        )
    return results


def vacancy_pages(output: Path, reference: str) -> dict[str, Path]:
    """The built page of a vacancy in each language it has."""
    pages = {}
    for language in LANGUAGES:
        found = [p for p in output.glob(f"{language}/*/*/index.html") if p.parent.name == reference]
        if found:
            pages[language] = found[0]
    return pages


# The notices, imported and built once.


@dataclass(frozen=True)
class Imported:
    content: Path
    output: Path
    outputs: dict[str, str]  # notice -> what `import` printed

    def markdown(self, reference: str, language: str) -> str:
        return (self.content / "vacancies" / reference / f"{language}.md").read_text("utf-8")

    def page(self, reference: str, language: str) -> str:
        return vacancy_pages(self.output, reference)[language].read_text("utf-8")


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    root = tmp_path_factory.mktemp("fidelity")
    content = root / "content"
    shutil.copytree(CONTENT, content)
    shutil.rmtree(content / "vacancies")
    (content / "vacancies").mkdir()
    outputs = {}
    for name, reference in FIXTURES.items():
        arguments = ["import", str(NOTICES / name), "--content", str(content)]
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            code = main([*arguments, *(["--reference", reference] if reference else [])])
        assert code == 0, printed.getvalue()
        outputs[name] = printed.getvalue()
    built = run_cli(
        "build", "--no-search", "--content", str(content), "--output", str(root / "site"), "--no-cache"
    )
    assert built.returncode == 0, built.stderr
    return Imported(content, root / "site", outputs)


@pytest.mark.parametrize("name", FIXTURES)
def test_every_sentence_and_list_item_of_a_notice_is_on_its_page(imported: Imported, name: str) -> None:
    pages = vacancy_pages(imported.output, REFERENCES[name])
    results = fidelity(NOTICES / name, pages)
    assert sorted(r.language for r in results) == sorted(pages)
    for result in results:
        print(result.line())
    for result in results:
        assert result.segments > 0
        assert (result.found, result.page_items) == (result.segments, result.notice_items), (
            f"{result.line()}; missing: {list(result.missing)}"
        )


def test_the_comparison_sees_a_dropped_heading_and_a_broken_list_item(
    imported: Imported, tmp_path: Path
) -> None:
    """The measure has teeth: a page that lost words, or split an item in two, falls short."""
    pages = vacancy_pages(imported.output, "260415")
    html = pages["en"].read_text("utf-8")
    damaged = {
        "lost words": html.replace("Policy Development", ""),
        "split item": html.replace("response and co-operation", "</li><li>response and co-operation", 1),
    }
    for what, text in damaged.items():
        assert text != html, what
        page = tmp_path / f"{what.replace(' ', '-')}.html"
        page.write_text(text, "utf-8")
        notice = NOTICES / "vacancy-260415-cyber-adviser.en-fr.txt"
        [result] = [r for r in fidelity(notice, {"en": page, "fr": pages["fr"]}) if r.language == "en"]
        assert (result.found, result.page_items) != (result.segments, result.notice_items), what


# Each damage the issue names, one test each (on the notices imported above).


class _Blocks(HTMLParser):
    """The body's headings, paragraphs and list items, in order: (tag, text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.blocks: list[tuple[str, str]] = []
        self.open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.inside = self.inside or (tag == "div" and ("class", "body") in attrs)
        if self.inside and tag in ("h2", "h3", "p", "li", "ol", "ul"):
            self.open.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        if self.inside and self.open and self.open[-1][0] == tag:
            name, words = self.open.pop()
            text = "".join(words).replace("’", "'").replace("\u00ad", "")  # the site's soft hyphens
            self.blocks.append((name, " ".join(text.split())))
        elif self.inside and tag == "div" and not self.open:
            self.inside = False

    def handle_data(self, data: str) -> None:
        for _, words in self.open:
            words.append(data)


def blocks(html: str) -> list[tuple[str, str]]:
    reader = _Blocks()
    reader.feed(html)
    return [(tag, text) for tag, text in reader.blocks if tag not in ("ol", "ul")]


def under(html: str, heading: str, kind: str) -> list[str]:
    """The texts of the KIND blocks (li, h3, p) after HEADING, up to the next heading of its level."""
    found = blocks(html)
    start = next(n for n, (tag, text) in enumerate(found) if text == heading)
    level = found[start][0]
    result = []
    for tag, text in found[start + 1 :]:
        if tag == level or (tag == "h2" and level == "h3"):
            break
        if tag == kind:
            result.append(text)
    return result


def test_lists_keep_each_bullets_wrapped_lines(imported: Imported) -> None:
    en, fr = imported.page("260415", "en"), imported.page("260415", "fr")
    essential = under(en, "Essential", "li")
    assert len(essential) == 6
    assert essential[1] == (  # its second line came after a blank line
        "have at least five years of experience in cyber security policy or operations, "
        "at national or international level;"
    )
    assert essential[5].endswith('(English/French): V ("Advanced") in one, II ("Elementary") in the other.')
    assert len(under(en, "Desirable", "li")) == 2
    acquis = under(fr, "Acquis essentiels", "li")
    assert len(acquis) == 6 and len(under(fr, "Acquis souhaitables", "li")) == 2
    assert acquis[2] == (
        "avoir rédigé des notes de politique destinées à des décideurs de haut niveau, y compris des "
        "notes soumises à l'accord de nombreux pays ;"
    )
    finance = imported.page("270221", "fr")
    essentials = under(finance, "Acquis essentiels", "li")  # "", and a bullet alone on its line
    assert (
        essentials[2]
        == "avoir une bonne pratique des tableurs et d'un progiciel de gestion intégré, de préférence SAP ;"
    )
    assert len(essentials) == 4
    competencies = under(finance, "Compétences", "li")  # the last one lost its bullet in the copy
    assert competencies[-1] == "Travail en équipe : partage ses informations avec ses collègues."
    assert len(competencies) == 3
    logistics = imported.page("280904", "en")  # every line followed by a blank line
    assert "<ol>" in logistics and len(under(logistics, "Essential", "li")) == 3


def test_sub_headings_stay_headings_at_the_same_level_in_both_languages(imported: Imported) -> None:
    en, fr = imported.page("260415", "en"), imported.page("260415", "fr")
    # "Expertise Development" followed the paragraph before it without a blank line.
    assert under(en, "Main accountabilities", "h3") == [
        "Policy Development",
        "Expertise Development",
        "Stakeholder Management",
    ]
    assert under(fr, "Responsabilités principales", "h3") == [
        "Élaboration des politiques",
        "Développement de l'expertise",
        "Gestion des parties prenantes",
    ]
    # "DESIRABLE" and "ACQUIS SOUHAITABLES" come after a page break.
    assert under(en, "Qualifications and experience", "h3") == ["Essential", "Desirable"]
    assert under(fr, "Qualifications et expérience", "h3") == ["Acquis essentiels", "Acquis souhaitables"]
    assert [t for t, _ in blocks(en) if t.startswith("h")] == [t for t, _ in blocks(fr) if t.startswith("h")]
    # "3." alone on its line, the section's name (not one every notice has) on the next: still a section.
    assert ("h2", "Tâches principales") in blocks(imported.page("270221", "fr"))


def test_page_numbers_and_running_headers_are_not_words(imported: Imported) -> None:
    for reference, languages in (("260415", LANGUAGES), ("270221", ("fr",)), ("280904", ("en",))):
        for language in languages:
            found = blocks(imported.page(reference, language))
            assert not [text for _, text in found if re.fullmatch(r"[\d\s/-]+|Page.*", text)], reference
            body = " ".join(text for _, text in found)
            for furniture in ("UNCLASSIFIED", "SANS CLASSIFICATION", "Page 1", "Vacancy 280904"):
                assert furniture not in body, (reference, language, furniture)


def test_a_label_is_a_paragraph_in_both_languages(imported: Imported) -> None:
    en, fr = blocks(imported.page("260415", "en")), blocks(imported.page("260415", "fr"))
    assert ("p", "Direct reports: N/A") in en and ("p", "Indirect reports: N/A") in en
    assert ("p", "Nombre de subordonnés directs : sans objet") in fr


def test_sentences_cut_by_a_page_or_a_line_are_joined(imported: Imported) -> None:
    summary = under(imported.page("260415", "en"), "Summary", "p")
    assert any(  # the page broke after "the", before a name in capitals
        "the NATO Command Structure and the Cyber Defence Pledge community of experts. The adviser" in p
        for p in summary
    )
    contrat = under(imported.page("260415", "fr"), "Contrat", "p")
    assert contrat == [
        "Contrat proposé : contrat de trois ans ; renouvelable pour une période de trois ans maximum."
    ]
    finance = under(imported.page("270221", "fr"), "Gestion financière", "p")
    assert finance[0].endswith("relance, au besoin, les Unité Trésorerie et les divisions concernées.")


def test_a_hyphen_at_a_line_end_stays_only_in_a_compound(imported: Imported) -> None:
    en = " ".join(text for _, text in blocks(imported.page("260415", "en")))
    for compound in ("co-operation", "follow-up", "decision-makers", "cost-effective"):
        assert compound in en
    assert "political developments that" in en
    logistics = " ".join(text for _, text in blocks(imported.page("280904", "en")))
    assert "for short- and long-term deployments" in logistics and "keeps the supplies data" in logistics
    assert "le suivi des engagements de chaque" in " ".join(
        t for _, t in blocks(imported.page("270221", "fr"))
    )


def test_a_title_whose_reference_is_on_the_next_line_is_found(imported: Imported) -> None:
    titles = {
        ("260415", "en"): "Cyber Defence Adviser, Resilience and Cyber Section",
        ("260415", "fr"): "Conseillère/conseiller en cyberdéfense, Section Résilience et cyberdéfense",
        ("270221", "fr"): "Assistante/assistant (finances), Bureau du contrôleur financier",
        ("280904", "en"): "Logistics Officer, Support Planning Branch",
    }
    for (reference, language), title in titles.items():
        assert imported.markdown(reference, language).startswith(f'---\ntitle: "{title}"\n---\n')


def test_conditions_are_read_from_the_closing_sections(imported: Imported) -> None:
    conditions = {
        "260415": "[nationality, security-clearance, medical]",
        "270221": "[nationality, medical, verification]",  # French wording only
        "280904": "[nationality]",  # "only nationals of NATO member countries may apply"
        "PDD-LOCAL-002": "[nationality]",
        "241490": "[nationality, security-clearance, medical, verification, {en: ",
    }
    for reference, written in conditions.items():
        facts = (imported.content / "vacancies" / reference / "vacancy.yaml").read_text("utf-8")
        assert f"\nconditions: {written}" in facts, reference
    assert (
        "conditions: nationality, security-clearance, medical  (from 'Applications are accepted only"
        in (imported.outputs["vacancy-260415-cyber-adviser.en-fr.txt"])
    )
    en, fr = imported.page("260415", "en"), imported.page("260415", "fr")
    assert "<dt>Who may apply</dt> <dd>Only nationals of NATO member countries may apply.</dd>" in en
    assert "<dt>Qui peut postuler</dt>" in fr and "habilitation de sécurité" in fr
    assert "Apply online at" not in en  # the rest of the closing sections stays out
