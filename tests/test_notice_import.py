"""`import FILE...`: notices (text, .docx, HTML; one or two languages) -> bundles that pass `check`.

The notices under tests/notices/ and those built here are invented: their facts and
words are made up, in the shapes real notices take.
"""

from __future__ import annotations

import re
import shutil
import struct
import tracemalloc
import zipfile
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import CONTENT, run_cli

from generator.__main__ import main
from generator.common.problems import Report
from generator.content.loader import load_content
from generator.content.models import Content
from generator.content.validate import validate_content
from generator.tools.notice_import.blocks import section_blocks
from generator.tools.notice_import.conditions import find_conditions
from generator.tools.notice_import.facts import parse_amount, parse_moment
from generator.tools.notice_import.hyphens import join_lines, words_of
from generator.tools.notice_import.layout import page_lines
from generator.tools.notice_import.places import find_place
from generator.tools.notice_import.read import PAGE_BREAK, text_lines
from generator.tools.notice_import.split import is_section_heading, split_parts

NOTICES = Path(__file__).resolve().parent / "notices"
NOTICE_241490 = NOTICES / "vacancy-241490-ops-capacity-officer.en-fr.txt"  # the facts of content/'s 241490
JOB_BOARD_COPY = NOTICES / "jobboard-pdd-assistant.fr.txt"
LANGUAGES = ("en", "fr")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The shipped content without its vacancies: a site that the imports go into."""
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    shutil.rmtree(root / "vacancies")
    (root / "vacancies").mkdir()
    return root


def _import(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main(["import", *(str(a) for a in args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _validate(root: Path) -> tuple[Content | None, Report]:
    report = Report()
    return validate_content(load_content(root, report), report), report


def _vacancy(root: Path, reference: str) -> tuple[object, Report]:
    result, report = _validate(root)
    assert result is not None, [p.format() for p in report]
    assert report.errors() == [], [p.format() for p in report.errors()]
    return next(v for v in result.vacancies if v.reference == reference), report


# Header shapes, English and French.


@pytest.mark.parametrize(
    ("text", "expected", "time_written"),
    [
        ("10-Nov-2024, 11:59:00 PM", datetime(2024, 11, 10, 23, 59), True),
        ("10-nov.-2024, 23:59:00", datetime(2024, 11, 10, 23, 59), True),
        ("03-févr.-2025, 12:00:00", datetime(2025, 2, 3, 12, 0), True),
        ("03-Feb-2025, 12:00:00 PM", datetime(2025, 2, 3, 12, 0), True),
        ("01-Mar-2025, 12:30:00 AM", datetime(2025, 3, 1, 0, 30), True),
        ("15 janvier 2026 à 17h00", datetime(2026, 1, 15, 17, 0), True),
        ("7 December 2025", datetime(2025, 12, 7, 23, 59), False),
        ("10-01-2026", datetime(2026, 1, 10, 23, 59), False),
        ("2025-06-30T18:00", datetime(2025, 6, 30, 18, 0), True),
    ],
)
def test_deadline_shapes(text: str, expected: datetime, time_written: bool) -> None:
    moment = parse_moment(text, LANGUAGES)
    assert moment is not None
    assert (moment.moment, moment.time_written) == (expected, time_written)


@pytest.mark.parametrize("text", ["31-Feb-2025", "someday", "10-Foo-2024, 10:00"])
def test_what_is_no_date_is_not_read_as_one(text: str) -> None:
    assert parse_moment(text, LANGUAGES) is None


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("7,540.44", "7540.44"),
        ("7 540,44", "7540.44"),
        ("7\u202f540,44", "7540.44"),
        ("7.540,44", "7540.44"),
        ("12,345", "12345.00"),
        ("5204.1", "5204.10"),
    ],
)
def test_amount_shapes(text: str, amount: str) -> None:
    assert parse_amount(text) == Decimal(amount)


@pytest.mark.parametrize(
    ("text", "city", "country"),
    [
        ("Belgium-Brussels", {"en": "Brussels", "fr": "Bruxelles"}, "BE"),
        ("Belgique-Bruxelles", {"en": "Brussels", "fr": "Bruxelles"}, "BE"),
        ("Brussels Brussels Capital", {"en": "Brussels", "fr": "Bruxelles"}, "BE"),
        ("Pays-Bas-La Haye", {"en": "The Hague", "fr": "La Haye"}, "NL"),
        ("Italy-Naples", {"en": "Naples", "fr": "Naples"}, "IT"),
    ],
)
def test_places(text: str, city: dict[str, str], country: str) -> None:
    place = find_place(text, LANGUAGES)
    assert place is not None and place.city_known
    assert (place.city, place.country) == (city, country)


def test_a_city_missing_from_the_table_keeps_the_notices_spelling() -> None:
    place = find_place("Germany-Münster", LANGUAGES)
    assert place is not None and not place.city_known
    assert (place.city, place.country) == ({"en": "Münster", "fr": "Münster"}, "DE")


def test_line_end_hyphens() -> None:
    vocabulary = words_of(["a decision-making body", "well known"])
    assert join_lines("the country chap-", "ters of", vocabulary) == "the country chapters of"
    assert join_lines("a decision-", "making body", vocabulary) == "a decision-making body"
    assert join_lines("for long-", "term planning", vocabulary) == "for long-term planning"
    assert join_lines("Bosnia-", "Herzegovina", vocabulary) == "Bosnia-Herzegovina"  # a name's own hyphen


def test_paragraphs_lists_and_page_breaks() -> None:
    lines = [
        "Expertise Development",
        "",
        "A first paragraph that runs over several lines of the page and is cut by",
        "",
        "a page break in the middle of its sentence.",
        "",
        "The incumbent must:",
        "- hold a degree in a field that matters to the",
        "post;",
        "• speak two languages.",
    ]
    blocks = section_blocks(lines, set())
    assert [(b.kind, b.lines) for b in blocks] == [
        ("heading", ("Expertise Development",)),
        (
            "paragraph",
            (
                "A first paragraph that runs over several lines of the page and is cut by "
                "a page break in the middle of its sentence.",
            ),
        ),
        ("paragraph", ("The incumbent must:",)),
        ("list", ("hold a degree in a field that matters to the post;", "speak two languages.")),
    ]


# Whole notices.


def _facts_panel(html: str) -> str:
    panel = re.search(r'<section class="facts".*?</section>', html, re.DOTALL)
    assert panel is not None
    # The notice gives no publication day: the import writes one for the editor to check.
    dated = r'<div><dt>[^<]*</dt>\s*<dd><time datetime="\d{4}-\d{2}-\d{2}">.*?</div>'
    return re.sub(dated, "", panel.group(0))


def test_241490_imports_with_the_facts_of_the_shipped_vacancy(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _import(capsys, NOTICE_241490, "--content", content)
    assert (code, err) == (0, "")
    assert "Left out" in out and "7. USEFUL INFORMATION" in out
    folder = content / "vacancies" / "241490"
    assert sorted(p.name for p in folder.iterdir()) == ["en.md", "fr.md", "vacancy.yaml"]
    fr = (folder / "fr.md").read_text("utf-8")
    assert fr.startswith('---\ntitle: "Chargée/chargé de programme – Renforcement des capacités')
    assert "## Résumé" in fr and "### Acquis essentiels" in fr and "## Contrat" in fr
    assert "candidature" not in fr.lower()  # the standard closing sections are left out
    en = (folder / "en.md").read_text("utf-8")
    assert "\n- hold a university degree" in en
    assert "the goals of the Partner Support Fund Programme" in en.replace("\n", " ")  # page break mended
    now = "2024-11-10T12:00"
    build = ("build", "--strict", "--no-search", "--now", now, "--content", str(content),
             "--output", str(tmp_path / "imported"), "--no-cache")  # fmt: skip
    # What the editor must confirm is marked CHECK on its line: --strict fails there until it is done.
    facts = folder / "vacancy.yaml"
    marked = [n for n, line in enumerate(facts.read_text("utf-8").split("\n"), 1) if "# CHECK:" in line]
    unfinished = run_cli(*build)
    assert unfinished.returncode == 1
    named = re.findall(r"vacancy\.yaml:(\d+): this line is marked CHECK \((\w+ \w+ \w+)", unfinished.stderr)
    assert named == [
        (str(marked[0]), "the notice gives"),  # published
        (str(marked[1]), "the notice writes"),  # apply_url
    ], unfinished.stderr
    facts.write_text(re.sub(r"  # CHECK:.*", "", facts.read_text("utf-8")), "utf-8")
    imported = run_cli(*build)
    assert imported.returncode == 0, imported.stderr
    shipped = run_cli("build", "--strict", "--no-search", "--now", now,
                      "--output", str(tmp_path / "shipped"), "--no-cache")  # fmt: skip
    assert shipped.returncode == 0, shipped.stderr
    for page in ("en/vacancies/241490/index.html", "fr/postes-vacants/241490/index.html"):
        ours = _facts_panel((tmp_path / "imported" / page).read_text("utf-8"))
        theirs = _facts_panel((tmp_path / "shipped" / page).read_text("utf-8"))
        assert ours == theirs
        for fact in ("G17", "Bruxelles" if page.startswith("fr") else "Brussels", "V", "notice-pending"):
            assert fact in ours or fact in (tmp_path / "imported" / page).read_text("utf-8")


def test_a_bilingual_pdf_copy_never_seen(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _import(capsys, NOTICES / "vacancy-250731-dpp-analyst.en-fr.txt", "--content", content)
    assert code == 0
    vacancy, _report = _vacancy(content, "250731")
    assert vacancy.grades == ("G15",)  # type: ignore[attr-defined]
    assert vacancy.division == "DPP"  # type: ignore[attr-defined]
    assert vacancy.location.city == {"en": "Mons", "fr": "Mons"}  # type: ignore[attr-defined]
    assert vacancy.location.country == "BE"  # type: ignore[attr-defined]
    assert vacancy.deadline.strftime("%Y-%m-%d %H:%M %Z") == "2025-02-03 12:00 CET"  # type: ignore[attr-defined]
    assert vacancy.salary == Decimal("6118.20")  # type: ignore[attr-defined]
    assert vacancy.contract == "indefinite" and vacancy.contract_years is None  # type: ignore[attr-defined]
    assert vacancy.status.value == "open"  # type: ignore[attr-defined]
    assert (vacancy.language_levels.one, vacancy.language_levels.other) == ("IV", "II")  # type: ignore[attr-defined]
    assert vacancy.apply_url_in("fr") == "https://www.nato.int/recrutement"  # type: ignore[attr-defined]
    assert vacancy.words["en"].title == "Force Planning Analyst, Capability Targets and Reviews Section"  # type: ignore[attr-defined]
    en = (content / "vacancies" / "250731" / "en.md").read_text("utf-8")
    assert "country\nchapters" in en or "country chapters" in en
    assert "long-term planning" in en.replace("\n", " ")
    assert "How to apply" not in en and "telephone" not in en
    assert "published: the notice gives no publication date" in out


def test_a_notice_in_one_language(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _import(capsys, NOTICES / "vacancy-260112-di-engineer.fr.txt", "--content", content)
    assert code == 0
    folder = content / "vacancies" / "260112"
    assert sorted(p.name for p in folder.iterdir()) == ["fr.md", "vacancy.yaml"]
    assert "the notice has no en text" in out
    vacancy, _report = _vacancy(content, "260112")
    assert vacancy.grades == ("G11", "G13")  # type: ignore[attr-defined]
    assert vacancy.division == "DI"  # type: ignore[attr-defined]
    assert vacancy.location.city == {"en": "The Hague", "fr": "La Haye"}  # type: ignore[attr-defined]
    assert vacancy.deadline.strftime("%Y-%m-%d %H:%M") == "2026-01-15 17:00"  # type: ignore[attr-defined]
    assert (vacancy.contract, vacancy.contract_years) == ("temporary", 2)  # type: ignore[attr-defined]
    assert vacancy.status.value == "pending-budget-approval"  # type: ignore[attr-defined]
    assert main(["check", "--content", str(content)]) == 0
    assert "vacancy 260112: fr; missing: en" in capsys.readouterr().out


def _docx(path: Path) -> None:
    import docx

    document = docx.Document()
    for text in ("Training Coordinator, Exercise Branch-270045", "Primary Location: Italy-Naples",
                 "Schedule: Part-time", "Application Deadline: 21-Mar-2027, 11:59:00 PM",
                 "Grade: NATO Grade G12", "1. SUMMARY",
                 "The Operations Division runs the exercises that test how NATO responds to a crisis.",
                 "2. QUALIFICATIONS AND EXPERIENCE", "The incumbent must:"):  # fmt: skip
        document.add_paragraph(text)
    for item in (
        "have planned at least three multinational exercises;",
        'possess V ("Advanced") in one official language, II ("Elementary") in the other.',
    ):
        document.add_paragraph(item, style="List Bullet")
    document.add_paragraph("3. CONTRACT")
    document.add_paragraph("A definite duration contract of two years is offered.")
    document.save(str(path))


def test_a_docx_notice(content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notice = tmp_path / "notice.docx"
    _docx(notice)
    code, _out, err = _import(capsys, notice, "--content", content)
    assert (code, err) == (0, "")
    vacancy, _report = _vacancy(content, "270045")
    assert vacancy.location.city == {"en": "Naples", "fr": "Naples"}  # type: ignore[attr-defined]
    assert (vacancy.schedule, vacancy.division, vacancy.grades) == ("part-time", "OPS", ("G12",))  # type: ignore[attr-defined]
    assert (vacancy.contract, vacancy.contract_years) == ("definite", 2)  # type: ignore[attr-defined]
    en = (content / "vacancies" / "270045" / "en.md").read_text("utf-8")
    assert "\n- have planned at least three multinational exercises;\n" in en


HTML_NOTICE = """<!doctype html><html lang="fr"><head><title>Offre</title>
<script>var tracking = "1. SUMMARY";</script><style>p { color: red }</style></head><body>
<nav><a href="/">Accueil</a></nav>
<h1>Conseillère/conseiller en communication stratégique-280310</h1>
<table><tr><th>Emplacement principal :</th><td>Belgique-Bruxelles</td></tr>
<tr><th>Date de retrait</th><td>05-déc.-2027, 23:59:00</td></tr>
<tr><th>Salaire (Base de paie)</th><td>8&nbsp;206,40Euro (EUR) Mensuelle</td></tr>
<tr><th>Grade</th><td>NATO Grade G20</td></tr></table>
<h2>1. RÉSUMÉ</h2>
<p>La <b>division diplomatie publique</b> (PDD) explique l'action de l'Alliance
   aux publics du monde entier.</p>
<h2>2. QUALIFICATIONS ET EXPÉRIENCE</h2>
<ul><li>niveau VI (« expert ») dans une langue officielle,
et IV (« intermédiaire supérieur ») dans l'autre ;</li>
<li>dix ans d'expérience en communication <i>publique</i>.</li></ul>
<h2>3. CONTRAT</h2><p>Contrat de durée déterminée de trois ans.</p>
</body></html>"""


def test_an_html_page(content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notice = tmp_path / "offre.html"
    notice.write_text(HTML_NOTICE, encoding="utf-8")
    code, _out, err = _import(capsys, notice, "--content", content)
    assert (code, err) == (0, "")
    vacancy, _report = _vacancy(content, "280310")
    assert (vacancy.division, vacancy.grades, vacancy.salary) == ("PDD", ("G20",), Decimal("8206.40"))  # type: ignore[attr-defined]
    assert vacancy.deadline.strftime("%Y-%m-%d %H:%M") == "2027-12-05 23:59"  # type: ignore[attr-defined]
    assert (vacancy.language_levels.one, vacancy.language_levels.other) == ("VI", "IV")  # type: ignore[attr-defined]
    fr = (content / "vacancies" / "280310" / "fr.md").read_text("utf-8")
    assert "tracking" not in fr and "color" not in fr and "Accueil" not in fr
    assert "\n- dix ans d'expérience en communication publique.\n" in fr


def test_an_existing_bundle_is_never_overwritten(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notice = NOTICES / "vacancy-250731-dpp-analyst.en-fr.txt"
    assert _import(capsys, notice, "--content", content)[0] == 0
    yaml_file = content / "vacancies" / "250731" / "vacancy.yaml"
    yaml_file.write_text(yaml_file.read_text("utf-8") + "# edited by hand\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in yaml_file.parent.iterdir()}
    code, out, err = _import(capsys, notice, "--content", content)
    assert code == 1 and out == ""
    assert "250731 already exists; nothing was imported" in err and "never overwrites" in err
    assert {p.name: p.read_bytes() for p in yaml_file.parent.iterdir()} == before


def test_problems_are_messages(content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    odd = tmp_path / "notice.pdf"
    odd.write_bytes(b"%PDF-1.7")
    code, _, err = _import(capsys, odd, "--content", content)
    assert code == 2 and "cannot read a .pdf file" in err and "Traceback" not in err
    code, _, err = _import(capsys, tmp_path / "missing.txt", "--content", content)
    assert code == 2 and "no such file" in err
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    code, _, err = _import(capsys, broken, "--content", content)
    assert code == 1 and "is not a Word document that can be read" in err
    loose = tmp_path / "loose.txt"
    loose.write_text("Some words about a job.\n", encoding="utf-8")
    code, _, err = _import(capsys, loose, "--content", content)
    assert code == 1 and "no numbered sections found" in err
    nameless = tmp_path / "nameless.txt"
    nameless.write_text("Assistant\n\nLocation: Brussels\n\n1. SUMMARY\n\nWords.\n", encoding="utf-8")
    code, _, err = _import(capsys, nameless, "--content", content)
    assert code == 1 and "no reference found" in err and "--reference" in err
    code, out, _ = _import(capsys, nameless, "--content", content, "--reference", "LOCAL-7")
    assert code == 0 and "division: the notice names none" in out
    assert _vacancy(content, "LOCAL-7")[0] is not None
    assert _import(capsys, loose, "--content", tmp_path / "nowhere")[0] == 2


# Damaged and oversized .docx files: a message that names the file, never a traceback.


def _rewritten(source: Path, target: Path, parts: dict[str, bytes | None]) -> None:
    """A copy of the .docx `source` with some parts replaced (None: left out)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for entry in old.infolist():
            data = parts.get(entry.filename, old.read(entry))
            if data is not None:
                new.writestr(entry, data)


_PICTURE_WITHOUT_RELATIONSHIP = (
    b'<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
    b'wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    b'<a:graphicData><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    b'<pic:blipFill><a:blip r:embed="rId999"/></pic:blipFill></pic:pic></a:graphicData></a:graphic>'
    b"</wp:inline></w:drawing></w:r></w:p></w:body>"
)
DAMAGES: dict[str, Callable[[Path, Path, bytes], None]] = {
    "not a zip": lambda good, bad, _: bad.write_bytes(b"PK\x03\x04 and then no archive at all"),
    "cut short": lambda good, bad, _: bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2]),
    "truncated XML": lambda good, bad, doc: _rewritten(
        good, bad, {"word/document.xml": doc[: len(doc) // 2]}
    ),
    "broken relationships": lambda good, bad, _: _rewritten(good, bad, {"_rels/.rels": b"<Relationships"}),
    "broken document relationships": lambda good, bad, _: _rewritten(
        good, bad, {"word/_rels/document.xml.rels": b"<?xml version='1.0'?><Relationships><"}
    ),
    "no document part": lambda good, bad, _: _rewritten(good, bad, {"word/document.xml": None}),
    "a picture without its relationship": lambda good, bad, doc: _rewritten(
        good, bad, {"word/document.xml": doc.replace(b"</w:body>", _PICTURE_WITHOUT_RELATIONSHIP)}
    ),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_docx_is_a_message_that_names_it(
    damage: str, content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.docx"
    _docx(good)
    with zipfile.ZipFile(good) as archive:
        document = archive.read("word/document.xml")
    notice = tmp_path / f"{damage.replace(' ', '-')}.docx"
    DAMAGES[damage](good, notice, document)
    code, out, err = _import(capsys, notice, "--content", content)
    assert (code, out) == (1, ""), err
    assert err.startswith(f"error: {notice}: is not a Word document that can be read ("), err
    assert err.rstrip().endswith("open it in Word and save it again as .docx"), err
    assert list((content / "vacancies").iterdir()) == []


def _docx_of_empty_paragraphs(path: Path, megabytes: int) -> None:
    """A .docx whose text part unpacks to `megabytes` of empty paragraphs: a few kilobytes packed."""
    _docx(path.with_name("source.docx"))
    paragraphs = b"<w:p/>" * (1024 * 1024 // 6)
    with (
        zipfile.ZipFile(path.with_name("source.docx")) as old,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for entry in old.infolist():
            if entry.filename != "word/document.xml":
                new.writestr(entry, old.read(entry))
                continue
            with new.open("word/document.xml", "w") as stream:
                stream.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/')
                stream.write(b'wordprocessingml/2006/main"><w:body>')
                for _ in range(megabytes):
                    stream.write(paragraphs)
                stream.write(b"</w:body></w:document>")


def _unpack_nothing(*args: object, **kwargs: object) -> None:
    raise AssertionError("the archive was unpacked")


def test_a_docx_that_unpacks_to_far_more_than_a_notice_is_refused_before_unpacking(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = tmp_path / "bomb.docx"
    _docx_of_empty_paragraphs(bomb, 64)
    assert bomb.stat().st_size < 1024 * 1024
    monkeypatch.setattr(zipfile.ZipFile, "open", _unpack_nothing)  # judged by the declared sizes alone
    code, out, err = _import(capsys, bomb, "--content", content)
    assert (code, out) == (1, "")
    assert re.match(
        rf"error: {re.escape(str(bomb))}: unpacks to 6\d\.\d MB of text, more than a notice holds", err
    )
    assert "Traceback" not in err and list((content / "vacancies").iterdir()) == []


def test_a_docx_part_packed_far_tighter_than_text_is_refused_before_unpacking(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    dense = tmp_path / "dense.docx"
    _docx_of_empty_paragraphs(dense, 2)  # within the size a notice may have, but packed 500 times smaller
    monkeypatch.setattr(zipfile.ZipFile, "open", _unpack_nothing)
    code, _, err = _import(capsys, dense, "--content", content)
    assert code == 1
    assert err.startswith(f"error: {dense}: its part word/document.xml unpacks from "), err
    assert "which no text does" in err


def test_a_docx_of_thousands_of_files_is_refused_before_unpacking(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    crowded = tmp_path / "crowded.docx"
    _docx(crowded)
    with zipfile.ZipFile(crowded, "a") as archive:
        for number in range(3000):
            archive.writestr(f"customXml/extra{number}.xml", b"<a/>")
    monkeypatch.setattr(zipfile.ZipFile, "open", _unpack_nothing)
    code, _, err = _import(capsys, crowded, "--content", content)
    assert code == 1 and err.startswith(f"error: {crowded}: holds 30"), err


def _declare_size(archive: Path, name: str, size: int) -> None:
    """Make the archive's directory declare `size` bytes for `name`, whatever its part holds."""
    data = bytearray(archive.read_bytes())
    start = data.find(b"PK\x01\x02")
    while start >= 0:
        (length,) = struct.unpack("<H", data[start + 28 : start + 30])
        if data[start + 46 : start + 46 + length] == name.encode():
            data[start + 24 : start + 28] = struct.pack("<I", size)
        start = data.find(b"PK\x01\x02", start + 4)
    archive.write_bytes(bytes(data))


def test_a_docx_that_declares_less_than_it_holds_is_read_within_bounded_memory(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import mammoth  # noqa: F401  (its import is not what is measured)

    forged = tmp_path / "forged.docx"
    _docx_of_empty_paragraphs(forged, 64)
    _declare_size(forged, "word/document.xml", 2000)  # passes every declared-size check
    tracemalloc.start()
    try:
        code, out, err = _import(capsys, forged, "--content", content)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (code, out) == (1, "")
    assert err.startswith(f"error: {forged}: is not a Word document that can be read ("), err
    assert peak < 16 * 1024 * 1024, f"{peak / 2**20:.0f} MB held at once while reading a 64 MB part"


def test_an_empty_notice_among_several_is_named(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notice = NOTICES / "vacancy-250731-dpp-analyst.en-fr.txt"
    empty = tmp_path / "empty.txt"
    empty.write_text("\n  \n", encoding="utf-8")
    code, out, err = _import(capsys, notice, empty, "--content", content)
    assert (code, out) == (1, "")
    assert err.startswith(f"error: {empty}: holds no text; "), err
    words = tmp_path / "words.html"
    words.write_text("<p>Some words about a job, and no heading.</p>", encoding="utf-8")
    code, out, err = _import(capsys, notice, words, "--content", content)
    assert (code, out) == (1, "")
    assert err.startswith(f"error: {words}: no numbered sections found"), err
    assert list((content / "vacancies").iterdir()) == []  # nothing of the good notice either


def test_a_reference_is_a_whole_name(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notice = NOTICES / "vacancy-250731-dpp-analyst.en-fr.txt"
    for reference in ("LOCAL-8\n", "LOCAL-8\nX", " LOCAL-8"):
        code, out, err = _import(capsys, notice, "--content", content, "--reference", reference)
        assert (code, out) == (2, "") and "cannot be a reference" in err, reference
    assert list((content / "vacancies").iterdir()) == []


def test_a_job_board_copy_without_reference(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _import(capsys, JOB_BOARD_COPY, "--content", content)
    assert code == 1 and "no reference found" in err  # "Update day: 12-01-2026" is no title
    code, out, _ = _import(capsys, JOB_BOARD_COPY, "--content", content, "--reference", "PDD-LOCAL-002")
    assert code == 0
    assert "deadline: the notice gives the day only ('10-02-2026' read as day-month-year)" in out
    assert "grade: no grade found" in out
    vacancy, _report = _vacancy(content, "PDD-LOCAL-002")
    assert vacancy.words["fr"].title == "Assistant(e) de section"  # type: ignore[attr-defined]
    assert vacancy.published.isoformat() == "2026-01-12"  # type: ignore[attr-defined]
    assert vacancy.deadline.strftime("%Y-%m-%d %H:%M") == "2026-02-10 23:59"  # type: ignore[attr-defined]
    assert (vacancy.division, vacancy.schedule) == ("PDD", "full-time")  # type: ignore[attr-defined]
    text = (content / "vacancies" / "PDD-LOCAL-002" / "vacancy.yaml").read_text("utf-8")
    assert "# CHECK: the notice gives the day only" in text
    fr = (content / "vacancies" / "PDD-LOCAL-002" / "fr.md").read_text("utf-8")
    assert "Voir la version anglaise" not in fr and "Loading" not in fr  # closing sections left out


UNNUMBERED = """<html><body><h1>Legal Adviser, Office of Legal Affairs-290077</h1>
<p>Primary Location: Belgium-Brussels</p><p>Application Deadline: 02-Apr-2029, 11:59:00 PM</p>
<p>Grade: NATO Grade G18</p>
<h2>Summary</h2><p>The Of\u00adfice gives legal advice on the ﬁnancial rules of the Executive Management.</p>
<h2>Qualifications and experience</h2>
<ul><li><p>a law degree;</p></li>
<li><p>V ("Advanced") in one, III ("Intermediate") in the other.</p></li></ul>
<h2>Contract</h2><p>Temporary contract of one year.</p>
<h2>Résumé</h2><p>Le Bureau conseille la Gestion exécutive sur les règles financières.</p>
</body></html>"""


def test_unnumbered_headings_and_paragraphs_in_list_items(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notice = tmp_path / "saved.htm"
    notice.write_text(UNNUMBERED, encoding="utf-8")
    code, _out, err = _import(capsys, notice, "--content", content)
    assert (code, err) == (0, "")
    vacancy, _report = _vacancy(content, "290077")
    assert (vacancy.division, vacancy.contract, vacancy.contract_years) == ("EM", "temporary", 1)  # type: ignore[attr-defined]
    assert sorted(vacancy.words) == ["en", "fr"]  # type: ignore[attr-defined]
    en = (content / "vacancies" / "290077" / "en.md").read_text("utf-8")
    assert "## Summary\n\nThe Office gives legal advice on the financial rules" in en
    assert '\n- a law degree;\n- V ("Advanced") in one' in en


def test_a_site_language_the_city_table_lacks_is_marked_to_check() -> None:
    place = find_place("Belgium-Brussels", ("en", "fr", "nl"))
    assert place is not None and place.city_known
    assert place.city == {"en": "Brussels", "fr": "Bruxelles", "nl": "Brussels"}
    assert place.untranslated == ("nl",)


# Text as a PDF gives it (issue 20): page furniture, split titles, hyphens, lists.


def test_a_page_that_is_not_a_notice_is_refused_with_the_reason(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = NOTICES / "careers-information-page.fr.txt"  # a numbered line, "1. Mis à jour le"
    for extra in ([], ["--reference", "CAREERS-1"]):
        code, out, err = _import(capsys, page, "--content", content, *extra)
        assert (code, out) == (1, "")
        assert err.startswith(
            f"error: {page}: is not a vacancy notice: none of its sections is one a vacancy notice has "
            "(it has '1. Mis à jour le'); and it names no reference and has no grade line"
        ), err
        assert "import the notice itself" in err
    assert list((content / "vacancies").iterdir()) == []


def test_the_line_end_hyphen_rule() -> None:
    vocabulary = words_of(
        ["a co-operation agreement", "the cost of it", "an effective plan", "we plan ahead", "understanding"]
    )
    cases = {
        ("the chap-", "ters of"): "the chapters of",  # only the line's
        ("in Bosnia-", "Herzegovina"): "in Bosnia-Herzegovina",  # a capital after it
        ("institution-", "and capacity-building"): "institution- and capacity-building",  # a pair
        ("a co-", "operation agreement"): "a co-operation agreement",  # written so elsewhere
        ("the under-", "standing of"): "the understanding of",  # the joined word elsewhere
        ("non-", "governmental"): "non-governmental",  # a prefix
        ("the 5-", "year plan"): "the 5-year plan",  # a number
        ("a follow-", "up meeting"): "a follow-up meeting",  # a second half that follows a hyphen
        ("a cost-", "effective way"): "a cost-effective way",  # two words of the notice
        ("the plan-", "ning team"): "the planning team",  # "ning" is no word
        ("with-", "out delay"): "without delay",  # a first half that closes up
    }
    for (first, second), joined in cases.items():
        assert join_lines(first, second, vocabulary) == joined, (first, second)


def test_page_numbers_and_running_headers_become_page_breaks() -> None:
    lines = [
        "Some text that the page cuts in the middle of its",
        "",
        "Page 1 of 3",
        "NATO UNCLASSIFIED",
        "",
        "sentence, and goes on.",
        "- 2 -",
        "NATO UNCLASSIFIED",
        "Grade NATO Grade G17",
        "Grade NATO Grade G17",
        "The incumbent must:",
        "The incumbent must:",
        "3/3",
        "NATO UNCLASSIFIED",
    ]
    laid_out = page_lines(lines, lambda line: line.startswith("Grade"))
    assert laid_out == [
        lines[0], "", PAGE_BREAK, "", "", lines[5], PAGE_BREAK, "", lines[8], lines[9], lines[10], lines[11],
        PAGE_BREAK, "",
    ]  # fmt: skip
    assert text_lines("page one\n\fpage two\n") == ["page one", PAGE_BREAK, "page two"]


def test_a_title_whose_reference_is_on_a_line_of_its_own() -> None:
    for header in (
        ["Programme Officer, Delivery Section -", "241490"],
        ["Programme Officer, Delivery Section", "-241490"],
        ["Programme Officer,", "Delivery Section -", "", "241490"],
    ):
        [part] = split_parts(
            [*header, "", "1. SUMMARY", "", "The Section delivers the programme."], LANGUAGES
        )
        assert (part.title, part.reference) == ("Programme Officer, Delivery Section", "241490"), header


def test_a_numbered_list_item_is_no_section() -> None:
    assert is_section_heading("3. possess the following levels", 3) is None
    assert is_section_heading("3. Have at least five years of experience in the field", 3) is None
    assert is_section_heading("3. Main accountabilities", 3) == (3, "Main accountabilities")
    assert is_section_heading("3. MAIN ACCOUNTABILITIES", 7) == (3, "MAIN ACCOUNTABILITIES")
    lines = ["Officer-200001", "1. Summary", "Words.", "2. Qualifications and experience", "More words."]
    [part] = split_parts(lines, LANGUAGES)
    assert [s.heading for s in part.sections] == ["Summary", "Qualifications and experience"]  # no "1. "


def test_blocks_of_a_pdf_copy() -> None:
    lines = [
        "The incumbent must:",
        "•",
        "hold a degree in a field that matters to the post, or have followed a",
        "",
        "NATO staff course;",
        "Direct reports: N/A",
        "",
        "The incumbent must demonstrate:",
        "• Achievement: sets standards;",
        "• Initiative: acts at once;",
        "Teamwork: asks for views.",
        "",
        "Contract: three years ;",
        "renewable once.",
        "Project Management",
        "Plans the work of the package and follows its progress.",
    ]
    assert [(b.kind, b.lines) for b in section_blocks(lines, set())] == [
        ("paragraph", ("The incumbent must:",)),
        (
            "list",
            ("hold a degree in a field that matters to the post, or have followed a NATO staff course;",),
        ),
        ("paragraph", ("Direct reports: N/A",)),
        ("paragraph", ("The incumbent must demonstrate:",)),
        (
            "list",
            (
                "Achievement: sets standards;",
                "Initiative: acts at once;",
                "Teamwork: asks for views.",  # its bullet lost in the copy
            ),
        ),
        ("paragraph", ("Contract: three years ; renewable once.",)),
        ("heading", ("Project Management",)),
        ("paragraph", ("Plans the work of the package and follows its progress.",)),
    ]
    labelled = ["• Achievement: sets standards;", "• Initiative: acts at once;"]
    after = ["Contract proposed: definite duration of three years ;", "renewable once."]
    assert [(b.kind, len(b.lines)) for b in section_blocks([*labelled, *after], set())] == [
        ("list", 2),
        ("paragraph", 1),  # not an item that lost its bullet: it goes on after its line
    ]


def test_only_a_restriction_is_a_nationality_condition() -> None:
    def said(text: str) -> tuple[str, ...]:
        [part] = split_parts(
            ["Officer-200001", "1. SUMMARY", "Words.", "2. RECRUITMENT PROCESS", text], LANGUAGES
        )
        found = find_conditions([part], LANGUAGES)
        return found.codes if found else ()

    assert said("NATO welcomes applications of nationals from all member Nations.") == ()
    assert said("For NATO civilian staff members only: please apply via the portal.") == ()
    assert said("We can only accept applications from nationals of NATO member countries.") == (
        "nationality",
    )
    assert said("Seules les candidatures de ressortissant(e)s de pays de l'OTAN seront acceptées.") == (
        "nationality",
    )
    assert said("Appointment is subject to a **security clearance** and a medical examination.") == (
        "security-clearance",
        "medical",
    )
