"""`import FILE...`: notices (text, .docx, HTML; one or two languages) -> bundles that pass `check`.

The notices under tests/notices/ and those built here are invented: their facts and
words are made up, in the shapes real notices take.
"""

from __future__ import annotations

import re
import shutil
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
from generator.tools.notice_import.blocks import join_lines, section_blocks, words_of
from generator.tools.notice_import.facts import parse_amount, parse_moment
from generator.tools.notice_import.places import find_place

NOTICES = Path(__file__).resolve().parent / "notices"
NOTICE_241490 = Path(__file__).resolve().parents[2] / "shared" / "notices"
NOTICE_241490 = NOTICE_241490 / "vacancy-241490-dcb-programme-officer.en-fr.txt"
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
    assert join_lines("Bosnia-", "Herzegovina", vocabulary) == "Bosnia- Herzegovina"


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
    assert fr.startswith('---\ntitle: "Administratrice/administrateur de programme – Renforcement')
    assert "## Résumé" in fr and "### Acquis essentiels" in fr and "## Contrat" in fr
    assert "Candidature" not in fr  # the standard closing sections are left out
    en = (folder / "en.md").read_text("utf-8")
    assert "\n- possess a university degree" in en
    assert "Defence and related security Capacity Building (DCB) Initiative" in en  # page break mended
    now = "2024-11-10T12:00"
    imported = run_cli("build", "--strict", "--no-search", "--now", now, "--content", str(content),
                       "--output", str(tmp_path / "imported"), "--no-cache")  # fmt: skip
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


def test_a_job_board_copy_without_reference(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notice = NOTICE_241490.parent / "vacancy-pdd-assistant.fr.txt"
    code, _, err = _import(capsys, notice, "--content", content)
    assert code == 1 and "no reference found" in err  # "Update day: 26-11-2025" is no title
    code, out, _ = _import(capsys, notice, "--content", content, "--reference", "PDD-LOCAL-002")
    assert code == 0
    assert "deadline: the notice gives the day only ('10-01-2026' read as day-month-year)" in out
    assert "grade: no grade found" in out
    vacancy, _report = _vacancy(content, "PDD-LOCAL-002")
    assert vacancy.words["fr"].title == "Assistant(e)"  # type: ignore[attr-defined]
    assert vacancy.published.isoformat() == "2025-11-26"  # type: ignore[attr-defined]
    assert vacancy.deadline.strftime("%Y-%m-%d %H:%M") == "2026-01-10 23:59"  # type: ignore[attr-defined]
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
