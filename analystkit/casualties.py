"""Casualty counts in a sentence ("killed 33", "at least 12 dead", "dozens wounded"), for the events' killed_min,
killed_max, injured_min and injured_max columns.

A count is a number (digits, "three", "a dozen", "dozens", "hundreds") next to a casualty word: before it ("33 people
were killed", "at least 12 dead", "dozens wounded") or after it ("killed 33 civilians", "the death toll rose to
40"). "At least", "more than" and "over" leave the maximum open; "about" and "some" keep the number as both; "20 to
30" is a range; "dozens", "hundreds", "thousands" are at least 24, 200, 2,000 with no maximum. Counts are attached
to the sentence's material-conflict events (CAMEO roots 14-20 with force: assault, fight, mass violence, violent
protest and repression), to the one whose trigger is nearest the count, so a sentence's dead are counted once.

Examples:
    >>> [(c.kind, c.low, c.high) for c in find_casualties("Israeli strikes killed at least 33 people and wounded "
    ...                                                   "dozens more in Gaza.")]
    [('killed', 33, None), ('injured', 24, None)]
    >>> [(c.kind, c.low, c.high) for c in find_casualties("Between 20 and 30 protesters were injured; two died.")]
    [('injured', 20, 30), ('killed', 2, 2)]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
         "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12}
OPEN = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000}  # a lower bound, no maximum
KILLED = r"(?:shot dead|killed|dead|died|deaths|killing|killings|fatalities)"
INJURED = r"(?:wounded|injured|injuries|hurt|wounding|injuring)"
_NUM = r"(?:\d[\d,]*|" + "|".join(sorted((re.escape(w) for w in WORDS), key=len, reverse=True)) + ")"
_QUANT = (r"(?P<q>(?:at least|more than|over|nearly|almost|about|around|some|roughly|up to|between|an estimated)\s+)?"
          r"(?:(?P<a>" + _NUM + r")(?:\s+(?:to|and|or|-)\s+(?P<b>" + _NUM + r"))?|(?P<open>" +
          "|".join(OPEN) + r"))")
_NOUN = r"(?:\s+of)?(?:\s+(?!(?:were|was|have|had|are|is|been|and|but|when|in|on|at)\b)[A-Za-z'-]+){0,5}?"
BEFORE = re.compile(r"\b" + _QUANT + _NOUN + r"(?:\s+(?:were|have been|had been|was|are|being|been|reportedly|"
                    r"also))*\s+(?P<kind>" + KILLED + "|" + INJURED + r")\b", re.I)
AFTER = re.compile(r"\b(?P<kind>killed|killing|wounded|wounding|injured|injuring|death toll (?:rose |climbed |stood )?"
                   r"(?:to|at|of)|toll (?:rose |climbed )?(?:to|at|of))\s+" + _QUANT + r"\b", re.I)


class Casualty(NamedTuple):
    kind: str  # "killed" | "injured"
    low: int
    high: int | None
    start: int  # character offsets in the sentence
    end: int


def _value(text: str | None) -> int | None:
    if not text or re.fullmatch(r"(?:19|20)\d\d", text):  # a year ("in 2022 the war killed"), not a count
        return None
    text = text.lower().replace(",", "")
    return int(text) if text.isdigit() else WORDS.get(text)


def _count(m: re.Match[str]) -> tuple[int, int | None] | None:
    if m.group("open"):
        return OPEN[m.group("open").lower()], None
    low, high = _value(m.group("a")), _value(m.group("b"))
    if low is None:
        return None
    if high is not None:
        return min(low, high), max(low, high)
    q = (m.group("q") or "").strip().lower()
    if q in {"at least", "more than", "over"}:
        return low + (q != "at least"), None
    if q == "up to":
        return 0, low
    return low, low


def find_casualties(text: str) -> list[Casualty]:
    """Casualty counts in a sentence, left to right, one per number."""
    found: dict[tuple[int, int], Casualty] = {}
    for pattern in (BEFORE, AFTER):
        for m in pattern.finditer(text):
            count = _count(m)
            if count is None:
                continue
            word = m.group("kind").lower()
            kind = "killed" if re.fullmatch(KILLED, word) or "toll" in word else "injured"
            span = (m.start(), m.end())
            if not any(a < span[1] and span[0] < b for a, b in found):  # one reading per stretch of text
                found[span] = Casualty(kind, count[0], count[1], *span)
    return sorted(found.values(), key=lambda c: c.start)


FORCE_ROOTS = frozenset({"18", "19", "20"})
FORCE_CODES = frozenset({"145", "1451", "1452", "1453", "1454", "175", "1711", "1712"})


def attach(events: Sequence, sentence_text: str, sentence_start: int) -> list:
    """The sentence's events with their casualty columns filled: each count goes to the material-conflict event
    whose trigger is nearest to it (events are :class:`analystkit.events.Event` tuples)."""
    events = list(events)
    force = [n for n, ev in enumerate(events) if ev.cameo_root in FORCE_ROOTS or ev.cameo_code in FORCE_CODES]
    if not force:
        return events
    for c in find_casualties(sentence_text):
        at = sentence_start + c.start
        n = min(force, key=lambda k: abs(events[k].start - at))
        low_col, high_col = f"{c.kind}_min", f"{c.kind}_max"
        lo, hi = getattr(events[n], low_col), getattr(events[n], high_col)
        # a second count adds up; an open maximum on either side stays open
        high = None if c.high is None or (lo is not None and hi is None) else c.high + (hi or 0)
        events[n] = events[n]._replace(**{low_col: c.low + (lo or 0), high_col: high})
    return events
