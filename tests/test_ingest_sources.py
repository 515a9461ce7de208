"""Directory walks take articles: project files and hidden files are skipped with a reason; exclude globs."""

from __future__ import annotations

from pathlib import Path

from multivector.ingest import Skipped, iter_sources, select_sources
from multivector.ingest.sources import is_project_file


def test_project_files_by_name() -> None:
    for name in ("README", "README.md", "readme.txt", "LICENSE", "LICENCE.md", "CHANGELOG.md", "CONTRIBUTING.md",
                 "CODE_OF_CONDUCT.md", "AUTHORS.txt", "NEWS", "requirements.txt", "robots.txt"):  # fmt: skip
        assert is_project_file(name), name
    for name in ("news.txt", "kazakhstan-readmission.txt", "history-of-the-csto.md", "licensed-mines.html"):
        assert not is_project_file(name), name


def test_walk_yields_skipped_items_and_select_sets_them_aside(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "README.md").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "b.txt").write_text("x")
    items = list(iter_sources([tmp_path, "https://example.org/drafts/c"]))
    assert any(isinstance(i, Skipped) for i in items) and "https://example.org/drafts/c" in items
    sources, skipped = select_sources(items, ["old", "https://example.org/drafts/*"])
    assert sources == [tmp_path / "a.txt"]
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert "project file" in reasons["README.md"] and reasons[".hidden.txt"] == "hidden file"
    assert reasons["b.txt"] == "excluded by --exclude old"
    assert reasons["c"] == "excluded by --exclude https://example.org/drafts/*"


def test_select_sources_keeps_errors_and_accepts_plain_lists() -> None:
    from multivector.errors import IngestError

    error = IngestError("x.txt", "no such file")
    sources, skipped = select_sources([Path("a.txt"), error], ["zzz"])
    assert sources == [Path("a.txt"), error] and skipped == []
