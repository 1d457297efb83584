"""The JSON Schemas for editors: in sync with the generator, accepting every real file, refusing slips.

Files are read as the generator reads them (generator.content.yaml_source: dates stay text,
amounts are exact), which is also how the YAML extension of VS Code reads them (YAML 1.2).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import CONTENT, ROOT, SITES, run_cli
from jsonschema import Draft202012Validator

from generator.common.problems import Report, UsageError
from generator.content.loader import load_content
from generator.content.validate import validate_content
from generator.content.yaml_source import load_yaml
from generator.tools.schemas import schema_texts, write_schemas

SCHEMAS = ROOT / "docs" / "schemas"
TREES = [CONTENT, *sorted(p for p in SITES.iterdir() if p.is_dir())]
KIND_OF_FILE = {"site.yaml": "site", "salary-scale.yaml": "salary-scale"}


def schema_of(name: str) -> Any:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text("utf-8"))


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema_of(name))


def schema_name(path: Path) -> str:
    if path.name in KIND_OF_FILE:
        return KIND_OF_FILE[path.name]
    return path.stem  # vacancy.yaml, page.yaml


def shipped_files() -> list[Path]:
    found = []
    for tree in TREES:
        found += [tree / "site.yaml", tree / "salary-scale.yaml"]
        found += sorted(tree.glob("vacancies/*/vacancy.yaml")) + sorted(tree.glob("pages/*/page.yaml"))
    return found


def messages(name: str, text: str) -> list[str]:
    return [error.message for error in validator(name).iter_errors(load_yaml(text))]


def test_docs_schemas_are_what_the_generator_makes(tmp_path: Path) -> None:
    written = {path.name: path.read_text("utf-8") for path in SCHEMAS.glob("*.schema.json")}
    assert written == schema_texts(), "docs/schemas is out of date: run `make schemas` and commit the result"
    result = run_cli("schemas", str(tmp_path / "schemas"))
    assert result.returncode == 0, result.stderr
    made = {path.name: path.read_text("utf-8") for path in (tmp_path / "schemas").iterdir()}
    assert made == written


@pytest.mark.parametrize("name", ["vacancy", "page", "site", "salary-scale"])
def test_each_schema_is_a_valid_2020_12_schema_with_a_description_for_every_field(name: str) -> None:
    schema = schema_of(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.get("properties", {}).items():
                assert value.get("description"), f"{name}: {where}{key} has no description"
            if "properties" in node:
                assert node.get("additionalProperties") is False, f"{name}: {where or 'top'} allows any key"
            for key, value in node.items():
                if key not in ("if", "then", "else"):  # the rules of kind: internship, no new fields
                    walk(value, f"{where}{key}.")
        elif isinstance(node, list):
            for item in node:
                walk(item, where)

    walk(schema, "")


@pytest.mark.parametrize("path", shipped_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_and_fixture_file_is_accepted(path: Path) -> None:
    data = load_yaml(path.read_text("utf-8"))
    errors = [
        f"{'.'.join(map(str, e.path))}: {e.message}" for e in validator(schema_name(path)).iter_errors(data)
    ]
    assert not errors, f"{path}: {errors}"


INTERNSHIP = """\
reference: INT-2025-01
kind: internship
division: PDD
location: {city: {en: Brussels, fr: Bruxelles}, country: BE}
schedule: full-time
published: 2025-01-06
deadline: 2025-02-28T23:59
duration_months: 6
starts: 2025-09
allowance: 1200.00
"""


def test_conditions_as_codes_and_as_words_are_accepted() -> None:
    written = VACANCY_FILE.read_text("utf-8") + (
        "conditions:\n  - nationality\n  - security-clearance\n  - medical\n  - verification\n"
        "  - {en: Appointment needs an accreditation., fr: La nomination suppose une accréditation.}\n"
    )
    assert messages("vacancy", written) == []
    assert messages("vacancy", INTERNSHIP + "conditions: [nationality]\n") == []


def test_an_internship_offer_as_the_contract_describes_it_is_accepted() -> None:
    assert messages("vacancy", INTERNSHIP) == []
    assert messages("vacancy", INTERNSHIP.replace("starts: 2025-09\nallowance: 1200.00\n", "")) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("duration_months: 6\n", "duration_months: 6\ngrade: G17\n"),
        ("duration_months: 6\n", "duration_months: 6\ncontract: definite\n"),
        ("duration_months: 6\n", ""),
        ("duration_months: 6", "duration_months: 13"),
        ("starts: 2025-09", "starts: September"),
    ],
    ids=["grade", "contract", "no-duration", "duration-13", "starts-in-words"],
)
def test_internship_slips_are_refused(old: str, new: str) -> None:
    assert old in INTERNSHIP
    assert messages("vacancy", INTERNSHIP.replace(old, new, 1))


VACANCY_FILE = SITES / "basic" / "vacancies" / "100001" / "vacancy.yaml"

# (what the editor did, the line as it was, the line as they wrote it)
VACANCY_SLIPS = [
    ("misspelt field", "division: OPS", "divison: OPS"),
    ("grade that is not a grade code", "grade: G17", "grade: Senior"),
    ("grade with a space", "grade: G17", "grade: G 17"),
    ("three grades", "grade: G17", "grade: [G15, G16, G17]"),
    ("deadline in words", "deadline: 2024-07-10T23:59", "deadline: 10 July 2024, midnight"),
    ("deadline without a time", "deadline: 2024-07-10T23:59", "deadline: 2024-07-10"),
    ("published in words", "published: 2024-06-01", "published: June 1st"),
    ("schedule not one of the words", "schedule: full-time", "schedule: fulltime"),
    ("status closed", "contract_years: 3", "contract_years: 3\nstatus: closed"),
    ("salary with a thousands separator", "salary: 7540.44", 'salary: "7,540.44"'),
    ("country name", "country: BE}", "country: Belgium}"),
    ("language level", "other: I}", "other: VII}"),
    ("http form", "apply_url: https://", "apply_url: http://"),
    ("internship field on a post", "contract_years: 3", "contract_years: 3\nduration_months: 6"),
    ("condition not a code", "contract_years: 3", "contract_years: 3\nconditions: [nationals only]"),
    ("conditions not a list", "contract_years: 3", "contract_years: 3\nconditions: nationality"),
    ("condition written twice", "contract_years: 3", "contract_years: 3\nconditions: [medical, medical]"),
]


@pytest.mark.parametrize(("slip", "old", "new"), VACANCY_SLIPS, ids=[s[0] for s in VACANCY_SLIPS])
def test_typical_slips_in_a_vacancy_are_refused_by_the_schema_and_by_check(
    slip: str, old: str, new: str, tmp_path: Path
) -> None:
    original = VACANCY_FILE.read_text("utf-8")
    assert old in original
    changed = original.replace(old, new, 1)
    assert messages("vacancy", changed), f"the schema accepts a {slip}"
    # `check` is the authority: what the schema refuses, it refuses too.
    content = tmp_path / "content"
    shutil.copytree(SITES / "basic", content)
    (content / "vacancies/100001/vacancy.yaml").write_text(changed, "utf-8")
    report = Report()
    assert validate_content(load_content(content, report), report) is None, f"check accepts a {slip}"


# (schema, the file it changes or "" for an empty one, the text as it was, the text as written)
OTHER_SLIPS = [
    ("page", "", "", "menu: yes\n"),
    ("page", "", "", "order: first\n"),
    ("page", "", "", "menus: true\n"),
    ("site", "site.yaml", "languages: [en, fr]", "languages: English"),
    ("site", "site.yaml", "timezone: Europe/Brussels", "timezone: CET+1 h"),
    ("salary-scale", "salary-scale.yaml", "G17: 7540.44", "G 17: 7540.44"),
    ("salary-scale", "salary-scale.yaml", "effective: 2024-01-01", "effective: January 2024"),
    ("salary-scale", "salary-scale.yaml", "period: month", "period: monthly"),
]


@pytest.mark.parametrize(
    ("name", "file", "old", "new"),
    OTHER_SLIPS,
    ids=["menu-yes", "order-word", "misspelt", "languages", "timezone", "grade", "effective", "period"],
)
def test_typical_slips_in_the_other_files_are_refused(name: str, file: str, old: str, new: str) -> None:
    original = (CONTENT / file).read_text("utf-8") if file else ""
    assert old in original
    assert messages(name, original.replace(old, new, 1))


def test_vs_code_maps_each_schema_to_its_files_and_recommends_the_yaml_extension() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    mapped: dict[Path, str] = {}
    for schema, globs in settings["yaml.schemas"].items():
        assert (ROOT / schema).is_file(), f".vscode/settings.json maps {schema}, which does not exist"
        for glob in globs:
            for path in ROOT.glob(glob):
                assert path not in mapped, f"{path} is mapped twice"
                mapped[path] = Path(schema).name.removesuffix(".schema.json")
    assert mapped == {path: schema_name(path) for path in shipped_files()}
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text("utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_what_new_writes_is_accepted(tmp_path: Path) -> None:
    content = Path(shutil.copytree(SITES / "basic", tmp_path / "content"))
    assert run_cli("new", "vacancy", "250001", "--content", str(content)).returncode == 0
    assert run_cli("new", "page", "benefits", "--content", str(content)).returncode == 0
    for path in (content / "vacancies/250001/vacancy.yaml", content / "pages/benefits/page.yaml"):
        assert messages(schema_name(path), path.read_text("utf-8")) == [], path


def test_schemas_replace_a_link_named_like_a_schema_and_never_write_through_it(tmp_path: Path) -> None:
    outside = tmp_path / "notes.txt"
    outside.write_text("an editor's notes\n", "utf-8")
    folder = tmp_path / "schemas"
    folder.mkdir()
    (folder / "vacancy.schema.json").symlink_to(outside)
    (folder / "page.schema.json").hardlink_to(outside)
    (folder / "site.schema.json").symlink_to(tmp_path / "missing.json")  # a link that leads nowhere
    (folder / "readme.txt").write_text("kept\n", "utf-8")
    result = run_cli("schemas", str(folder))
    assert result.returncode == 0, result.stderr
    assert outside.read_text("utf-8") == "an editor's notes\n"
    assert not (tmp_path / "missing.json").exists()
    made = {p.name: p.read_text("utf-8") for p in folder.iterdir() if p.name != "readme.txt"}
    assert made == schema_texts()
    assert not any(p.is_symlink() for p in folder.iterdir())
    assert (folder / "readme.txt").read_text("utf-8") == "kept\n"


def test_schemas_refuse_a_folder_named_like_a_schema(tmp_path: Path) -> None:
    folder = tmp_path / "schemas"
    (folder / "site.schema.json").mkdir(parents=True)
    with pytest.raises(UsageError, match=r"site\.schema\.json is a folder"):
        write_schemas(folder)
    assert list((folder / "site.schema.json").iterdir()) == []
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
