"""Run the NLP components over an ingested Document and assemble the Analysis.

Order, as declared in nlp/config.py (STAGES, with every stage's settings): parse (spaCy, with the actor catalogue as
an entity ruler before the NER) -> blocks and sentences -> actor and person mentions -> speakers and attribution ->
reference ("it", "the two countries") -> per-sentence relations, memberships and stances -> figures and events ->
claims (one per pair and polarity, per speaker and target) into the Analysis record. Each step is its own module;
this one only wires them, so a component can be replaced or tested alone.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from multivector.nlp import reference, segment
from multivector.nlp.actors import TITLE_WORDS
from multivector.nlp.aggregate import relation_claims, stance_claims
from multivector.nlp.config import RELATIONS
from multivector.nlp.context import Mention, SentenceContext
from multivector.nlp.lexicon import lexicon, word_pattern
from multivector.nlp.memberships import code_memberships
from multivector.nlp.model import doc_text
from multivector.nlp.relations import code_relations
from multivector.nlp.speakers import SpeakerInfo, attribute, complete_persons, find_speakers, is_speech_subject
from multivector.nlp.stances import code_stances
from multivector.records import Actor, Analysis, Document, Person, Speaker

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

CHUNK_CHARS = 100_000  # spaCy parses long bodies in paragraph-aligned chunks of about this size
MAX_SENTENCE_CHARS = 1_500  # longer "sentences" are run-on junk: coded in windows of this size


def analyze_document(document: Document, *, nlp: Language | None = None) -> Analysis:
    from multivector.data.catalogue import Catalogue
    from multivector.nlp.actors import actor_mentions, person_mentions
    from multivector.nlp.events import extract_events
    from multivector.nlp.figures import extract_figures

    body = document.body
    nlp = nlp or pipeline()
    catalogue = Catalogue.default()
    interview = segment.is_interview(body, document.title)
    blocks = segment.classify_blocks(body, segment.split_blocks(body), interview)

    sentences: list[tuple[int, int]] = []
    actors: list = []
    persons: list = []
    parsed = _parse(nlp, body)
    for offset, doc in parsed:
        sentences.extend(_sentences(doc, offset, blocks))
        actors.extend(_shift(m, offset) for m in actor_mentions(doc))
        persons.extend(_shift(p, offset) for p in person_mentions(doc))
    actors = _outside_outlet(actors, body, document.outlet)
    persons = complete_persons(body, persons, parsed, catalogue)  # parse-found names, surnames linked, no places
    persons = [p for p in persons if not _is_outlet(p.canonical, document.outlet)]

    speakers = find_speakers(
        body,
        persons,
        blocks,
        interview,
        document.authors,
        parsed=parsed,
        raw_text=document.raw_text,
        title=document.title,
    )
    speakers = _keep_narrative_quoted(speakers, blocks, interview)
    mentions = [Mention(m.id, m.kind, m.start, m.end, m.via) for m in actors]
    for speaker in speakers:
        speaker.state = _speaker_state(speaker, catalogue)
    if interview and speakers and speakers[0].state is None:
        speakers[0].state = _dominant_state(mentions)
    by_sentence = attribute(body, sentences, blocks, speakers, interview)
    contexts = _contexts(body, sentences, blocks, by_sentence, mentions, speakers, persons)

    relations, memberships, stances = [], [], []
    previous = None
    for context in contexts:
        readings = code_relations(context, catalogue)
        relations.extend(readings)
        memberships.extend(code_memberships(context, catalogue, previous))
        stances.extend(code_stances(context, previous, readings))
        previous = context
    memberships = _unique(sorted(memberships, key=lambda m: -m.confidence), lambda m: (m.member, m.org))

    return Analysis(
        id=document.id,
        source=document.source,
        language=document.language,
        title=document.title,
        published=document.published,
        outlet=document.outlet,
        authors=list(document.authors),
        speakers=[Speaker(s.name, s.role) for s in speakers],
        body=body,
        actors=_actors(actors, catalogue),
        people=_people(persons, speakers, document.authors),
        relations=[r for r in relation_claims(relations) if r.confidence >= RELATIONS["min_claim_confidence"]],
        memberships=memberships,
        stances=stance_claims(stances),
        figures=[replace(f, value=_tidy(f.value)) for f in extract_figures(body, sentences)],
        events=extract_events(body, document.published, sentences),  # datelines: nlp/events.py
        relation_mentions=relations,
        stance_mentions=stances,
        name=document.name,
    )


def pipeline() -> Language:
    """The shared spaCy pipeline (nlp.model.load_pipeline: built once, never changed after it is loaded)."""
    from multivector.nlp.model import load_pipeline

    return load_pipeline()


def _parse(nlp: Language, body: str):
    """(offset, Doc) pairs over paragraph-aligned chunks of the body."""
    chunks, start = [], 0
    while start < len(body):
        end = min(len(body), start + CHUNK_CHARS)
        if end < len(body):
            end = _chunk_end(body, start, end)
        chunks.append((start, body[start:end]))
        start = end
    docs = nlp.pipe(text for _, text in chunks)
    return [(offset, doc) for (offset, _), doc in zip(chunks, docs, strict=True)]


def _chunk_end(body: str, start: int, end: int) -> int:
    """Cut at a paragraph, else a sentence end, else a space: never inside a word."""
    floor = start + CHUNK_CHARS // 2
    for boundary in ("\n", ". ", " "):
        cut = body.rfind(boundary, floor, end)
        if cut != -1:
            return cut + len(boundary)
    return end


def _shift(mention, offset: int):
    if offset == 0:
        return mention
    return replace(mention, start=mention.start + offset, end=mention.end + offset)


def _sentences(doc: Doc, offset: int, blocks: list[segment.Block]) -> list[tuple[int, int]]:
    """spaCy sentences, cut again at block boundaries and trimmed of whitespace."""
    cuts = sorted({b.start for b in blocks} | {b.end for b in blocks})
    spans = []
    text = doc_text(doc)
    for sent in doc.sents:
        start, end = sent.start_char + offset, sent.end_char + offset
        inner = cuts[bisect_right(cuts, start) : bisect_left(cuts, end)]  # cuts is sorted: no scan of all
        for lo, hi in zip([start, *inner], [*inner, end], strict=True):
            piece = text[lo - offset : hi - offset]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                trail = len(piece) - len(piece.rstrip())
                spans.extend(_bounded(text, offset, lo + lead, hi - trail))
    return spans


def _bounded(text: str, offset: int, start: int, end: int) -> list[tuple[int, int]]:
    """A run-on 'sentence' (a scraped table, a page with no punctuation) is cut into windows at spaces, so the
    per-sentence coders stay linear in the length of the text."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start - offset, start - offset + MAX_SENTENCE_CHARS)
        cut = cut + offset if cut > start - offset else start + MAX_SENTENCE_CHARS
        pieces.append((start, cut))
        start = cut + 1 if text[cut - offset : cut - offset + 1] == " " else cut
    pieces.append((start, end))
    return pieces


def _outlet_spans(body: str, outlet: str | None) -> list[tuple[int, int]]:
    if not outlet:
        return []
    return [(m.start(), m.end()) for m in re.finditer(re.escape(outlet), body, re.IGNORECASE)]


def _outside_outlet(mentions: list, body: str, outlet: str | None) -> list:
    """'Central Asia Monitor talks to ...': an actor's name inside the outlet's name is no mention of the actor."""
    spans = _outlet_spans(body, outlet)
    return [m for m in mentions if not any(lo <= m.start and m.end <= hi for lo, hi in spans)]


def _is_outlet(name: str, outlet: str | None) -> bool:
    """The page's outlet, or any outlet of the catalogue (data.outlets, below ingest and nlp)."""
    from multivector.data.outlets import is_outlet_name

    bare = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    return bool(outlet and name.casefold() == outlet.casefold()) or is_outlet_name(name) or is_outlet_name(bare)


def _tidy(value: float) -> float | int:
    """330000000.00000006 -> 330000000: scale words multiply binary floats."""
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) and abs(rounded) < 1e18 else rounded


def _keep_narrative_quoted(speakers: list[SpeakerInfo], blocks, interview: bool) -> list[SpeakerInfo]:
    """In an interview, people the interviewee cites inside an answer are not speakers of the article."""
    if not interview or not speakers:
        return speakers
    answer_spans = [(b.start, b.end) for b in blocks if b.kind == "answer"]
    main = speakers[0]
    return [main] + [s for s in speakers[1:] if not any(lo <= s.start < hi for lo, hi in answer_spans)]


def _speaker_state(speaker: SpeakerInfo, catalogue) -> str | None:
    """The speaker's country: the first state named or implied (demonym) in the role ("Kazakh political scientist",
    "director of the Kazakhstan Institute ...", "(Kazakhstan)"), else None."""
    known = catalogue.person(speaker.name)
    if known is not None and known.country and (entry := catalogue.get(known.country)) and entry.kind == "state":
        return entry.id
    words = re.findall(r"[\w’'-]+", speaker.role or "")
    for i in range(len(words)):
        if _posted_to(words, i):
            continue
        for n in (3, 2, 1):
            found = catalogue.lookup(" ".join(words[i : i + n]).removesuffix("'s").removesuffix("’s"))
            if found and (entry := catalogue.get(found[0])) is not None and entry.kind == "state":
                return entry.id
    return None


def _posted_to(words: list[str], i: int) -> bool:
    """'the EU Ambassador to Tajikistan', 'envoy in Baku': the state after a post's 'to', 'in' or 'for' is where the
    speaker is posted, not the speaker's own country."""
    j = i - 1 - (i >= 1 and words[i - 1].lower() == "the")
    return j >= 1 and words[j].lower() in ("to", "in", "for") and words[j - 1].lower() in TITLE_WORDS


def _dominant_state(mentions: list[Mention]) -> str | None:
    """An interview about one country, with an interviewee of unstated nationality: "we" is most likely that
    country, when it clearly dominates the text (a third of all state mentions and twice the runner-up)."""
    counts = Counter(m.id for m in mentions if m.kind == "state").most_common(2)
    if not counts:
        return None
    total = sum(1 for m in mentions if m.kind == "state")
    runner_up = counts[1][1] if len(counts) > 1 else 0
    top, n = counts[0]
    return top if n >= total / 3 and n >= 2 * runner_up else None


def _contexts(body, sentences, blocks, by_sentence, mentions, speakers, persons) -> list[SentenceContext]:
    questions = [(b.start, b.end) for b in blocks if b.kind == "question"]
    states = {s.name: s.state for s in speakers}
    we = word_pattern("we_pronouns")
    ordered = sorted(mentions, key=lambda m: m.start)
    ordered_starts = [m.start for m in ordered]
    contexts, i = [], 0
    previous: SentenceContext | None = None
    for start, end in sentences:
        while i < len(ordered) and ordered[i].end <= start:
            i += 1
        upto = bisect_left(ordered_starts, end)  # mentions are ordered by start: none after this one is inside
        inside = [m for m in ordered[i:upto] if m.end <= end and m.start >= start]
        speaker = _embedded_speaker(body, start, end, persons) or by_sentence.get((start, end))
        question = any(lo <= start < hi for lo, hi in questions)
        state = states.get(speaker)
        if state and not question:
            inside += [
                Mention(state, "state", start + m.start(), start + m.end(), "we")
                for m in we.finditer(body[start:end])
                if not m.group().isupper()  # "US" is the United States, not "us"
            ]
            inside.sort(key=lambda m: m.start)
        if not question:
            inside = sorted([*inside, *reference.resolve(body, start, end, inside, contexts, speaker)], key=_at)
        previous = SentenceContext(body, start, end, speaker, inside, question, state)
        contexts.append(previous)
    return contexts


def _at(mention: Mention) -> int:
    return mention.start


def _embedded_speaker(body: str, start: int, end: int, persons) -> str | None:
    """'NAME said that ...', 'NAME criticised X': inside a sentence, the view is NAME's, not the interviewee's."""
    for person in persons:
        if start <= person.start < end and is_speech_subject(body, person.start, person.end):
            if _SPEAKS_AFTER_NAME().match(body, person.end, end):
                return person.canonical
    return None


@cache
def _SPEAKS_AFTER_NAME() -> re.Pattern[str]:  # noqa: N802 (a compiled constant, built once from the lexicon)
    verbs = {*lexicon()["speech_verbs"], *lexicon()["speech_verbs_extra"]}
    alternation = "|".join(sorted((re.escape(v) for v in verbs), key=len, reverse=True))
    return re.compile(
        rf"\s*(?:,[^,]{{0,80}},\s*)?(?:has |had |also |then |again |further |later )?"
        rf"(?:\w+\s+that\b|(?:{alternation})\b)",
        re.IGNORECASE,
    )


def _actors(mentions: list, catalogue) -> list[Actor]:
    counts = Counter(m.id for m in mentions)
    kinds = {m.id: m.kind for m in mentions}
    texts = {m.id: m.text for m in mentions}
    actors = []
    for actor_id, count in counts.most_common():
        entry = catalogue.get(actor_id)
        actors.append(Actor(actor_id, entry.name if entry else texts[actor_id], kinds[actor_id], count))
    return actors


def _people(persons: list, speakers: list[SpeakerInfo], authors: list[str]) -> list[Person]:
    roles = {s.name: s.role for s in speakers}
    author_surnames = {a.split()[-1].casefold() for a in authors if a.split()}
    counts = Counter(p.canonical for p in persons)
    people = [
        Person(name, roles.get(name), count)
        for name, count in counts.most_common()
        if name.split()[-1].casefold() not in author_surnames
    ]
    # an interviewee named only in the headline or above the body is a person of the article all the same
    listed = {p.name for p in people}
    people += [
        Person(s.name, s.role, 1)
        for s in speakers
        if s.voice in ("interviewee", "respondent")
        and s.name not in listed
        and s.name.split()[-1].casefold() not in author_surnames
    ]
    return people


def _unique(items: list, key) -> list:
    seen, out = set(), []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out
