"""A reproducible corpus of article-like pages for the benchmarks: N text files, nothing repeated verbatim.

Contract: ``build_corpus(directory, count, seed=0)`` writes ``count`` ``.txt`` pages into ``directory`` and returns
their paths. The pages look like what the scrapers bring in: a menu line, headline, dateline, byline, an interview
(question/answer turns) or an analysis (paragraphs with quotes), then a "Read also" block of other headlines. Every
page draws its own people, actors, dates and numbers from a seeded random generator, so two pages are never the
same text and no cache (spaCy's, ours) can make a repeated page cheap. When the evaluation seeds are available
(``../shared/eval/seeds/raw``), every ``SEED_EVERY``-th page is one of them with its years shifted, so real scrapes
are part of the mix. The same ``count`` and ``seed`` always give the same files.

    python benchmarks/corpus.py DIR COUNT [--short]
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

SEED_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "seeds" / "raw"
SEED_EVERY = 10

# Name parts that sound like the region's names; combined at random, so the people are different on every page.
FIRST = (
    "Aibek Dilnoza Timur Gulnara Rustam Nargiza Arman Saule Bakhyt Zarina Elchin Leyla Giorgi Nino Aram Anahit "
    "Batbayar Oyun Farrukh Madina Ilkin Sevinch Daniyar Aigerim Levan Tamar Suren Lusine Erlan Kamila"
).split()
SURNAME_ROOTS = (
    "Karim Nur Tash Abdu Sarsen Ormon Zhaksy Mamed Gasan Beridz Kapan Grigor Bat Tsend Rakhim Yusup Aliyev Kural "
    "Tokt Ermek Sultan Bekmur Kadyr Asan Jumab Khojib Ismail Davit Harut Gantum"
).split()
SURNAME_ENDINGS = ("ov", "ova", "ev", "eva", "bekov", "uly", "yan", "shvili", "dze", "zade", "li", "baatar", "iev")
ROLES = (
    "senior fellow at the {inst}",
    "director of the {inst}",
    "a political analyst and associate professor at {univ}",
    "head of the foreign policy department at the {inst}",
    "an economist and board member of the {inst}",
)
INSTITUTES = (
    "Institute for Regional Security Studies",
    "Centre for Strategic Research",
    "Eurasian Policy Forum",
    "Caspian Analytical Centre",
    "Foundation for Economic Dialogue",
    "Council on Foreign Relations of the Steppe",
)
UNIVERSITIES = ("the State University of Economics", "the National University", "the Diplomatic Academy")
OUTLETS = ("Central Asia Monitor", "Caucasus Wire", "Steppe Review", "Silk Road Dispatch", "Eurasia Daily Brief")
CITIES = ("Tashkent", "Bishkek", "Baku", "Tbilisi", "Yerevan", "Ulaanbaatar", "Astana", "Almaty", "Dushanbe")
STATES = (
    "Uzbekistan Kazakhstan Kyrgyzstan Tajikistan Turkmenistan Azerbaijan Georgia Armenia Mongolia Russia China Iran "
    "Turkey India Pakistan Afghanistan Japan"
).split() + ["the United States", "South Korea", "the United Kingdom", "France", "Germany"]
GROUPS = (
    "the European Union",
    "the EU",
    "the SCO",
    "the CSTO",
    "the Eurasian Economic Union",
    "the Organization of Turkic States",
    "NATO",
    "the United Nations",
    "the CIS",
    "the World Bank",
    "the Asian Development Bank",
    "the West",
    "Central Asia",
    "the South Caucasus",
)
PROJECTS = (
    "the Middle Corridor",
    "the Trans-Caspian International Transport Route",
    "the Belt and Road Initiative",
    "the North-South Transport Corridor",
    "the China-Kyrgyzstan-Uzbekistan railway",
    "the Baku-Tbilisi-Kars railway",
)
MONTHS = "January February March April May June July August September October November December".split()

QUESTIONS = (
    "How do you assess the current state of relations between {A} and {B}?",
    "What does {A} expect from {G}?",
    "Does {B} see this as a threat?",
    "What role will {P} play for {A} in the coming years?",
    "Why has trade with {B} grown so quickly?",
    "How should {A} respond to pressure from {B}?",
    "Is {G} still relevant for the region?",
)
SENTENCES = (
    "Relations between {A} and {B} have never been better, and trade between them reached {MONEY} in {Y}.",
    "{A} remains an important economic partner for {B}, but {A2} does not want confrontation with anyone.",
    "{A} and {B} coordinate their positions within {G}, and both capitals support {P}.",
    "Freight along {P} grew by {PCT} in {Y}, and {G} expects volumes to triple by {Y2}.",
    "{A} is the largest investor in the economy of {B}, with projects worth {MONEY} signed on {DATE}.",
    "The construction of {P}, which began in {MONTH} {Y}, will shorten the route to Europe by {KM}.",
    "On {DATE}, the presidents of {A} and {B} signed a strategic partnership agreement in {CITY}.",
    "{A} criticised {B} for its decision to raise tariffs by {PCT}, calling it a hostile step.",
    "{A} and {B} held joint military exercises near the border in {MONTH} {Y}.",
    "Sanctions against {B} have pushed {A} to look for alternative routes to the sea.",
    "According to {NAME}, the share of {A} in the foreign trade of {B} fell to {PCT} last year.",
    "{A} is interested in cooperation with {G}, but it will not join any military bloc.",
    "The dispute between {A} and {B} over water resources has not been settled since {Y}.",
    "Investors from {A} have put {MONEY} into the energy sector of {B} over the past {SMALL} years.",
    "Around {COUNT} trucks cross the border between {A} and {B} every day, twice as many as in {Y}.",
    "{A} will host the summit of {G} on {DATE}, where leaders will discuss {P}.",
    "Some observers believe that {A} is trying to replace {B} as the main security partner of the region.",
    "Our country pursues a multi-vector foreign policy and keeps good relations with {A}, {B} and {G}.",
    "At the same time, we cannot depend on a single route, and {P} gives us a choice.",
    "The debt of {B} to {A} exceeds {MONEY}, which worries many economists in {CITY}.",
)
HEADLINES = (
    "{A} and {B} complete border demarcation",
    "{A} hosts gas forum",
    "{G} ministers meet in {CITY}",
    "New cargo train links {A} and {B}",
    "{A} raises wheat exports to {B}",
    "Experts discuss the future of {P}",
)


class _Page:
    """Random choices for one page: its own people, actors, dates and numbers."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.year = rng.randint(2016, 2026)
        self.month = rng.randint(1, 12)
        self.day = rng.randint(1, 28)
        self.states = rng.sample(STATES, 6)

    def person(self) -> str:
        rng = self.rng
        return f"{rng.choice(FIRST)} {rng.choice(SURNAME_ROOTS)}{rng.choice(SURNAME_ENDINGS)}"

    def fill(self, template: str) -> str:
        rng = self.rng
        a, b = rng.sample(self.states, 2)
        values = {
            "A": a,
            "A2": a,
            "B": b,
            "G": rng.choice(GROUPS),
            "P": rng.choice(PROJECTS),
            "CITY": rng.choice(CITIES),
            "NAME": self.person(),
            "Y": str(self.year - rng.randint(0, 6)),
            "Y2": str(self.year + rng.randint(2, 10)),
            "MONTH": rng.choice(MONTHS),
            "DATE": f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {self.year - rng.randint(0, 3)}",
            "PCT": f"{rng.randint(2, 95)}%",
            "MONEY": rng.choice(("${:.1f} billion", "${} million", "€{} million")).format(
                round(rng.uniform(1, 40), 1) if rng.random() < 0.5 else rng.randint(50, 900)
            ),
            "KM": f"{rng.randint(80, 1500)} km",
            "SMALL": rng.choice(("two", "three", "five", "ten")),
            "COUNT": f"{rng.randint(2, 40) * 50:,}",
        }
        text = re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], template)
        return text[:1].upper() + text[1:]

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.fill(self.rng.choice(SENTENCES)) for _ in range(sentences))


def synthetic_page(n: int, seed: int = 0, *, paragraphs: int = 8) -> str:
    """Page ``n``: an interview (even n) or an analysis (odd n) of about 60 words per paragraph."""
    rng = random.Random(f"{seed}:{n}")
    page = _Page(rng)
    author, expert = page.person(), page.person()
    inst = rng.choice(INSTITUTES)
    role = rng.choice(ROLES).format(inst=inst, univ=rng.choice(UNIVERSITIES))
    outlet, city = rng.choice(OUTLETS), rng.choice(CITIES)
    title = page.fill(rng.choice(("Expert: {A} sees {P} as its road to Europe", "{A} and {B}: partners or rivals?")))
    lines = ["Menu", "Politics Economy Region World", title]
    lines.append(f"{page.day} {MONTHS[page.month - 1]} {page.year} - {rng.randint(8, 20)}:{rng.randint(0, 59):02d}")
    lines += ["", f"By {author}", ""]
    if n % 2 == 0:
        lines += [f"{outlet} talks to {expert}, {role} in {city}.", ""]
        for _ in range(paragraphs):
            lines += [f"- {page.fill(rng.choice(QUESTIONS))}", "", f"- {page.paragraph(rng.randint(3, 5))}", ""]
    else:
        for i in range(paragraphs):
            text = page.paragraph(rng.randint(3, 5))
            if i % 3 == 1:
                text += f' "{page.fill(rng.choice(SENTENCES)).rstrip(".")}," said {expert}, {role}.'
            lines += [text, ""]
    lines += ["Read also", ""]
    for _ in range(3):
        lines += [page.fill(rng.choice(HEADLINES)), f"{rng.randint(1, 28)} {MONTHS[page.month - 1]} {page.year}"]
    lines += ["", "Subscribe to our Telegram channel"]
    return "\n".join(lines) + "\n"


def seed_pages() -> list[str]:
    """The raw evaluation scrapes, when the shared kit sits beside the repository."""
    return [p.read_text(encoding="utf-8") for p in sorted(SEED_DIR.glob("*.txt"))] if SEED_DIR.is_dir() else []


def shifted_years(text: str, shift: int) -> str:
    """Every year 1990-2039 moved by ``shift``: the same scrape, new dates."""
    return re.sub(r"\b(19[9]\d|20[0-3]\d)\b", lambda m: str(int(m.group(1)) + shift), text)


def build_corpus(directory: str | Path, count: int, seed: int = 0, *, paragraphs: int = 8) -> list[Path]:
    """Write ``count`` pages to ``directory`` (see the module docstring); returns the paths in order."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    seeds = seed_pages() if paragraphs >= 8 else []  # short pages are for the memory run: synthetic only
    paths = []
    for n in range(count):
        if seeds and n % SEED_EVERY == SEED_EVERY - 1:
            k = n // SEED_EVERY
            text = shifted_years(seeds[k % len(seeds)], k // len(seeds) % 7 - 3)
        else:
            text = synthetic_page(n, seed, paragraphs=paragraphs)
        path = directory / f"page-{n:06d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    written = build_corpus(sys.argv[1], int(sys.argv[2]), paragraphs=3 if "--short" in sys.argv else 8)
    print(f"wrote {len(written)} pages to {sys.argv[1]}")
