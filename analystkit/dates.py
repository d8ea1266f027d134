"""Time expressions in a sentence, resolved against the publication date.

Each :class:`DateMention` has the resolved date, its precision (day | week | month | year) and its character
span. Rules: an explicit date is itself; a weekday ("on Tuesday") is the most recent such day on or before
publication (after it, for planned events); "this week" is the Monday of the publication week; "last month" and a
month named without a year are the first of that month, the most recent one on or before publication; "earlier
this year" is 1 January.

Examples:
    >>> pub = dt.date(2024, 6, 20)  # a Thursday
    >>> [(d.date.isoformat(), d.precision) for d in find_dates("On Tuesday, and last month, in September", pub)]
    [('2024-06-18', 'day'), ('2024-05-01', 'month'), ('2023-09-01', 'month')]
    >>> [(d.date.isoformat(), d.precision) for d in find_dates("Earlier this year; on June 19, 2024", pub)]
    [('2024-01-01', 'year'), ('2024-06-19', 'day')]
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_M = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December" \
     r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_NUMS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "a": 1}

PATTERNS = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    ("mdy", re.compile(_M + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b")),
    ("dmy", re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _M + r",?\s+(?P<y>(?:19|20)\d\d)\b")),
    ("my", re.compile(_M + r",?\s+(?:of\s+)?(?P<y>(?:19|20)\d\d)\b")),
    ("md", re.compile(_M + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s+\d{4})")),
    ("dm", re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _M + r"\b(?!,?\s+\d{4})")),
    ("rel_month", re.compile(r"\b(?P<rel>last|this|next|earlier this|later this|late last|early last|"
                             r"earlier in the|the previous|the same)\s+(?P<unit>week|month|year)\b", re.I)),
    ("last_month_name", re.compile(r"\blast\s+" + _M + r"\b")),
    ("in_month", re.compile(r"\b(?i:in|since|during|early|late|mid|mid-|until|from|by|of)\s+" + _M + r"\b(?!\s+\d)")),
    ("in_year", re.compile(r"\b(?i:in|since|during|of|early|late|by)\s+(?P<y>(?:19|20)\d\d)\b(?!\s*[-–]\s*\d)")),
    ("weekday", re.compile(r"\b(?:on\s+|last\s+|this\s+|next\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|"
                           r"Saturday|Sunday)\b")),
    ("day_word", re.compile(r"\b(?P<w>today|yesterday|tomorrow|tonight|overnight)\b", re.I)),
    ("ago", re.compile(r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a)\s+"
                       r"(?P<unit>day|week|month|year)s?\s+ago\b", re.I)),
]

# The words a pattern cannot match without, in groups: a text with no word of a group a pattern needs is not
# scanned with it (most sentences name no date). Case-insensitive groups are sought in the lower-cased text, and
# only in ASCII text, where lower-casing is all that re.IGNORECASE does.
CUES = {
    "month": (("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), False),
    "year": (("19", "20"), False),
    "dash": (("-",), False),
    "last": (("last",), False),
    "weekday": (("day",), False),
    "unit": (("week", "month", "year"), True),
    "day_word": (("today", "yesterday", "tomorrow", "tonight", "overnight"), True),
    "ago": (("ago",), True),
}
NEEDS = {
    "iso": {"year", "dash"}, "mdy": {"month", "year"}, "dmy": {"month", "year"}, "my": {"month", "year"},
    "md": {"month"}, "dm": {"month"}, "rel_month": {"unit"}, "last_month_name": {"last", "month"},
    "in_month": {"month"}, "in_year": {"year"}, "weekday": {"weekday"}, "day_word": {"day_word"}, "ago": {"ago"},
}


class DateMention(NamedTuple):
    date: dt.date
    precision: str
    start: int
    end: int
    text: str


def _month_before(month: int, pub: dt.date, *, strictly: bool = False) -> dt.date:
    year = pub.year if (month < pub.month or (month == pub.month and not strictly)) else pub.year - 1
    return dt.date(year, month, 1)


def _shift_month(d: dt.date, months: int) -> dt.date:
    n = d.year * 12 + d.month - 1 + months
    return dt.date(n // 12, n % 12 + 1, 1)


def _resolve(kind: str, m: re.Match[str], pub: dt.date, future: bool) -> tuple[dt.date, str] | None:
    g = m.groupdict()
    month = MONTHS.get(g["month"].lower().rstrip(".")) if g.get("month") else None
    if kind == "iso":
        return dt.date(int(g["y"]), int(g["m"]), int(g["d"])), "day"
    if kind in {"mdy", "dmy"}:
        return dt.date(int(g["y"]), month, int(g["d"])), "day"  # type: ignore[arg-type]
    if kind == "my":
        return dt.date(int(g["y"]), month, 1), "month"  # type: ignore[arg-type]
    if kind in {"md", "dm"}:
        year = pub.year
        d = dt.date(year, month, int(g["d"]))  # type: ignore[arg-type]
        if not future and d > pub:
            d = d.replace(year=year - 1)
        elif future and d < pub:
            d = d.replace(year=year + 1)
        return d, "day"
    if kind == "last_month_name":
        return _month_before(month, pub, strictly=True), "month"  # type: ignore[arg-type]
    if kind == "in_month":
        if future:
            year = pub.year if month >= pub.month else pub.year + 1  # type: ignore[operator]
            return dt.date(year, month, 1), "month"  # type: ignore[arg-type]
        return _month_before(month, pub), "month"  # type: ignore[arg-type]
    if kind == "in_year":
        return dt.date(int(g["y"]), 1, 1), "year"
    if kind == "rel_month":
        rel, unit = g["rel"].lower(), g["unit"].lower()
        step = -1 if rel in {"last", "late last", "early last", "the previous"} else 1 if rel == "next" else 0
        if unit == "week":
            monday = pub - dt.timedelta(days=pub.weekday())
            return monday + dt.timedelta(weeks=step), "week"
        if unit == "month":
            return _shift_month(pub.replace(day=1), step), "month"
        return dt.date(pub.year + step, 1, 1), "year"
    if kind == "weekday":
        target = WEEKDAYS[g["wd"].lower()]
        text = m.group().lower()
        if text.startswith("next") or (future and not text.startswith("last")):
            delta = (target - pub.weekday()) % 7 or (7 if text.startswith("next") else 0)
            return pub + dt.timedelta(days=delta), "day"
        delta = (pub.weekday() - target) % 7
        if text.startswith("last") and delta == 0:
            delta = 7
        return pub - dt.timedelta(days=delta), "day"
    if kind == "day_word":
        w = g["w"].lower()
        offset = {"yesterday": -1, "tomorrow": 1}.get(w, 0)
        return pub + dt.timedelta(days=offset), "day"
    if kind == "ago":
        n = int(g["n"]) if g["n"].isdigit() else _NUMS[g["n"].lower()]
        unit = g["unit"].lower()
        if unit == "day":
            return pub - dt.timedelta(days=n), "day"
        if unit == "week":
            d = pub - dt.timedelta(weeks=n)
            return d - dt.timedelta(days=d.weekday()), "week"
        if unit == "month":
            return _shift_month(pub.replace(day=1), -n), "month"
        return dt.date(pub.year - n, 1, 1), "year"
    return None


def _cues(text: str) -> set[str]:
    """The groups of CUES that ``text`` has a word of (a case-insensitive group counts as found in non-ASCII text)."""
    lower = text.lower() if text.isascii() else None
    found = set()
    for name, (words, folded) in CUES.items():
        haystack = lower if folded else text
        if haystack is None or any(map(haystack.__contains__, words)):
            found.add(name)
    return found


def find_dates(text: str, published: dt.date | None, *, offset: int = 0, future: bool = False
               ) -> list[DateMention]:
    """Time expressions in ``text``, resolved against ``published``; none without a publication date
    except explicit full dates. Overlapping matches keep the first, longest pattern."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    cues = _cues(text)
    for kind, pattern in PATTERNS:
        if not NEEDS[kind] <= cues:
            continue
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if published is None and kind not in {"iso", "mdy", "dmy", "my"}:
                continue
            try:
                resolved = _resolve(kind, m, published or dt.date(1, 1, 1), future)
            except (ValueError, KeyError, TypeError):
                continue
            if resolved is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(DateMention(resolved[0], resolved[1], m.start() + offset, m.end() + offset, m.group()))
    return sorted(found, key=lambda d: d.start)
