"""A synthetic corpus with a planted truth, for the analysis tests (balance, discourse, changes, claims).

Articles are written here, in our own templated sentences, dated over eight quarters (2023-Q1 .. 2024-Q4, eight
articles each), and go through the whole chain: ``multivector.pipeline.analyze`` reads each text (title, byline,
date line, body) and ``Corpus.add`` stores it. The tests then check that the analysis commands recover what was
planted (:data:`TRUTH`), not hand-made records.

What is planted:

- balance: every article holds exactly one sentence "Kazakhstan signed a new cooperation agreement with X" (the same
  construction, so every such claim gets the same confidence). In 2023 X follows PLAN[0] (Russia five times in
  eight), in 2024 PLAN[1] (China five times in eight): overall shares RUS 0.375, CHN 0.375, WEST 0.125, TUR 0.125,
  IRN 0. Kazakhstan and Iran only appear in hypothetical (2023) and negated (2024) sentences, counted apart.
- shift: in 2024 three articles a quarter say that Russia put pressure on Kazakhstan: the pair's net polarity turns
  from + to - in 2024-Q1. The expert Aigerim Bekova calls Russia a reliable partner each quarter of 2023 and a
  growing threat each quarter of 2024: her stance turns in 2024-Q1 too.
- camps: three experts (camp A) call China a reliable partner, three (camp B) call it a growing threat; all six call
  Turkey a reliable partner.
- claims: two sources cite trade between Uzbekistan and China in 2023 as $31.5 and $25.2 billion (a conflict);
  $26.4 and "about $26" billion for Uzbekistan and Russia, 2.8 and 2.76 million tonnes of Middle Corridor freight and
  twice the same $40 billion forecast agree within rounding; one article makes Turkmenistan a CSTO member.
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

QUARTERS = [f"{year}-Q{q}" for year in (2023, 2024) for q in (1, 2, 3, 4)]
PER_QUARTER = 8
_MONTHS = "January February March April May June July August September October November December".split()

#: Cooperation partner of Kazakhstan per article slot: 2023, 2024.
PLAN = (
    ["RUS", "RUS", "CHN", "RUS", "WEST", "RUS", "TUR", "RUS"],
    ["CHN", "CHN", "RUS", "CHN", "WEST", "CHN", "TUR", "CHN"],
)
_PARTNER = {"RUS": "Russia", "CHN": "China", "TUR": "Turkey"}
_WESTERN = ("the European Union", "the United States")
PRESSURE_SLOTS = (1, 3, 5)  # in 2024: "Russia put pressure on Kazakhstan"

CAMP_A = ["Aigerim Bekova", "Nurlan Sadykov", "Madina Ermekova"]
CAMP_B = ["Daniyar Omarov", "Timur Zhakenov", "Gulnara Iskakova"]
_ROLES = {
    "Aigerim Bekova": "an analyst at the Steppe Policy Institute",
    "Nurlan Sadykov": "a political scientist",
    "Madina Ermekova": "an economist at the Caspian Research Centre",
    "Daniyar Omarov": "a senior fellow at the Eurasia Forum",
    "Timur Zhakenov": "a political analyst",
    "Gulnara Iskakova": "a professor of international relations",
}
SHIFTING_EXPERT = "Aigerim Bekova"

#: Figures: (article number, sentence).
FIGURES = {
    10: "Trade between Uzbekistan and China reached $31.5 billion in 2023.",
    45: "Trade between Uzbekistan and China reached $25.2 billion in 2023.",
    12: "Trade between Uzbekistan and Russia reached $26.4 billion in 2023.",
    50: "Trade between Uzbekistan and Russia reached about $26 billion in 2023.",
    20: "Freight on the Middle Corridor reached 2.8 million tonnes in 2023.",
    52: "Freight on the Middle Corridor reached 2.76 million tonnes in 2023.",
    30: "Trade between Uzbekistan and China is expected to reach $40 billion in 2025.",
    60: "Trade between Uzbekistan and China is expected to reach $40 billion in 2025.",
}
MEMBERSHIP = {33: "Turkmenistan is a member of the CSTO."}

_FILLER = [
    "The weather in the capital was mild for the season.",
    "Officials met in a long session that ran late into the evening.",
    "The conference closed with a reception for the delegations.",
]


def _planted_shares() -> dict[str, float]:
    counts: dict[str, int] = {}
    for half in PLAN:
        for centre in half:
            counts[centre] = counts.get(centre, 0) + 4  # four quarters a year
    total = sum(counts.values())
    return {centre: counts.get(centre, 0) / total for centre in ("RUS", "CHN", "WEST", "TUR", "IRN")}


#: What the tests must recover.
TRUTH = {
    "actor": "KAZ",
    "shares": _planted_shares(),
    "leaning_by_quarter": {q: ("RUS" if q.startswith("2023") else "CHN") for q in QUARTERS},
    "shift_pair": ("KAZ", "RUS"),
    "shift_quarter": "2024-Q1",
    "shift_expert": (SHIFTING_EXPERT, "RUS"),
    "camps": {name: 0 for name in CAMP_A} | {name: 1 for name in CAMP_B},
    "camp_actor": "CHN",
    "conflicting_figures": {FIGURES[10], FIGURES[45]},
    "contradicted_membership": ("TKM", "CSTO"),
}


def _quote(name: str, claim: str) -> str:
    return f"{name}, {_ROLES[name]}, said {claim}."


def article(n: int) -> str:
    """The text of article n (0 .. 63): headline, byline, date line and body."""
    quarter, slot = divmod(n, PER_QUARTER)
    year = 2023 + quarter // 4
    month = 3 * (quarter % 4) + slot % 3
    half = quarter // 4
    centre = PLAN[half][slot]
    partner = _WESTERN[quarter % 2] if centre == "WEST" else _PARTNER[centre]
    body = [f"Kazakhstan signed a new cooperation agreement with {partner}."]
    if half == 1 and slot in PRESSURE_SLOTS:
        body.append("Russia put pressure on Kazakhstan over grain exports.")
    if slot == 6:
        body.append(
            "Kazakhstan could sign a cooperation agreement with Iran."
            if half == 0
            else "Kazakhstan did not sign a cooperation agreement with Iran."
        )
    body.append(_quote(CAMP_A[n % 3], "China was a reliable partner"))
    body.append(_quote(CAMP_B[(n + 1) % 3], "China was a growing threat"))
    if n % 2 == 0:
        body.append(_quote((CAMP_A + CAMP_B)[n // 2 % 6], "Turkey was a reliable partner"))
    if slot == 0:
        claim = "Russia was a reliable partner" if half == 0 else "Russia was a growing threat"
        body.append(_quote(SHIFTING_EXPERT, claim))
    for extra in (FIGURES.get(n), MEMBERSHIP.get(n)):
        if extra:
            body.append(extra)
    body.append(_FILLER[n % len(_FILLER)])
    date = f"{5 + slot} {_MONTHS[month]} {year}"
    body.append(f"The meeting was held on {date}.")  # no two bodies alike (the corpus keys documents by body)
    return f"Regional notes {n}\n\nBy Staff Writer\n{date}\n\n" + "\n".join(body) + "\n"


def articles() -> list[str]:
    return [article(n) for n in range(len(QUARTERS) * PER_QUARTER)]


@cache
def corpus_path() -> Path:
    """A corpus of every article, analysed by the real pipeline; built once per test session."""
    from multivector.pipeline import analyze
    from multivector.store import Corpus

    path = Path(tempfile.mkdtemp(prefix="mv-truth-")) / "truth.db"
    with Corpus(path) as corpus:
        for text in articles():
            corpus.add(analyze(text))
    return path


def adjusted_rand_index(truth: dict[str, int], found: dict[str, int]) -> float:
    """Hubert and Arabie's adjusted Rand index of two labellings of the same items (1 identical, ~0 random)."""
    items = sorted(truth)
    pairs = {}
    for item in items:
        key = (truth[item], found.get(item, -1))
        pairs[key] = pairs.get(key, 0) + 1
    rows: dict[int, int] = {}
    cols: dict[int, int] = {}
    for (r, c), count in pairs.items():
        rows[r] = rows.get(r, 0) + count
        cols[c] = cols.get(c, 0) + count

    def choose2(k: int) -> float:
        return k * (k - 1) / 2

    index = sum(choose2(v) for v in pairs.values())
    row_sum = sum(choose2(v) for v in rows.values())
    col_sum = sum(choose2(v) for v in cols.values())
    expected = row_sum * col_sum / choose2(len(items))
    maximum = (row_sum + col_sum) / 2
    return 1.0 if maximum == expected else (index - expected) / (maximum - expected)
