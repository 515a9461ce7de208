"""`multivector analyze` on batches with bad inputs: every input gets an analysis or a one-line error naming it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from multivector.interfaces.cli import app

runner = CliRunner()

GOOD = (
    "Steppe Herald talks to Aru Bekova, a political scientist in Almaty.\n\n"
    "- How do you see relations between Kazakhstan and Uzbekistan?\n\n"
    "- Kazakhstan and Uzbekistan are strategic partners, and trade between them grew by 20% in 2023.\n"
)


@pytest.fixture()
def batch(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "good.txt").write_text(GOOD, encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "blank.txt").write_text("  \n\n \t\n", encoding="utf-8")
    (src / "scan.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" + bytes(range(256)))
    (src / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (src / "archive.md").write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    (src / "russian.txt").write_bytes(
        "Казахстан и Узбекистан — стратегические партнёры, заявил эксперт в интервью агентству.".encode("cp1251")
    )
    (src / "latin1.txt").write_bytes(
        "Kazakhstan and Türkiye are partners, said the analyst in Zürich.".encode("latin-1")
    )
    (src / "utf16.txt").write_bytes("Kazakhstan and Georgia signed a transit agreement in 2024.".encode("utf-16"))
    (src / "nav.html").write_text("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>")
    (src / "deep.html").write_text(
        "<html><body>"
        + "<div>" * 20000
        + "<p>Kazakhstan and China expanded trade and transit cooperation.</p>"
        + "</div>" * 20000
        + "</body></html>"
    )
    (src / "runon.txt").write_text("Kazakhstan trade " * 400_000, encoding="utf-8")  # one 6.8 MB line
    (src / "sub" / "loop").symlink_to(src, target_is_directory=True)
    return src


def test_a_batch_goes_on_past_bad_inputs_and_reports_each(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(batch), "--out", str(out)])
    assert result.exit_code == 1  # something failed
    errors = [line for line in result.stderr.splitlines() if line.startswith("error ")]
    reasons = " ".join(errors)
    for name, reason in {
        "empty.txt": "empty",
        "blank.txt": "empty",
        "scan.txt": "binary",
        "image.html": "binary",
        "archive.md": "binary",
        "nav.html": "no article text",
        "runon.txt": "too long",
    }.items():
        assert any(name in line and reason in line for line in errors), (name, reasons)
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    written = {p.stem for p in out.glob("*.json")}
    assert {"good", "russian", "latin1", "utf16", "deep"} <= written
    assert "analysed " in result.stderr and "failed " in result.stderr


def test_wrong_encodings_are_decoded_not_mangled(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    runner.invoke(app, ["analyze", str(batch / "russian.txt"), str(batch / "latin1.txt"), "--out", str(out)])
    russian = json.loads((out / "russian.json").read_text(encoding="utf-8"))
    assert "стратегические партнёры" in russian["body"] and russian["language"] == "ru"
    latin1 = json.loads((out / "latin1.json").read_text(encoding="utf-8"))
    assert "Türkiye" in latin1["body"] and "Zürich" in latin1["body"]


def test_one_input_prints_json_and_several_print_json_lines(batch: Path) -> None:
    one = runner.invoke(app, ["analyze", str(batch / "good.txt")])
    assert one.exit_code == 0
    data = json.loads(one.stdout)
    assert {"KAZ", "UZB"} <= {a["id"] for a in data["actors"]}
    two = runner.invoke(app, ["analyze", str(batch / "good.txt"), str(batch / "utf16.txt")])
    lines = [json.loads(line) for line in two.stdout.splitlines() if line.strip()]
    assert len(lines) == 2 and two.exit_code == 0


def test_missing_path_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "nope.txt" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(GOOD, encoding="utf-8")
    secret.chmod(0)
    result = runner.invoke(app, ["analyze", str(secret)])
    assert result.exit_code == 1 and "secret.txt" in result.stderr


def test_debug_shows_the_traceback_of_an_internal_error(monkeypatch, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("multivector.pipeline.analyze_document", broken)
    quiet = runner.invoke(app, ["analyze", str(path)])
    assert quiet.exit_code == 1 and "boom" in quiet.stderr and "Traceback" not in quiet.stderr
    loud = runner.invoke(app, ["analyze", str(path), "--debug"])
    assert "Traceback" in loud.stderr


def test_the_warm_up_does_not_load_language_profiles_an_english_corpus_never_uses():
    """Start-up is serial before the workers fork: the warm-up analysis must not pay for langdetect."""
    import subprocess
    import sys

    code = "import sys; from multivector import pipeline; pipeline._worker_init(); print('langdetect' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
