"""The analysis commands (balance, discourse, changes, claims) print article text through the shared console
helpers: evidence and names cannot act as rich markup or as terminal controls, errors are one line."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
import typer
from rich.console import Console

from multivector.interfaces import cli_analysis


def _printed(text: str) -> str:
    out = io.StringIO()
    Console(file=out, width=400, color_system=None).print(text, highlight=False)
    return out.getvalue()


def test_quoted_evidence_is_shown_as_written_and_inert():
    record = SimpleNamespace(
        published="2024-05-01", document_id="abc123",
        evidence="Russia [bold]pressures[/bold] Kazakhstan \x1b[2J over [link=http://x]transit[/link]\nagain.",
    )  # fmt: skip
    shown = _printed(cli_analysis._quote(record))
    assert "[bold]pressures[/bold]" in shown and "[link=http://x]transit[/link]" in shown
    assert "\x1b" not in shown
    assert shown.count("\n") == 1  # one line per claim
    assert "2024-05-01" in shown and "(abc123)" in shown


def test_errors_go_through_console_fail(capsys):
    with pytest.raises(typer.Exit) as exit_info:
        cli_analysis.fail("unknown actor '[red]x\x1b[0m'\nsecond line", 2)
    assert exit_info.value.exit_code == 2
    err = capsys.readouterr().err
    assert err.startswith("error ") and "[red]x" in err and "\x1b[0m" not in err and err.count("\n") == 1
    assert cli_analysis.fail is __import__("multivector.interfaces.console", fromlist=["fail"]).fail
