"""The self-contained report: one file, no external URL, data embedded inertly, article text escaped."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from multivector.interfaces.report import safe_json
from multivector.records import Actor, Analysis, Relation, Speaker, Stance, document_id
from multivector.store import Corpus

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def hostile() -> Analysis:
    body = "Russia and Kazakhstan trade </script><script>window.pwned=1</script> & argue <img src=x onerror=alert(1)>."
    span = [0, len(body)]
    return Analysis(
        id=document_id(body), source="x", language="en", title="</script><script>alert(1)</script>",
        published="2024-01-02", outlet=None, authors=[], speakers=[Speaker("Ann <b>Bold</b>")], body=body,
        actors=[Actor("RUS", "Russia", "state", 1), Actor("KAZ", "Kazakhstan", "state", 1)],
        relation_mentions=[Relation("RUS", "KAZ", "trade", "+", 0.5, "asserted", body, span)],
        relations=[Relation("RUS", "KAZ", "trade", "+", 0.5, "asserted", body, span)],
        stances=[Stance("Ann <b>Bold</b>", "RUS", "-", body, span)],
    )  # fmt: skip


@pytest.fixture(scope="module")
def report_html(tmp_path_factory) -> str:
    from multivector.interfaces.cli import app
    from multivector.pipeline import analyze

    folder = tmp_path_factory.mktemp("report")
    with Corpus(folder / "c.db") as corpus:
        for source in sorted(EXAMPLES.iterdir()):
            corpus.add(analyze(source))
        corpus.add(hostile())
    out = folder / "report.html"
    result = CliRunner().invoke(app, ["report", "--db", str(folder / "c.db"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith("c.db")) == ["report.html"]
    return out.read_text(encoding="utf-8")


def test_report_is_self_contained(report_html):
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", report_html)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", report_html)
    assert '<link rel="stylesheet"' not in report_html
    scripts = re.findall(r"<script([^>]*)>", report_html)
    assert scripts and all("src=" not in attributes for attributes in scripts)
    assert "MVNetwork" in report_html and ".heatmap" in report_html


def test_embedded_data_is_inert_and_complete(report_html):
    match = re.search(r'<script type="application/json" id="mv-data">(.*?)</script>', report_html, re.S)
    raw = match.group(1)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    data = json.loads(raw)
    assert {n["id"] for n in data["graph"]["nodes"]} >= {"RUS", "KAZ"}
    key = "KAZ|RUS"
    assert any("window.pwned=1" in row["evidence"] for row in data["evidence"][key])
    assert all(f"{e['source']}|{e['target']}" in data["evidence"] for e in data["graph"]["edges"])


def test_article_text_is_escaped_in_the_report(report_html):
    assert report_html.count("<script") == 4  # the JSON block and three inlined scripts, nothing from articles
    assert "<img src=x" not in report_html and "<b>Bold</b>" not in report_html
    assert html.escape("</script><script>alert(1)</script>", quote=False) in report_html


def test_report_shows_matrix_timeline_and_top_relations(report_html):
    assert 'id="matrix"' in report_html and "Ann &lt;b&gt;Bold&lt;/b&gt;" in report_html
    assert '<svg class="timeline"' in report_html and 'class="mark event"' in report_html
    assert report_html.count('class="evidence"') >= 3


def test_safe_json_escapes_markup_characters():
    text = safe_json({"a": "</script>&<!--"})
    assert text == '{"a":"\\u003c/script\\u003e\\u0026\\u003c!--"}'
    assert json.loads(text) == {"a": "</script>&<!--"}


def test_report_has_a_balance_section_with_escaped_evidence(report_html):
    section = re.search(r'<section class="report" id="balance">(.*?)</section>', report_html, re.S).group(1)
    states = re.findall(r'class="centre-evidence report-balance" id="balance-([A-Z_]+)"', section)
    assert 3 <= len(states) <= 5 and "RUS" in states  # the most-mentioned states, most first
    assert re.search(r'<blockquote class="evidence">.*?<a href="#doc-[0-9a-f]+">', section)  # linked evidence
    assert "<img" not in section and "<b>" not in section and 'id="camps"' in report_html


def test_report_balance_and_camps_recover_the_planted_truth(tmp_path):
    from multivector.interfaces.report import report_data, write_report
    from synthetic_truth import TRUTH, corpus_path

    with Corpus(corpus_path(), readonly=True) as corpus:
        data = report_data(corpus)
        out = write_report(corpus, tmp_path / "truth.html")
    balances = {b["actor"]: b for b in data["balances"]}
    kaz = balances["KAZ"]["overall"]
    assert kaz["leaning"] == "CHN" and kaz["index"] == pytest.approx(0.78, abs=0.01)
    planted = sorted(sorted(n for n, c in TRUTH["camps"].items() if c == k) for k in (0, 1))
    assert sorted(data["discourse"]["camps"]) == planted
    text = out.read_text(encoding="utf-8")
    assert 'id="balance-KAZ"' in text and "balance index 0.78 · leaning CHN" in text
    for camp in planted:
        assert ", ".join(camp) in text
