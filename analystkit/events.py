"""Code events in a sentence: trigger, source, target, CAMEO/PLOVER, modality, date, participants, location.

Argument rules (the sentence's tokens and actor mentions are the input):
- active verb: the source is the nearest actor group before the trigger, the target the first actor after it
  (after ``target_prep`` when the pattern has one), within the clause;
- passive ("was blocked by Chinese vessels"): the source follows "by", the target is the subject;
- purpose clause ("fired warning shots to repel North Korean soldiers"): the infinitive keeps the main source;
- a verb that governs a clause ("urged Moscow to ensure ..."): the request is coded, not its content;
- a noun event needs its actors in the phrase: "Kim's visit to Moscow", "provision of arms by X to Y",
  "talks between X and Y";
- symmetric verbs with coordinated subjects ("Putin and Kim discussed ...") give one event each way;
- reporting verbs ("X said Y shelled Z") need nothing special: the nearest actor before "shelled" is Y.
Events with no target are kept only where a target is often absent (weapons tests, exercises, protests, force).

Examples:
    >>> import datetime as dt
    >>> from analystkit.pipeline import code_text
    >>> f = code_text("Seoul urged Moscow on Monday to stop arms deals.", published="2024-06-20")
    >>> f.events[["source_code", "target_code", "plover", "modality", "date_precision"]].values.tolist()
    [['KORGOV', 'RUSGOV', 'REQUEST', 'asserted', 'day']]
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from typing import NamedTuple

from .actors import Mention
from .dates import find_dates
from .lexicon import GAP, Cue, EventPattern, Lexicon
from .reference import MODALITIES, reference_tables
from .segment import Sentence, Token

BE = {"was", "were", "is", "are", "been", "being", "be", "get", "got", "gets"}
CLAUSE_END = {";", "while", "but", "whereas", "although", "though", "because", "which", "who", "whom",
              "amid", "despite", "after", "before", "when", "since", "as", "if", "unless", "where"}
NOUN_DETERMINERS = {"a", "an", "the", "his", "her", "its", "their", "our", "'s", "’s", "this", "that", "first",
                    "second", "latest", "recent", "state", "official", "planned", "potential", "possible",
                    "alleged", "suspected", "upcoming", "new", "further", "joint", "after", "during"}
LOCATIVE = {"in", "at", "near", "along", "across", "into", "over", "off", "inside", "on", "outside", "around"}
NOUN_TARGET_PREPS = {"to", "with", "on", "against", "in", "into", "of", "from", "toward", "towards", "for", "at"}
TARGET_REACH = 6  # the target of a verb starts within this many tokens after the trigger (or its preposition)
NO_TARGET_OK = {"14"}
INFERRED_TARGET_INCIDENTS = {"border_incident", "psychological_operation"}
BEFORE_ING = {",", "of", "for", "by", "after", "before", "while", "when", "without", "in", "on", "is", "are", "was",
              "were", "been", "be", "am", "began", "begun", "begin", "begins", "started", "start", "starts",
              "stop", "stopped", "stops", "continued", "continue", "continues", "kept", "keep", "keeps", "resumed",
              "resume", "also", "and", "or", "not", "then", "still", "even", "already", "from", "against",
              "through", "about", "including", "since", "besides", "—", "–", "(", ":", "upon", "avoid", "avoided",
              "deny", "denied", "denies", "accused", "over"}
PROTEST_NEXT = {"against", "outside", "in", "at", "near", "on", "over", "for", ",", ".", "across", "through", "to",
                "along", "before", "after", "since", "during", "following", "in front of", ";", "—", "-"}
QUANTITY = {"thousands", "hundreds", "dozens", "millions", "tens", "scores", "some", "many", "most", "several",
            "all", "both", "group", "groups", "number", "crowds", "crowd"}
SUBJECT_BLOCKING_PREPS = {"between", "with", "of", "to", "in", "for", "against", "on", "from", "over", "about",
                          "among", "at", "into", "toward", "towards", "near", "by", "than", "like"}
LIGHT_VERBS = {"make", "made", "makes", "making", "pay", "paid", "pays", "paying", "wrap", "wrapped", "wraps",
               "conclude", "concluded", "concludes", "begin", "began", "begins", "begun", "start", "started",
               "starts", "end", "ended", "ends", "complete", "completed", "completes", "hold", "held", "holds",
               "holding", "undertake", "undertook", "launch", "launched", "launches", "stage", "staged", "mount",
               "mounted", "conduct", "conducted", "resume", "resumed", "continue", "continued", "kick", "kicked"}
FAR_TARGET_PREPS = {"to", "into", "against", "on", "at", "toward", "towards"}
NOT_PURPOSE = {"seek", "seeking", "seeks", "sought", "try", "trying", "tried", "want", "wants", "wanted", "aim",
               "aims", "aimed", "attempt", "attempting", "attempted", "plan", "plans", "planned", "planning",
               "intend", "intends", "intended", "ready", "willing", "able", "agreed", "vowed", "pledged"}
MODALS = {"will", "would", "could", "can", "cannot", "may", "might", "must", "should", "shall", "to", "not",
          "n't", "did", "do", "does", "also", "jointly", "they", "we", "i", "you", "both", "then",
          "repeatedly", "often", "never", "still", "further", "formally", "publicly", "strongly"}
VERBAL_BEFORE = MODALS
ADJECTIVAL_BEFORE = {"of", "with", "for", "newly", "recently", "previously"}  # before a participle
NO_TARGET_INCIDENTS = {"weapons_test", "military_exercise", "psychological_operation"}
PRECEDENCE = {m: n for n, m in enumerate(("negated", "alleged", "potential", "planned", "asserted"))}


class Event(NamedTuple):
    event_id: str
    doc_id: str
    sent_idx: int
    start: int
    end: int
    trigger: str
    evidence: str
    date: dt.date | None
    date_precision: str
    source_code: str
    source_name: str
    source_country: str | None
    source_role: str | None
    target_code: str | None
    target_name: str | None
    target_country: str | None
    target_role: str | None
    cameo_code: str
    cameo_root: str
    plover: str
    quad_class: int
    goldstein: float
    incident_type: str | None
    modality: str
    participants_min: int | None
    participants_max: int | None
    location: str | None
    confidence: float
    origin: str


class _Trigger(NamedTuple):
    i: int
    j: int
    pattern: EventPattern


class _Args(NamedTuple):
    source: list[Mention]
    target: list[Mention] | None
    passive: bool


def find_triggers(tokens: list[Token], lex: Lexicon, mentions: list[Mention]) -> list[_Trigger]:
    """Event triggers, longest match first, outside actor mentions; verb or noun reading chosen by context."""
    lower = [t.text.lower() for t in tokens]
    inside = {k for m in mentions for k in range(m.tok_start, m.tok_end)}
    ends = {m.tok_end for m in mentions}
    found: list[_Trigger] = []
    i = 0
    while i < len(tokens):
        if i in inside:
            i += 1
            continue
        end, patterns = lex.events.longest(lower, i)
        if end == i:
            i += 1
            continue
        pattern = _choose_reading(patterns, lower, i, ends)
        if pattern is not None and lower[i].endswith("ing") and i and tokens[i - 1].text[:1].isupper() \
                and i not in ends and i - 1 not in inside:
            pattern = None  # part of a name: "the Kerem Shalom crossing"
        if pattern is not None:
            found.append(_Trigger(i, end, pattern))
        i = end
    return found


def _choose_reading(patterns: list[EventPattern], lower: list[str], i: int, mention_ends: set[int]
                    ) -> EventPattern | None:
    """Verb or noun reading. A bare base form ("pressure", "support") reads as a verb only after a modal, "to",
    a negation, a pronoun or an actor; a participle after a determiner ("the reinforced border") is no event;
    a gerund after a determiner ("the shelling of Kharkiv by ...") is a noun event."""
    verbs = [p for p in patterns if p.pos == "verb"]
    nouns = [p for p in patterns if p.pos == "noun"]
    prev = lower[i - 1] if i else ""
    if nouns and (not verbs or prev in NOUN_DETERMINERS):
        return nouns[0]
    if not verbs:
        return None
    verb = verbs[0]
    at = i + (2 if verb.base != lower[i] and i + 2 < len(lower) and lower[i + 1] == "-" else 0)
    word = lower[at]
    if word.endswith("ing") and (prev == "-" or (i and lower[i - 1] != prev)):
        return None
    if prev in NOUN_DETERMINERS or (prev in ADJECTIVAL_BEFORE and not word.endswith("ing")):
        if word.endswith("ing"):
            return verb._replace(pos="noun")
        return nouns[0] if nouns else None
    if prev == "-":  # part of a compound modifier: "water-bombing aircraft"
        return None
    present = {verb.base, verb.base + "s", verb.base + "es", verb.base[:-1] + "ies"}
    if word in present and not (prev in VERBAL_BEFORE or i in mention_ends):
        return nouns[0] if nouns else None
    return verb


def _groups(mentions: list[Mention]) -> dict[int, list[Mention]]:
    out: dict[int, list[Mention]] = {}
    for m in mentions:
        out.setdefault(m.group, []).append(m)
    return out


def _clause_limit(lower: list[str], j: int, stop: set[str] | None = None) -> int:
    stop = CLAUSE_END if stop is None else stop
    for k in range(j, len(lower)):
        if lower[k] in stop or (lower[k] == "," and k + 1 < len(lower) and lower[k + 1] in stop):
            return k
    return len(lower)


def _after(mentions: list[Mention], j: int, limit: int, exclude: int | None = None) -> list[Mention] | None:
    first = next((m for m in mentions if j <= m.tok_start < limit and m.group != exclude), None)
    if first is None:
        return None
    return [m for m in mentions if m.group == first.group]


def _subject(mentions: list[Mention], lower: list[str], i: int, reports: set[int]) -> list[Mention] | None:
    """The subject of a verb at token i: the nearest actor group before it that is not the object of a
    preposition ("cooperation between Moscow and Pyongyang violates ...") and not separated from it by a
    reporting verb ("South Korea said the agreement violated ...", unless "Seoul said it would ...")."""
    groups = sorted({m.group: m for m in mentions if m.tok_end <= i}.values(), key=lambda m: -m.tok_end)
    for last in groups:
        first = min((m for m in mentions if m.group == last.group), key=lambda m: m.tok_start)
        k = first.tok_start - 1
        while k >= 0 and lower[k] in {"the", "a", "an", "his", "her", "its", "their"}:
            k -= 1
        if k >= 0 and lower[k] in SUBJECT_BLOCKING_PREPS and not (lower[k] == "of" and k and lower[k - 1] in QUANTITY):
            continue
        between = [r for r in reports if last.tok_end <= r < i]
        if between and not (max(between) + 1 < len(lower) and lower[max(between) + 1] in
                            {"it", "they", "he", "she", "we", "that", "its", "their", "his", "her"} and
                            (max(between) + 2 >= len(lower) or lower[max(between) + 1] != "that"
                             or lower[max(between) + 2] in {"it", "they", "he", "she", "we"})):
            return None
        return [m for m in mentions if m.group == last.group]
    return None


def _before(mentions: list[Mention], i: int) -> list[Mention] | None:
    last = next((m for m in reversed(mentions) if m.tok_end <= i), None)
    if last is None:
        return None
    return [m for m in mentions if m.group == last.group]


def _is_passive(lower: list[str], t: _Trigger) -> bool:
    """ "was blocked by", "were detained", and the reduced relative "sanctions imposed by"."""
    word = lower[t.i]
    if word.endswith("ing") or word == t.pattern.base or t.pattern.pos != "verb":
        return False
    if t.j < len(lower) and lower[t.j] == "by":
        return True
    k = t.i - 1
    while k >= 0 and (lower[k].endswith("ly") or lower[k] in {"not", "n't", "also", "reportedly"}):
        k -= 1
    return k >= 0 and lower[k] in BE


def _agent(lower: list[str], mentions: list[Mention], j: int, limit: int, preps: set[str]
           ) -> tuple[list[Mention], int] | None:
    """The actor after the first of ``preps`` ("by", "among", "from") within reach: (group, its end)."""
    for k in range(j, min(limit, j + 14)):
        if lower[k] in preps:
            found = _after(mentions, k + 1, min(limit, k + 4))
            return (found, max(m.tok_end for m in found)) if found else None
    return None


def _target_via_prep(lower: list[str], mentions: list[Mention], j: int, limit: int, exclude: int,
                     preps: set[str], reach: int = 8) -> list[Mention] | None:
    """The first actor after ``j`` that a preposition of ``preps`` introduces (at most three tokens before it),
    within ``reach`` tokens."""
    for m in mentions:
        if m.group == exclude or not j <= m.tok_start < min(limit, j + reach):
            continue
        before = lower[max(j, m.tok_start - 3):m.tok_start]
        if any(w in preps for w in before) or ("with" in preps and "border" in before):
            return [x for x in mentions if x.group == m.group]
    return None


def _arguments(t: _Trigger, lower: list[str], mentions: list[Mention], main: _Args | None,
               previous: _Args | None, places: list[Mention], reports: set[int] = frozenset(),  # type: ignore[assignment]
               context: list[Mention] = ()  # type: ignore[assignment]
               ) -> _Args | None:
    """Source and target groups for a trigger, or None when no source can be found."""
    limit = _clause_limit(lower, t.j)
    p = t.pattern
    concern = p.incident_type == "statement_of_concern"
    if p.pos == "noun":
        source = None
        before = _before(mentions, t.i)
        if before:
            end = before[-1].tok_end
            gap = lower[end:t.i]
            if not gap or (gap[0] in {"'s", "’s"} and len(gap) <= 4):
                source = before
        agent = _agent(lower, mentions, t.j, _clause_limit(lower, t.j, {";"}), {"by", "among", "from"})
        after_from = t.j
        if agent:
            source, after_from = agent
        if source is None:
            if t.j < len(lower) and lower[t.j] in {"between", "among"}:
                grp = _after(mentions, t.j, limit)
                if grp and len(grp) > 1:
                    return _Args(grp, None, False)
            if main is not None and "during" in lower[max(0, t.i - 3):t.i]:
                return _Args(main.source, main.target, False)
            light = next((k for k in range(t.i - 1, max(-1, t.i - 6), -1) if lower[k] in LIGHT_VERBS), None)
            if light is None:
                return None
            source = _subject(mentions, lower, light, reports)  # "Lavrov wrapped up a two-day visit to ..."
            if source is None:
                return None
        preps = NOUN_TARGET_PREPS | {"regarding", "about", "over", "between"}
        target = _target_via_prep(lower, mentions, after_from, limit, source[0].group, preps,
                                  reach=limit if concern else 8)
        if target is None:
            target = _target_via_prep(lower, places, after_from, limit, source[0].group, preps)
        if previous is not None and previous.target and previous.target[0].group == source[0].group \
                and previous.source[0].tok_end <= t.i:
            if p.quad_class not in (1, 3):
                return None  # "condemned North Korea's launch": a known event referred to, not a new report
            if target is None:
                target = previous.source  # "Caracas rejected Brasilia's demand": the demand was made of Caracas
        return _Args(source, target, False)
    if _is_passive(lower, t):
        found = _agent(lower, mentions, t.j, limit, {"by"})
        subject = _before(mentions, t.i)
        if found is not None:
            return _Args(found[0], subject, True)
        if not (subject and subject[0].role == "MIL" and p.plover == "MOBILIZE"):
            return None
        # "Venezuelan troops were sent to the border with Guyana": a state's forces are its own agents
    prev = lower[t.i - 1] if t.i else ""
    participial = lower[t.i].endswith("ing") and prev == ","
    source = _subject(mentions, lower, t.i, reports)
    adjacent = _before(mentions, t.i)
    if lower[t.i].endswith("ing") and adjacent and adjacent[-1].tok_end == t.i:
        source = adjacent  # "in the wake of Russia vetoing a resolution": the gerund's own subject
    if participial and main is not None:
        source = main.source
    elif lower[t.i].endswith("ing") and prev in {"for", "of"} and previous is not None and previous.target:
        source = previous.target  # "thanked Denmark for sending jets", "accused Rwanda of arming rebels"
    elif (prev == "to" and previous is not None and previous.target and source is not None
          and source[0].group == previous.target[0].group
          and (t.i < 2 or lower[t.i - 2] not in NOT_PURPOSE)):
        source = previous.source  # purpose clause: "fired at X to repel them"
    if source is None:
        return None
    if concern and participial:
        return None  # ", raising concerns about ...": the event causes concern; nobody voiced it
    if concern and t.j < len(lower) and lower[t.j] in {"among", "from"}:
        found = _agent(lower, mentions, t.j, limit, {"among", "from"})
        if found is None:
            return None
        source = found[0]
    start = t.i + 1 if GAP in p.pattern.split() else t.j
    target = None
    if p.symmetric and len(source) > 1:  # "X and Y discussed ...": between them
        return _Args(source, None, False)
    if p.target_prep:
        k = next((k + 1 for k in range(t.j, min(limit, t.j + TARGET_REACH)) if lower[k] == p.target_prep), None)
        if k is not None:
            target = _after(mentions, k, min(limit, k + 3), exclude=source[0].group)
    if target is None:
        reach = limit if concern or p.complement or p.incident_type == "sanctions_action" else t.j + TARGET_REACH
        target = _after(mentions, start, min(limit, reach), exclude=source[0].group)
    if target is None:  # "delivered another air-defence system to Ukraine"
        target = _target_via_prep(lower, mentions, t.j, limit, source[0].group, FAR_TARGET_PREPS, reach=12) or \
            _target_via_prep(lower, mentions, t.j, limit, source[0].group, {"with"}, reach=12)
    if target is None:  # a place stands for its state: "shelled Kharkiv", "strikes in Rafah"
        target = _after(places, start, min(limit, t.j + TARGET_REACH), exclude=source[0].group) or \
            _target_via_prep(lower, places, t.j, limit, source[0].group, FAR_TARGET_PREPS | LOCATIVE, reach=12)
    if target and "by" in lower[max(0, target[0].tok_start - 3):target[0].tok_start] \
            and "by" not in lower[t.i:t.j]:
        return None  # "sanctions endorsed by Russia": an agent, so this was not an active verb
    if target is None and participial and main is not None and p.quad_class == 1:
        target = main.target  # "..., pledging closer cooperation": with the main event's target
    if target is None and p.incident_type in INFERRED_TARGET_INCIDENTS:
        # "soldiers who crossed the border": the other side is the other state named in the sentence, or else
        # the last other state named just before it
        own = {m.country for m in source}
        others = [m for m in mentions if m.country and m.country not in own]
        if others:
            nearest = min(others, key=lambda m: abs(m.tok_start - t.i))
            target = [m for m in mentions if m.group == nearest.group]
        else:
            earlier = [m for m in context if m.country and m.country not in own and m.kind == "state"]
            if earlier:
                target = [earlier[-1]]
    return _Args(source, target, False)


def _cue_spans(lower: list[str], lex: Lexicon) -> list[tuple[int, int, Cue]]:
    spans = []
    for i in range(len(lower)):
        end, cues = lex.cues.longest(lower, i)
        if end > i:
            spans.append((i, end, cues[0]))
    return spans


def _modality(t: _Trigger, cues: list[tuple[int, int, Cue]]) -> str:
    found = "asserted"
    for _i, j, cue in cues:
        if cue.kind != "modality" or j > t.i:
            continue
        near = t.i - j <= 4
        if cue.scope == "sentence" or near:
            if PRECEDENCE[cue.modality or "asserted"] < PRECEDENCE[found]:
                found = cue.modality or found
    return found


def _location(lower: list[str], tokens: list[Token], lex: Lexicon, t: _Trigger) -> str | None:
    cased = [tok.text for tok in tokens]
    preps = LOCATIVE | ({"to"} if t.pattern.incident_type == "diplomatic_visit" else set())
    best: tuple[int, str] | None = None
    i = 0
    while i < len(tokens):
        end, names = lex.places.longest(cased, i)
        if end == i:
            i += 1
            continue
        k = i - 1
        while k >= 0 and lower[k] in {"the", "a"}:
            k -= 1
        if k >= 0 and lower[k] in preps:
            distance = (i - t.j) if i >= t.j else (t.i - i) + 100
            if best is None or distance < best[0]:
                best = (distance, str(names[0][0]))
        i = end
    return best[1] if best else None


def event_id(doc_id: str, sent_idx: int, start: int, source: str, target: str | None, cameo: str) -> str:
    key = f"{doc_id}|{sent_idx}|{start}|{source}|{target}|{cameo}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


MODIFIER_SUFFIXES = {"led", "backed", "brokered", "sponsored", "funded", "made", "built", "supplied", "designed",
                     "drafted", "imposed", "mediated", "occupied", "controlled", "held", "style", "era", "based"}


def _modifiers(tokens: list[Token], mentions: list[Mention]) -> set[int]:
    """Mentions that only modify a noun: "U.S.-led sanctions", "a U.N.-backed mission" (not "Greek-owned")."""
    out = set()
    for n, m in enumerate(mentions):
        k = m.tok_end
        if k + 1 < len(tokens) and tokens[k].text == "-" and tokens[k + 1].text.lower() in MODIFIER_SUFFIXES:
            out.add(n)
    return out


def _place_mentions(tokens: list[Token], lex: Lexicon, mentions: list[Mention]) -> list[Mention]:
    """Places with a country, outside actor mentions, as stand-ins for their state when no actor is the target."""
    inside = {k for m in mentions for k in range(m.tok_start, m.tok_end)}
    cased = [t.text for t in tokens]
    out: list[Mention] = []
    i = 0
    while i < len(tokens):
        end, found = lex.places.longest(cased, i) if i not in inside else (i, [])
        if end > i:
            name, country = found[0]
            if country:
                out.append(Mention(i, end, tokens[i].start, tokens[end - 1].end, name, country, name, country,
                                   None, "state", -1 - len(out), None, None, False))
            i = end
        else:
            i += 1
    return out


def code_sentence(doc_id: str, sentence: Sentence, tokens: list[Token], mentions: list[Mention], lex: Lexicon,
                  *, published: dt.date | None, context: list[Mention] = ()  # type: ignore[assignment]
                  ) -> Iterator[Event]:
    """The events of one sentence (offsets into the document); ``context``: mentions of the sentences before."""
    triggers = find_triggers(tokens, lex, mentions)
    if not triggers:
        return
    lower = [t.text.lower() for t in tokens]
    modifiers = _modifiers(tokens, mentions)
    arguments = [m for n, m in enumerate(mentions) if n not in modifiers]
    places = _place_mentions(tokens, lex, mentions)
    done: set[tuple[str, str | None, str]] = set()
    cues = _cue_spans(lower, lex)
    reports = {i for i, _, cue in cues if cue.kind == "report"}
    mention_ends = {m.tok_end for m in mentions}
    dates = None
    main: _Args | None = None
    previous: _Args | None = None
    previous_plover = ""
    absorbed_until = -1
    for t in triggers:
        if t.i < absorbed_until:
            continue
        p = t.pattern
        if p.inherit == "reverse":
            if previous is None or not previous.target:
                continue
            args: _Args | None = _Args(previous.target, previous.source, False)
        else:
            args = _arguments(t, lower, arguments, main, previous, places, reports, context)
        if lower[t.i].endswith("ing") and p.pos == "verb" and t.i and not (
                lower[t.i - 1] in BEFORE_ING or lower[t.i - 1].endswith("ly") or t.i in mention_ends):
            continue  # "sanctions this week targeting ...", "arms trading": a participle describing a noun
        if p.cameo[:2] == "14" and p.pos == "verb" and t.j < len(lower) and lower[t.j] not in PROTEST_NEXT:
            continue  # "seeking to demonstrate technical progress": not a protest
        if p.cameo[:2] == "01" and t.j < len(lower) and lower[t.j] == "that":
            continue  # "Iran denied that it had supplied ...": the embedded event carries the denial
        if p.complement or (p.cameo[:2] in {"02", "03", "10"} and "to" in lower[t.j:t.j + 4]):
            absorbed_until = _clause_limit(lower, t.j, {";", "while", "but", "although", "though", "whereas"})
        if args is None:
            continue
        source, target, passive = args
        if t.i and lower[t.i - 1] == "to" and previous is not None and previous_plover == p.plover:
            continue  # "rallied outside the embassy to protest": the purpose restates the event
        earlier_plover = previous_plover
        if p.inherit is None:
            previous = args
            previous_plover = p.plover
            main = main or args
        pairs = [(a, b) for a, b in _pairs(p, source, target) if _dyad(a, b, p.plover) not in done]
        if not pairs:
            continue
        done.update(_dyad(a, b, p.plover) for a, b in pairs)
        modality = _modality(t, cues)
        if earlier_plover == "ACCUSE" and t.i and lower[t.i - 1] == "of" and PRECEDENCE[modality] > 1:
            modality = "alleged"  # "accused the UAE on Tuesday of arming the RSF"
        if dates is None:
            dates = find_dates(sentence.text, published, offset=sentence.start, future=False)
        when = _pick_date(dates, published, tokens[t.i].start, modality)
        location = _location(lower, tokens, lex, t)
        trigger_text = sentence.text[tokens[t.i].start - sentence.start:tokens[t.j - 1].end - sentence.start]
        tables = reference_tables()
        for a, b, cameo in [(a, b, p.cameo) for a, b in pairs] + \
                [(b, a, p.counterpart_cameo) for a, b in pairs if b is not None and p.counterpart_cameo]:
            confidence = 0.9 - 0.3 * (a.resolved or bool(b and b.resolved)) - 0.2 * (b is None) \
                - 0.1 * (p.pos == "noun") - 0.1 * passive
            pmin = a.participants_min if a.participants_min is not None else (b.participants_min if b else None)
            pmax = a.participants_max if a.participants_max is not None else (b.participants_max if b else None)
            yield Event(
                event_id(doc_id, sentence.idx, tokens[t.i].start, a.code, b.code if b else None, cameo),
                doc_id, sentence.idx, tokens[t.i].start, tokens[t.j - 1].end, trigger_text, sentence.text,
                when[0], when[1], a.code, a.name, a.country, a.role,
                b.code if b else None, b.name if b else None, b.country if b else None, b.role if b else None,
                cameo, cameo[:2], tables.plover_for(cameo) or p.plover, tables.quad_class[cameo[:2]],
                tables.goldstein_for(cameo) or 0.0, p.incident_type, modality,
                pmin, pmax, location, round(max(0.1, min(1.0, confidence)), 2), "coded")


def _dyad(a: Mention, b: Mention | None, plover: str) -> tuple[str, str | None, str]:
    """One event per sentence for each (source, target, type), actors compared by country."""
    return (a.country or a.code, (b.country or b.code) if b else None, plover)


def _same_actor(a: Mention, b: Mention) -> bool:
    """One actor on both sides: the same code, or the same country where one side has no role."""
    if a.code == b.code:
        return True
    return bool(a.country and a.country == b.country and (a.role is None or b.role is None or a.role == b.role))


def _pairs(p: EventPattern, source: list[Mention], target: list[Mention] | None
           ) -> list[tuple[Mention, Mention | None]]:
    if target is None:
        if p.symmetric and len(source) > 1:
            return [(a, b) for a in source for b in source if not _same_actor(a, b)]
        if p.cameo[:2] in NO_TARGET_OK or p.incident_type in NO_TARGET_INCIDENTS:
            return [(a, None) for a in source]
        return []
    return [(a, b) for a in source for b in target if not _same_actor(a, b)]


def _pick_date(dates: list, published: dt.date | None, at: int, modality: str
               ) -> tuple[dt.date | None, str]:
    if dates:
        nearest = min(dates, key=lambda d: abs(d.start - at))
        if modality == "planned" and published is not None and nearest.date < published:
            future = find_dates(nearest.text, published, future=True)
            if future:
                return future[0].date, future[0].precision
        return nearest.date, nearest.precision
    if published is None:
        return None, "unknown"
    return published, "published"


assert set(PRECEDENCE) == set(MODALITIES)
