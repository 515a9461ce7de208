"""Coverage-guided fuzzing (atheris/libFuzzer) of the components that read untrusted bytes and text.

    python fuzz/fuzz_targets.py TARGET [libFuzzer options, e.g. -runs=100000 -max_len=4096]

TARGET is one of: decode, boilerplate, segment, numbers, dates. Every target checks the component's contract: only
IngestError may escape the decoder, the body is made of verbatim input lines, spans stay inside the text, evidence
is verbatim. tests/test_fuzz.py runs each target for a bounded number of inputs.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from multivector.errors import IngestError
    from multivector.ingest import decode, from_text
    from multivector.nlp import events, figures, numbers, segment


def _text(data: bytes) -> str:
    return atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))


def fuzz_decode(data: bytes) -> None:
    try:
        text, encoding = decode.decode_bytes(data, "fuzz")
    except IngestError:
        return
    assert isinstance(text, str) and encoding


def fuzz_boilerplate(data: bytes) -> None:
    text = _text(data)
    try:
        doc = from_text(text, name="fuzz", source="fuzz")
    except IngestError:
        return
    lines = {line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")}
    for line in doc.body.split("\n"):
        assert not line.strip() or any(line.strip() in kept for kept in lines), line


def fuzz_segment(data: bytes) -> None:
    body = _text(data)
    blocks = segment.classify_blocks(body, segment.split_blocks(body), segment.is_interview(body))
    for block in blocks:
        assert 0 <= block.start < block.end <= len(body)
    for start, end in segment.sentence_spans(body, 0, len(body)):
        assert 0 <= start < end <= len(body)


def fuzz_numbers(data: bytes) -> None:
    text = _text(data)
    numbers.parse_number(text)
    for figure in figures.extract_figures(text):
        assert text[figure.span[0] : figure.span[1]] == figure.evidence


def fuzz_dates(data: bytes) -> None:
    text = _text(data)
    for event in events.extract_events(text, "2024-06-15"):
        assert text[event.span[0] : event.span[1]] == event.evidence
        assert event.date[:4].isdigit()


TARGETS = {
    "decode": fuzz_decode,
    "boilerplate": fuzz_boilerplate,
    "segment": fuzz_segment,
    "numbers": fuzz_numbers,
    "dates": fuzz_dates,
}


def main() -> None:
    target = TARGETS[sys.argv[1]]
    atheris.Setup([sys.argv[0], *sys.argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
