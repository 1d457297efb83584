"""schema.org JobPosting as JSON-LD, for search engines (open vacancies only).

Google's job search documentation (developers.google.com/search/docs/appearance/structured-data/
job-posting) requires `datePosted`, `description`, `hiringOrganization`, `jobLocation` and
`title`, and recommends the properties of GOOGLE_RECOMMENDED. A posting has each one the content
can honestly fill, and no other:

- `validThrough` (the deadline, with its offset), `identifier` (the reference),
  `employmentType`, and `baseSalary` where the vacancy states a salary or an allowance;
- `directApply`: `apply_url` is the address of the application form itself
  (docs/content-format.md), so a page with one lets a candidate apply directly from it: true;
  without one the page names no way to apply online: false;
- not `educationRequirements`, `experienceRequirements` or `experienceInPlaceOfEducation`: the
  vacancy says them in its text, in words, not as the credential categories and months Google reads;
- not `jobLocationType` or `applicantLocationRequirements`: they describe remote work (where a
  teleworker may live), which no vacancy offers; a condition of eligibility, such as nationality,
  is not where an applicant lives and is never written as one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from ..content.models import ALLOWANCE_CURRENCY, SalaryScale, Site
from ..site.vacancy_views import VacancyView

EMPLOYMENT_TYPES = {"full-time": "FULL_TIME", "part-time": "PART_TIME"}
CONTRACT_TYPES = {"temporary": "TEMPORARY"}
INTERN = "INTERN"
GOOGLE_REQUIRED = ("datePosted", "description", "hiringOrganization", "jobLocation", "title")
GOOGLE_RECOMMENDED = (
    "applicantLocationRequirements",
    "baseSalary",
    "directApply",
    "educationRequirements",
    "employmentType",
    "experienceRequirements",
    "experienceInPlaceOfEducation",
    "identifier",
    "jobLocationType",
    "validThrough",
)


def job_posting(view: VacancyView, site: Site, scale: SalaryScale) -> dict[str, Any]:
    """A post's JobPosting; an internship offer's says `employmentType: INTERN`, has a
    `baseSalary` only when it gives an allowance, and a `jobStartDate` when it gives a month."""
    vacancy, language = view.vacancy, view.language
    employment = [EMPLOYMENT_TYPES[vacancy.schedule]]
    if vacancy.contract in CONTRACT_TYPES:
        employment.append(CONTRACT_TYPES[vacancy.contract])
    posting: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": view.words.title,
        "description": view.words.body_html,
        "identifier": {
            "@type": "PropertyValue",
            "name": site.text(site.organisation, language),
            "value": vacancy.reference,
        },
        "datePosted": vacancy.published.isoformat(),
        "validThrough": vacancy.deadline.isoformat(),
        "employmentType": INTERN if vacancy.is_internship else employment,
        "hiringOrganization": {
            "@type": "Organization",
            "name": site.text(site.organisation, language),
            "sameAs": site.base_url,
        },
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": view.city,
                "addressCountry": vacancy.location.country,
            },
        },
        "inLanguage": language,
        "url": view.absolute_url,
        "directApply": bool(vacancy.apply_url_in(language)),
    }
    if vacancy.salary is not None:
        posting["baseSalary"] = _monthly(vacancy.salary, scale.currency)
    if vacancy.allowance is not None:
        posting["baseSalary"] = _monthly(vacancy.allowance, ALLOWANCE_CURRENCY)
    if vacancy.starts is not None:
        posting["jobStartDate"] = f"{vacancy.starts:%Y-%m}"
    return posting


def _monthly(amount: Decimal, currency: str) -> dict[str, Any]:
    return {
        "@type": "MonetaryAmount",
        "currency": currency,
        "value": {"@type": "QuantitativeValue", "value": float(amount), "unitText": "MONTH"},
    }


def json_ld(data: dict[str, Any]) -> Markup:
    """JSON safe to embed in a <script> element: no "</script>" can close it early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


@dataclass(frozen=True)
class JobPostingScript:
    """A vacancy's JobPosting as JSON-LD, made when a template writes it (`{{ job_posting }}`),
    not when its page is planned: a page carried over from the cache never needs it."""

    view: VacancyView
    site: Site
    scale: SalaryScale

    def __html__(self) -> str:
        return json_ld(job_posting(self.view, self.site, self.scale))
