from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analystkit.dates import NEEDS, PATTERNS, _cues, find_dates

PUB = dt.date(2024, 6, 20)  # a Thursday


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("on Tuesday", "2024-06-18", "day"),
        ("on Thursday", "2024-06-20", "day"),
        ("last Thursday", "2024-06-13", "day"),
        ("yesterday", "2024-06-19", "day"),
        ("this week", "2024-06-17", "week"),
        ("last week", "2024-06-10", "week"),
        ("last month", "2024-05-01", "month"),
        ("earlier this year", "2024-01-01", "year"),
        ("last year", "2023-01-01", "year"),
        ("in September", "2023-09-01", "month"),
        ("in June", "2024-06-01", "month"),
        ("in March", "2024-03-01", "month"),
        ("on June 19", "2024-06-19", "day"),
        ("on Dec. 3", "2023-12-03", "day"),
        ("on 19 June 2024", "2024-06-19", "day"),
        ("June 19, 2023", "2023-06-19", "day"),
        ("in November 2023", "2023-11-01", "month"),
        ("in 2019", "2019-01-01", "year"),
        ("2024-03-28", "2024-03-28", "day"),
        ("three days ago", "2024-06-17", "day"),
    ],
)
def test_resolution(text: str, date: str, precision: str) -> None:
    found = find_dates(text, PUB)
    assert [(d.date.isoformat(), d.precision) for d in found] == [(date, precision)]


def test_future_reading_for_planned_events() -> None:
    assert find_dates("on Monday", PUB, future=True)[0].date == dt.date(2024, 6, 24)
    assert find_dates("in September", PUB, future=True)[0].date == dt.date(2024, 9, 1)


def test_no_publication_date_keeps_only_explicit_dates() -> None:
    assert [d.text for d in find_dates("On Tuesday, not June 19, 2024", None)] == ["June 19, 2024"]


def test_modal_may_is_not_a_month() -> None:
    assert find_dates("Pyongyang may provide Moscow with shells", PUB) == []


def test_offsets_point_into_the_text() -> None:
    text = "Talks began on Monday."
    (d,) = find_dates(text, PUB, offset=100)
    assert text[d.start - 100:d.end - 100] == "on Monday"


# words and letters that re.IGNORECASE folds onto ASCII ("ſ" is s, "ı" and "İ" are i, "K" is k)
FRAGMENTS = ["Jan", "Sept.", "May", "June 19", "2024", "1999-03-04", "in", "In", "last", "this", "next", "week",
             "WEEK", "month", "Year", "Monday", "today", "TONIGHT", "yeſterday", "tonıght", "İn", "Kelvin", "ago",
             "three", "days", "a", " ", ", ", "-", "earlier this", "of", "since"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join) | st.text(max_size=60))
def test_a_pattern_scans_only_texts_with_its_cues(text: str) -> None:
    cues = _cues(text)
    for kind, pattern in PATTERNS:
        if pattern.search(text):
            assert NEEDS[kind] <= cues, (kind, text)
