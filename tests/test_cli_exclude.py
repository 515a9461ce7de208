"""`analyze` and `ingest` on a directory take its articles: a project's README, LICENSE and CHANGELOG and hidden
files are skipped and listed, and `--exclude GLOB` leaves out more (a name, a path's end or a folder)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from multivector.interfaces.cli import app

runner = CliRunner()

ARTICLE = (
    "Kazakhstan and Uzbekistan signed an agreement on water sharing in the Syr Darya basin on Monday, "
    "the two foreign ministries said in a joint statement.\n\n"
    "The agreement sets quotas for the summer season and creates a joint commission to monitor the river.\n"
)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    root = tmp_path / "scrapes"
    (root / "drafts").mkdir(parents=True)
    (root / ".cache").mkdir()
    (root / "water.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "drafts" / "water-draft.txt").write_text(ARTICLE, encoding="utf-8")
    (root / ".cache" / "old.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "README.md").write_text("# Scrapes\n\nHow these files were collected and by whom, in detail.\n")
    (root / "LICENSE").write_text("MIT License\n")
    (root / "LICENSE.txt").write_text("MIT License. Permission is hereby granted, free of charge, to any person.\n")
    (root / "CHANGELOG.md").write_text("## 1.0\n\n- Added the first scrapes of the water agreements today.\n")
    return root


def test_analyze_skips_and_lists_project_files(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(project), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["water-draft.json", "water.json"]
    for name in ("README.md", "LICENSE.txt", "CHANGELOG.md", ".cache"):
        assert f"skipped {project / name}" in result.stderr.replace("\n", "")
    assert "analysed 2, failed 0" in result.stderr


def test_exclude_glob_on_a_folder_a_name_and_a_path_end(project: Path, tmp_path: Path) -> None:
    for glob in ("drafts", "*-draft.txt", "drafts/*.txt"):
        out = tmp_path / f"out-{glob.replace('/', '_').replace('*', 'x')}"
        result = runner.invoke(app, ["analyze", str(project), "--out", str(out), "--exclude", glob])
        assert result.exit_code == 0, result.stderr
        assert [p.name for p in out.iterdir()] == ["water.json"]
        assert f"excluded by --exclude {glob}" in result.stderr


def test_a_file_named_on_the_command_line_is_taken(project: Path) -> None:
    readme = project / "notes.txt"
    readme.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(readme)])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["body"].startswith("Kazakhstan and Uzbekistan signed")


def test_ingest_takes_exclude_too(project: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    result = runner.invoke(app, ["ingest", str(project), "--db", str(db), "-x", "drafts"])
    assert result.exit_code == 0, result.stderr
    assert "stored 1, already present 0, failed 0" in result.stderr
    assert "skipped" in result.stderr and "README.md" in result.stderr


def test_only_project_files_is_no_inputs(tmp_path: Path) -> None:
    (tmp_path / "README.txt").write_text("About this folder: it holds nothing but this note for the team.\n")
    result = runner.invoke(app, ["analyze", str(tmp_path)])
    assert result.exit_code == 1
    assert "no inputs found" in result.stderr and "README.txt" in result.stderr
