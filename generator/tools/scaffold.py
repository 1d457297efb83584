"""`new vacancy REF`, `new internship REF` and `new page NAME`: a bundle with every field
present and explained, written only into a content folder (`require_content_folder`, which
`import` uses too)."""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from ..common.problems import Report, UsageError, command, display_path
from ..content.loader import SCALE_FILE, SITE_FILE, load_required_yaml
from ..content.models import grade_number
from ..content.placeholders import APPLY_URL, WRITE_HERE
from ..content.placeholders import title as placeholder_title
from ..content.settings import validate_scale, validate_site
from ..content.validate import PAGE_NAME, REFERENCE, REFERENCE_HINT

VACANCY_YAML = """\
# The facts of vacancy {ref}: written once, shown in every language.
# Every line is explained in docs/content-format.md.
reference: "{ref}"           # must equal the folder name
grade: {grade}                  # a grade of salary-scale.yaml; twin-graded: [G15, G16]
division: {division}               # a division code from site.yaml
location:
  city: {{{cities}}}
  country: BE               # two-letter ISO country code
schedule: full-time         # full-time or part-time
contract: definite          # definite, indefinite or temporary
contract_years: 3           # optional: length of the first contract
published: {today}          # the date the vacancy goes live (a future date keeps it hidden)
deadline: {deadline}T23:59  # local date and time in the site's time zone
{salary_line}
status: open                # open, pending-budget-approval or cancelled
language_levels: {{one: V, other: I}}   # NATO levels I-VI in one official language and the other
apply_url: {apply_url}   # the application form (https only)
# conditions: [nationality, security-clearance, medical]   # optional: who may apply, what appointment needs
"""

INTERNSHIP_YAML = """\
# The facts of internship offer {ref}: written once, shown in every language.
# Every line is explained in docs/content-format.md ("Internship offers").
# An offer has no grade, salary or contract.
reference: "{ref}"           # must equal the folder name
kind: internship            # an internship offer, listed on the internships page
division: {division}               # a division code from site.yaml
location:
  city: {{{cities}}}
  country: BE               # two-letter ISO country code
schedule: full-time         # full-time or part-time
duration_months: 6          # how long the internship lasts: a whole number of months, 1 to 12
starts: {starts}             # optional: the month it starts, year-month
# allowance: 1000.00        # optional: the monthly allowance in euros
published: {today}          # the date the offer goes live (a future date keeps it hidden)
deadline: {deadline}T23:59  # local date and time in the site's time zone (offers stay online four weeks)
status: open                # open, pending-budget-approval or cancelled
# language_levels: {{one: V, other: I}}   # optional: NATO levels I-VI in one official language and the other
apply_url: {apply_url}   # the application form (https only)
# conditions: [nationality, security-clearance, medical]   # optional: who may apply, what appointment needs
"""

INTERNSHIP_SECTIONS = {
    "en": ("About the internship", "What you will do", "Who can apply", "How to apply"),
    "fr": ("À propos du stage", "Vos missions", "Qui peut postuler", "Candidature"),
}

SECTIONS = {
    "en": ("About the post", "What you will do", "Who we are looking for", "Contract", "How to apply"),
    "fr": ("À propos du poste", "Vos missions", "Profil recherché", "Contrat", "Candidature"),
}
CITIES = {"en": "Brussels", "fr": "Bruxelles", "nl": "Brussel", "de": "Brüssel"}


PAGE_YAML = """\
# Optional settings for this page.
menu: true   # show in the main navigation
order: 10    # position in the navigation (smaller first)
"""


def _page_markdown(language: str, name: str) -> str:
    """The page's words; `slug` is written so that editing the title never moves the page."""
    title = placeholder_title("page", language)
    text, section = WRITE_HERE.get(language, WRITE_HERE["en"])
    front = f"---\ntitle: {title}\nslug: {name}  # the page's address: translate it, then keep it\n---\n"
    return f"{front}{text}\n\n## {section}\n\n{text}\n"


def _vacancy_markdown(language: str, internship: bool = False) -> str:
    all_sections = INTERNSHIP_SECTIONS if internship else SECTIONS
    sections = all_sections.get(language, all_sections["en"])
    text = WRITE_HERE.get(language, WRITE_HERE["en"])[0]
    body = "\n\n".join(f"## {heading}\n\n{text}" for heading in sections)
    title = placeholder_title("internship" if internship else "vacancy", language)
    return f"---\ntitle: {title}\n---\n{body}\n"


@dataclass(frozen=True)
class _SiteFacts:
    """What a new bundle borrows from the site, so that it is valid as soon as it is written."""

    languages: tuple[str, ...] = ("en", "fr")
    division: str = "OPS"
    grade: str = "G15"
    salary: Decimal | None = None  # the grade's figure in the scale in force today, if any

    def salary_line(self) -> str:
        """The commented `salary` line: the figure the scale in force gives the grade, never another."""
        if self.salary is None:
            return f"# salary: 0000.00           # optional: monthly amount (none in force for {self.grade})"
        return f"# salary: {self.salary}           # optional: {self.grade} in the scale in force today"


def check_command(content: Path) -> str:
    """The `check` of this content folder, as the user can type it (`command`)."""
    given: list[str | Path] = ["--content", content] if content != Path("content") else []
    return command("check", *given)


def require_content_folder(content: Path) -> None:
    """UsageError unless `content` is a content folder (it holds site.yaml). `new` and `import`
    write only there: never into a built site, which the next build replaces, nor a made-up folder."""
    if not (content / SITE_FILE).is_file():
        raise UsageError(
            f"{display_path(content)} is not a content folder (no {SITE_FILE})",
            "run the command from the project, or give --content DIR",
        )


def _site_facts(content: Path, today: date) -> _SiteFacts:
    report = Report()  # a broken site.yaml is reported by `check`, not here
    site = validate_site(load_required_yaml(content / SITE_FILE, report), report)
    scale = validate_scale(load_required_yaml(content / SCALE_FILE, report), report)
    facts = _SiteFacts()
    if site is not None:
        facts = replace(facts, languages=site.languages, division=next(iter(site.divisions), facts.division))
    if scale is not None and scale.revisions:
        newest = scale.revisions[-1].grades
        facts = replace(facts, grade=min(newest, key=grade_number) if newest else scale.spine[0])
    if scale is not None:
        facts = replace(facts, salary=scale.figure(facts.grade, today))
    return facts


def scaffold(kind: str, name: str, content: Path) -> int:
    if kind in ("vacancy", "internship"):
        if not REFERENCE.fullmatch(name):
            raise UsageError(f"{name!r} cannot be a reference", REFERENCE_HINT)
        require_content_folder(content)
        folder = content / "vacancies" / name
        today = date.today()
        facts = _site_facts(content, today)
        cities = ", ".join(f"{lang}: {CITIES.get(lang, CITIES['en'])}" for lang in facts.languages)
        template = INTERNSHIP_YAML if kind == "internship" else VACANCY_YAML
        yaml_text = template.format(
            ref=name,
            grade=facts.grade,
            division=facts.division,
            cities=cities,
            today=today,
            deadline=today + timedelta(weeks=4),
            starts=f"{today.year + 1}-01",  # internships start the year after their call
            salary_line=facts.salary_line(),
            apply_url=APPLY_URL,
        )
        files = {"vacancy.yaml": yaml_text}
        internship = kind == "internship"
        files.update({f"{lang}.md": _vacancy_markdown(lang, internship) for lang in facts.languages})
    else:
        if not PAGE_NAME.fullmatch(name):
            raise UsageError(f"{name!r} cannot be a page name: use lower-case letters, digits and hyphens")
        require_content_folder(content)
        folder = content / "pages" / name
        files = {"page.yaml": PAGE_YAML}
        files.update(
            {
                f"{lang}.md": _page_markdown(lang, name)
                for lang in _site_facts(content, date.today()).languages
            }
        )
    if folder.exists():
        print(f"error: {folder} already exists; choose another name", file=sys.stderr)
        return 1
    folder.mkdir(parents=True)
    for filename, text in files.items():
        (folder / filename).write_text(text, encoding="utf-8")
    print(f"Created {folder}/ with {', '.join(files)}. Fill it in, then run: {check_command(content)}")
    return 0
