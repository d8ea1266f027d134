"""Sentences and tokens with exact character offsets.

Tokens are words, numbers, dotted abbreviations (``U.S.``), the possessive ``'s``, the negation ``n't`` and single
punctuation marks; a hyphen is a token of its own. Sentences end at ``.``, ``!`` or ``?`` before a capital, a digit
or an opening quote, and at every paragraph break; a period after an abbreviation or an initial does not end one.

Examples:
    >>> text = "Putin met Kim Jong Un in Pyongyang. The U.S. condemned it. Dr. Lee spoke."
    >>> [s.text for s in split_sentences(text)]
    ['Putin met Kim Jong Un in Pyongyang.', 'The U.S. condemned it.', 'Dr. Lee spoke.']
    >>> [t.text for t in tokenize("Korea's U.S.-led drills didn't stop")]
    ['Korea', "'s", 'U.S.', '-', 'led', 'drills', 'did', "n't", 'stop']
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import NamedTuple


class Token(NamedTuple):
    text: str
    start: int
    end: int


class Sentence(NamedTuple):
    idx: int
    start: int
    end: int
    text: str


TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}"          # U.S. U.N. e.g.
    r"|[^\W_]+(?=n['’]t\b)"         # did|n't
    r"|n['’]t\b"
    r"|['’]s\b"                      # possessive
    r"|\d+(?:[.,:]\d+)+"            # 1,000  3.5  10:30
    r"|[^\W_]+"
    r"|\S"
)

_BOUNDARY_RE = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[^\W_a-z])|\n\s*\n|\n(?=\s*\S)")
_WORD_BEFORE_RE = re.compile(r"([A-Za-z.]+)\.$")


@functools.cache
def _segment_config() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    raw = resources.files("analystkit").joinpath("lexicons", "segment.json").read_text(encoding="utf-8")
    cfg = json.loads(raw)
    return (frozenset(cfg["abbreviations"]), frozenset(cfg["ends_sentences"]),
            frozenset(cfg["sentence_starters"]))


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split text into tokens whose offsets index ``text`` (plus ``offset``)."""
    # tuple.__new__ builds each Token without the Python-level __new__ of a NamedTuple: a fifth of the time here
    new = tuple.__new__
    return [new(Token, (m[0], m.start() + offset, m.end() + offset)) for m in TOKEN_RE.finditer(text)]


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    mark = match.group()
    if "\n" in mark or not mark.startswith("."):
        return True
    if len(mark.rstrip("\"”’')]")) > 1:  # "..." or ".." ends a sentence
        return True
    before = _WORD_BEFORE_RE.search(text, max(0, match.start() - 20), match.start() + 1)
    if before is None:
        return True
    word = before.group(1)
    bare = word.replace(".", "").lower()
    abbreviations, ends_sentences, starters = _segment_config()
    if len(bare) == 1 and word[-1:].isupper():  # an initial: "John F. Kennedy"
        return False
    if bare in abbreviations or "." in word:
        if bare in ends_sentences or "." in word:
            nxt = re.match(r"\s+[\"“‘(\[]?([^\W_]+)", text[match.end():])
            return bool(nxt and nxt.group(1) in starters)
        return False
    return True


def split_sentences(text: str) -> list[Sentence]:
    """Split a document into sentences with offsets into ``text`` (whitespace trimmed off each)."""
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY_RE.finditer(text):
        if not _is_boundary(text, match):
            continue
        end = match.end() if match.group().strip() else match.start()
        _add(sentences, text, start, end)
        start = end
    _add(sentences, text, start, len(text))
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = start + lead
    sentences.append(Sentence(len(sentences), s, s + len(stripped), stripped))
