"""The NLP stages and their settings in one place, as spaCy lists a pipeline and its config.

`STAGES` is the order `nlp.assemble` runs the stages in, each with the module that makes the decision and what it
reads and writes; the dictionaries below hold every threshold a stage uses, so a newcomer finds where a decision is
made in one file. Lexicons (words and phrases) are data files under `multivector/data/`, not settings.
"""

from __future__ import annotations

from typing import Any

#: (stage, module, reads, writes)
STAGES: tuple[tuple[str, str, str, str], ...] = (
    ("parse", "nlp.model", "body", "spaCy Docs: tokens, sentences, entities (the actor catalogue as an entity ruler)"),
    ("segment", "nlp.segment", "body", "blocks (question, answer, lede, narration) and sentences"),
    ("actors", "nlp.actors", "Docs", "actor and person mentions"),
    ("speakers", "nlp.speakers", "mentions, blocks, Docs", "speakers and who says each sentence"),
    ("reference", "nlp.reference", "sentences, mentions", "mentions for 'it', 'the organisation', 'the two countries'"),
    ("relations", "nlp.relations", "sentence contexts", "relation mentions (type, polarity, direction, confidence)"),
    ("memberships", "nlp.memberships", "sentence contexts", "membership claims checked against the catalogue"),
    ("stances", "nlp.stances", "sentence contexts", "stance mentions (speaker, target, polarity, confidence)"),
    ("figures", "nlp.figures", "body, sentences", "numeric claims"),
    ("events", "nlp.events", "body, sentences, published", "dated events"),
    (
        "claims",
        "nlp.aggregate",
        "relation and stance mentions",
        "one claim per pair and polarity, per speaker and target",
    ),
)

RELATIONS: dict[str, Any] = {
    "max_pair_gap": 220,  # characters between two related mentions
    # Claims (Analysis.relations) below this confidence stay in relation_mentions only: the network shows what the
    # tool stands behind, the mentions keep every reading.
    "min_claim_confidence": 0.5,
    # the polarity of a negated cue: a negated cooperative cue reads as distance ("has not improved relations"), a
    # negated hostile one as neutral; refusing to join or ally ("will not join the alliance") is non-alignment: neutral
    "negated_polarity": {"+": "-", "-": "0", "0": "0"},
    "negated_neutral_types": ["alliance"],
    "confidence": {
        # A reading's confidence: its rule's base, moved by its type and context. Calibrated on dev, dev2 and the real
        # set (the share of each rule's readings whose pair the gold has; docs/accuracy.md, "Confidence").
        "rules": {
            "between": 0.9,  # "rivalry between X and Y"
            "compound": 0.9,  # "the Kazakh-Chinese joint venture", "the Russia–Central Asia summit"
            "cue-between": 0.66,  # "X pressures Y", "X's partnership with Y"
            "route": 0.75,  # "freight from X to Y via Z"
            "owner": 0.7,  # "China's Belt and Road Initiative": a project and its possessor
            "list": 0.62,  # "A, B and C signed an agreement", "talks with A, B and C"
            "pair": 0.55,  # the only two actors of a clause with a cue elsewhere in it
            "coordinated": 0.52,  # "X and Y are partners"
        },
        "default": 0.6,
        "types": {  # added to the rule's base
            "alliance": 0.1,
            "mediation": 0.1,
            "cooperation": 0.02,
            "influence": 0.02,
            "trade": 0.02,
            "dependence": -0.05,
            "rivalry": -0.05,
            "conflict": -0.08,
            "pressure": -0.1,
            "transit": -0.2,  # routes and pipelines name many places that are no parties
        },
        "far_chars": 80,  # mentions farther apart than this ...
        "far_penalty": 0.17,  # ... lose this much
        "modal_penalty": 0.1,  # hypothetical
    },
}

STANCES: dict[str, Any] = {
    "max_cue_distance": 90,  # characters between an evaluative cue and its target
    "place_penalty_chars": 60,  # an actor named as a place ("stability in Central Asia") counts as this much farther
    # the speaker's own state is usually the subject that acts, the other actor the one judged
    "own_state_penalty_chars": 40,
    # a speaker's sentence about one actor (the own state apart) gives it the sentence's evaluation
    "sole_target": True,
    # the weakest VADER valence (of 4) that counts as a cue: at 1.0-1.5 mild words ("support", "agree") made stances
    # of plain reporting; at 2.0 seed stance F1 held and dev recall tripled; 1.9 lets in "good", "useful", "better",
    # "beneficial" (real stance F1 +.03, dev and dev2 unchanged); 1.7 brought reporting back (dev -.02)
    "valence_cue": 1.9,
    # a relation the speaker's own state is party to ("our partnership with X") is the speaker's stance on X
    "from_relations": True,
    "from_relations_min_confidence": 0.5,  # ... when the relation reading is at least this confident
    "from_relations_factor": 0.75,  # its confidence: the relation reading's, times this
    # ... unless it is mediation (a third party's role in talks, no view of it)
    "from_relations_types": [
        "alliance",
        "partnership",
        "cooperation",
        "trade",
        "transit",
        "dependence",
        "influence",
        "rivalry",
        "conflict",
        "pressure",
        "sanctions",
    ],
    # ... and where the sentence relates the speaker's state to several actors ("we signed agreements with A, B and
    # C"), only an alliance or a partnership: a list of partners reports facts, it weighs none of them
    "from_relations_in_lists": ["alliance", "partnership"],
    # the speaker's own state is a target only as the possessor of what is judged ("our country's peace plan"); as
    # the subject that acts it named a gold target 3 times in 20 on dev, dev2 and real
    "own_state_possessive_only": True,
    # "X is / has become / remains <cue> ...": the subject of a linking verb this close before the cue is its target
    "predicate_reach_chars": 80,
    # praise with a reservation after "but" ("X is a useful partner, but the terms must be fair") is a balanced view
    "reservation_balances": True,
    # a speaker's stance on a target in one article (nlp/aggregate.py): its sentence readings vote, each with its
    # confidence, and readings at least this confident (the subject of an evaluative predicate) outvote the weaker
    # cue readings ("China is a useful partner, but we must stay prudent" (0) over trade facts read as +); on dev
    # and dev2 this raised polarity F1 by .07 and .06 against one vote per reading, real and the seeds unchanged
    "claim_decisive_confidence": 0.7,
    "confidence": {
        "cue": 0.55,  # an evaluative cue next to its target (about half of such stances are in the gold) ...
        # ... the subject of a linking verb whose predicate holds the cue ("X is a reliable partner"): on dev, dev2,
        # real and the seeds 35 of 41 such readings named a gold target
        "subject": 0.85,
        "distance_per_char": 0.002,  # ... less this for each character the evidence core spans
        "modal_penalty": 0.1,  # hypothetical, future or negated
    },
}

MEMBERSHIPS: dict[str, Any] = {
    # each construction's base confidence is declared with it (nlp/memberships.py, the table in its docstring);
    # these adjust it
    "confidence": {
        "confirmed": 0.05,  # the catalogue's member list confirms the pair
        "contradicted": -0.3,  # ... or contradicts it
        "resolved": -0.1,  # a party was resolved from a reference ("the organisation", "its")
        "ceiling": 0.97,
        # rules this weak or weaker do not read organisations with over 100 members nor the catalogue's observers
        "weak_rule": 0.7,
    },
}
