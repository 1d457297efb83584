"""Unit tests of locale formatting (Babel) and of the interface catalogs (gettext)."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel import Locale
from babel.dates import format_date
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from generator.common.problems import Report, Severity
from generator.content.models import Site
from generator.site.i18n import Formatter, autonym, catalog_path, day_pattern, load_translations

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
LOCALE_DIR = TEMPLATES / "locale"
BRUSSELS = ZoneInfo("Europe/Brussels")


def _site(languages: tuple[str, ...] = ("en", "fr"), regions: dict[str, str] | None = None) -> Site:
    default = languages[0]
    return Site(
        languages=languages,
        base_url="https://jobs.example.org/",
        timezone=BRUSSELS,
        title={default: "Jobs"},
        organisation={default: "Example"},
        description={},
        divisions={},
        regions={"en": "GB", "fr": "BE"} if regions is None else regions,
    )


@pytest.fixture
def en() -> Formatter:
    return Formatter(_site(), "en")


@pytest.fixture
def fr() -> Formatter:
    return Formatter(_site(), "fr")


# --- Formatter ------------------------------------------------------------------


def test_locale_combines_language_and_region(en: Formatter, fr: Formatter) -> None:
    assert (str(en.locale), str(fr.locale)) == ("en_GB", "fr_BE")
    assert str(Formatter(_site(regions={}), "fr").locale) == "fr"


def test_money(en: Formatter, fr: Formatter) -> None:
    assert en.money(Decimal("7540.44"), "EUR") == "€7,540.44"
    assert fr.money(Decimal("7540.44"), "EUR") == "7\u202f540,44\u00a0€"


def test_money_keeps_the_cents(en: Formatter) -> None:
    assert en.money(Decimal("5000.00"), "EUR") == "€5,000.00"
    assert en.money(Decimal("0.10"), "EUR") == "€0.10"


def test_number(en: Formatter, fr: Formatter) -> None:
    assert en.number(Decimal("7540.44")) == "7,540.44"
    assert fr.number(Decimal("7540.44")) == "7\u202f540,44"


def test_dates(en: Formatter, fr: Formatter) -> None:
    assert en.date(date(2024, 11, 10)) == "10 November 2024"
    assert fr.date(date(2024, 11, 10)) == "10 novembre 2024"


def test_the_first_of_the_month_is_an_ordinal_in_french(en: Formatter, fr: Formatter) -> None:
    assert fr.date(date(2024, 1, 1)) == "1er janvier 2024"
    assert fr.date(date(2024, 11, 1)) == "1er novembre 2024"
    # 23:30 UTC on 31 October is already 1 November in Brussels.
    assert fr.date(datetime(2024, 10, 31, 23, 30, tzinfo=UTC)) == "1er novembre 2024"
    assert fr.date(date(2024, 11, 11)) == "11 novembre 2024"
    assert fr.date(date(2024, 11, 21)) == "21 novembre 2024"
    assert fr.date(date(2024, 11, 2)) == "2 novembre 2024"
    assert en.date(date(2024, 11, 1)) == "1 November 2024"


@pytest.mark.parametrize(
    ("form", "first", "other"),
    [
        ("long", "1er mars 2025", "2 mars 2025"),
        ("full", "samedi 1er mars 2025", "dimanche 2 mars 2025"),
        ("medium", "1er mars 2025", "2 mars 2025"),
        ("MMMMd", "1er mars", "2 mars"),  # without the year
        ("short", "01/03/2025", "02/03/2025"),  # figures only: no ordinal
    ],
)
def test_every_date_form_with_a_month_name_writes_1er(form: str, first: str, other: str) -> None:
    locale = Locale.parse("fr_FR")
    for day, expected in ((date(2025, 3, 1), first), (date(2025, 3, 2), other)):
        assert format_date(day, day_pattern(locale, day, form), locale=locale) == expected
    english = Locale.parse("en_GB")  # keeps its cardinal: "1 March 2025"
    assert day_pattern(english, date(2025, 3, 1), form) == day_pattern(english, date(2025, 3, 2), form)


def test_date_of_a_moment_is_the_local_date(en: Formatter) -> None:
    # 23:30 UTC on 9 November is already 10 November in Brussels.
    assert en.date(datetime(2024, 11, 9, 23, 30, tzinfo=UTC)) == "10 November 2024"


def test_time_is_local(en: Formatter, fr: Formatter) -> None:
    moment = datetime(2024, 11, 10, 22, 59, tzinfo=UTC)
    assert en.time(moment) == "23:59"
    assert fr.time(moment) == "23:59"


def test_summer_time_zone_name_and_offset(en: Formatter, fr: Formatter) -> None:
    july = datetime(2024, 7, 10, 23, 59, tzinfo=BRUSSELS)
    assert en.timezone_name(july) == "Central European Summer Time"
    assert fr.timezone_name(july) == "heure d’été d’Europe centrale"
    assert en.utc_offset(july) == "UTC+02:00"


def test_winter_time_zone_name_and_offset(en: Formatter, fr: Formatter) -> None:
    november = datetime(2024, 11, 10, 23, 59, tzinfo=BRUSSELS)
    assert en.timezone_name(november) == "Central European Standard Time"
    assert fr.timezone_name(november) == "heure normale d’Europe centrale"
    assert en.utc_offset(november) == "UTC+01:00"
    assert fr.utc_offset(november) == "UTC+01:00"


def test_negative_utc_offset() -> None:
    site = Site(("en",), "https://x.org/", ZoneInfo("America/St_Johns"), {"en": "T"}, {"en": "O"}, {}, {})
    assert Formatter(site, "en").utc_offset(datetime(2024, 1, 10, 12, tzinfo=UTC)) == "UTC-03:30"


def test_country(en: Formatter, fr: Formatter) -> None:
    assert en.country("BE") == "Belgium"
    assert fr.country("BE") == "Belgique"
    assert en.country("NO") == "Norway"


def test_language_name(en: Formatter, fr: Formatter) -> None:
    assert en.language_name("fr") == "French"
    assert fr.language_name("en") == "anglais"


def test_autonym() -> None:
    assert autonym("fr") == "Français"
    assert autonym("en") == "English"
    assert autonym("de") == "Deutsch"


# --- the French catalog -------------------------------------------------------------


def _extracted_messages() -> set[tuple[str | None, str]]:
    keywords = dict(DEFAULT_KEYWORDS)
    keywords["pgettext"] = ((1, "c"), 2)
    found: set[tuple[str | None, str]] = set()
    sources = [
        (
            TEMPLATES,
            [("**.html", "jinja2.ext:babel_extract")],
            {"**.html": {"extensions": "jinja2.ext.i18n"}},
        ),
        (ROOT / "generator", [("**.py", "python")], {}),
    ]
    for folder, method_map, options_map in sources:
        for _, _, message, _, context in extract_from_dir(
            str(folder), method_map=method_map, options_map=options_map, keywords=keywords
        ):
            found.add((context, message if isinstance(message, str) else message[0]))
    return found


def test_french_catalog_translates_every_interface_string() -> None:
    messages = _extracted_messages()
    # Templates and the code (URL segments with pgettext, language-switch notes) both have strings.
    assert (None, "Archive") in messages
    assert ("URL segment", "vacancies") in messages
    assert (None, "not available in this language: list of vacancies") in messages
    with catalog_path(LOCALE_DIR, "fr").open("rb") as po_file:
        catalog = read_po(po_file)
    untranslated = []
    for context, msgid in sorted(messages, key=str):
        entry = catalog.get(msgid, context=context)
        strings = (
            entry.string
            if entry is not None and isinstance(entry.string, tuple)
            else ((entry.string,) if entry is not None else ("",))
        )
        if entry is None or entry.fuzzy or not all(strings):
            untranslated.append((context, msgid))
    assert untranslated == []


def test_french_catalog_has_no_fuzzy_or_empty_entries() -> None:
    with catalog_path(LOCALE_DIR, "fr").open("rb") as po_file:
        catalog = read_po(po_file)
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert not message.fuzzy, message.id
        assert all(strings), message.id


def test_french_url_segments() -> None:
    translations = load_translations(LOCALE_DIR, _site(), Report())
    fr = translations["fr"]
    assert fr.pgettext("URL segment", "vacancies") == "postes-vacants"
    assert fr.pgettext("URL segment", "archive") == "archives"
    assert fr.pgettext("URL segment", "grades-and-salaries") == "grades-et-traitements"
    assert translations["en"].pgettext("URL segment", "vacancies") == "vacancies"


# --- load_translations -------------------------------------------------------------------


def test_shipped_languages_load_without_problems() -> None:
    report = Report()
    translations = load_translations(LOCALE_DIR, _site(), report)
    assert list(report) == []
    assert translations["fr"].gettext("Archive") == "Archives"
    assert translations["en"].gettext("Archive") == "Archive"


def test_french_interface_strings_get_french_typography_when_loaded() -> None:
    """The catalog holds what a translator types (an ordinary space before ":"); what the pages,
    the feeds and the scripts get has the no-break spaces."""
    fr = load_translations(LOCALE_DIR, _site(), Report())["fr"]
    assert fr.gettext("Deadline:") == "Date de clôture\u00a0:"
    assert (
        fr.gettext("Results for “{query}”: {count}.")
        == "Résultats pour «\u202f{query}\u202f»\u00a0: {count}."
    )
    assert fr.ngettext("%(count)s vacancy is open for applications.", "x", 2).endswith("la plus proche.")
    assert fr.gettext("Vacancies shown: {shown} of {total}") == "Postes affichés\u00a0: {shown} sur {total}"
    assert fr.pgettext("URL segment", "vacancies") == "postes-vacants"
    with catalog_path(LOCALE_DIR, "fr").open("rb") as po_file:
        typed = read_po(po_file).get("Vacancies shown: {shown} of {total}")
    assert typed is not None and typed.string == "Postes affichés : {shown} sur {total}", "typed as typed"


def test_language_without_catalog_warns_and_falls_back_to_the_default() -> None:
    report = Report()
    translations = load_translations(LOCALE_DIR, _site(("en", "fr", "de")), report)
    [warning] = list(report)
    assert warning.severity is Severity.WARNING
    assert Path(warning.path).resolve() == catalog_path(LOCALE_DIR, "de").resolve()
    assert "no interface catalog for de" in warning.message
    assert translations["de"].gettext("Archive") == "Archive"


def test_fallback_is_the_default_language_not_english() -> None:
    report = Report()
    translations = load_translations(LOCALE_DIR, _site(("fr", "de"), regions={}), report)
    assert len(report.warnings()) == 1
    assert translations["de"].gettext("Archive") == "Archives"
    assert translations["de"].pgettext("URL segment", "vacancies") == "postes-vacants"


def test_default_language_without_catalog_is_not_silent() -> None:
    # German menus would be shown in English (the msgid language): that must be said.
    report = Report()
    translations = load_translations(LOCALE_DIR, _site(("de", "fr"), regions={}), report)
    assert translations["de"].gettext("Archive") == "Archive"
    assert any(Path(p.path).resolve() == catalog_path(LOCALE_DIR, "de").resolve() for p in report), [
        p.format() for p in report
    ]


def test_partially_translated_catalog_falls_back_per_string(tmp_path: Path) -> None:
    po = catalog_path(tmp_path, "fr")
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Archive"\nmsgstr "Archives"\n\n'
        '#, fuzzy\nmsgid "Vacancies"\nmsgstr "Postes"\n',
        "utf-8",
    )
    translations = load_translations(tmp_path, _site(), Report())
    assert translations["fr"].gettext("Archive") == "Archives"
    assert translations["fr"].gettext("Vacancies") == "Vacancies"  # fuzzy entries are left out


def test_broken_catalog_is_an_error(tmp_path: Path) -> None:
    po = catalog_path(tmp_path, "fr")
    po.parent.mkdir(parents=True)
    po.write_text('msgid "Archive"\nmsgstr "Archives\nmsgid\n', "utf-8")
    report = Report()
    translations = load_translations(tmp_path, _site(), report)
    [problem] = report.errors()
    assert Path(problem.path).resolve() == po.resolve()
    assert translations["fr"].gettext("Archive") == "Archive"


def _broken_catalog(tmp_path: Path, old: str, new: str) -> Path:
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, locale)
    po = catalog_path(locale, "fr")
    text = po.read_text("utf-8")
    assert old in text
    po.write_text(text.replace(old, new), "utf-8")
    return locale


def test_a_translation_that_drops_a_placeholder_is_an_error_with_its_line(tmp_path: Path) -> None:
    locale = _broken_catalog(tmp_path, 'msgstr "clôture %(when)s"', 'msgstr "clôture"')
    report = Report()
    load_translations(locale, _site(), report)
    [error] = report.errors()
    assert error.line > 0 and error.path.endswith("messages.po")
    assert "leaves out %(when)s" in error.message
    # The catalog exists: no misleading "there is no interface catalog" on top of the error.
    assert report.warnings() == []


def test_a_misspelled_placeholder_is_an_error(tmp_path: Path) -> None:
    locale = _broken_catalog(tmp_path, 'msgstr "clôture %(when)s"', 'msgstr "clôture %(quand)s"')
    report = Report()
    load_translations(locale, _site(), report)
    assert any("quand" in p.message for p in report.errors())
