"""Property tests: segmentation never raises, never rewrites the text, and keeps offsets inside it."""

from hypothesis import given, settings
from hypothesis import strategies as st

from multivector.nlp import segment

TEXT = st.text(
    alphabet=st.sampled_from(list("abcXYZ .,;:!?-–—\"“”«»'’()\n\t0123456789ҚқӘəğış")), min_size=0, max_size=400
)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_blocks_are_ordered_trimmed_slices(body: str) -> None:
    interview = segment.is_interview(body)
    blocks = segment.classify_blocks(body, segment.split_blocks(body), interview)
    previous_end = 0
    for block in blocks:
        assert 0 <= previous_end <= block.start < block.end <= len(body)
        text = body[block.start : block.end]
        assert text == text.strip() and text
        assert block.kind in ("question", "answer", "narrative")
        previous_end = block.end


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_sentence_spans_cover_the_text_without_rewriting_it(body: str) -> None:
    spans = segment.sentence_spans(body, 0, len(body))
    for start, end in spans:
        assert 0 <= start < end <= len(body)
        assert body[start:end].strip() == body[start:end]
    covered = "".join(body[s:e] for s, e in spans)
    assert "".join(body.split()) == "".join(covered.split())  # nothing but whitespace is left out
