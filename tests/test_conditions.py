"""`conditions` in vacancy.yaml: who may apply and what appointment is subject to.

Read and checked at each item's line, shown among a vacancy's key facts in every
language (the codes in the site's words, a worded condition as written), and carried
by vacancies.json.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import run_cli

from generator.common.problems import Report
from generator.content.loader import load_content
from generator.content.models import Condition, Content
from generator.content.validate import validate_content

BASIC = Path(__file__).resolve().parent / "sites" / "basic"
VACANCY = Path("vacancies") / "100001" / "vacancy.yaml"
LAST_LINE = "apply_url: https://example.org/apply/100001\n"


def _site(tmp_path: Path, conditions: str) -> Path:
    root = tmp_path / "content"
    shutil.copytree(BASIC, root)
    facts = root / VACANCY
    text = facts.read_text("utf-8")
    assert text.endswith(LAST_LINE)
    facts.write_text(text + conditions, "utf-8")
    return root


def _validate(root: Path) -> tuple[Content | None, Report]:
    report = Report()
    return validate_content(load_content(root, report), report), report


def _messages(report: Report) -> list[str]:
    return [re.sub(r"^.*?vacancy\.yaml", "vacancy.yaml", p.format()) for p in report]


def test_codes_and_a_condition_in_words_are_read_in_order(tmp_path: Path) -> None:
    root = _site(
        tmp_path,
        "conditions:\n  - nationality\n  - medical\n"
        "  - {en: Appointment needs an accreditation., fr: La nomination suppose une accréditation.}\n",
    )
    content, report = _validate(root)
    assert content is not None and list(report) == []
    vacancy = next(v for v in content.vacancies if v.reference == "100001")
    assert vacancy.conditions == (
        Condition("nationality"),
        Condition("medical"),
        Condition(
            None,
            {"en": "Appointment needs an accreditation.", "fr": "La nomination suppose une accréditation."},
        ),
    )
    other = next(v for v in content.vacancies if v.reference == "100002")
    assert other.conditions == ()


def test_a_wrong_code_is_named_at_its_line_with_the_codes_and_a_suggestion(tmp_path: Path) -> None:
    root = _site(tmp_path, "conditions:\n  - nationality\n  - medicl\n  - 42\n  - nationality\n")
    content, report = _validate(root)
    assert content is None
    assert _messages(report) == [
        'vacancy.yaml:15: conditions: "medicl" is not one of nationality, security-clearance, medical, '
        "verification; did you mean 'medical'?",
        "vacancy.yaml:16: conditions: 42 is not one of nationality, security-clearance, medical, "
        "verification; or write the condition in words, one text per language: {en: ..., fr: ...}",
        "vacancy.yaml:17: conditions: nationality is written twice; keep one",
    ]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "conditions: nationality\n",
            'vacancy.yaml:13: conditions: expected a list, found "nationality"; '
            "write it like [nationality, medical]",
        ),
        (
            "conditions:\n  - {fr: Une condition.}\n",
            "vacancy.yaml:14: conditions has no text in en, the default language",
        ),
        (
            "conditions:\n  - {en: One., de: Eine.}\n",
            "vacancy.yaml:14: conditions: 'de' is not a language of the site; "
            "languages are en, fr (site.yaml)",
        ),
    ],
)
def test_what_is_neither_a_list_of_codes_nor_of_texts_is_an_error(
    tmp_path: Path, written: str, message: str
) -> None:
    content, report = _validate(_site(tmp_path, written))
    assert content is None
    assert message in _messages(report)


def test_a_condition_without_its_french_words_warns(tmp_path: Path) -> None:
    content, report = _validate(_site(tmp_path, "conditions: [{en: Only staff may apply.}]\n"))
    assert content is not None
    assert _messages(report) == [
        "vacancy.yaml:13: warning: conditions has no text in fr; the en text is used; add `fr: ...`"
    ]


def _facts(html: str) -> str:
    panel = re.search(r'<section class="facts".*?</section>', html, re.DOTALL)
    assert panel is not None
    return " ".join(panel.group(0).split())


def test_the_page_shows_them_among_the_key_facts_in_each_language(tmp_path: Path) -> None:
    root = _site(
        tmp_path,
        "conditions:\n  - nationality\n  - security-clearance\n  - verification\n"
        "  - {en: Appointment needs an accreditation., fr: La nomination suppose une accréditation.}\n",
    )
    output = tmp_path / "site"
    built = run_cli("build", "--no-search", "--content", str(root), "--output", str(output), "--no-cache",
                    "--now", "2024-06-15T12:00")  # fmt: skip
    assert built.returncode == 0, built.stderr
    en = _facts((output / "en" / "vacancies" / "100001" / "index.html").read_text("utf-8"))
    fr = _facts(next((output / "fr").glob("*/100001/index.html")).read_text("utf-8"))
    assert "<dt>Who may apply</dt> <dd>Only nationals of NATO member countries may apply.</dd>" in en
    assert (
        "<dt>Conditions of appointment</dt> <dd><ul> <li>Appointment is subject to a security clearance from "
        "the national authorities of the selected candidate.</li> <li>Appointment is subject to the "
        "verification of the studies and work experience of the selected candidate.</li> "
        "<li>Appointment needs an accreditation.</li> </ul></dd>"
    ) in en
    assert "Medical Adviser" not in en  # only what is written
    assert (
        "<dt>Qui peut postuler</dt> <dd>Seules les personnes ressortissantes d’un pays membre de l’OTAN" in fr
    )
    assert "<dt>Conditions de nomination</dt>" in fr and "habilitation de sécurité" in fr
    assert "<li>La nomination suppose une accréditation.</li>" in fr
    data = json.loads((output / "vacancies.json").read_text("utf-8"))
    [record] = data["vacancies"]  # the only one published on 2024-06-15
    assert record["conditions"] == [
        "nationality",
        "security-clearance",
        "verification",
        {"en": "Appointment needs an accreditation.", "fr": "La nomination suppose une accréditation."},
    ]


def test_a_vacancy_without_conditions_shows_none(tmp_path: Path) -> None:
    output = tmp_path / "site"
    built = run_cli("build", "--no-search", "--content", str(BASIC), "--output", str(output), "--no-cache",
                    "--now", "2024-06-15T12:00")  # fmt: skip
    assert built.returncode == 0, built.stderr
    facts = _facts((output / "en" / "vacancies" / "100001" / "index.html").read_text("utf-8"))
    assert "Who may apply" not in facts and "Conditions of appointment" not in facts
    [record] = json.loads((output / "vacancies.json").read_text("utf-8"))["vacancies"]
    assert record["conditions"] == []
