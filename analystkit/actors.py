"""Find actor mentions in a sentence: states, organisations, groups, people, with their roles.

Composition rules, all over adjacent tokens:
- country + role: "South Korea's military" -> KORMIL, "North Korean soldiers" -> PRKMIL, "the military of Japan";
- role + person: "leader Kim Jong Un" and "Russian President Vladimir Putin" are one mention of the person;
- coordination shares a role: "U.S. and South Korean officials" -> USAGOV and KORGOV, one group;
- references: "the two Koreas" (fixed actors), "both leaders" (the last two people named), "his" (the last person);
  "the three countries" is the last group of three named together in the document when this sentence names fewer;
  "the treaty", "the strikes" are the actors of the document's last agreement or attack (kind "event");
- a bare role ("the foreign ministry", "Vice Foreign Minister Chang Ho-jin") is the country that alone has used the
  same role word in the document, or, for a government role no country has used, the dateline's ("SEOUL —");
- "X, the Y" is an apposition, not a coordination.
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
import functools
from pathlib import Path
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
    """The entry valid on the date; without one, the closest in time, demoted to its country, or for a person to
    the country's elite ("Duterte" after 2022 is a former president, PHLELI, not the government)."""
    if len(entries) == 1 and entries[0].valid_from is None and entries[0].valid_to is None:
        return entries[0]
    if on is not None:
        for e in entries:
            if (e.valid_from is None or e.valid_from <= on) and (e.valid_to is None or on <= e.valid_to):
                return e
        closest = min(entries, key=lambda e: min(abs(((e.valid_from or on) - on).days),
                                                 abs(((e.valid_to or on) - on).days)))
        if closest.country and closest.kind == "person":
            return closest._replace(code=closest.country + "ELI", role="ELI")
        if closest.country:
            return closest._replace(code=closest.country, role=None)
        return closest
    current = [e for e in entries if e.valid_to is None]
    return (current or list(entries))[-1]


def _spans(tokens: list[Token], lex: Lexicon) -> list[_Span]:
    cased = [t.text for t in tokens]
    lower = [t.lower() for t in cased]
    spans: list[_Span] = []
    actors, roles, references, places = lex.actors, lex.roles, lex.references, lex.places
    firsts = actors.first_words, roles.first_words, references.first_words, places.first_words
    folded = lex.folded.first_words
    upper: list[str] | None = None
    starts = lex.mention_starts
    done = 0  # the end of the last span
    # most tokens start no phrase: one set test finds the few that may (a non-ASCII word is always looked up)
    for i in [k for k, word in enumerate(lower) if word in starts or not word.isascii()]:
        if i < done:
            continue
        none: tuple[int, list[object]] = (i, [])
        a_end, a_val = actors.longest(cased, i) if cased[i] in firsts[0] else none
        if cased[i][:1].isupper() and cased[i].upper() in folded:  # the field's dictionaries, capitalised words
            if upper is None:
                upper = [t.upper() for t in cased]
            u_end, u_val = lex.folded.longest(upper, i)
            if u_end > a_end and _capitalised(cased, i, u_end):
                a_end, a_val = u_end, u_val
        r_end, r_val = roles.longest(lower, i) if lower[i] in firsts[1] else none
        f_end, f_val = references.longest(lower, i) if lower[i] in firsts[2] else none
        p_end = places.longest(cased, i)[0] if a_end == i and cased[i] in firsts[3] else i  # (only without an actor)
        best = max(a_end, r_end, f_end)
        if p_end > best and a_end == i:  # an actor name inside a place name: "South China Sea"
            done = p_end
            continue
        if best == i:
            continue
        if a_end == best:
            spans.append(_Span("actor", i, a_end, a_val[0]))
        elif f_end == best:
            if any(actors.longest(cased, k)[0] > f_end for k in range(i + 1, f_end) if cased[k] in firsts[0]):
                continue  # "the South Sudanese army": a name that starts inside the reference and runs past it
            spans.append(_Span("ref", i, f_end, f_val[0]))
        else:
            spans.append(_Span("role", i, r_end, r_val[0]))
        done = best
    return spans


PARTICLES = frozenset({"of", "the", "and", "al", "el", "ad", "ud", "de", "da", "di", "du", "la", "le", "bin", "ibn",
                       "van", "von", "der", "y", "for", "on", "in", "-", "'s", "’s", "&", "."})


def _capitalised(cased: list[str], i: int, j: int) -> bool:
    """Every word of a name is capitalised, particles aside ("Organisation of Islamic Cooperation")."""
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in PARTICLES for w in cased[i:j])


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
                  history: list[Mention] | None = None, seen: set[str] | None = None,
                  groups: list[list[Mention]] | None = None,
                  roles_seen: dict[str, set[str]] | None = None, home: str | None = None,
                  parties: dict[str, list[Mention]] | None = None) -> list[Mention]:
    """Actor mentions in one sentence's tokens, left to right.

    Args:
        tokens: the sentence's tokens (offsets into the document).
        lex: the loaded lexicon.
        on: the date that decides which office a named person holds.
        history: mentions from earlier sentences of the same document, most recent last (for references).
        seen: countries the document has named so far (for references that require one, "the South").
        groups: coordinated groups named earlier in the document ("The United States, South Korea and Japan"),
            most recent last: "the three countries" beyond the recent sentences is the last group of three.
        roles_seen: role words the document has used with a country ("North Korean soldiers": soldier -> PRK);
            updated here. A bare role ("the soldiers", "Vice Foreign Minister Chang Ho-jin") is that country's
            when exactly one country has used the word.
        home: the country of the dateline's capital ("SEOUL —"): a bare role no country has used is its own
            (a sentence that opens "In Washington," has Washington's).
        parties: the source and target of the document's last event of each incident type and PLOVER type, for
            "the treaty" (both), "the strikes" (the source).
    """
    all_spans = _spans(tokens, lex)
    spans = [sp for n, sp in enumerate(all_spans)
             if not (sp.kind == "ref" and tokens[sp.i].text.lower() in POSSESSIVES and n + 1 < len(all_spans)
                     and all_spans[n + 1].i == sp.j)]  # "his Turkish counterpart": a determiner here
    if spans and spans[0].kind == "actor" and spans[0].i == 1 and tokens[0].text == "In" \
            and spans[0].j < len(tokens) and tokens[spans[0].j].text == ",":
        place = pick_entry(spans[0].value, on)  # type: ignore[arg-type]
        if place.form == "capital":
            home = place.country  # "In Washington, the National Security Council condemned ..."
    if home is None:  # the story's first sentence, no dateline: the first country this sentence names
        home = next((e.country for sp in spans if sp.kind == "actor"
                     for e in [pick_entry(sp.value, on)] if e.country and e.kind != "group"), None)  # type: ignore
    out: list[Mention] = []
    joined: dict[int, set[str]] = {}
    group = 0
    n = 0
    while n < len(spans):
        sp = spans[n]
        if sp.kind == "ref":
            out.extend(_resolve(sp, tokens, history or [], out, group, seen or set(), groups or [], parties or {}))
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
            if spans[m].kind == "actor" and chain[-1].kind == "actor" \
                    and pick_entry(spans[m].value, on).kind != "person":  # type: ignore[arg-type]
                break  # "U.S. Secretary of State Marco Rubio" (a title the dictionary lists, then the person) joins
            chain.append(spans[m])
            m += 1
        mention = _compose(chain, tokens, spans, m, on)
        if mention is None and roles_seen is not None:
            mention = _bare_role(chain, tokens, spans, m, roles_seen, home)
        elif mention is not None and roles_seen is not None and mention[0].country:
            for span in chain:
                if span.kind == "role":
                    roles_seen.setdefault(_role_word(tokens, span), set()).add(mention[0].country)
        if mention is None:
            n = m
            continue
        mention, consumed = mention
        if mention.kind == "person" and mention.country and mention.tok_start \
                and tokens[mention.tok_start - 1].text.lower() in FORMER:
            mention = mention._replace(code=mention.country + "ELI", role="ELI")  # "former President X": elite
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
        if m.group in joined and not joined[m.group] - {","} - COORDINATION_FILLER:  # "In Washington, the NSC"
            out[n] = m._replace(group=group + 1 + n)
    return _share_roles(out, tokens)


ROLE_OF = frozenset({"of", "from", "in"})


def _compose(chain: list[_Span], tokens: list[Token], spans: list[_Span], after: int,
             on: dt.date | None) -> tuple[Mention, int] | None:
    """One mention from a chain of adjacent spans. A role span's value is a role ("GOV"), an analyst's whole agent
    code ("GOVFRM": the role is its first three letters) or a code that goes before the actor's ("NGO~": "MSF Arnor"
    is NGOARN)."""
    prefix = "".join(str(s.value)[:-1] for s in chain if s.kind == "role" and str(s.value).endswith("~"))
    if prefix:
        if all(s.kind == "role" for s in chain):
            return None
        found = _compose([s for s in chain if not (s.kind == "role" and str(s.value).endswith("~"))], tokens, spans,
                         after, on)
        if found is None:
            return None
        return found[0]._replace(code=prefix + found[0].code, tok_start=chain[0].i, start=tokens[chain[0].i].start,
                                 surface=_mention(tokens, chain[0].i, found[0].tok_end, "", "", None, None, "").surface
                                 ), found[1]
    actors = [s for s in chain if s.kind == "actor"]
    roles = [s for s in chain if s.kind == "role"]
    consumed = after
    if not actors:
        # "the military of Japan", "soldiers from Gondor", "lawmakers in Fornost": role + of/from/in + actor
        if after < len(spans) and spans[after].kind == "actor" and chain[-1].j + 1 == spans[after].i \
                and tokens[chain[-1].j].text.lower() in ROLE_OF:
            entry = pick_entry(spans[after].value, on)  # type: ignore[arg-type]
            if entry.kind != "state" or not entry.country:
                return None
            role = str(roles[0].value)
            return _mention(tokens, chain[0].i, spans[after].j, entry.country + role, entry.name,
                            entry.country, role[:3], "state"), after + 1
        return None
    person = next((pick_entry(s.value, on) for s in reversed(actors)  # type: ignore[arg-type]
                   if pick_entry(s.value, on).kind == "person"), None)  # type: ignore[arg-type]
    head = pick_entry(actors[0].value, on)  # type: ignore[arg-type]
    i, j = chain[0].i, chain[-1].j
    if person is not None:
        return _mention(tokens, i, j, person.code, person.name, person.country, person.role, "person"), consumed
    if roles and head.country and head.kind == "state":
        role = str(roles[0].value)  # the role, or a dictionary's whole code (GOVFRM), which the code keeps
        if chain[-1].kind == "role" and tokens[chain[-1].i].text[:1].isupper():
            # a capitalised title then a name the lexicon lacks: "Vietnamese Prime Minister Pham Minh Chinh"
            k = j
            while k < len(tokens) and k - j < 4 and tokens[k].text[:1].isupper() and tokens[k].text.isalpha() \
                    and tokens[k].text.lower() not in CALENDAR_WORDS \
                    and (after >= len(spans) or k < spans[after].i):
                k += 1
            if k > j:
                name = " ".join(t.text for t in tokens[j:k])
                return _mention(tokens, i, k, head.country + role, name, head.country, role[:3], "person"), consumed
        return _mention(tokens, i, j, head.country + role, head.name, head.country, role[:3], "state"), consumed
    if roles and chain[0].kind == "role":  # "spokesperson for the U.N." stays the actor
        i = actors[0].i
        j = actors[0].j
    return _mention(tokens, i, j, head.code, head.name, head.country, head.role, head.kind), consumed


# sectors of a society that news names without their country ("police fired on protesters", "rebels seized the
# town"): a bare one is the story's country (its dateline's, or the one it names most) when no other has used it.
# Forces are not among them: "send troops", "20 soldiers" are what is sent or counted; "the soldiers" refers back.
SECTORS = frozenset({"COP", "OPP", "REB", "CVL", "JUD", "LEG", "CRM", "LAB", "EDU", "MED", "PTY", "SPY", "UAF"})
FUNCTION_WORDS = frozenset({"in", "at", "on", "of", "to", "from", "with", "outside", "near", "and", "or", "who",
                            "which", "that", "after", "before", "during", "across", "as", "for", "by", "into",
                            "against", "over", "under", "inside", "around", "while", "when", "but", "than", "since",
                            "along", "behind", "throughout", "toward", "towards", "amid", "following"})
MASS_ROLES = frozenset({"police", "riot police", "opposition", "judiciary", "parliament"})
NOT_BARE = {"ship", "vessel", "drone", "aircraft", "jet", "fighter jet", "warplane", "bomber", "submarine", "warship",
            "navy ship", "military aircraft", "media", "company", "firm", "businesse", "companie", "counterpart",
            "official", "leader", "regime"}
SAID = frozenset({"said", "says", "added", "stated", "announced", "claimed", "insisted", "warned", "argued",
                  "acknowledged", "admitted", "confirmed"})
FORMER = frozenset({"former", "ex", "ex-"})
AUDIENCE_OF = frozenset({"told", "tell", "tells", "telling", "briefed", "brief", "briefing", "addressed"})
NOT_A_SECTOR_AFTER = AUDIENCE_OF | {"foreign"}
DEFINITE_ONLY = {"government", "authoritie", "administration"}  # "the government" refers; "government officials" not


AUXILIARIES = {"is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can", "may", "might",
               "must", "should", "did", "does", "do", "also", "then", "later", "again", "already", "still", "and", "or",
               "who", "which", "that", "began", "withdrew", "went", "came", "took", "gave", "made", "left", "met",
               "held", "sent", "said", "told", "shot", "fought", "led", "ran", "saw", "knew", "became", "kept"}


@functools.cache
def _irregular_past() -> frozenset[str]:
    """Past forms of the irregular verbs table ("beat", "shot", "struck"): verbs that do not end in -ed."""
    lines = (Path(__file__).parent / "lexicons" / "irregular_verbs.tsv").read_text(encoding="utf-8").splitlines()
    return frozenset(form for line in lines[1:] for col in line.split("\t")[1:2] for form in col.split("|"))


def _verb_like(word: str) -> bool:
    """A word that can follow a subject: a verb form, an auxiliary, an adverb (a rough test, no tagger)."""
    return word in AUXILIARIES or word.endswith(("ed", "ly")) or (word.endswith("s") and not word.endswith("ss")) \
        or word in _irregular_past()


def _role_word(tokens: list[Token], span: _Span) -> str:
    word = " ".join(t.text.lower() for t in tokens[span.i:span.j])
    return word[:-1] if word.endswith("s") else word


def _bare_role(chain: list[_Span], tokens: list[Token], spans: list[_Span], after: int,
               roles_seen: dict[str, set[str]], home: str | None = None) -> tuple[Mention, int] | None:
    """A definite role with no country ("the foreign ministry", "the soldiers") or a title and a name ("Vice
    Foreign Minister Chang Ho-jin"): the country that alone has used the same role word earlier in the document,
    if exactly one has; if none has, the story's country (its dateline's, else the one it has named most) for a
    government role or a sector of society ("the foreign ministry"; "police fired tear gas at protesters": SECTORS,
    which need no article). Equipment, and words every government shares ("officials", "leaders"), are left
    alone."""
    if any(s.kind != "role" or str(s.value).endswith("~") for s in chain):
        return None
    head = chain[-1]
    word = _role_word(tokens, head)
    follower = tokens[head.j].text.lower() if head.j < len(tokens) else ""
    # forces as the subject of a verb ("Soldiers patrolled the streets", "Troops have fired") are a sector too;
    # as its object ("sent troops") they are what is sent
    sector = head.value in SECTORS or (head.value == "MIL" and (follower.endswith("ed") or follower in AUXILIARIES))
    definite = chain[0].i > 0 and tokens[chain[0].i - 1].text.lower() == "the"
    own = head.value == "GOV" or sector or (head.value == "MIL" and definite)  # "the army": the story's own
    countries = roles_seen.get(word) or ({home} if home and own else set())
    if word in NOT_BARE or len(countries) != 1:  # (the dateline's own government: a news convention)
        return None
    if word in DEFINITE_ONLY and not definite:
        return None
    if chain[0].i > 0 and tokens[chain[0].i - 1].text.lower() in NOT_A_SECTOR_AFTER:
        return None  # "told reporters": the audience of a statement; "foreign tourists": not the story's own
    i, j = chain[0].i, head.j
    nxt = tokens[j].text.lower() if j < len(tokens) else ""
    plural = word in MASS_ROLES or tokens[j - 1].text.lower().endswith("s")
    if nxt.isalpha() and tokens[j].text.islower() and not _verb_like(nxt) and nxt not in FUNCTION_WORDS \
            and not (plural and nxt.endswith("ing")):  # "students protesting job quotas": a participle
        return None  # a modifier: "the military demarcation line", "the military partnership"
    country, role = next(iter(countries)), str(head.value)
    if tokens[head.i].text[:1].isupper() and not definite:  # a title and a name: "Vice Foreign Minister Chang"
        k = j
        while k < len(tokens) and k - j < 4 and tokens[k].text[:1].isupper() and tokens[k].text.isalpha() \
                and tokens[k].text.lower() not in CALENDAR_WORDS and (after >= len(spans) or k < spans[after].i):
            k += 1
        if k + 1 < len(tokens) and k > j and tokens[k].text == "-" and tokens[k + 1].text[:1].isalpha():
            k += 2  # "Chang Ho-jin"
        if k > j:
            name = " ".join(t.text for t in tokens[j:k])
            return _mention(tokens, i, k, country + role, name, country, role[:3], "person", resolved=True), after
    if not definite and not (sector and plural and not (nxt.isalpha() and not _verb_like(nxt)
                                                       and nxt not in FUNCTION_WORDS and not nxt.endswith("ing"))):
        return None  # "government officials", "military ties": only "the government", "police fired" refer
    return _mention(tokens, i, j, country + role, country, country, role[:3], "state", resolved=True), after


def _mention(tokens: list[Token], i: int, j: int, code: str, name: str, country: str | None, role: str | None,
             kind: str, *, resolved: bool = False) -> Mention:
    start, end = tokens[i].start, tokens[j - 1].end
    surface = tokens[i].text
    for prev, t in zip(tokens[i:j - 1], tokens[i + 1:j], strict=True):
        surface += " " * (t.start - prev.end) + t.text
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
    lead: Mention | None = None
    for n, b in enumerate(out):
        # "the ambassadors of Arnor, Osgiliath and Gondor": each state of the list is the role's
        if lead is not None and b.group == lead.group and b.role is None and b.kind == "state" and b.country:
            out[n] = b._replace(code=b.country + lead.code[len(lead.country or ""):], role=lead.role)
            continue
        lead = b if b.role and b.kind == "state" and b.country and any(
            t.text.lower() in ROLE_OF for t in tokens[b.tok_start + 1:b.tok_end - 1]) else None
    return out


def coordinated_groups(mentions: list[Mention]) -> list[list[Mention]]:
    """The groups of two or more distinct actors among ``mentions``, in order ("Seoul and Tokyo")."""
    by_group: dict[int, list[Mention]] = {}
    for m in mentions:
        by_group.setdefault(m.group, []).append(m)
    return [g for g in by_group.values() if len({m.country or m.code for m in g}) > 1]


def _resolve(sp: _Span, tokens: list[Token], history: list[Mention], current: list[Mention], group: int,
             seen: set[str], groups: list[list[Mention]] = (),  # type: ignore[assignment]
             parties: dict[str, list[Mention]] | None = None) -> list[Mention]:
    ref: Reference = sp.value  # type: ignore[assignment]
    found: list[Mention] = []
    if ref.event:  # kind "event": the actors stand behind an event named earlier, which is no agent itself
        named = (parties or {}).get(ref.event, [])[:1 if ref.actors == "source" else None]
        return [_mention(tokens, sp.i, sp.j, m.code, m.name, m.country, m.role, "event", resolved=True)._replace(
            group=group) for m in named]
    if ref.requires and not (set(ref.requires) & (seen | {m.country for m in current if m.country})):
        return []
    k = sp.i - 1 - (sp.i > 1 and tokens[sp.i - 1].text.lower() == "that")
    if ref.antecedents == 1 and not ref.codes and k > 0 and tokens[k].text.lower() in SAID:
        speaker = [m for m in current if m.tok_end == k and m.group == current[-1].group] if current else []
        if speaker:  # "Hezbollah said it fired ...": the pronoun is the one who said it, whatever its kind
            m = speaker[0]
            return [_mention(tokens, sp.i, sp.j, m.code, m.name, m.country, m.role, m.kind, resolved=True)._replace(
                group=group)]
    if ref.codes:
        for code in ref.codes:
            found.append(_mention(tokens, sp.i, sp.j, code, code, code[:3], None, "state", resolved=True))
    else:
        seen: set[str] = set()
        here = {m.country or m.code for m in current if not m.resolved and (not ref.kind or m.kind == ref.kind)}
        pairs = [g for g in groups if len({m.country or m.code for m in g}) == ref.antecedents
                 and all(not ref.kind or m.kind == ref.kind for m in g)] \
            if ref.antecedents > 1 and len(here) < ref.antecedents else []  # this sentence's own actors come first
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
        if pairs:
            # "the two countries", "the three countries": the last group of that many named together
            found = [_mention(tokens, sp.i, sp.j, m.code, m.name, m.country, m.role, m.kind, resolved=True)
                     for m in pairs[-1]]
        if len(found) < ref.antecedents:
            return []
    return [m._replace(group=group) for m in found]
