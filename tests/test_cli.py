"""The command line as editors and CI use it: messages, exit codes, no traceback."""

from __future__ import annotations

from pathlib import Path

from conftest import SITES, copy_site, run_cli


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), "utf-8")


def test_every_problem_of_the_tree_is_reported_in_one_run(tmp_path: Path) -> None:
    content = copy_site("basic", tmp_path)
    _replace(
        content / "vacancies/100001/vacancy.yaml", "deadline: 2024-07-10T23:59", 'deadline: "next Friday"'
    )
    _replace(content / "vacancies/100002/vacancy.yaml", "division: PDD", "division: PPD")
    _replace(
        content / "vacancies/100003/vacancy.yaml", "schedule: full-time", "schedule: full-time\nsalery: 1"
    )
    result = run_cli(
        "build", "--content", str(content), "--output", str(tmp_path / "out"), "--now", "2024-11-01"
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert (
        f'{content}/vacancies/100001/vacancy.yaml:9: deadline: "next Friday" is not a date-time; '
        "write it like 2024-11-10T23:59"
    ) in lines
    assert any(
        line.startswith(f'{content}/vacancies/100002/vacancy.yaml:3: division: "PPD" is not one of OPS, PDD')
        and "did you mean 'PDD'?" in line
        for line in lines
    )
    assert any(
        line.startswith(f"{content}/vacancies/100003/vacancy.yaml:6: unknown key salery")
        and "'salary'" in line
        for line in lines
    )
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_paths_are_shown_relative_to_the_working_folder(tmp_path: Path) -> None:
    content = copy_site("basic", tmp_path)
    _replace(content / "vacancies/100001/vacancy.yaml", "grade: G17", "grade: G71")
    result = run_cli("check", "--content", "content-basic", "--now", "2024-11-01", cwd=tmp_path)
    assert result.returncode == 1
    assert (
        'content-basic/vacancies/100001/vacancy.yaml:2: grade: "G71" is not a grade of the salary scale; '
        "did you mean 'G17'?" in result.stderr
    )


def test_a_failed_build_leaves_the_previous_output_untouched(tmp_path: Path) -> None:
    content = copy_site("basic", tmp_path)
    output = tmp_path / "out"
    assert (
        run_cli("build", "--content", str(content), "--output", str(output), "--now", "2024-11-01").returncode
        == 0
    )
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    _replace(content / "vacancies/100002/en.md", "title: Winter Assistant", "titel: Winter Assistant")
    result = run_cli("build", "--content", str(content), "--output", str(output), "--now", "2024-12-01")
    assert result.returncode == 1
    assert "en.md:2: unknown key titel; did you mean 'title'?" in result.stderr
    assert "was not changed" in result.stderr
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []


def test_check_writes_nothing_and_reports_translations(tmp_path: Path) -> None:
    result = run_cli("check", "--content", str(SITES / "basic"), "--now", "2024-11-01", cwd=tmp_path)
    assert result.returncode == 0
    assert "vacancy 100003: en; missing: fr" in result.stdout
    assert "vacancy 100002: en, fr" in result.stdout
    assert list(tmp_path.iterdir()) == []
    strict = run_cli(
        "check", "--strict", "--content", str(SITES / "basic"), "--now", "2024-11-01", cwd=tmp_path
    )
    assert strict.returncode == 1


def test_usage_mistakes_exit_with_2(tmp_path: Path) -> None:
    bad_now = run_cli(
        "build", "--now", "next week", "--content", str(SITES / "basic"), "--output", str(tmp_path / "o")
    )
    assert bad_now.returncode == 2 and "--now" in bad_now.stderr and "Traceback" not in bad_now.stderr
    bad_epoch = run_cli("check", "--content", str(SITES / "basic"), env={"SOURCE_DATE_EPOCH": "soon"})
    assert bad_epoch.returncode == 2 and "SOURCE_DATE_EPOCH" in bad_epoch.stderr
    assert run_cli("publish").returncode == 2


def test_a_missing_content_folder_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    result = run_cli("build", "--content", str(tmp_path / "nowhere"), "--output", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "nowhere: the content folder does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_source_date_epoch_sets_the_clock(tmp_path: Path) -> None:
    # 2024-07-10T21:59:00Z is the summer deadline of 100001 (23:59 in Brussels).
    for epoch, closed in (("1720648739", False), ("1720648740", True)):
        output = tmp_path / epoch
        result = run_cli(
            "build",
            "--content",
            str(SITES / "basic"),
            "--output",
            str(output),
            env={"SOURCE_DATE_EPOCH": epoch},
        )
        assert result.returncode == 0, result.stderr
        html = (output / "en/vacancies/100001/index.html").read_text()
        assert ("This vacancy is closed" in html) is closed
