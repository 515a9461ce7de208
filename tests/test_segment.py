"""Blocks, interview turns and the regex sentence splitter."""

from multivector.nlp import segment


def kinds(body: str) -> list[tuple[str, str]]:
    interview = segment.is_interview(body)
    blocks = segment.classify_blocks(body, segment.split_blocks(body), interview)
    return [(b.kind, body[b.start : b.end][:20]) for b in blocks]


def test_dash_turns_split_questions_from_answers():
    body = (
        "The Steppe Herald spoke to analyst Aru Bekova.\n\n"
        "- How do you see the region?\n\n"
        "- The region is rising. Why does it matter? Because trade grows.\n\n"
        "It grows fast.\n"
    )
    got = [k for k, _ in kinds(body)]
    assert got == ["narrative", "question", "answer", "answer"]


def test_answer_glued_to_previous_sentence_starts_a_new_turn():
    body = "An interview with Aru Bekova.\n- First answer ends here.- Second answer starts here."
    blocks = segment.split_blocks(body)
    texts = [body[b.start : b.end] for b in blocks]
    assert texts[1] == "- First answer ends here."
    assert texts[2].startswith("- Second answer")
    interview = segment.is_interview(body)
    marked = segment.classify_blocks(body, blocks, interview)
    assert [b.kind for b in marked[1:]] == ["answer", "answer"]  # no questions in the scrape: all turns answer


def test_numbered_questions_are_questions():
    body = "Interview of expert Aru Bekova to Steppe Herald:\n1) Will this change anything?\nNo. Nothing changes.\n"
    assert [k for k, _ in kinds(body)] == ["narrative", "question", "answer"]


def test_narrative_text_has_no_questions():
    body = "Kazakhstan signed a deal. Why? Nobody knows.\nThe end."
    assert segment.is_interview(body) is False
    assert {k for k, _ in kinds(body)} == {"narrative"}


def test_sentence_spans_are_verbatim_and_split_glued_sentences():
    body = "First sentence here. Second one.Third one glued! Fourth?"
    spans = segment.sentence_spans(body, 0, len(body))
    assert [body[s:e] for s, e in spans] == ["First sentence here.", "Second one.", "Third one glued!", "Fourth?"]


def test_blocks_are_slices_of_the_body(seed_text):
    body = seed_text("003")
    for block in segment.split_blocks(body):
        text = body[block.start : block.end]
        assert text == text.strip() and text
