"""`multivector serve` listens on localhost unless told otherwise, and warns when told otherwise."""

from __future__ import annotations

from typer.testing import CliRunner

import multivector
from multivector.interfaces.cli import app
from multivector.store import Corpus

runner = CliRunner()


def _corpus(tmp_path):
    db = tmp_path / "c.db"
    with Corpus(db) as corpus:
        corpus.add(multivector.analyze("Kazakhstan and Uzbekistan are strategic partners, the analyst said."))
    return db


def test_serve_binds_localhost_by_default(tmp_path, monkeypatch):
    calls = {}
    monkeypatch.setattr("uvicorn.run", lambda app, host, port, **kw: calls.update(host=host, port=port))
    result = runner.invoke(app, ["serve", "--db", str(_corpus(tmp_path))])
    assert result.exit_code == 0, result.stderr
    assert calls == {"host": "127.0.0.1", "port": 8000}
    assert "warning" not in result.stderr


def test_serve_warns_when_listening_elsewhere(tmp_path, monkeypatch):
    monkeypatch.setattr("uvicorn.run", lambda app, host, port, **kw: None)
    result = runner.invoke(app, ["serve", "--db", str(_corpus(tmp_path)), "--host", "0.0.0.0"])
    assert result.exit_code == 0
    assert "warning: listening on 0.0.0.0" in result.stderr


def test_serve_refuses_a_file_that_is_not_a_corpus(tmp_path, monkeypatch):
    monkeypatch.setattr("uvicorn.run", lambda *a, **kw: None)
    bogus = tmp_path / "notes.db"
    bogus.write_text("not a database", encoding="utf-8")
    result = runner.invoke(app, ["serve", "--db", str(bogus)])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert bogus.read_text(encoding="utf-8") == "not a database"


def test_serve_on_a_busy_port_is_a_one_line_error(tmp_path, monkeypatch):
    import socket

    calls = []
    monkeypatch.setattr("uvicorn.run", lambda *a, **kw: calls.append(a))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(app, ["serve", "--db", str(_corpus(tmp_path)), "--port", str(port)])
    assert result.exit_code == 1 and calls == []
    lines = result.stderr.strip().splitlines()
    assert lines == [lines[0]] and lines[0].startswith(f"error cannot listen on 127.0.0.1:{port}: ")
    assert "serving" not in result.stderr and "Traceback" not in result.stderr
