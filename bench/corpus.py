"""Deterministic benchmark corpus: N bilingual vacancies, as a content tree and/or a Hugo site.

    python bench/corpus.py --n 1000 --out DIR [--hugo DIR] [--seed 1]

`--out DIR` writes a content tree of the content contract (shared/CONTENT-FORMAT.md):
site.yaml (en/fr, regions, 8 divisions), salary-scale.yaml (spine G1..G24, one
revision effective 2020-01-01 for G5..G24) and N vacancy bundles
vacancies/REF/{vacancy.yaml,en.md,fr.md}.

`--hugo DIR` writes the same corpus as an equivalent Hugo site: two languages
(en default, fr), page bundles content/vacancies/REF/index.{en,fr}.md whose
front matter carries the facts as params, minimal layouts (baseof, home,
section list, single with the same facts panel, grades page, 404), i18n
labels, and the divisions and salary scale as data files.

Every vacancy is published (2025) and open at the bench clock 2026-06-01
(deadlines in 2030). Each body is about 1,500 words: eight `##` sections with
`###` sub-headings, bullet lists, paragraphs, some **bold** and a link. The text
is made from word lists by a seeded random.Random, so the same --n and --seed
always give byte-identical files. Standard library only.
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

BODY_WORDS = 1500  # target words per language body
SECTION_WORDS = BODY_WORDS // 8 - 22  # sections overshoot their target by about a sentence

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

# (en city, fr city, ISO country), weighted: most posts are in Brussels.
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
COUNTRIES = {
    "BE": ("Belgium", "Belgique"),
    "NL": ("Netherlands", "Pays-Bas"),
    "IT": ("Italy", "Italie"),
    "US": ("United States", "États-Unis"),
    "LU": ("Luxembourg", "Luxembourg"),
    "DE": ("Germany", "Allemagne"),
    "PT": ("Portugal", "Portugal"),
}

SPINE = [f"G{i}" for i in range(1, 25)]
SCALE_GRADES = [f"G{i}" for i in range(5, 25)]
SCALE_EFFECTIVE = "2020-01-01"


def scale_figure(grade: str) -> Decimal:
    """A plausible monthly basic salary for G5..G24 (about 3,100 to 12,300 EUR)."""
    number = int(grade[1:])
    value = Decimal("3120.00") * (Decimal("1.0753") ** (number - 5))
    return value.quantize(Decimal("0.01"))


SALARIES = {grade: scale_figure(grade) for grade in SCALE_GRADES}

# --------------------------------------------------------------------------- titles

ROLES = [
    ("Programme Officer", "Administrateur/administratrice de programme"),
    ("Senior Policy Adviser", "Conseiller/conseillère principal(e) pour les politiques"),
    ("Policy Officer", "Chargé(e) de politique"),
    ("Assistant", "Assistant(e)"),
    ("Senior Assistant", "Assistant(e) principal(e)"),
    ("Analyst", "Analyste"),
    ("Senior Analyst", "Analyste principal(e)"),
    ("Engineer", "Ingénieur(e)"),
    ("Head of Section", "Chef(fe) de section"),
    ("Project Manager", "Gestionnaire de projet"),
    ("Financial Officer", "Chargé(e) des finances"),
    ("Legal Adviser", "Conseiller/conseillère juridique"),
    ("Communication Officer", "Chargé(e) de communication"),
    ("Translator", "Traducteur/traductrice"),
    ("Data Scientist", "Scientifique des données"),
    ("Procurement Officer", "Chargé(e) des achats"),
    ("Human Resources Officer", "Chargé(e) des ressources humaines"),
    ("Security Officer", "Agent(e) de sécurité"),
]
AREAS = [
    ("Defence Capacity Building", "Renforcement des capacités de défense"),
    ("Cyber Defence", "Cyberdéfense"),
    ("Resilience and Civil Preparedness", "Résilience et préparation du secteur civil"),
    ("Arms Control", "Maîtrise des armements"),
    ("Partnerships", "Partenariats"),
    ("Crisis Management", "Gestion des crises"),
    ("Strategic Communications", "Communication stratégique"),
    ("Budget and Finance", "Budget et finances"),
    ("Infrastructure", "Infrastructure"),
    ("Armaments Cooperation", "Coopération en matière d'armements"),
    ("Climate and Security", "Climat et sécurité"),
    ("Innovation", "Innovation"),
    ("Energy Security", "Sécurité énergétique"),
    ("Counter-Terrorism", "Lutte contre le terrorisme"),
    ("Defence Planning", "Planification de défense"),
    ("Information Management", "Gestion de l'information"),
    ("Air and Missile Defence", "Défense aérienne et antimissile"),
    ("Logistics", "Logistique"),
    ("Operations Support", "Soutien aux opérations"),
    ("Digital Services", "Services numériques"),
]

# --------------------------------------------------------------------------- English words

EN = {
    "nouns": [
        "programme",
        "policy",
        "strategy",
        "budget",
        "project",
        "report",
        "assessment",
        "partnership",
        "capability",
        "network",
        "mission",
        "framework",
        "requirement",
        "initiative",
        "analysis",
        "procedure",
        "contract",
        "resource",
        "institution",
        "agreement",
        "operation",
        "exercise",
        "briefing",
        "workshop",
        "standard",
        "review",
        "plan",
        "team",
        "directorate",
        "committee",
        "delegation",
        "process",
        "system",
        "service",
        "objective",
        "priority",
        "risk",
        "decision",
        "proposal",
        "consultation",
        "evaluation",
        "guidance",
        "database",
        "platform",
        "campaign",
    ],
    "plurals": [
        "programmes",
        "policies",
        "strategies",
        "budgets",
        "projects",
        "reports",
        "assessments",
        "partners",
        "capabilities",
        "networks",
        "missions",
        "frameworks",
        "requirements",
        "initiatives",
        "analyses",
        "procedures",
        "contracts",
        "resources",
        "institutions",
        "agreements",
        "operations",
        "exercises",
        "briefings",
        "workshops",
        "standards",
        "reviews",
        "plans",
        "teams",
        "committees",
        "delegations",
        "processes",
        "systems",
        "services",
        "objectives",
        "priorities",
        "risks",
        "decisions",
        "proposals",
        "stakeholders",
        "colleagues",
        "experts",
        "nations",
        "allies",
    ],
    "adjectives": [
        "strategic",
        "operational",
        "financial",
        "technical",
        "political",
        "practical",
        "international",
        "national",
        "civilian",
        "military",
        "regional",
        "annual",
        "effective",
        "reliable",
        "secure",
        "clear",
        "timely",
        "accurate",
        "coherent",
        "sustainable",
        "innovative",
        "complex",
        "sensitive",
        "multinational",
        "relevant",
        "detailed",
        "concise",
        "integrated",
        "transparent",
        "long-term",
        "shared",
    ],
    "verbs": [
        "prepare",
        "coordinate",
        "manage",
        "develop",
        "review",
        "support",
        "monitor",
        "draft",
        "deliver",
        "assess",
        "plan",
        "lead",
        "advise",
        "organise",
        "maintain",
        "implement",
        "evaluate",
        "represent",
        "promote",
        "improve",
        "analyse",
        "track",
        "negotiate",
        "present",
        "design",
        "follow",
        "strengthen",
        "document",
    ],
    "verbs3": [
        "prepares",
        "coordinates",
        "manages",
        "develops",
        "reviews",
        "supports",
        "monitors",
        "drafts",
        "delivers",
        "assesses",
        "plans",
        "leads",
        "advises",
        "organises",
        "maintains",
        "implements",
        "evaluates",
        "represents",
        "promotes",
        "improves",
        "analyses",
        "tracks",
        "presents",
        "designs",
        "strengthens",
    ],
    "adverbs": [
        "closely",
        "regularly",
        "carefully",
        "efficiently",
        "jointly",
        "promptly",
        "consistently",
        "directly",
        "actively",
        "independently",
    ],
    "subjects": [
        "The division",
        "The directorate",
        "The section",
        "The team",
        "The office",
        "The post holder",
        "The Organisation",
        "Our staff",
        "The committee",
    ],
    "places": [
        "at Headquarters",
        "across the Alliance",
        "in partner countries",
        "in the field",
        "within the International Staff",
        "with national delegations",
        "across the divisions",
        "in close cooperation with Allies",
        "with other international organisations",
        "under tight deadlines",
    ],
    "purposes": [
        "to meet the objectives agreed by Allies",
        "to ensure value for money",
        "in line with the financial rules",
        "to support decision-making",
        "so that the Organisation acts as one",
        "to improve results over time",
        "in accordance with the security regulations",
        "to keep senior management informed",
        "within the agreed budget",
        "for the benefit of member countries",
    ],
    "sections": [
        ("About the post", ["The division", "The directorate", "The role"]),
        ("What you will do", ["Planning", "Delivery", "Coordination", "Reporting"]),
        ("Who we are looking for", ["Essential", "Desirable"]),
        ("Working relationships", ["Inside the division", "Outside the division"]),
        ("Competencies", ["Core competencies", "Leadership"]),
        ("Contract", ["Duration", "Conditions"]),
        ("Training and development", ["Learning", "Mobility"]),
        ("How to apply", ["Application", "Selection process", "Further information"]),
    ],
    "competencies": [
        "Achievement",
        "Analytical thinking",
        "Change leadership",
        "Clarity and accuracy",
        "Conceptual thinking",
        "Customer service orientation",
        "Impact and influence",
        "Initiative",
        "Organisational awareness",
        "Teamwork",
        "Self-control",
        "Flexibility",
    ],
    "link": "[the careers portal](https://careers.example.org/en/how-to-apply/)",
    "link_sentence": "Please read the guidance on {link} before you apply.",
    "summary": "Help the {division} deliver {adj} {plural} {place}.",
}

# --------------------------------------------------------------------------- French words

# Nouns: (singular, plural, gender); adjectives: (m. sing., f. sing., m. pl., f. pl.).
FR_NOUNS = [
    ("programme", "programmes", "m"),
    ("politique", "politiques", "f"),
    ("stratégie", "stratégies", "f"),
    ("budget", "budgets", "m"),
    ("projet", "projets", "m"),
    ("rapport", "rapports", "m"),
    ("évaluation", "évaluations", "f"),
    ("partenariat", "partenariats", "m"),
    ("capacité", "capacités", "f"),
    ("réseau", "réseaux", "m"),
    ("mission", "missions", "f"),
    ("cadre", "cadres", "m"),
    ("exigence", "exigences", "f"),
    ("initiative", "initiatives", "f"),
    ("analyse", "analyses", "f"),
    ("procédure", "procédures", "f"),
    ("contrat", "contrats", "m"),
    ("ressource", "ressources", "f"),
    ("institution", "institutions", "f"),
    ("accord", "accords", "m"),
    ("opération", "opérations", "f"),
    ("exercice", "exercices", "m"),
    ("réunion", "réunions", "f"),
    ("atelier", "ateliers", "m"),
    ("norme", "normes", "f"),
    ("équipe", "équipes", "f"),
    ("direction", "directions", "f"),
    ("comité", "comités", "m"),
    ("délégation", "délégations", "f"),
    ("processus", "processus", "m"),
    ("système", "systèmes", "m"),
    ("service", "services", "m"),
    ("objectif", "objectifs", "m"),
    ("priorité", "priorités", "f"),
    ("risque", "risques", "m"),
    ("décision", "décisions", "f"),
    ("proposition", "propositions", "f"),
    ("consultation", "consultations", "f"),
    ("plateforme", "plateformes", "f"),
    ("œuvre", "œuvres", "f"),
    ("dossier", "dossiers", "m"),
    ("besoin", "besoins", "m"),
]
FR_ADJECTIVES = [
    ("stratégique", "stratégique", "stratégiques", "stratégiques"),
    ("opérationnel", "opérationnelle", "opérationnels", "opérationnelles"),
    ("financier", "financière", "financiers", "financières"),
    ("technique", "technique", "techniques", "techniques"),
    ("politique", "politique", "politiques", "politiques"),
    ("pratique", "pratique", "pratiques", "pratiques"),
    ("international", "internationale", "internationaux", "internationales"),
    ("national", "nationale", "nationaux", "nationales"),
    ("civil", "civile", "civils", "civiles"),
    ("militaire", "militaire", "militaires", "militaires"),
    ("régional", "régionale", "régionaux", "régionales"),
    ("annuel", "annuelle", "annuels", "annuelles"),
    ("efficace", "efficace", "efficaces", "efficaces"),
    ("fiable", "fiable", "fiables", "fiables"),
    ("sécurisé", "sécurisée", "sécurisés", "sécurisées"),
    ("clair", "claire", "clairs", "claires"),
    ("précis", "précise", "précis", "précises"),
    ("cohérent", "cohérente", "cohérents", "cohérentes"),
    ("durable", "durable", "durables", "durables"),
    ("innovant", "innovante", "innovants", "innovantes"),
    ("complexe", "complexe", "complexes", "complexes"),
    ("sensible", "sensible", "sensibles", "sensibles"),
    ("multinational", "multinationale", "multinationaux", "multinationales"),
    ("pertinent", "pertinente", "pertinents", "pertinentes"),
    ("détaillé", "détaillée", "détaillés", "détaillées"),
    ("intégré", "intégrée", "intégrés", "intégrées"),
    ("transparent", "transparente", "transparents", "transparentes"),
    ("commun", "commune", "communs", "communes"),
]
FR = {
    "infinitives": [
        "préparer",
        "coordonner",
        "gérer",
        "élaborer",
        "examiner",
        "soutenir",
        "suivre",
        "rédiger",
        "exécuter",
        "évaluer",
        "planifier",
        "diriger",
        "conseiller",
        "organiser",
        "maintenir",
        "mettre en œuvre",
        "représenter",
        "promouvoir",
        "améliorer",
        "analyser",
        "négocier",
        "présenter",
        "concevoir",
        "renforcer",
    ],
    "futures": [
        "préparerez",
        "coordonnerez",
        "gérerez",
        "élaborerez",
        "examinerez",
        "soutiendrez",
        "suivrez",
        "rédigerez",
        "évaluerez",
        "planifierez",
        "dirigerez",
        "conseillerez",
        "organiserez",
        "maintiendrez",
        "représenterez",
        "promouvrez",
        "améliorerez",
        "analyserez",
        "négocierez",
        "présenterez",
        "concevrez",
        "renforcerez",
    ],
    "presents": [
        "prépare",
        "coordonne",
        "gère",
        "élabore",
        "examine",
        "soutient",
        "suit",
        "rédige",
        "évalue",
        "planifie",
        "dirige",
        "conseille",
        "organise",
        "maintient",
        "représente",
        "promeut",
        "améliore",
        "analyse",
        "présente",
        "conçoit",
        "renforce",
    ],
    "adverbs": [
        "étroitement",
        "régulièrement",
        "soigneusement",
        "efficacement",
        "conjointement",
        "rapidement",
        "directement",
        "activement",
        "en toute autonomie",
        "avec rigueur",
    ],
    "subjects": [
        "La division",
        "La direction",
        "La section",
        "L'équipe",
        "Le bureau",
        "La/le titulaire du poste",
        "L'Organisation",
        "Notre personnel",
        "Le comité",
    ],
    "places": [
        "au siège",
        "dans toute l'Alliance",
        "dans les pays partenaires",
        "sur le terrain",
        "au sein du Secrétariat international",
        "avec les délégations nationales",
        "dans l'ensemble des divisions",
        "en étroite coopération avec les Alliés",
        "avec d'autres organisations internationales",
        "dans des délais serrés",
    ],
    "purposes": [
        "pour atteindre les objectifs fixés par les Alliés",
        "afin de garantir une utilisation optimale des ressources",
        "conformément aux règles financières",
        "pour éclairer la prise de décision",
        "afin que l'Organisation agisse de manière cohérente",
        "pour améliorer les résultats dans la durée",
        "conformément aux règlements de sécurité",
        "pour tenir la haute direction informée",
        "dans les limites du budget approuvé",
        "au bénéfice des pays membres",
    ],
    "sections": [
        ("À propos du poste", ["La division", "La direction", "Le rôle"]),
        ("Vos missions", ["Planification", "Exécution", "Coordination", "Comptes rendus"]),
        ("Profil recherché", ["Qualifications essentielles", "Atouts"]),
        ("Relations de travail", ["Au sein de la division", "En dehors de la division"]),
        ("Compétences", ["Compétences clés", "Encadrement"]),
        ("Contrat", ["Durée", "Conditions"]),
        ("Formation et perfectionnement", ["Apprentissage", "Mobilité"]),
        ("Comment postuler", ["Candidature", "Procédure de sélection", "Pour en savoir plus"]),
    ],
    "competencies": [
        "Réussite",
        "Réflexion analytique",
        "Conduite du changement",
        "Clarté et précision",
        "Réflexion conceptuelle",
        "Sens du service",
        "Impact et influence",
        "Initiative",
        "Connaissance de l'organisation",
        "Travail en équipe",
        "Maîtrise de soi",
        "Souplesse",
    ],
    "link": "[le portail des carrières](https://careers.example.org/fr/comment-postuler/)",
    "link_sentence": "Veuillez lire les conseils figurant sur {link} avant de postuler.",
}


class English:
    def __init__(self, rng: Random) -> None:
        self.r = rng

    def c(self, key: str) -> str:
        return self.r.choice(EN[key])

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
            s = f"Each {c('nouns')} needs {c('adjectives')} {c('plurals')} and {article} {adjective} {c('nouns')}"
        else:
            s = (
                f"The {c('nouns')} of the {c('adjectives')} {c('nouns')} is {c('adverbs')} "
                f"reviewed {c('places')}"
            )
        return s[0].upper() + s[1:] + "."

    def bullet(self) -> str:
        c = self.c
        s = f"{c('verbs')} {c('adjectives')} {c('plurals')} {c('places')}"
        if self.r.random() < 0.5:
            s += f", {c('purposes')}"
        return s[0].upper() + s[1:] + "."

    def competency(self, name: str) -> str:
        return f"**{name}**: {self.c('verbs3')} {self.c('adjectives')} {self.c('plurals')}."


class French:
    def __init__(self, rng: Random) -> None:
        self.r = rng

    def c(self, key: str) -> str:
        return self.r.choice(FR[key])

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
            s = f"{c('subjects')} {c('presents')} {c('adverbs')} {g()} et {c('presents')} {g(True)} {c('purposes')}"
        elif form == 3:
            s = f"En travaillant {c('places')}, vous {c('futures')} {g(True)} et {c('futures')} {g()}"
        elif form == 4:
            s = f"Chaque dossier exige {g(True)} et {g(False)}"
        else:
            s = f"{c('subjects')} {c('presents')} {g()} {c('adverbs')} {c('places')}"
        return s[0].upper() + s[1:] + "."

    def bullet(self) -> str:
        s = f"{self.c('infinitives')} {self.group(True)} {self.c('places')}"
        if self.r.random() < 0.5:
            s += f", {self.c('purposes')}"
        return s[0].upper() + s[1:] + "."

    def competency(self, name: str) -> str:
        return f"**{name}** : {self.c('presents')} {self.group()}."


def _words(text: str) -> int:
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
        count += _words(first)
        for sub in subheadings:
            if count >= SECTION_WORDS:
                break
            section += [f"### {sub}", ""]
            count += _words(sub)
            paragraph = " ".join(writer.sentence() for _ in range(rng.randint(2, 3)))
            section += [paragraph, ""]
            count += _words(paragraph)
            if count >= SECTION_WORDS:
                break
            if table["sections"][4][0] == heading:
                names = rng.sample(table["competencies"], 4)
                items = [writer.competency(name) for name in names]
            else:
                items = [writer.bullet() for _ in range(rng.randint(3, 5))]
            for item in items:
                section.append(f"- {item}")
                count += _words(item) + 1
            section.append("")
        while count < SECTION_WORDS:
            paragraph = " ".join(writer.sentence() for _ in range(rng.randint(2, 3)))
            section += [paragraph, ""]
            count += _words(paragraph)
        if index == 7:
            section += [table["link_sentence"].format(link=table["link"]), ""]
        out += section
    return "\n".join(out).rstrip() + "\n"


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

HUGO_CONFIG = """\
# Benchmark corpus (bench/corpus.py) as a Hugo site: generated, do not edit.
baseURL = "https://careers.example.org/"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "rss"]
timeZone = "Europe/Brussels"
enableRobotsTXT = true

[markup.goldmark.renderer]
unsafe = false

[languages.en]
weight = 1
label = "English"
locale = "en-GB"
title = "Careers at NATO"
[languages.en.params]
organisation = "NATO International Staff"
description = "The International Staff supports NATO's member countries at NATO Headquarters in Brussels. Here you will find our open posts and what each grade pays."

[languages.fr]
weight = 2
label = "Français"
locale = "fr-BE"
title = "Carrières à l'OTAN"
[languages.fr.params]
organisation = "Secrétariat international de l'OTAN"
description = "Au siège de l'OTAN, à Bruxelles, le Secrétariat international aide les pays membres. Vous trouverez ici nos postes à pourvoir et la rémunération de chaque grade."
"""

BASEOF = """\
<!DOCTYPE html>
<html lang="{{ site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title>
{{ with .Summary }}<meta name="description" content="{{ . | plainify }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}
</head>
<body>
<a class="skip-link" href="#main">{{ T "skip" }}</a>
<header class="site-header">
  <p class="site-name"><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></p>
  <nav class="language-switch"><ul>
  {{ range .AllTranslations }}{{ if eq .Language.Lang site.Language.Lang }}<li><span aria-current="true">{{ .Language.Label }}</span></li>{{ else }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.Label }}</a></li>{{ end }}
  {{ end }}</ul></nav>
  <nav class="main-nav"><ul>
    {{ with site.GetPage "/vacancies" }}<li><a href="{{ .RelPermalink }}">{{ T "vacancies" }}</a></li>{{ end }}
    {{ with site.GetPage "/grades-and-salaries" }}<li><a href="{{ .RelPermalink }}">{{ T "grades" }}</a></li>{{ end }}
  </ul></nav>
</header>
<main id="main">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><p>{{ site.Params.organisation }}</p></footer>
</body>
</html>
"""

HOME = """\
{{ define "main" }}
<h1>{{ site.Title }}</h1>
<p class="lead">{{ site.Params.description }}</p>
{{ $open := where (site.GetPage "/vacancies").Pages "Params.status" "ne" "cancelled" }}
<section>
  <h2>{{ T "open_vacancies" }}</h2>
  <p>{{ T "open_count" (len $open) }}</p>
  <h3>{{ T "closing_soonest" }}</h3>
  <ul class="soonest">
  {{ range first 5 (sort $open "Params.deadline") }}
    <li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ .Params.reference }}) – {{ partial "deadline.html" .Params.deadline }}</li>
  {{ end }}
  </ul>
</section>
{{ end }}
"""

SECTION = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<p>{{ T "open_count" (len .Pages) }}</p>
<ol class="vacancy-list">
{{ range sort .Pages "Params.deadline" }}
  <li><article class="vacancy-card">
    <h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
    {{ partial "status.html" . }}
    <dl class="facts-inline">
      <div><dt>{{ T "reference" }}</dt><dd>{{ .Params.reference }}</dd></div>
      <div><dt>{{ T "grade" }}</dt><dd>{{ delimit .Params.grades "–" }}</dd></div>
      <div><dt>{{ T "division" }}</dt><dd>{{ index (index hugo.Data.divisions .Params.division) site.Language.Lang }}</dd></div>
      <div><dt>{{ T "location" }}</dt><dd>{{ .Params.city }}, {{ T (printf "country_%s" .Params.country) }}</dd></div>
      <div><dt>{{ T "deadline" }}</dt><dd>{{ partial "deadline.html" .Params.deadline }}</dd></div>
    </dl>
  </article></li>
{{ end }}
</ol>
{{ end }}
"""

SINGLE = """\
{{ define "main" }}
<article class="vacancy" data-pagefind-body>
  <h1>{{ .Title }}</h1>
  <p class="subtitle">{{ index (index hugo.Data.divisions .Params.division) site.Language.Lang }} · {{ T "reference" }} {{ .Params.reference }}</p>
  {{ if eq .Params.status "pending-budget-approval" }}<p class="notice notice-pending">{{ T "pending_notice" }}</p>{{ end }}
  {{ partial "facts.html" . }}
  <div class="body">
  {{ .Content }}
  </div>
  {{ with .Params.apply_url }}<p class="apply"><a class="button" href="{{ . }}">{{ T "apply" }}</a>
    <span>{{ T "deadline" }}: {{ partial "deadline.html" $.Params.deadline }}</span></p>{{ end }}
</article>
{{ end }}
"""

FACTS = """\
{{ $p := .Params }}
<section class="facts">
  <h2>{{ T "key_facts" }}</h2>
  <dl>
    <div><dt>{{ T "status" }}</dt><dd>{{ partial "status.html" . }}</dd></div>
    <div><dt>{{ T "reference" }}</dt><dd>{{ $p.reference }}</dd></div>
    <div><dt>{{ T "grade" }}</dt><dd>{{ range $i, $g := $p.grades }}{{ if $i }}–{{ end }}<a href="{{ (site.GetPage "/grades-and-salaries").RelPermalink }}#{{ $g }}">{{ $g }}</a>{{ end }}
      {{ if gt (len $p.grades) 1 }}<p class="note">{{ T "twin_graded" (dict "low" (index $p.grades 0) "high" (index $p.grades 1)) }}</p>{{ end }}</dd></div>
    <div><dt>{{ T "division" }}</dt><dd>{{ index (index hugo.Data.divisions $p.division) site.Language.Lang }}</dd></div>
    <div><dt>{{ T "location" }}</dt><dd>{{ $p.city }}, {{ T (printf "country_%s" $p.country) }}</dd></div>
    <div><dt>{{ T "contract" }}</dt><dd>{{ T (printf "contract_%s" $p.contract) }}{{ with $p.contract_years }}, {{ T "years" (int .) }}{{ end }}</dd></div>
    <div><dt>{{ T "schedule" }}</dt><dd>{{ T (printf "schedule_%s" $p.schedule) }}</dd></div>
    <div><dt>{{ T "salary" }}</dt><dd>{{ with $p.salary }}{{ T "per_month" (dict "amount" (lang.FormatCurrency 2 "EUR" .)) }}{{ else }}{{ with index hugo.Data.scale.grades (index $p.grades 0) }}{{ T "per_month" (dict "amount" (lang.FormatCurrency 2 "EUR" .)) }}{{ else }}{{ T "not_published" }}{{ end }}{{ end }}</dd></div>
    <div><dt>{{ T "published" }}</dt><dd><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time></dd></div>
    <div><dt>{{ T "deadline" }}</dt><dd>{{ partial "deadline.html" $p.deadline }}</dd></div>
    <div><dt>{{ T "languages" }}</dt><dd>{{ T "language_levels" (dict "one" $p.language_levels.one "other" $p.language_levels.other) }}</dd></div>
  </dl>
</section>
"""

DEADLINE = """\
{{- $t := time.AsTime . -}}
<time datetime="{{ $t.Format "2006-01-02T15:04:05-07:00" }}">{{ $t | time.Format ":date_long" }}, {{ $t.Format "15:04" }}</time> <span class="zone">({{ $t.Format "MST, -07:00" }})</span>
{{- /**/ -}}
"""

STATUS = """\
{{- $closed := (time.AsTime .Params.deadline).Before now -}}
{{- if eq .Params.status "cancelled" }}<span class="status status-cancelled">{{ T "cancelled" }}</span>
{{- else if $closed }}<span class="status status-closed">{{ T "closed" }}</span>
{{- else if eq .Params.status "pending-budget-approval" }}<span class="status status-pending-budget-approval">{{ T "pending" }}</span>
{{- else }}<span class="status status-open">{{ T "open" }}</span>{{ end -}}
"""

GRADES = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<table>
<thead><tr><th>{{ T "grade" }}</th><th>{{ T "salary" }} ({{ T "effective" }} {{ time.AsTime hugo.Data.scale.effective | time.Format ":date_long" }})</th></tr></thead>
<tbody>
{{ range hugo.Data.scale.spine }}
<tr id="{{ . }}"><th>{{ . }}</th><td>{{ with index hugo.Data.scale.grades . }}{{ lang.FormatCurrency 2 "EUR" . }}{{ else }}{{ T "not_published" }}{{ end }}</td></tr>
{{ end }}
</tbody>
</table>
{{ end }}
"""

NOT_FOUND = """\
{{ define "main" }}<h1>{{ T "not_found" }}</h1>{{ end }}
"""

I18N = {
    "en": {
        "skip": "Skip to main content",
        "vacancies": "Vacancies",
        "grades": "Grades and salaries",
        "open_vacancies": "Open vacancies",
        "open_count": {
            "one": "There is {{ .Count }} open vacancy.",
            "other": "There are {{ .Count }} open vacancies.",
        },
        "closing_soonest": "Closing soonest",
        "key_facts": "Key facts",
        "status": "Status",
        "reference": "Reference",
        "grade": "Grade",
        "division": "Division",
        "location": "Location",
        "contract": "Contract",
        "schedule": "Schedule",
        "salary": "Monthly salary",
        "published": "Published",
        "deadline": "Deadline",
        "languages": "Languages",
        "apply": "Apply online",
        "effective": "effective",
        "open": "Open",
        "closed": "Closed",
        "cancelled": "Cancelled",
        "pending": "Pending budget approval",
        "pending_notice": "This post is subject to budget approval: you may apply now, but the appointment depends on the budget being approved.",
        "twin_graded": "Twin-graded post: the successful candidate is appointed at {{ .low }}. Promotion to {{ .high }} is not automatic.",
        "contract_definite": "Definite duration",
        "contract_indefinite": "Indefinite duration",
        "contract_temporary": "Temporary",
        "schedule_full-time": "Full-time",
        "schedule_part-time": "Part-time",
        "years": {"one": "{{ .Count }} year", "other": "{{ .Count }} years"},
        "per_month": "{{ .amount }} per month (basic salary)",
        "not_published": "Not published for this grade",
        "language_levels": "At least level {{ .one }} in one of the two official languages (English and French), and level {{ .other }} in the other.",
        "not_found": "Page not found",
    },
    "fr": {
        "skip": "Aller au contenu principal",
        "vacancies": "Postes vacants",
        "grades": "Grades et traitements",
        "open_vacancies": "Postes à pourvoir",
        "open_count": {
            "one": "{{ .Count }} poste est à pourvoir.",
            "other": "{{ .Count }} postes sont à pourvoir.",
        },
        "closing_soonest": "Clôture imminente",
        "key_facts": "L'essentiel",
        "status": "Statut",
        "reference": "Référence",
        "grade": "Grade",
        "division": "Division",
        "location": "Lieu",
        "contract": "Contrat",
        "schedule": "Horaire",
        "salary": "Traitement mensuel",
        "published": "Publié le",
        "deadline": "Date limite",
        "languages": "Langues",
        "apply": "Postuler en ligne",
        "effective": "en vigueur le",
        "open": "Ouvert",
        "closed": "Clos",
        "cancelled": "Annulé",
        "pending": "En attente d'approbation budgétaire",
        "pending_notice": "Ce poste est soumis à l'approbation du budget : vous pouvez postuler dès maintenant, mais la nomination dépend de l'approbation du budget.",
        "twin_graded": "Poste à double grade : la personne retenue est nommée au grade {{ .low }}. La promotion au grade {{ .high }} n'est pas automatique.",
        "contract_definite": "Durée déterminée",
        "contract_indefinite": "Durée indéterminée",
        "contract_temporary": "Temporaire",
        "schedule_full-time": "Temps plein",
        "schedule_part-time": "Temps partiel",
        "years": {"one": "{{ .Count }} an", "other": "{{ .Count }} ans"},
        "per_month": "{{ .amount }} par mois (traitement de base)",
        "not_published": "Non publié pour ce grade",
        "language_levels": "Au moins le niveau {{ .one }} dans l'une des deux langues officielles (anglais et français), et le niveau {{ .other }} dans l'autre.",
        "not_found": "Page introuvable",
    },
}


def _i18n_yaml(lang: str) -> str:
    lines = []
    for key, value in I18N[lang].items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {form}: {q(text)}" for form, text in value.items()]
        else:
            lines.append(f"{key}: {q(value)}")
    for code, (en, fr) in COUNTRIES.items():
        lines.append(f"country_{code}: {q(en if lang == 'en' else fr)}")
    return "\n".join(lines) + "\n"


def write_hugo_site_files(out: Path) -> None:
    _write(out / "hugo.toml", HUGO_CONFIG)
    layouts = out / "layouts"
    for name, text in (
        ("baseof.html", BASEOF),
        ("home.html", HOME),
        ("section.html", SECTION),
        ("page.html", SINGLE),
        ("grades.html", GRADES),
        ("404.html", NOT_FOUND),
        ("_partials/facts.html", FACTS),
        ("_partials/deadline.html", DEADLINE),
        ("_partials/status.html", STATUS),
    ):
        _write(layouts / name, text)
    for lang in ("en", "fr"):
        _write(out / "i18n" / f"{lang}.yaml", _i18n_yaml(lang))
    _write(
        out / "data" / "divisions.yaml",
        "".join(f"{code}: {{en: {q(en)}, fr: {q(fr)}}}\n" for code, (en, fr) in DIVISIONS.items()),
    )
    _write(
        out / "data" / "scale.yaml",
        f'currency: EUR\neffective: "{SCALE_EFFECTIVE}"\nspine: [{", ".join(SPINE)}]\ngrades:\n'
        + "".join(f"  {grade}: {SALARIES[grade]}\n" for grade in SCALE_GRADES),
    )
    content = out / "content"
    _write(content / "_index.en.md", f"---\ntitle: {q('Home')}\n---\n")
    _write(content / "_index.fr.md", f"---\ntitle: {q('Accueil')}\n---\n")
    _write(content / "vacancies" / "_index.en.md", f"---\ntitle: {q('Vacancies')}\n---\n")
    _write(content / "vacancies" / "_index.fr.md", f"---\ntitle: {q('Postes vacants')}\n---\n")
    for lang, title in (("en", "Grades and salaries"), ("fr", "Grades et traitements")):
        _write(
            content / "grades-and-salaries" / f"index.{lang}.md",
            f"---\ntitle: {q(title)}\nlayout: grades\n---\n",
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
        words += _words(v.body_en) + _words(v.body_fr)
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
