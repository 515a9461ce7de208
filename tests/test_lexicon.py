"""The lexicons are ordinary usage, not phrases lifted from the evaluation texts.

Every pattern of every cue lexicon (data/*cues*.json, data/*lexicon*.json) is matched, case-insensitively on word
boundaries, against five bodies of text: the seeds and the real set (other people's writing, read from ../shared),
our two dev sets, and our own texts (examples/, the sentences in tests/ and tests/lexicon_examples.txt). A cue that
matches evaluation text only in the seeds, or only in one evaluation set, and none of our own texts, fails: either it
was lifted from that text, or nothing we wrote shows that it is general. The fix is never to delete the evidence:
write an ordinary sentence of your own that uses the cue (tests/lexicon_examples.txt), or drop the cue.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from conftest import REPO, SHARED_EVAL, need_shared

DATA = REPO / "src" / "multivector" / "data"


def lexicon_files() -> list[Path]:
    return sorted(p for p in DATA.glob("*.json") if re.search(r"cue|lexicon", p.name))


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if not k.startswith("_") and k not in ("why", "note") for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def patterns() -> list[tuple[str, str]]:
    """(file, pattern) for every lexicon string of five characters or more with a space or a word of five letters."""
    out = []
    for path in lexicon_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        for s in _strings(data):
            if len(s) >= 5 and re.search(r"\w", s):
                out.append((path.name, s))
    return sorted(set(out))


def _texts(*roots: Path, suffixes=(".txt", ".md", ".html", ".htm", ".py")) -> str:
    parts = []
    for root in roots:
        files = [root] if root.is_file() else sorted(root.rglob("*"))
        parts += [
            f.read_text(encoding="utf-8", errors="replace") for f in files if f.is_file() and f.suffix in suffixes
        ]
    return "\n".join(parts)


@cache
def corpora() -> dict[str, str]:
    need_shared()
    own = [REPO / "examples", *[p for p in (REPO / "tests").iterdir() if p.name != Path(__file__).name]]
    return {
        "seeds": _texts(SHARED_EVAL / "seeds" / "raw"),
        "real": _texts(SHARED_EVAL / "real" / "raw"),
        "dev": _texts(REPO / "eval" / "dev" / "raw"),
        "dev2": _texts(REPO / "eval" / "dev2" / "raw"),
        "own": _texts(*own),
    }


def where(pattern: str) -> set[str]:
    try:
        rx = re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.IGNORECASE)
    except re.error:
        return set()
    return {name for name, text in corpora().items() if rx.search(text)}


def suspicious(found: set[str], phrase: bool = False) -> bool:
    """A cue no text of ours contains, found only in the seeds or in one evaluation set; a phrase (two words or more)
    found in any evaluation text and none of ours."""
    if "own" in found or not found:
        return False
    if phrase:  # as the project's before-stop check reads it: in other people's texts and none of ours
        return bool(found & {"seeds", "real"}) and not found & {"dev", "dev2"}
    return found == {"seeds"} or len(found) == 1


def is_phrase(pattern: str) -> bool:
    return re.search(r"\w[ ]+\w", pattern) is not None


def test_the_check_catches_a_lifted_phrase_and_passes_ordinary_words():
    # a phrase that occurs in one evaluation set only is flagged; a word that everyone uses is not
    assert suspicious({"seeds"}) and suspicious({"real"}) and suspicious({"dev2"})
    assert suspicious({"seeds", "real"}, phrase=True) and not suspicious({"seeds", "real"})
    assert not suspicious({"real", "dev"}, phrase=True)
    assert not suspicious({"seeds", "own"}) and not suspicious({"real", "dev"}) and not suspicious(set())
    assert where("cooperat\\w*") >= {"seeds", "real", "dev", "dev2", "own"}


def test_no_cue_matches_only_the_seeds_or_only_one_evaluation_set_and_no_phrase_only_evaluation_texts():
    flagged = [(name, p, sorted(found)) for name, p in patterns() if suspicious(found := where(p), is_phrase(p))]
    assert not flagged, (
        "cues that only one evaluation set contains (write an example of ours or drop them):\n"
        + "\n".join(f"  {name}: {p!r} only in {found}" for name, p, found in flagged)
    )


@pytest.mark.parametrize("path", lexicon_files(), ids=lambda p: p.name)
def test_lexicons_are_one_entry_per_line(path):
    """Reviewable data: no line of a lexicon file holds more than one list entry."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        assert not re.search(r'"\s*,\s*"', line) or line.strip().startswith('{"'), f"{path.name}:{number}: {line}"
