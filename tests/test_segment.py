from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analystkit.segment import Token, split_sentences, tokenize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. and the U.N. met. Then they left.", ["The U.S. and the U.N. met.", "Then they left."]),
        ("Dr. Kim arrived on Jan. 5 in Seoul. He spoke.", ["Dr. Kim arrived on Jan. 5 in Seoul.", "He spoke."]),
        ("John F. Kennedy spoke. Nobody listened.", ["John F. Kennedy spoke.", "Nobody listened."]),
        ("Criticism came from the U.S. Meanwhile, Seoul waited.",
         ["Criticism came from the U.S.", "Meanwhile, Seoul waited."]),
        ("“We will respond,” he said. Seoul agreed!", ["“We will respond,” he said.", "Seoul agreed!"]),
        ("First paragraph without stop\n\nSecond one.", ["First paragraph without stop", "Second one."]),
        ("Gen. Lee met Mr. Park at 3 p.m. on Monday.", ["Gen. Lee met Mr. Park at 3 p.m. on Monday."]),
        ("", []),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


def test_sentence_offsets_index_the_text() -> None:
    text = "  Seoul fired shots.\n\nPyongyang denied it.  "
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text


def test_tokens_split_hyphens_and_possessives() -> None:
    assert [t.text for t in tokenize("Russia-North Korea's anti-tank")] == [
        "Russia", "-", "North", "Korea", "'s", "anti", "-", "tank"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_offsets_always_inside_text(text: str) -> None:
    for s in split_sentences(text):
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.text
        for t in tokenize(s.text, s.start):
            assert s.start <= t.start < t.end <= s.end
            assert text[t.start:t.end] == t.text


def test_titles_after_abbreviations_do_not_start_sentences() -> None:
    from analystkit.segment import split_sentences

    text = "The U.S. President met Lt. Gen. Ahmed on Jan. 5. U.N. Secretary-General Antonio Guterres spoke. He left."
    assert [s.text for s in split_sentences(text)] == [
        "The U.S. President met Lt. Gen. Ahmed on Jan. 5.", "U.N. Secretary-General Antonio Guterres spoke.",
        "He left."]


def test_tokens_are_token_records() -> None:
    tokens = tokenize("Seoul protested.", 10)
    assert all(isinstance(t, Token) for t in tokens)
    assert [(t.text, t.start, t.end) for t in tokens] == [("Seoul", 10, 15), ("protested", 16, 25), (".", 25, 26)]
