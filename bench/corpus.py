"""Deterministic benchmark corpus: N bilingual vacancies, as a content tree and/or a Hugo site.

    python bench/corpus.py --n 1000 --out DIR [--hugo DIR] [--seed 1]

`--out DIR` writes a content tree of the content contract (docs/content-format.md):
site.yaml (en/fr, regions, 8 divisions), salary-scale.yaml (spine G1..G24, one
revision effective 2020-01-01 for G5..G24) and N vacancy bundles
vacancies/REF/{vacancy.yaml,en.md,fr.md}.

`--hugo DIR` writes the same corpus as an equivalent Hugo site: the site of
bench/hugo/ (two languages, en default and fr; minimal layouts: baseof, home,
section list, single with the same facts panel, grades page, 404; i18n labels),
the divisions and salary scale as data files, and page bundles
content/vacancies/REF/index.{en,fr}.md whose front matter carries the facts as
params.

Every vacancy is published (2025) and open at the bench clock 2026-06-01
(deadlines in 2030). Each body is about 1,500 words (corpus_text.py). The same
--n and --seed always give byte-identical files. Standard library only.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from random import Random

from corpus_text import EN, FR, WORDS, French, make_body, word_count

HUGO_SITE = Path(__file__).resolve().parent / "hugo"  # the Hugo site but its vacancies and data

# --------------------------------------------------------------------------- site facts

DIVISIONS = {
    "OPS": ("Operations Division", "Division Opérations"),
    "PDD": ("Public Diplomacy Division", "Division Diplomatie publique"),
    "EM": ("Executive Management", "Gestion exécutive"),
    "PASP": (
        "Political Affairs and Security Policy Division",
        "Division Affaires politiques et politique de sécurité",
    ),
    "DPP": ("Defence Policy and Planning Division", "Division Politique et plans de défense"),
    "DI": ("Defence Investment Division", "Division Investissement de défense"),
    "ESC": ("Emerging Security Challenges Division", "Division Défis de sécurité émergents"),
    "JISD": ("Joint Intelligence and Security Division", "Division Renseignement et sécurité commune"),
}

# (en city, fr city, ISO country), weighted: most posts are in Brussels. The countries' names
# are in the Hugo site's labels (bench/hugo/i18n/); our generator has them from Babel.
CITIES = [
    ("Brussels", "Bruxelles", "BE"),
    ("Brussels", "Bruxelles", "BE"),
    ("Brussels", "Bruxelles", "BE"),
    ("Brussels", "Bruxelles", "BE"),
    ("Mons", "Mons", "BE"),
    ("The Hague", "La Haye", "NL"),
    ("Brunssum", "Brunssum", "NL"),
    ("Naples", "Naples", "IT"),
    ("Norfolk", "Norfolk", "US"),
    ("Luxembourg", "Luxembourg", "LU"),
    ("Oberammergau", "Oberammergau", "DE"),
    ("Lisbon", "Lisbonne", "PT"),
]
SPINE = [f"G{i}" for i in range(1, 25)]
SCALE_GRADES = [f"G{i}" for i in range(5, 25)]
SCALE_EFFECTIVE = "2020-01-01"


def scale_figure(grade: str) -> Decimal:
    """A plausible monthly basic salary for G5..G24 (about 3,100 to 12,300 EUR)."""
    number = int(grade[1:])
    value = Decimal("3120.00") * (Decimal("1.0753") ** (number - 5))
    return value.quantize(Decimal("0.01"))


SALARIES = {grade: scale_figure(grade) for grade in SCALE_GRADES}

# Role and area of each title: (English, French).
ROLES = WORDS["roles"]
AREAS = WORDS["areas"]

# --------------------------------------------------------------------------- vacancies


@dataclass(frozen=True)
class Vacancy:
    reference: str
    grades: tuple[str, ...]
    division: str
    city_en: str
    city_fr: str
    country: str
    schedule: str
    contract: str
    contract_years: int | None
    published: date
    deadline: str  # local, YYYY-MM-DDTHH:MM
    salary: Decimal | None
    status: str
    levels: tuple[str, str]
    apply_url: str
    title_en: str
    title_fr: str
    summary_en: str | None
    summary_fr: str | None
    body_en: str
    body_fr: str


def vacancies(n: int, seed: int):
    """The N vacancies, one at a time (a corpus of 5,000 never sits in memory at once)."""
    rng = Random(seed)
    references = sorted(rng.sample(range(100000, 1000000), n))
    for reference in references:
        r = Random(f"{seed}-{reference}")  # each bundle from its own stream: stable when N grows
        number = r.randint(5, 24)
        twin = number < 24 and r.random() < 0.15
        grades = (f"G{number}", f"G{number + 1}") if twin else (f"G{number}",)
        division = r.choice(sorted(DIVISIONS))
        city_en, city_fr, country = r.choice(CITIES)
        schedule = "part-time" if r.random() < 0.08 else "full-time"
        contract = r.choice(["definite", "definite", "definite", "indefinite", "temporary"])
        years = {"definite": 3, "temporary": r.randint(1, 2)}.get(contract)
        published = date(2025, 1, 1) + timedelta(days=r.randrange(365))
        deadline = date(2030, 1, 1) + timedelta(days=r.randrange(365))
        salary = SALARIES[grades[0]] if r.random() < 0.5 else None
        status = "pending-budget-approval" if r.random() < 0.05 else "open"
        levels = (r.choice(["IV", "V", "V", "VI"]), r.choice(["I", "II", "III"]))
        role_en, role_fr = r.choice(ROLES)
        area_en, area_fr = r.choice(AREAS)
        division_en, division_fr = DIVISIONS[division]
        summary_en = summary_fr = None
        if r.random() < 0.7:  # the others derive their summary from the first paragraph
            summary_en = (
                f"Help the {division_en} deliver {r.choice(EN['adjectives'])} "
                f"{r.choice(EN['plurals'])} {r.choice(EN['places'])}."
            )
            summary_fr = f"Aider la {division_fr} à {r.choice(FR['infinitives'])} {French(r).group(True)}."
        yield Vacancy(
            reference=str(reference),
            grades=grades,
            division=division,
            city_en=city_en,
            city_fr=city_fr,
            country=country,
            schedule=schedule,
            contract=contract,
            contract_years=years,
            published=published,
            deadline=f"{deadline.isoformat()}T23:59",
            salary=salary,
            status=status,
            levels=levels,
            apply_url=f"https://careers.example.org/apply/{reference}",
            title_en=f"{role_en}, {area_en}",
            title_fr=f"{role_fr} – {area_fr}",
            summary_en=summary_en,
            summary_fr=summary_fr,
            body_en=make_body("en", r),
            body_fr=make_body("fr", r),
        )


def q(text: str) -> str:
    """A double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- content tree

SITE_YAML = """\
# Benchmark corpus (bench/corpus.py): generated, do not edit.
languages: [en, fr]
base_url: https://careers.example.org/
timezone: Europe/Brussels
regions: {{en: GB, fr: BE}}
title: {{en: Careers at NATO, fr: "Carrières à l'OTAN"}}
organisation: {{en: NATO International Staff, fr: "Secrétariat international de l'OTAN"}}
description:
  en: >-
    The International Staff supports NATO's member countries at NATO
    Headquarters in Brussels. Here you will find our open posts and what each
    grade pays.
  fr: >-
    Au siège de l'OTAN, à Bruxelles, le Secrétariat international aide les
    pays membres. Vous trouverez ici nos postes à pourvoir et la rémunération
    de chaque grade.
divisions:
{divisions}
"""


def write_site_files(out: Path) -> None:
    divisions = "\n".join(f"  {code}: {{en: {q(en)}, fr: {q(fr)}}}" for code, (en, fr) in DIVISIONS.items())
    _write(out / "site.yaml", SITE_YAML.format(divisions=divisions))
    grades = "\n".join(f"      {grade}: {SALARIES[grade]}" for grade in SCALE_GRADES)
    _write(
        out / "salary-scale.yaml",
        "# Benchmark corpus (bench/corpus.py): generated, do not edit.\n"
        "currency: EUR\nperiod: month\n"
        f"spine: [{', '.join(SPINE)}]\n"
        f"scales:\n  - effective: {SCALE_EFFECTIVE}\n    grades:\n{grades}\n",
    )


def write_vacancy(out: Path, v: Vacancy) -> None:
    folder = out / "vacancies" / v.reference
    grade = v.grades[0] if len(v.grades) == 1 else f"[{', '.join(v.grades)}]"
    lines = [
        f'reference: "{v.reference}"',
        f"grade: {grade}",
        f"division: {v.division}",
        "location:",
        f"  city: {{en: {q(v.city_en)}, fr: {q(v.city_fr)}}}",
        f"  country: {v.country}",
        f"schedule: {v.schedule}",
        f"contract: {v.contract}",
    ]
    if v.contract_years:
        lines.append(f"contract_years: {v.contract_years}")
    lines += [f"published: {v.published.isoformat()}", f"deadline: {v.deadline}"]
    if v.salary is not None:
        lines.append(f"salary: {v.salary}")
    lines += [
        f"status: {v.status}",
        f"language_levels: {{one: {v.levels[0]}, other: {v.levels[1]}}}",
        f"apply_url: {v.apply_url}",
    ]
    _write(folder / "vacancy.yaml", "\n".join(lines) + "\n")
    for lang, title, summary, body in (
        ("en", v.title_en, v.summary_en, v.body_en),
        ("fr", v.title_fr, v.summary_fr, v.body_fr),
    ):
        front = f"---\ntitle: {q(title)}\n" + (f"summary: {q(summary)}\n" if summary else "") + "---\n\n"
        _write(folder / f"{lang}.md", front + body)


# --------------------------------------------------------------------------- Hugo site


def write_hugo_site_files(out: Path) -> None:
    """bench/hugo/ as it is, then the divisions and the salary scale as Hugo data files."""
    shutil.copytree(HUGO_SITE, out, dirs_exist_ok=True)
    _write(
        out / "data" / "divisions.yaml",
        "".join(f"{code}: {{en: {q(en)}, fr: {q(fr)}}}\n" for code, (en, fr) in DIVISIONS.items()),
    )
    _write(
        out / "data" / "scale.yaml",
        f'currency: EUR\neffective: "{SCALE_EFFECTIVE}"\nspine: [{", ".join(SPINE)}]\ngrades:\n'
        + "".join(f"  {grade}: {SALARIES[grade]}\n" for grade in SCALE_GRADES),
    )


def write_hugo_vacancy(out: Path, v: Vacancy) -> None:
    folder = out / "content" / "vacancies" / v.reference
    for lang, title, summary, city, body in (
        ("en", v.title_en, v.summary_en, v.city_en, v.body_en),
        ("fr", v.title_fr, v.summary_fr, v.city_fr, v.body_fr),
    ):
        lines = ["---", f"title: {q(title)}"]
        if summary:
            lines.append(f"summary: {q(summary)}")
        lines += [
            f"date: {v.published.isoformat()}",
            "params:",
            f'  reference: "{v.reference}"',
            f"  grades: [{', '.join(v.grades)}]",
            f"  division: {v.division}",
            f"  city: {q(city)}",
            f"  country: {v.country}",
            f"  schedule: {v.schedule}",
            f"  contract: {v.contract}",
        ]
        if v.contract_years:
            lines.append(f"  contract_years: {v.contract_years}")
        lines.append(f'  deadline: "{v.deadline}:00"')
        if v.salary is not None:
            lines.append(f"  salary: {v.salary}")
        lines += [
            f"  status: {v.status}",
            f"  language_levels: {{one: {v.levels[0]}, other: {v.levels[1]}}}",
            f"  apply_url: {v.apply_url}",
            "---",
            "",
        ]
        _write(folder / f"index.{lang}.md", "\n".join(lines) + body)


# --------------------------------------------------------------------------- command line


def generate(n: int, seed: int, out: Path | None, hugo: Path | None) -> int:
    for target in (out, hugo):
        if target is not None and target.exists():
            shutil.rmtree(target)
    if out is not None:
        write_site_files(out)
    if hugo is not None:
        write_hugo_site_files(hugo)
    words = 0
    for v in vacancies(n, seed):
        words += word_count(v.body_en) + word_count(v.body_fr)
        if out is not None:
            write_vacancy(out, v)
        if hugo is not None:
            write_hugo_vacancy(hugo, v)
    return words


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, required=True, help="number of vacancies")
    parser.add_argument("--out", type=Path, help="write the content tree here (replaced)")
    parser.add_argument("--hugo", type=Path, help="write the equivalent Hugo site here (replaced)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.out is None and args.hugo is None:
        parser.error("give --out DIR, --hugo DIR or both")
    if not 1 <= args.n <= 900000:
        parser.error("--n must be between 1 and 900000")
    words = generate(args.n, args.seed, args.out, args.hugo)
    where = " and ".join(str(p) for p in (args.out, args.hugo) if p is not None)
    print(
        f"Wrote {args.n} vacancies (seed {args.seed}) into {where}: "
        f"{words / (2 * args.n):.0f} words per body on average."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
