"""Relations between actors, coded sentence by sentence from cue lexicons (data/relation_cues.json).

Contract: ``code_relations(sentence, catalogue)`` returns the readings one sentence gives of the actors mentioned in
it, one per pair and polarity, each with the rule that read it folded into its ``confidence``. The rules, in the
order they are tried (settings in nlp/config.py RELATIONS, word lists in data/relation_cues.json):

- **cue-between**: a cue (cooperate, partner, ally, trade, transit, rival, pressure, sanction, depend, mediate, ...)
  stands between two mentions; a later mention relates back only to the sentence's subject; a hostile predicate
  after the pair outweighs a plain relation noun ("relations between X and Y are tense"); a demonym takes the noun it
  qualifies ("Western sanctions"); a cue after a possessive or a double object ("X became Y's partner", "X gave Y an
  ultimatum");
- **coordinated** / **between**: coordinated actors sharing a reciprocal cue ("X and Y are partners", "rivalry
  between X and Y");
- **list**: a list relates when it is the subject with a reciprocal cue ("A, B and C signed an agreement"), the
  object of a preposition or of a cue ("talks with A, B and C", "not a member of A, B or C", "join A, B and C":
  each member to the subject, never to each other), the subject of a relative clause ("the route that A, B and C
  are discussing"), or an object list brought together "with" a party ("the leaders of A, B and C with X");
  otherwise an enumeration describes and relates nothing. A list is as far from its party as its first member (an
  object list: as its governing cue); a list spelling out a group ("suppliers, specifically A and B") takes the
  group's relation;
- **compound**: a hyphen compound by its head noun ("the Kazakh-Chinese joint venture"); a meeting's name is a unit
  ("the EU–Central Asia Summit"); a compound in apposition to a project names the project's parties ("the X
  pipeline, an Azeri-Georgian-Turkish gas route");
- **route**: "from X to Y via Z" relates all three; "loans from X to A, B and C" (a cue right before "from") relates
  X to each member of the list;
- **owner**: a project and its possessor ("China's Belt and Road Initiative"). Projects have parties: cues of
  building, financing, running or discussing (data/relation_cues.json, `"parties": ["project"]`) relate only a pair
  with a project in it ("X and Y are building the railway", "the pipeline, financed by X", "the corridor, which X
  is building"); two coordinated subjects of such a cue with a named project after it work on it together and
  relate to each other too ("Iran and Russia are building the railway for the corridor");
- **pair**: the only two actors of a clause with a cue elsewhere in it (weak).

No parties: a reporting source, a post ("ambassador to X"), a venue, a forum, a framing phrase ("amid the war with X"),
a capital naming a process ("the Doha Agreement"), an expert's nationality, a company's nationality ("the Russian energy
giant X"); the actors of a relative clause about an actor relate only to it ("X, which is under Western sanctions,
trades with Y"); a cue in the next clause ("X and Y, and it cannot lose another partner") or two objects of one
preposition ("a dialogue with X and Y") make no pair, nor does a clause with a subject of its own ("X remains a donor,
and Z has become Y's partner"; ", and it is careful not to antagonise Y" speaks of the sentence's subject). A denied
hostility keeps the tie its object names ("without alienating Western partners"). After a bare comma, an actor followed
by its verb opens the main clause ("As the US turns away from China, Kazakhstan is ..."): no list member. A catalogue
name holding a cue ("Western partners") reads as a demonym and its noun; a relation noun takes the cue that qualifies it
("relations of mutual dependence"); the noun right after a demonym between two actors is that actor's own ("X sees
Turkmen supplies as a way to cut its reliance on Y" relates X and Y by the dependence). The type sets a PLOVER-style
score (data/relation_types.json); negation and hedging set the modality, so a negated or hypothetical statement is never
reported as a fact; a tie said to weaken or fail ("ties with X have loosened", "the deal with X collapsed", "the waning
partnership": fading_words in data/relation_cues.json) is distance, but a power's shrinking influence is its standing,
not hostility; a frozen membership is a protest (hostile), a suspended one neutral; pressure, sanctions, dependence,
influence and mediation get a direction where the text gives one. A state and an organisation it belongs to (or a region
it lies in) are a membership, not a relation, unless the cue says more (pressure, sanctions, conflict, rivalry,
influence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from multivector.nlp.config import RELATIONS
from multivector.nlp.context import Mention, SentenceContext, modality
from multivector.nlp.lexicon import lexicon, relation_types, word_pattern
from multivector.records import Relation

MAX_PAIR_GAP = RELATIONS["max_pair_gap"]  # characters between two related mentions
ENUMERATION = 3  # a coordinated list this long is an enumeration unless something relates it
MAX_LIST = 6  # a reciprocal cue relates the members of a list up to this long to each other ...
LIST_CUE_CHARS = 50  # ... when it follows the list this closely ("A, B and C signed an agreement")
_POSSESSIVE = re.compile(r"['’]s\b")
# "the SCO states – India and Pakistan", "OTS members such as Hungary": the second names the first's members
_APPOSITION = re.compile(
    r"^(?:['’]s)?\s*(?:countries|states|members|member states|nations|(?-i:[a-z]+s))?\s*"
    r"(?:[–—:(,]|such as|like|including|namely)"
    r"\s*(?:specifically|particularly|in particular|notably|above all|chiefly|mainly)?\s*(?:the\s+)?$",
    re.IGNORECASE,
)
_PREPOSITIONAL_OBJECT = re.compile(
    r"\b(?:with|to|towards|against|from|into|at|through|via)\s+(?:the\s+)?(?:[\w-]+-(?:led|based|backed)\s+)?$",
    re.IGNORECASE,
)
_COORDINATION = re.compile(
    r"^(?:['’]s)?\s*(?:countries|states|nations|republics|authorities|governments|influence|presence|interests|position)?"
    r"(?:\s*(?:,|and|or|&|as well as|but also|/)\s*|\s+)+(?:the\s+)?$",
    re.IGNORECASE,
)
# a clause break right before a mention: ", and Y ...", "; Y ..."
_NEW_CLAUSE = re.compile(r"[,;]\s+(?:and|but|while|whereas|yet)\s+(?:the\s+)?\Z|;\s+(?:the\s+)?\Z")
_SOURCE = re.compile(r"\baccording\s+to\s+(?:the\s+)?(?:data\s+(?:from|of)\s+(?:the\s+)?)?\Z", re.IGNORECASE)


@cache
def _structure() -> dict[str, re.Pattern[str]]:
    """The constructions that make a mention no party or a list an object, compiled from the word lists of
    data/relation_cues.json (relation_structure); the grammar (prepositions, punctuation) stays here."""
    words = {k: "|".join(sorted(v, key=len, reverse=True)) for k, v in lexicon()["relation_structure"].items()}
    return {
        # "X reports", "Trend informs": the source of the text
        "reporter": re.compile(rf"\s+(?:{words['reporter_verbs']})\b", re.IGNORECASE),
        # "ambassador to X": a post, not a party
        "post": re.compile(rf"\b(?:{words['post_nouns']})\s+(?:to|in|at)\s+(?:the\s+)?\Z", re.IGNORECASE),
        # "a summit in Astana", "talks held in Doha, Qatar", "in Dushanbe, Tajikistan"
        "venue": re.compile(
            rf"\b(?i:{words['venue_words']})\b[^,;.]{{0,30}}?\b(?:in|at)\s+(?:the\s+)?(?:[A-Z][\w-]+,\s+)?\Z|"
            r"\b(?:in|at)\s+[A-Z][\w-]+,\s+\Z"
        ),
        # "the Investors Forum": where actors meet
        "gathering": re.compile(rf".*\b(?:{words['gathering_heads']})\Z"),
        # "influence in Central Asia": the place is what the cue is about
        "about_place": re.compile(
            rf"\b(?:{words['about_place_nouns']})\s+(?:in|across|throughout)\s+(?:the\s+)?"
            r"(?:whole\s+(?:of\s+)?(?:the\s+)?|wider\s+)?\Z",
            re.IGNORECASE,
        ),
        # "talks with A, B and C", "with the leaders of A, B and C"
        "list_object": re.compile(
            r"\b(?:with|towards|against|to|from|into|including|involving|among|on)\s+(?:the\s+)?"
            r"(?:participation\s+of\s+(?:the\s+)?)?"
            rf"(?:(?:{words['list_object_heads']})\s+(?:of|from)\s+(?:the\s+)?)?\Z",
            re.IGNORECASE,
        ),
        # "amid the war with X, ...", "since X's invasion of Y"
        "frame": re.compile(rf"\b(?:{words['frame_openers']})\b[^,;:.]*", re.IGNORECASE),
        # "a member of the A, B and C", "join A, B and C", "brought together the leaders of A, B and C"
        "cue_object_gap": re.compile(
            rf"\s+(?:of\s+)?(?:the\s+)?(?:(?:{words['list_object_heads']})\s+(?:of|from)\s+(?:the\s+)?)?", re.IGNORECASE
        ),
        # "the EU–Central Asia Summit", "the C5+1 format": a meeting's name after a compound
        "meeting_after": re.compile(rf"\s+(?i:{words['meeting_heads']})\b"),
        # "the Doha Agreement", "the Astana format": a capital naming a process
        "named_after": re.compile(rf"\s+(?i:{words['process_heads']})\b"),
        # "X gave Y an ultimatum"
        "double_object": re.compile(rf"\s+(?:has\s+|had\s+)?(?:{words['double_object_verbs']})\s+(?:the\s+)?"),
    }


_AT_PLACE = re.compile(r"\b(?:in|at)\s+\Z")


@cache
def _role_after() -> re.Pattern[str]:
    """An expert's or an institution's noun right after a demonym ("a Polish senior analyst"); a leader's title
    ("the Uzbek President") is not among them: a leader acts for the state."""
    roles = "|".join(sorted((re.escape(r) for r in lexicon()["affiliation_roles"]), key=len, reverse=True))
    return re.compile(rf"\s+(?:[\w-]+\s+){{0,2}}?(?:{roles})s?\b", re.IGNORECASE)


_LOCATIVE = re.compile(r"\b(?:in|across|throughout)\s+(?:the\s+)?(?:whole\s+(?:of\s+)?(?:the\s+)?|wider\s+)?\Z", re.I)
_BEYOND_MEMBERSHIP = {"pressure", "sanctions", "conflict", "rivalry", "influence"}


@dataclass(slots=True, frozen=True)
class Cue:
    start: int
    end: int
    type: str
    polarity: str
    reciprocal: bool
    parties: frozenset[str] = frozenset()  # the cue relates a pair only when one of them is of these kinds
    beyond_membership: bool = False  # "froze its membership": read for a member and its organisation too

    def fits(self, first: Mention, second: Mention) -> bool:
        return not self.parties or first.kind in self.parties or second.kind in self.parties


@cache
def _cue_patterns() -> list[tuple[re.Pattern[str], str, str, bool, frozenset[str], bool]]:
    """One alternation per (type, polarity, reciprocal, parties, beyond_membership) group of
    data/relation_cues.json, longest pattern first."""
    groups: dict[tuple[str, str, bool, frozenset[str], bool], list[str]] = {}
    for entry in lexicon()["relation_cues"]:
        key = (
            entry["type"],
            entry["polarity"],
            bool(entry.get("reciprocal")),
            frozenset(entry.get("parties", ())),
            bool(entry.get("beyond_membership")),
        )
        groups.setdefault(key, []).append(entry["pattern"])
    compiled = []
    for (kind, polarity, reciprocal, parties, beyond), patterns in groups.items():
        words = sorted((p for p in patterns if not p.startswith("-")), key=len, reverse=True)
        suffixes = [p for p in patterns if p.startswith("-")]  # "-led" attaches to the actor: "US-led"
        alternation = rf"(?<![\w-])(?:{'|'.join(words)})" + "".join(f"|{re.escape(x)}" for x in suffixes)
        pattern = re.compile(rf"(?:{alternation})(?![\w-])", re.IGNORECASE)
        compiled.append((pattern, kind, polarity, reciprocal, parties, beyond))
    return compiled


def find_cues(text: str, offset: int, mentions: list[Mention]) -> list[Cue]:
    """Relation cues in a sentence, outside actor names (the 'Union' of 'Eurasian Economic Union' is no cue)."""
    cues = []
    for pattern, kind, polarity, reciprocal, parties, beyond in _cue_patterns():
        for m in pattern.finditer(text):
            start, end = offset + m.start(), offset + m.end()
            if any(mention.start < end and start < mention.end for mention in mentions):
                continue
            cues.append(Cue(start, end, kind, polarity, reciprocal, parties, beyond))
    # the longest cue wins where cues overlap: "cooling relations" is rivalry, not "relations"
    cues = [
        c
        for c in cues
        if not any(
            o is not c and o.start <= c.start and c.end <= o.end and (o.end - o.start) > (c.end - c.start) for o in cues
        )
    ]
    return sorted(cues, key=lambda c: c.start)


def _predicate(sentence: SentenceContext, second: Mention, cue: Cue, cues: list[Cue]) -> Cue:
    """'Relations between X and Y are tense', 'ties with Y are worsening': a hostile predicate after the pair
    outweighs the plain relation noun ("relations", "ties") it is said of."""
    if cue.polarity != "+" or cue.type != "cooperation":
        return cue
    _, clause_end = sentence.clause_bounds(second.end)
    limit = min(clause_end, second.end + PREDICATE_CHARS)
    later = [c for c in cues if second.end <= c.start < limit and c.polarity == "-"]
    if (
        later
        and not _other_mention_between(sentence, second.end, later[0].start)
        and not _other_mention_between(sentence, later[0].end, min(clause_end, later[0].end + 30))
    ):
        return later[0]  # and not "ties with X or rivalry with Y": that cue has an object of its own
    return cue


def code_relations(sentence: SentenceContext, catalogue) -> list[Relation]:
    if sentence.question:
        return []
    mentions = [m for m in _distinct_runs(sentence.mentions) if not _aside(sentence.body, sentence.start, m)]
    mentions = [_cue_in_name(sentence.body, m) for m in mentions]
    following: list[Mention | None] = [*mentions[1:], None]
    mentions = [m for m, n in zip(mentions, following, strict=False) if not _nationality_of(sentence.body, m, n)]
    if len({m.id for m in mentions}) < 2:
        return []
    body = sentence.body
    cues = find_cues(sentence.text, sentence.start, [m for m in mentions if m.via != "we"])
    groups = _coordination_groups(body, mentions)
    group_of = dict(zip((m.start for m in mentions), groups, strict=True))
    frames = _frames(sentence)
    relatives = _relative_clauses(sentence, mentions)
    enclosed = _enclosed(sentence, mentions)
    found: dict[tuple[frozenset[str], str], list[Link]] = {}

    def keep(first: Mention, second: Mention, cue: Cue, rule: str) -> None:
        if first.id == second.id or not cue.fits(first, second) or _is_membership(first, second, cue, catalogue):
            return
        polarity = _polarity(sentence, cue)
        # a list is one phrase: its members are as far from the other party as the list's first member, and an object
        # list ("talks ... with the leaders of A, B, C, D and E") as far as from the cue that governs it
        listed = [m.start for m in mentions if group_of[m.start] == group_of.get(second.start, -1)]
        near = min((x for x in listed if x >= first.end), default=second.start)
        if len(listed) >= ENUMERATION and first.end <= cue.start and cue.end <= near:
            near = first.end + (near - cue.end)
        link = Link(first, second, cue, rule, near)
        found.setdefault((frozenset((first.id, second.id)), polarity), []).append(link)

    for i, first in enumerate(mentions):
        for second in mentions[i + 1 :]:
            if first.id == second.id or second.start - first.end > MAX_PAIR_GAP:
                continue
            if _frame_of(frames, first) != _frame_of(frames, second):
                continue  # "amid the war with X, Y visited Z": the frame's actors are no parties to the clause
            if not _across_relative(body, relatives, first, second):
                continue  # "X, which is under Western sanctions, trades with Y": the clause's actors are its own
            if enclosed.get(first.start) != enclosed.get(second.start):
                continue  # "the China–Central Asia Summit ..., while the EU ...": a meeting's name is a unit
            if not _may_relate(sentence, first, second, group_of, groups, cues):
                continue
            fitting = [c for c in cues if c.fits(first, second)]
            cue = _linking_cue(body, first, second, fitting, group_of, sentence)
            if cue is not None:
                rule = "coordinated" if group_of[first.start] == group_of[second.start] else "cue-between"
                if groups.count(group_of[first.start]) > 2 or groups.count(group_of[second.start]) > 2:
                    rule = "list"
                keep(first, second, cue, rule)
                for other in _contrasting(sentence, first, second, cue, cues):
                    keep(first, second, other, rule)
    for first, second, cue in _between_constructions(sentence, mentions, cues):
        keep(first, second, cue, "between")
    for first, second, cue in _compounds(sentence, mentions, cues):
        keep(first, second, cue, "compound")
    for first, second, cue in _routes(sentence, mentions, cues):
        keep(first, second, cue, "route")
    for first, second, cue in _owned_projects(sentence, mentions):
        keep(first, second, cue, "owner")
    for first, second, cue in _joint_builders(sentence, mentions, cues, groups):
        keep(first, second, cue, "coordinated")
    if not found:
        for first, second, cue in _only_pair(sentence, mentions, cues):
            keep(first, second, cue, "pair")
    return [_relation(sentence, links, cues) for links in found.values()]


_DESCRIPTION = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,3}")  # "Russian [energy giant] Gazprom"


def _nationality_of(body: str, mention: Mention, following: Mention | None) -> bool:
    """'the Russian energy giant Gazprom', 'the Chinese firm X': a demonym before a company's name is its
    nationality, not a party."""
    return (
        mention.via == "demonym"
        and following is not None
        and following.kind == "company"
        and _DESCRIPTION.fullmatch(body, mention.end, following.start) is not None
    )


_LEADING_WORD = re.compile(r"[A-Za-z][\w-]*\s+")


def _cue_in_name(body: str, mention: Mention) -> Mention:
    """'Western sanctions', 'Western partners': a name that is an adjective and a cue is the adjective (a demonym)
    and a cue, so the cue relates the actor as it would after a demonym."""
    if mention.via == "demonym":
        return mention
    lead = _LEADING_WORD.match(body, mention.start, mention.end)
    if lead is None or mention.kind not in ("state", "bloc"):
        return mention
    rest = body[lead.end() : mention.end]
    for pattern, *_ in _cue_patterns():
        if pattern.fullmatch(rest):
            end = mention.start + len(lead.group().rstrip())
            return Mention(mention.id, mention.kind, mention.start, end, "demonym")
    return mention


def _only_pair(sentence: SentenceContext, mentions: list[Mention], cues: list[Cue]):
    """A clause that names exactly two actors and holds a relation cue outside the span between them ('China has
    financed the new road in Kyrgyzstan's south, a sign of deepening cooperation'): a weak reading of the pair."""
    named = [m for m in mentions if m.via != "we"]
    if len({m.id for m in named}) != 2:
        return
    first = named[0]
    second = next(m for m in named if m.id != first.id)
    lo, hi = sentence.clause_bounds(first.start)
    if not lo <= second.start < hi or _NEW_CLAUSE.search(sentence.body, first.end, second.start):
        return  # "X remains a donor, and Y has become a hub": two clauses, two subjects
    if _COORDINATION.match(sentence.body[first.end : second.start]) and _PREPOSITIONAL_OBJECT.search(
        sentence.body, max(sentence.start, first.start - 12), first.start
    ):
        return  # "a dialogue with X and Y": two objects of one preposition, not a pair
    clause = [c for c in cues if lo <= c.start < hi and c.polarity != "0"]
    if clause:
        yield first, second, clause[0]


def _contrasting(sentence: SentenceContext, first: Mention, second: Mention, cue: Cue, cues: list[Cue]) -> list[Cue]:
    """'X is our main ally on security, and a rival in trade': a cue of the opposite polarity in another clause between
    the two actors is a second reading of the pair, kept beside the first."""
    if cue.polarity == "0" or not first.end <= cue.start < second.start:
        return []
    if modality(sentence.body, sentence.start, cue.start, cue.end) == "negated":
        return []  # "X's interest ..., and it is careful not to antagonise Y": a denied hostility is no contrast
    clause = sentence.clause_bounds(cue.start)
    for other in cues:
        if (
            first.end <= other.start
            and other.end <= second.start
            and other.polarity not in ("0", cue.polarity)
            and (
                sentence.clause_bounds(other.start) != clause
                or re.search(r",\s*(?:and|but)\b", sentence.body[cue.end : other.start])
            )
        ):
            return [other]
    return []


@dataclass(slots=True, frozen=True)
class Link:
    """One reading of a pair in a sentence: the two mentions, the cue that relates them and the rule that read it."""

    first: Mention
    second: Mention
    cue: Cue
    rule: str
    near: int = -1  # where the second party's phrase starts (a list's first member), for the distance


def _frames(sentence: SentenceContext) -> list[tuple[int, int]]:
    return [
        (sentence.start + m.start(), sentence.start + m.end()) for m in _structure()["frame"].finditer(sentence.text)
    ]


# ", which Azerbaijan is building," / ", who met the Chinese envoy,": a non-restrictive relative clause says something
# about the actor just before it; the actors inside it are no parties to the main clause
_RELATIVE = re.compile(r",\s+(?:which|who|whose)\b(?:[^,;:()]|(?<=\d),(?=\d))*?(?=(?<!\d),|,(?!\d)|[;:]|$)")
ANTECEDENT_CHARS = 30  # the actor a relative clause is about ends this close before its comma


def _relative_clauses(sentence: SentenceContext, mentions: list[Mention]) -> list[tuple[int, int]]:
    """The relative clauses about an actor ("X, which ..."); one about a thing ("the debt, which ... to China") may
    hold the relation of the main clause's actors."""
    out = []
    for m in _RELATIVE.finditer(sentence.text.rstrip(".!?")):
        lo, hi = sentence.start + m.start(), sentence.start + m.end()
        if any(_antecedent(sentence.body, x, lo) for x in mentions):
            out.append((lo, hi))
    return out


def _antecedent(body: str, mention: Mention, lo: int) -> bool:
    return lo - ANTECEDENT_CHARS <= mention.end <= lo and not _CLAUSE_PUNCT.search(body, mention.end, lo)


_CLAUSE_PUNCT = re.compile(r"[,;:()]")


def _across_relative(sentence_body: str, relatives: list[tuple[int, int]], first: Mention, second: Mention) -> bool:
    """True when the pair may relate as far as relative clauses go: both inside the same clause, both outside every
    clause, or one inside and the other the actor the clause is about (right before its comma)."""
    for lo, hi in relatives:
        a, b = lo <= first.start < hi, lo <= second.start < hi
        if a == b:
            continue
        outside = second if a else first
        if not _antecedent(sentence_body, outside, lo):
            return False
    return True


def _frame_of(frames: list[tuple[int, int]], mention: Mention) -> int:
    for i, (lo, hi) in enumerate(frames):
        if lo <= mention.start < hi:
            return i
    return -1


# "the Russia–Central Asia summit", "the Kazakh-Chinese joint venture", "Azeri-Georgian-Turkish gas route": actors
# joined by a hyphen or dash into one modifier; the noun after it (or a cue just before it) says how they relate.
_COMPOUND_JOIN = re.compile(r"^\s?[-–—]\s?$")
COMPOUND_HEAD_CHARS = 40  # the head noun of a compound is this close after its last actor


def _runs(body: str, mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions joined by a hyphen or dash into one modifier ("Russia–Central Asia"), each run in text order."""
    runs: list[list[Mention]] = []
    for mention in mentions:
        if runs and _COMPOUND_JOIN.match(body[runs[-1][-1].end : mention.start]):
            runs[-1].append(mention)
        else:
            runs.append([mention])
    return runs


def _enclosed(sentence: SentenceContext, mentions: list[Mention]) -> dict[int, int]:
    """Mention start -> run number, for the members of a compound that names a meeting ("the EU–Central Asia
    Summit", "the C5+1 format"): they relate to each other, not to the actors around the meeting's name."""
    out = {}
    for n, run in enumerate(_runs(sentence.body, mentions)):
        if len({m.id for m in run}) > 1 and _structure()["meeting_after"].match(sentence.body, run[-1].end):
            out.update({m.start: n for m in run})
    return out


_APPOSITIVE_ARTICLE = re.compile(r",\s+(?:an?|the)\s+(?:[a-z]+\s+)?")


def _compounds(sentence: SentenceContext, mentions: list[Mention], cues: list[Cue]):
    body = sentence.body
    for run in _runs(body, mentions):
        ids = list(dict.fromkeys(m.id for m in run))
        if len(ids) < 2:
            continue
        last = run[-1]
        kinds = {m.kind for m in run}
        run_cues = [c for c in cues if not c.parties or c.parties & kinds]
        limit = min(sentence.end, last.end + COMPOUND_HEAD_CHARS)
        following = [m for m in mentions if last.end < m.start < limit]
        if following:
            limit = following[0].start
        head = [c for c in run_cues if last.end <= c.start < limit]
        if not head:
            lo, _ = sentence.clause_bounds(run[0].start)
            head = [
                c for c in run_cues if c.reciprocal and max(lo, run[0].start - 60) <= c.start and c.end <= run[0].start
            ]
            head = head[-1:]
        if not head:
            continue
        for i, first in enumerate(run):
            for second in run[i + 1 :]:
                yield first, second, head[0]
        before = [m for m in mentions if m.end <= run[0].start]
        if (
            before
            and before[-1].kind == "project"
            and _APPOSITIVE_ARTICLE.fullmatch(body, before[-1].end, run[0].start)
        ):
            # "the Trans-Caspian Pipeline, a Turkmen-Azeri gas link": the compound names the project's parties
            for member in run:
                yield before[-1], member, head[0]


def _may_relate(
    sentence: SentenceContext,
    first: Mention,
    second: Mention,
    group_of: dict[int, int],
    groups: list[int],
    cues: list[Cue],
) -> bool:
    """Neighbouring groups relate; a later group relates back only to the sentence's first group (its subject).

    "X, on the one hand, and Y ... with Z" relates X-Z and Y-Z but not every pair in a long sentence. A list
    ("Russia, China, India and Pakistan") relates when it is the sentence's subject (each member to what follows),
    the object of a preposition (each member to the subject: "talks with A, B and C"), or when a reciprocal cue
    governs the whole list ("A, B and C signed an agreement"); otherwise an enumeration describes, it does not relate.
    """
    g1, g2 = group_of[first.start], group_of[second.start]
    if g1 == g2:
        # coordinated: _reciprocal_cue decides, but the members of a list that is the object of something ("talks
        # with A, B and C", "the leaders of A, B and C") are not related to each other
        return groups.count(g1) < ENUMERATION or not _object_list(sentence, g1, group_of, cues)
    listed = groups.count(g2) >= ENUMERATION and not _object_list(sentence, g2, group_of, cues)
    if listed and g2 - g1 == 1:
        # "the corridor that A, B and C are discussing": a list that is the subject of a relative clause
        group_start = min(m.start for m in sentence.mentions if group_of.get(m.start) == g2)
        listed = not _RELATIVE_OPENER.fullmatch(sentence.body, first.end, group_start)
    if (groups.count(g1) >= ENUMERATION and g1 != groups[0]) or listed:
        # but "brought together the leaders of A, B and C with X": an object list and the party "with" brings in
        return (
            not listed
            and _object_list(sentence, g1, group_of, cues)
            and _WITH_BEFORE.search(sentence.body, max(sentence.start, second.start - 12), second.start) is not None
        )
    if g1 != groups[0] and _PREPOSITIONAL_OBJECT.search(
        sentence.body[max(sentence.start, first.start - 12) : first.start]
    ):
        return False  # "ties with X in favour of contacts with Y": two objects, not two parties
    if g2 - g1 <= 1:
        return True
    if first.via == "we" or second.via == "we":
        return g2 - g1 <= 2
    # the first group is the subject, unless a preposition governs it ("a pipeline to X and Y ... Z's dependence")
    head = min(m.start for m in sentence.mentions if group_of.get(m.start) == g1)
    return g1 == groups[0] and not _PREPOSITIONAL_OBJECT.search(sentence.body, max(sentence.start, head - 12), head)


def _aside(body: str, sentence_start: int, mention: Mention) -> bool:
    """Mentions that are no party to what the sentence relates: the source of a statement ('According to the
    National Statistics Committee, ...') and a region as the place where something is ('the closest partner in the
    South Caucasus', 'stability in Central Asia')."""
    before = body[max(sentence_start, mention.start - 50) : mention.start]
    structure = _structure()
    if _SOURCE.search(before) or structure["reporter"].match(body, mention.end) or structure["post"].search(before):
        return True
    if mention.kind in ("state", "place") and structure["venue"].search(before):
        return True  # "a summit in Astana", "talks held in Doha, Qatar": the place of a meeting
    if mention.via == "capital" and structure["named_after"].match(body, mention.end):
        return True  # "the Doha Agreement", "the Astana format": a capital in the name of a process, not a party
    if mention.via == "capital" and _AT_PLACE.search(before) and not _POSSESSIVE.match(body, mention.end):
        return True  # "a research centre in Tashkent": a capital after "in" is where something is
    if mention.via == "demonym" and _role_after().match(body, mention.end):
        return True  # "a Polish analyst", "the Kazakh Institute": a person's or a body's nationality, not a party
    if structure["gathering"].match(body, mention.start, mention.end):
        return True  # "the Investors Forum": a forum or summit is where actors meet, not one of them
    # but "influence in Central Asia", "the main player in the region": the place is what the cue is about
    return (
        mention.kind == "bloc"
        and _LOCATIVE.search(before) is not None
        and not _structure()["about_place"].search(before)
    )


def _object_list(sentence: SentenceContext, group: int, group_of: dict[int, int], cues: list[Cue]) -> bool:
    """'... cooperation with China, India and Brazil', 'is not a member of A, B or C', 'to join A, B and C': a list
    that is the object of a preposition or of a cue relates each of its members to the subject (never to each
    other)."""
    start = min(m.start for m in sentence.mentions if group_of.get(m.start) == group)
    if any(c.end <= start and _structure()["cue_object_gap"].fullmatch(sentence.body, c.end, start) for c in cues):
        return True
    return _structure()["list_object"].search(sentence.body, max(sentence.start, start - 60), start) is not None


def _distinct_runs(mentions: list[Mention]) -> list[Mention]:
    """Drop a mention that repeats the previous one's actor right away ('the Organization (OTS)')."""
    out: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        if out and out[-1].id == mention.id and mention.start - out[-1].end <= 3:
            continue
        out.append(mention)
    return out


def _coordination_groups(body: str, mentions: list[Mention]) -> list[int]:
    """Group index per mention: mentions joined only by commas/'and'/'or'/'not only ... but also' share a group."""
    groups, current = [], 0
    for i, mention in enumerate(mentions):
        touching = mentions[i - 1].end == mention.start and "pronoun" == mention.via == mentions[i - 1].via
        if (
            i
            and not touching
            and (  # "the two countries": two resolved mentions on one phrase are coordinated
                not _COORDINATION.match(body[mentions[i - 1].end : mention.start])
                or _appositive_possessor(body, mentions[i - 1], mention)
                or _clause_subject_after_comma(body, mentions[i - 1], mention)
            )
        ):
            current += 1
        groups.append(current)
    return groups


_SUBJECT_VERB = re.compile(
    r"\s+(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|remains?|seems?|became|becomes)\b"
)


def _clause_subject_after_comma(body: str, previous: Mention, mention: Mention) -> bool:
    """'As the US diversifies away from China, Kazakhstan is well placed ...': after a bare comma, an actor followed by
    its verb is the subject of the main clause, not one more member of a list (a list closes with "and" or "or")."""
    return body[previous.end : mention.start].strip() == "," and _SUBJECT_VERB.match(body, mention.end) is not None


def _appositive_possessor(body: str, previous: Mention, mention: Mention) -> bool:
    """'Azerbaijan and Kazakhstan, Georgia's main partners': after a comma, a possessor opens an apposition about
    the list before it; it is not one more member of that list ('Russia's and China's influence' still is)."""
    gap = body[previous.end : mention.start]
    return (
        gap.strip() == ","
        and _POSSESSIVE.match(body, mention.end) is not None
        and _POSSESSIVE.match(body, previous.end) is None
    )


def _linking_cue(body, first, second, cues, group_of, sentence) -> Cue | None:
    if group_of[first.start] == group_of[second.start]:
        group = [m for m in sentence.mentions if group_of.get(m.start) == group_of[first.start]]
        last = max(group, key=lambda m: m.end)
        return _reciprocal_cue(body, first, last, cues, sentence, len({m.id for m in group}))
    # Cues count only after the last mention in between that is not coordinated with the second one:
    # "X ... ties with Y or rivalry with Z" links X-Z by rivalry; "X contains Y's influence and Z's presence"
    # links X-Z by containment.
    second_group = group_of[second.start]
    group_start = min(m.start for m in sentence.mentions if group_of.get(m.start) == second_group)
    lo = max(
        [first.end]
        + [
            m.end
            for m in sentence.mentions
            if first.end <= m.start
            and m.end <= second.start
            and group_of.get(m.start) != second_group
            and not _APPOSITION.match(body[m.end : group_start])
        ]
    )
    if any(
        first.end <= m.start
        and m.end <= second.start
        and group_of.get(m.start) not in (second_group, group_of[first.start])  # not "A, B, and C"
        and _NEW_CLAUSE.search(body, first.end, m.start)
        for m in sentence.mentions
    ):
        return None  # "X remains a donor, and Z has become a partner of Y": Z opens a clause of its own, Y is Z's
    if group_of[first.start] != min(group_of.values()) and _PRONOUN_CLAUSE.search(body, first.end, second.start):
        return None  # "Z sees X as one segment of the corridor, and it is careful not to antagonise Y": "it" is Z
    # "X sees Turkmen supplies as a way to cut its reliance on Y": the noun right after a demonym in between is that
    # actor's own ("Turkmen supplies"), not the tie of the two around it
    owned = [
        c.end
        for m in sentence.mentions
        if m.via == "demonym" and first.end <= m.start and m.end <= lo
        for c in cues
        if m.end < c.start <= m.end + 25 and _ADJECTIVE_GAP.fullmatch(body, m.end, c.start)
    ]
    lo = max([lo, *owned])
    between = [c for c in cues if lo <= c.start and c.end <= second.start]
    if _NEW_CLAUSE.search(body, max(lo, first.end), second.start):
        # "X remains the largest bilateral donor, and Y has become ...": Y opens a clause of its own, so a cue of
        # the clause before is not about Y
        between = [c for c in between if not _NEW_CLAUSE.search(body, c.end, second.start)]
    if not between and second.via == "demonym":
        # "Russia, under sweeping Western sanctions": the noun a demonym qualifies is its relation to the subject
        between = [
            c
            for c in cues
            if second.end < c.start <= second.end + 25 and _ADJECTIVE_GAP.fullmatch(body, second.end, c.start)
        ][:1]
    if not between and _RELATIVE_OPENER.fullmatch(body, first.end, group_start):
        # "the corridor, which Azerbaijan is building", "the route that A, B and C are discussing": the relative
        # clause's verb relates its subject to the actor it is about
        group_end = max(m.end for m in sentence.mentions if group_of.get(m.start) == second_group)
        after = [c for c in cues if group_end <= c.start <= group_end + PREDICATE_CHARS]
        between = [c for c in after if not _other_mention_between(sentence, group_end, c.start)][:1]
    if not between and _POSSESSIVE.match(body, second.end):
        # "X became Y's main partner": the cue after a possessive relates the possessor to the subject
        between = [c for c in cues if second.end <= c.start <= second.end + 40][:1]
    if not between and _object_list(sentence, second_group, group_of, cues):
        # "Russia maintains with A, B and C relations of mutual dependence": the cue after an object list
        group_end = max(m.end for m in sentence.mentions if group_of.get(m.start) == second_group)
        after = [c for c in cues if group_end <= c.start <= group_end + LIST_CUE_CHARS]
        between = [c for c in after if not _other_mention_between(sentence, group_end, c.start)][:1]
    if not between and (first.via == "we" or second.via == "we"):
        we, other = (first, second) if first.via == "we" else (second, first)
        return _stance_cue(body, we, other, sentence)
    if not between and _WITH_BEFORE.search(body, max(sentence.start, second.start - 12), second.start):
        # "the summit brought together the leaders of A, B and C with X": a reciprocal cue before the first party
        # relates it to the one brought in by "with"
        clause_start, _ = sentence.clause_bounds(first.start)
        prior = [
            c for c in cues if c.reciprocal and c.end <= first.start and max(clause_start, first.start - 80) <= c.start
        ]
        between = prior[-1:]
    attached = [c for c in between if c.start == first.end and body[c.start : c.start + 1] in "-–"]
    if attached:
        return attached[0]  # "the Russian-led alliance": a suffix on the first actor says how it relates
    if not between and _structure()["double_object"].fullmatch(body, first.end, second.start):
        # "Russia gave Georgia an ultimatum", "Washington sent Tbilisi a warning": the cue after the second object
        after = [c for c in cues if second.end <= c.start <= second.end + PREDICATE_CHARS and c.polarity != "0"]
        between = [c for c in after if not _other_mention_between(sentence, second.end, c.start)][:1]
    chosen = _strongest(between)
    return _predicate(sentence, second, _qualified(body, chosen, cues), cues) if chosen is not None else None


# ", and it is careful ...": a clause whose subject is a pronoun, which speaks of the sentence's subject again
_PRONOUN_CLAUSE = re.compile(r"[,;]\s+(?:and|but|while|whereas|yet)\s+(?:it|they|he|she)\s", re.IGNORECASE)
_CLAUSE_AFTER = re.compile(r"[,;]\s+(?:and|but|while|whereas|yet)\s|;")
_OF_GAP = re.compile(r"\s+of\s+(?:[a-z]+\s+){0,2}")


def _qualified(body: str, cue: Cue, cues: list[Cue]) -> Cue:
    """'relations of mutual dependence', 'ties of alliance': a plain relation noun takes the cue that qualifies it."""
    if cue.type != "cooperation" or not cue.reciprocal:
        return cue
    return next((c for c in cues if c.start > cue.end and _OF_GAP.fullmatch(body, cue.end, c.start)), cue)


def _strongest(cues: list[Cue]) -> Cue | None:
    """The first polar cue (the predicate that governs what follows), else the last neutral one."""
    polar = [c for c in cues if c.polarity != "0"]
    if polar:
        # the first polar cue governs; of its polarity, the most specific type ("imposed sanctions": sanctions)
        same = [c for c in polar if c.polarity == polar[0].polarity]
        return max(same, key=lambda c: (relation_types()[c.type]["score"], -c.start))
    return cues[-1] if cues else None


def _reciprocal_cue(body, first, second, cues, sentence, size: int) -> Cue | None:
    """'between X and Y' + a cue, or 'X and Y ... partnership': coordinated actors related to each other. `second`
    is the last member of the coordinated group, `size` its number of distinct actors. Coordinated adjectives
    ("Chinese and Turkish investment") modify one noun: they are co-agents, not partners of each other."""
    if (
        first.via == "demonym"
        and second.via == "demonym"
        and not _BETWEEN_BEFORE.search(body, max(sentence.start, first.start - 60), first.start)
    ):
        return None
    if size > MAX_LIST:
        return None  # a longer list is a catalogue, not a set of parties
    before = body[max(sentence.start, first.start - 60) : first.start]
    after = [c for c in cues if c.start >= second.end and c.reciprocal]
    prior = [c for c in cues if c.end <= first.start and c.reciprocal]
    if _BETWEEN_BEFORE.search(before):
        if prior:
            return _predicate(sentence, second, prior[-1], cues)
        if after:
            return after[0]
    if after and after[0].start - second.end < 120 and not _other_mention_between(sentence, second.end, after[0].start):
        gap = body[second.end : after[0].start]
        if _CLAUSE_AFTER.search(gap):
            return None  # "... to reach X and Y, and it cannot afford to lose another partner": another clause's cue
        if size > 2 and (len(gap) > LIST_CUE_CHARS or re.search(r"\bof\b", gap)):
            return None  # "A, B and C welcomed the decision of their partners": the cue is about others
        return _qualified(body, after[0], cues)
    return None


def _other_mention_between(sentence: SentenceContext, start: int, end: int) -> bool:
    return any(start <= m.start < end for m in sentence.mentions)


def _stance_cue(body: str, we: Mention, other: Mention, sentence: SentenceContext) -> Cue | None:
    """'we feel discomfort from X', 'we look cautiously at X', 'we perceive X with hope': the speaker's state's
    attitude as a relation. The cue nearest the other actor, between the two or just after the other actor."""
    lo, hi = (we.end, other.start) if we.start < other.start else (other.end, we.start)
    tail_end = min(sentence.end, other.end + 40) if we.start < other.start else other.end
    tail = body[other.end : tail_end].split(",")[0] if we.start < other.start else ""
    best: Cue | None = None
    for key, polarity in (("stance_negative", "-"), ("stance_neutral", "0"), ("stance_positive", "+")):
        for m in word_pattern(key).finditer(body[lo:hi]):
            cue = Cue(lo + m.start(), lo + m.end(), "cooperation" if polarity == "+" else "influence", polarity, False)
            if best is None or cue.start > best.start:
                best = cue
        if tail:
            m = word_pattern(key).search(tail)
            if m and best is None:
                best = Cue(
                    other.end + m.start(),
                    other.end + m.end(),
                    "cooperation" if polarity == "+" else "influence",
                    polarity,
                    False,
                )
    return best


_BETWEEN = re.compile(r"\bbetween\s+", re.IGNORECASE)
_RELATIVE_OPENER = re.compile(r",?\s+(?:which|that|whom)\s+(?:the\s+)?", re.IGNORECASE)
_WITH_BEFORE = re.compile(r"\bwith\s+(?:the\s+)?\Z", re.IGNORECASE)
_ADJECTIVE_GAP = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,2}")  # "Western [military] sanctions"
PREDICATE_CHARS = 40  # a predicate or a second object's cue this close after the pair belongs to it
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:the\s+)?(?:[\w-]+\s+){0,4}$", re.IGNORECASE)


def _between_constructions(sentence: SentenceContext, mentions: list[Mention], cues: list[Cue]):
    """'CUE between X('s N) and Y': rivalry/trade/war between two actors, a few words allowed after the first."""
    body = sentence.body
    for m in _BETWEEN.finditer(sentence.text):
        at = sentence.start + m.end()
        prior = [c for c in cues if c.reciprocal and at - 60 <= c.start < at]
        conjunction = re.search(r"\s+and\s+(?:the\s+)?", body[at : min(sentence.end, at + 80)])
        if not prior or not conjunction:
            continue
        joint, after = at + conjunction.start(), at + conjunction.end()
        firsts = [x for x in mentions if at <= x.start and x.end <= joint]
        if not firsts or firsts[0].start > at + 25:  # "between the countries that ... X and Y" is no pair
            continue
        # "between X and Y", "between X and the countries of Y"
        second = next(
            (
                x
                for x in mentions
                if x.start == after or (x.start > after and _MEMBERS_OF.fullmatch(body, after, x.start))
            ),
            None,
        )
        if firsts and second is not None and firsts[-1].id != second.id:
            yield firsts[-1], second, _predicate(sentence, second, prior[-1], cues)


_MEMBERS_OF = re.compile(r"(?:countries|states|nations|republics|members|member states|leaders)\s+of\s+(?:the\s+)?")
_ROUTE = re.compile(
    r"\bfrom\s+(?:the\s+)?(?P<a>\S[^,;]{0,40}?)\s+to\s+(?:the\s+)?(?P<b>\S[^,;]{0,40}?)"
    r"(?:\s+(?:via|through|across)\s+(?:the\s+)?(?P<c>\S[^,;]{0,40}?))?(?=[\s,;.]|$)"
)


def _routes(sentence: SentenceContext, mentions: list[Mention], cues: list[Cue]):
    """'freight from X to Y via Z', 'a pipeline from X to Y through Z': a route relates its ends and the countries it
    crosses to each other, by the transit or trade cue of its clause; 'loans from X to A, B and C': a cue right
    before 'from' relates the source to every member of the list it goes to (not the members to each other)."""
    groups = _coordination_groups(sentence.body, mentions)
    for m in _ROUTE.finditer(sentence.text):
        lo, hi = sentence.clause_bounds(sentence.start + m.start())
        at = sentence.start + m.start()
        cue = next((c for c in cues if lo <= c.start < hi and c.type in ("transit", "trade")), None)
        if cue is None:
            cue = next((c for c in cues if c.polarity != "0" and _CUE_FROM.fullmatch(sentence.body, c.end, at)), None)
        if cue is None:
            continue
        ends: list[list[Mention]] = []
        for group in ("a", "b", "c"):
            if m.group(group) is None:
                continue
            start, end = sentence.start + m.start(group), sentence.start + m.end(group)
            inside = [i for i, x in enumerate(mentions) if x.start == start and x.end <= end]
            if inside:
                listed = [x for x, g in zip(mentions, groups, strict=True) if g == groups[inside[0]]]
                ends.append(listed if group != "a" else [mentions[inside[0]]])
        for i, side in enumerate(ends):
            for other in ends[i + 1 :]:
                for first in side:
                    for second in other:
                        yield first, second, cue


_CUE_FROM = re.compile(r"\s+(?:[a-z]+\s+){0,2}")  # "loans from", "financial support from"


@cache
def _owner_gap() -> re.Pattern[str]:
    """What may stand between a possessor and its project: "China's Belt and Road Initiative", "Azerbaijan's own
    oil pipeline" (the modifiers of data/reference_cues.json, "own", hyphenated words and adjectives)."""
    words = "|".join(["own", *lexicon()["description_modifiers"]])
    return re.compile(rf"['’]s?\s+(?:(?:{words}|[a-z]+-[a-z]+|[a-z]+(?:al|ic|ive))\s+){{0,3}}(?:the\s+)?")


def _owned_projects(sentence: SentenceContext, mentions: list[Mention]):
    """'China's Belt and Road Initiative': a project and its possessor."""
    for owner, project in zip(mentions, mentions[1:], strict=False):
        if (
            project.kind == "project"
            and owner.kind != "project"
            and _owner_gap().fullmatch(sentence.body, owner.end, project.start)
        ):
            yield owner, project, Cue(owner.end, project.start, "cooperation", "+", False)


JOINT_PROJECT_CHARS = 80  # the project two coordinated builders work on is named this close after the cue


def _joint_builders(sentence: SentenceContext, mentions: list[Mention], cues: list[Cue], groups: list[int]):
    """'Iran and Russia are building the railway for the corridor', 'A and B finance the plant': coordinated subjects
    of a project cue (building, financing, running) work on one project together, so they relate to each other as
    well as to the project. Two builders only: a longer list is as often a catalogue of separate works, and never a
    cue without a named project after it ("X and Y are building roads")."""
    body = sentence.body
    for group in sorted(set(groups)):
        members = [m for m, g in zip(mentions, groups, strict=True) if g == group]
        ids = list(dict.fromkeys(m.id for m in members))
        if len(ids) != 2 or any(m.kind == "project" or m.via == "demonym" for m in members):
            continue
        end = members[-1].end
        if _PREPOSITIONAL_OBJECT.search(body, max(sentence.start, members[0].start - 12), members[0].start):
            continue  # "talks with X and Y about building ...": objects, not the builders
        cue = next((c for c in cues if c.parties and end <= c.start <= end + PREDICATE_CHARS), None)
        if (
            cue is None
            or _other_mention_between(sentence, end, cue.start)
            or _CLAUSE_AFTER.search(body, end, cue.start)
        ):
            continue
        _, clause_end = sentence.clause_bounds(cue.end)
        after = [m for m in mentions if cue.end <= m.start < min(clause_end, cue.end + JOINT_PROJECT_CHARS)]
        if not after or after[0].kind != "project":
            continue
        joint = Cue(cue.start, cue.end, "cooperation", "+", True)
        for i, first in enumerate(members):
            for second in members[i + 1 :]:
                yield first, second, joint


def _is_membership(first: Mention, second: Mention, cue: Cue, catalogue) -> bool:
    if cue.type in _BEYOND_MEMBERSHIP or cue.beyond_membership or catalogue is None:
        return False
    for state, org in ((first, second), (second, first)):
        if state.kind == "state" and org.kind in ("organisation", "bloc") and catalogue.is_member(state.id, org.id):
            return True  # a member of an organisation, a state of its region: a membership or a part, not a relation
    return False


# Who acts on whom, for the directed types: "X pressures Y" (X -> Y), "Y is pressured by X", "sanctions on Y",
# "X's dependence on Y" (X -> Y: the dependent party first), "influence in Y".
DIRECTED = frozenset({"pressure", "sanctions", "dependence", "influence", "mediation"})
_TARGET_BEFORE = re.compile(r"\b(?:on|upon|against|over|in|into|towards|to|at)\s+(?:the\s+)?\Z", re.IGNORECASE)
_AGENT_BEFORE = re.compile(r"\b(?:by|from)\s+(?:the\s+)?\Z", re.IGNORECASE)


def _direction(sentence: SentenceContext, link: Link) -> tuple[str | None, str | None]:
    """(source, target) for a directed type, else (None, None). Text order, unless the first actor is marked as the
    one acted upon ("pressure on X from Y") or the second as the agent ("X is pressured by Y")."""
    if link.cue.type not in DIRECTED or link.rule in ("coordinated", "compound", "between"):
        return None, None  # "X and Y ... sanctions": the text does not say who acts on whom
    first, second = link.first, link.second

    def marked(mention: Mention, pattern: re.Pattern[str]) -> bool:
        return pattern.search(sentence.body, max(sentence.start, mention.start - 20), mention.start) is not None

    if link.cue.start >= second.end and second.via == "demonym":
        return second.id, first.id  # "Russia, under Western sanctions": the adjective names the agent
    if marked(second, _AGENT_BEFORE) or (marked(first, _TARGET_BEFORE) and not marked(second, _TARGET_BEFORE)):
        return second.id, first.id
    return first.id, second.id


def _confidence(sentence: SentenceContext, link: Link, mood: str) -> float:
    """The reading's confidence: its rule's base, moved by the cue's type, the distance between the two actors and
    the modality (settings and their calibration: nlp/config.py RELATIONS["confidence"])."""
    table = RELATIONS["confidence"]
    value = table["rules"].get(link.rule, table["default"]) + table["types"].get(link.cue.type, 0.0)
    second_start = link.near if link.near >= 0 else link.second.start
    if abs(second_start - link.first.end) > table["far_chars"]:
        value -= table["far_penalty"]
    if mood == "hypothetical":
        value -= table["modal_penalty"]
    return round(min(1.0, max(0.05, value)), 2)


def _relation(sentence: SentenceContext, links: list[Link], cues: list[Cue]) -> Relation:
    best = max(links, key=lambda link: _confidence(sentence, link, "asserted"))
    first, second, cue = best.first, best.second, best.cue
    mood = modality(sentence.body, sentence.start, cue.start, cue.end)
    if mood == "negated" and cue.polarity == "-":
        # "without alienating Western partners", "not to antagonise its allies": the hostile act is denied, and the
        # tie its object names stands
        noun = next(
            (
                c
                for c in cues
                if c.polarity == "+"
                and second.end <= c.start <= second.end + 25
                and _ADJECTIVE_GAP.fullmatch(sentence.body, second.end, c.start)
            ),
            None,
        )
        if noun is not None:
            cue, mood = noun, "asserted"
    polarity = _polarity(sentence, cue)
    if mood == "negated":
        # "has not improved relations with X" is distance; "will not join the alliance" (non-alignment) and "is not
        # against X" are neutral
        aligning = cue.type in RELATIONS["negated_neutral_types"] or (cue.type == "cooperation" and not cue.reciprocal)
        polarity = "0" if aligning else RELATIONS["negated_polarity"][polarity]
    elif polarity != "-" and _fading(sentence, cue, second):
        polarity = "-"  # "ties with X have loosened", "Y's waning influence": a tie said to weaken is distance
    evidence, span = sentence.evidence(min(first.start, cue.start), max(second.end, cue.end))
    table = relation_types()[cue.type]
    sign = {"+": 1.0, "-": -1.0, "0": 0.0}[polarity]
    score = round(table["score"] * sign * (0.5 if mood == "hypothetical" else 1.0), 3)
    source, target = _direction(sentence, best)
    resolved = [m for m in (first, second) if m.via in ("pronoun", "we")]
    return Relation(
        a=first.id,
        b=second.id,
        type=cue.type,
        polarity=polarity,
        score=score,
        modality=mood,
        evidence=evidence,
        span=span,
        speaker=sentence.speaker,
        quad_class=table["quad_class"] if polarity != "0" or cue.type == "influence" else 1,
        source=source,
        target=target,
        confidence=_confidence(sentence, best, mood),
        resolved_from=sentence.body[resolved[0].start : resolved[0].end] if resolved else None,
    )


# ties, not standing: "Russia's role in the region has shrunk" says how far a power reaches, not that it is hostile
_FADING_TYPES = frozenset({"cooperation", "partnership", "alliance", "trade"})
_AUXILIARY = r"\b(?:(?:has|have|had|is|are|was|were|been|be)\s+)+(?:[a-z]+ly\s+)?"
FADING_CHARS = 50  # a fading predicate this close after the pair is said of its tie


@cache
def _fading_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = word_pattern("fading_words").pattern
    # the auxiliary makes it the tie's predicate ("ties have loosened"); without one it must follow the pair at once
    # ("the deal with X collapsed"): "cooperation to weaken the militants" is no fading tie
    after = rf"^\s*(?:{_AUXILIARY})?{words}|{_AUXILIARY}{words}"
    return re.compile(after, re.IGNORECASE), re.compile(words + r"\s+(?:[a-z]+\s+)?\Z", re.IGNORECASE)


def _fading(sentence: SentenceContext, cue: Cue, second: Mention) -> bool:
    """'ties with Moscow have loosened', 'trade with X has dwindled', 'the waning partnership': a tie
    said to weaken (data/relation_cues.json fading_words), by a predicate after the pair or an adjective before the
    cue, reads as distance."""
    if cue.type not in _FADING_TYPES:
        return False
    after, before = _fading_patterns()
    if before.search(sentence.body, max(sentence.start, cue.start - 30), cue.start):
        return True
    start = max(cue.end, second.end)
    _, clause_end = sentence.clause_bounds(start)
    window = sentence.body[start : min(clause_end, start + FADING_CHARS)]
    return after.search(window) is not None


def _polarity(sentence: SentenceContext, cue: Cue) -> str:
    """The cue's polarity; a neutral cue (influence) takes the tone of its clause."""
    if cue.polarity != "0":
        return cue.polarity
    lo, hi = sentence.clause_bounds(cue.start)
    clause = sentence.body[lo:hi]
    positive = len(word_pattern("stance_positive").findall(clause))
    negative = len(word_pattern("stance_negative").findall(clause))
    if positive > negative:
        return "+"
    if negative > positive:
        return "-"
    return "0"
