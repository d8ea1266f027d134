"""Find actor mentions in a sentence: states, organisations, groups, people, with their roles.

Composition rules, all over adjacent tokens:
- country + role: "South Korea's military" -> KORMIL, "North Korean soldiers" -> PRKMIL, "the military of Japan";
- role + person: "leader Kim Jong Un" and "Russian President Vladimir Putin" are one mention of the person;
- coordination shares a role: "U.S. and South Korean officials" -> USAGOV and KORGOV, one group;
- references: "the two Koreas" (fixed actors), "both leaders" (the last two people named), "his" (the last person).
A person's code depends on the date: the record whose office dates cover it wins.

Examples:
    >>> from analystkit.lexicon import load_lexicon
    >>> from analystkit.segment import tokenize
    >>> import datetime as dt
    >>> text = "South Korea's military fired at 20 to 30 North Korean soldiers."
    >>> ms = find_mentions(tokenize(text), load_lexicon(), on=dt.date(2024, 6, 20))
    >>> [(m.surface, m.code, m.participants_min, m.participants_max) for m in ms]
    [("South Korea's military", 'KORMIL', None, None), ('North Korean soldiers', 'PRKMIL', 20, 30)]
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from .lexicon import ActorEntry, Lexicon, Reference
from .segment import Token

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "dozen": 12, "dozens": 24, "hundreds": 200, "thousands": 2000,
}
APPROX = {"about", "some", "around", "nearly", "approximately", "roughly", "almost", "an", "estimated"}
AT_LEAST = {"over", "than", "least"}  # "more than", "at least", "over"
CALENDAR_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                  "february", "march", "april", "may", "june", "july", "august", "september", "october",
                  "november", "december"}


class Mention(NamedTuple):
    tok_start: int
    tok_end: int
    start: int
    end: int
    surface: str
    code: str
    name: str
    country: str | None
    role: str | None
    kind: str
    group: int  # mentions sharing a group number are coordinated ("X and Y")
    participants_min: int | None
    participants_max: int | None
    resolved: bool  # True when found through a reference ("both leaders", "his")


class _Span(NamedTuple):
    kind: str  # "actor" | "role" | "ref" | "place"
    i: int
    j: int
    value: object


def pick_entry(entries: tuple[ActorEntry, ...], on: dt.date | None) -> ActorEntry:
    """The entry valid on the date; without one, the closest in time, demoted to its country."""
    if len(entries) == 1 and entries[0].valid_from is None and entries[0].valid_to is None:
        return entries[0]
    if on is not None:
        for e in entries:
            if (e.valid_from is None or e.valid_from <= on) and (e.valid_to is None or on <= e.valid_to):
                return e
        closest = min(entries, key=lambda e: min(abs(((e.valid_from or on) - on).days),
                                                 abs(((e.valid_to or on) - on).days)))
        if closest.country:
            return closest._replace(code=closest.country, role=None)
        return closest
    current = [e for e in entries if e.valid_to is None]
    return (current or list(entries))[-1]


def _spans(tokens: list[Token], lex: Lexicon) -> list[_Span]:
    cased = [t.text for t in tokens]
    lower = [t.lower() for t in cased]
    spans: list[_Span] = []
    i = 0
    while i < len(tokens):
        a_end, a_val = lex.actors.longest(cased, i)
        r_end, r_val = lex.roles.longest(lower, i)
        f_end, f_val = lex.references.longest(lower, i)
        p_end, _ = lex.places.longest(cased, i)
        best = max(a_end, r_end, f_end)
        if p_end > best and a_end == i:  # an actor name inside a place name: "South China Sea"
            i = p_end
            continue
        if best == i:
            i += 1
            continue
        if a_end == best:
            spans.append(_Span("actor", i, a_end, a_val[0]))
        elif f_end == best:
            spans.append(_Span("ref", i, f_end, f_val[0]))
        else:
            spans.append(_Span("role", i, r_end, r_val[0]))
        i = best
    return spans


def _count_before(tokens: list[Token], i: int) -> tuple[int | None, int | None, int]:
    """Participants stated just before token i ("20 to 30", "about 1,000", "more than 10"); and the new start."""
    def num(k: int) -> int | None:
        if k < 0:
            return None
        word = tokens[k].text.lower().replace(",", "")
        if word.isdigit():
            return int(word)
        return NUMBER_WORDS.get(word)

    k = i - 1
    while k >= 0 and tokens[k].text.lower() in {"of", "the"}:  # "dozens of", "hundreds of the"
        k -= 1
    high = num(k)
    if high is None:
        return None, None, i
    if k >= 2 and tokens[k - 1].text.lower() in {"to", "-", "and"} and num(k - 2) is not None:
        return num(k - 2), high, k - 2
    prev = tokens[k - 1].text.lower() if k >= 1 else ""
    if prev in AT_LEAST:
        return high, None, k - (2 if prev in {"than", "least"} else 1)
    if prev == "to" and k >= 2 and tokens[k - 2].text.lower() == "up":
        return None, high, k - 2
    if prev in APPROX:
        return high, high, k - 1
    return high, high, k


def find_mentions(tokens: list[Token], lex: Lexicon, *, on: dt.date | None = None,
                  history: list[Mention] | None = None, seen: set[str] | None = None) -> list[Mention]:
    """Actor mentions in one sentence's tokens, left to right.

    Args:
        tokens: the sentence's tokens (offsets into the document).
        lex: the loaded lexicon.
        on: the date that decides which office a named person holds.
        history: mentions from earlier sentences of the same document, most recent last (for references).
        seen: countries the document has named so far (for references that require one, "the South").
    """
    all_spans = _spans(tokens, lex)
    spans = [sp for n, sp in enumerate(all_spans)
             if not (sp.kind == "ref" and tokens[sp.i].text.lower() in POSSESSIVES and n + 1 < len(all_spans)
                     and all_spans[n + 1].i == sp.j)]  # "his Turkish counterpart": a determiner here
    out: list[Mention] = []
    joined: dict[int, set[str]] = {}
    group = 0
    n = 0
    while n < len(spans):
        sp = spans[n]
        if sp.kind == "ref":
            out.extend(_resolve(sp, tokens, history or [], out, group, seen or set()))
            group += 1
            n += 1
            continue
        # a chain of adjacent spans: [actor] ['s] [role]* [person]
        chain = [sp]
        m = n + 1
        while m < len(spans):
            gap = tokens[chain[-1].j:spans[m].i]
            joinable = not gap or (len(gap) == 1 and gap[0].text in {"'s", "’s"})
            if not joinable or spans[m].kind == "ref":
                break
            if spans[m].kind == "actor" and chain[-1].kind == "actor":
                prev = chain[-1].value
                if not (isinstance(prev, tuple) and pick_entry(prev, on).kind != "person"
                        and pick_entry(spans[m].value, on).kind == "person"):  # type: ignore[arg-type]
                    break
            chain.append(spans[m])
            m += 1
        mention = _compose(chain, tokens, spans, m, on)
        if mention is None:
            n = m
            continue
        mention, consumed = mention
        lo, hi, first = _count_before(tokens, mention.tok_start)
        if lo is not None or hi is not None:
            mention = mention._replace(participants_min=lo, participants_max=hi)
        out.append(mention._replace(group=group))
        n = consumed
        # coordination: "X and Y", "X, Y and Z" (a list joined by commas alone is not a group)
        if n < len(spans) and spans[n].kind != "ref" and _coordinated(tokens, mention.tok_end, spans[n].i):
            joined.setdefault(group, set()).update(t.text.lower() for t in tokens[mention.tok_end:spans[n].i])
            continue
        group += 1
    for n, m in enumerate(out):
        if m.group in joined and not joined[m.group] - {","}:
            out[n] = m._replace(group=group + 1 + n)
    return _share_roles(out, tokens)


def _compose(chain: list[_Span], tokens: list[Token], spans: list[_Span], after: int,
             on: dt.date | None) -> tuple[Mention, int] | None:
    actors = [s for s in chain if s.kind == "actor"]
    roles = [s for s in chain if s.kind == "role"]
    consumed = after
    if not actors:
        # "the military of Japan": role + of + actor
        if after < len(spans) and spans[after].kind == "actor" and chain[-1].j + 1 == spans[after].i \
                and tokens[chain[-1].j].text.lower() == "of":
            entry = pick_entry(spans[after].value, on)  # type: ignore[arg-type]
            if entry.kind != "state" or not entry.country:
                return None
            role = str(roles[0].value)
            return _mention(tokens, chain[0].i, spans[after].j, entry.country + role, entry.name,
                            entry.country, role, "state"), after + 1
        return None
    person = next((pick_entry(s.value, on) for s in reversed(actors)  # type: ignore[arg-type]
                   if pick_entry(s.value, on).kind == "person"), None)  # type: ignore[arg-type]
    head = pick_entry(actors[0].value, on)  # type: ignore[arg-type]
    i, j = chain[0].i, chain[-1].j
    if person is not None:
        return _mention(tokens, i, j, person.code, person.name, person.country, person.role, "person"), consumed
    if roles and head.country and head.kind == "state":
        role = str(roles[0].value)
        if chain[-1].kind == "role" and tokens[chain[-1].i].text[:1].isupper():
            # a capitalised title then a name the lexicon lacks: "Vietnamese Prime Minister Pham Minh Chinh"
            k = j
            while k < len(tokens) and k - j < 4 and tokens[k].text[:1].isupper() and tokens[k].text.isalpha() \
                    and tokens[k].text.lower() not in CALENDAR_WORDS \
                    and (after >= len(spans) or k < spans[after].i):
                k += 1
            if k > j:
                name = " ".join(t.text for t in tokens[j:k])
                return _mention(tokens, i, k, head.country + role, name, head.country, role, "person"), consumed
        return _mention(tokens, i, j, head.country + role, head.name, head.country, role, "state"), consumed
    if roles and chain[0].kind == "role":  # "spokesperson for the U.N." stays the actor
        i = actors[0].i
        j = actors[0].j
    return _mention(tokens, i, j, head.code, head.name, head.country, head.role, head.kind), consumed


def _mention(tokens: list[Token], i: int, j: int, code: str, name: str, country: str | None, role: str | None,
             kind: str, *, resolved: bool = False) -> Mention:
    start, end = tokens[i].start, tokens[j - 1].end
    surface = "".join(" " * (t.start - prev.end) + t.text if n else t.text
                      for n, (prev, t) in enumerate(zip([tokens[i]] + tokens[i:j - 1], tokens[i:j], strict=True)))
    return Mention(i, j, start, end, surface, code, name, country, role, kind, 0, None, None, resolved)


POSSESSIVES = {"his", "her", "their", "its"}
COORDINATION_FILLER = {"the", "his", "her", "their", "its", "several", "some", "other"}


def _coordinated(tokens: list[Token], j: int, k: int) -> bool:
    """ "X and Y", "X, Y", "X and the Y", "three Russian and two North Korean (firms)"."""
    words = [t.text.lower() for t in tokens[j:k]
             if t.text.lower() not in COORDINATION_FILLER and not t.text.replace(",", "").isdigit()
             and t.text.lower() not in NUMBER_WORDS]
    return words in (["and"], [","], [",", "and"], ["&"], ["as", "well", "as"], ["or"])


def _share_roles(mentions: list[Mention], tokens: list[Token]) -> list[Mention]:
    """'U.S. and South Korean officials': the bare state before 'and' takes the role of the composed one."""
    out = list(mentions)
    for n in range(len(out) - 1):
        a, b = out[n], out[n + 1]
        if a.group == b.group and a.role is None and a.kind == "state" and a.country and b.role \
                and b.kind == "state" and b.tok_end - b.tok_start > 1:
            out[n] = a._replace(code=a.country + b.role, role=b.role)
    return out


def _resolve(sp: _Span, tokens: list[Token], history: list[Mention], current: list[Mention], group: int,
             seen: set[str]) -> list[Mention]:
    ref: Reference = sp.value  # type: ignore[assignment]
    found: list[Mention] = []
    if ref.requires and not (set(ref.requires) & (seen | {m.country for m in current if m.country})):
        return []
    if ref.codes:
        for code in ref.codes:
            found.append(_mention(tokens, sp.i, sp.j, code, code, code[:3], None, "state", resolved=True))
    else:
        seen: set[str] = set()
        for m in reversed(history + current):
            if ref.kind and m.kind != ref.kind:
                continue
            key = m.country or m.code
            if key in seen:
                continue
            seen.add(key)
            found.append(_mention(tokens, sp.i, sp.j, m.code, m.name, m.country, m.role, m.kind, resolved=True))
            if len(found) == ref.antecedents:
                break
        if len(found) < ref.antecedents:
            return []
    return [m._replace(group=group) for m in found]
