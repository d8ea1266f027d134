"""Code events in a sentence: trigger, source, target, CAMEO/PLOVER, modality, date, participants, location.

Argument rules (the sentence's tokens and actor mentions are the input):
- active verb: the source is the nearest actor group before the trigger, the target the first actor after it
  (after ``target_prep`` when the pattern has one), within the clause;
- passive ("was blocked by Chinese vessels"): the source follows "by", the target is the subject;
- purpose clause ("fired warning shots to repel North Korean soldiers"): the infinitive keeps the main source;
- a verb that governs a clause ("urged Moscow to ensure ..."): the request is coded, not its content;
- a noun event needs its actors in the phrase: "Kim's visit to Moscow", "provision of arms by X to Y",
  "talks between X and Y";
- symmetric verbs with coordinated subjects ("Putin and Kim discussed ...") give one event each way, and so does a
  reciprocal relation with one subject ("X held talks with Y", "X signed a treaty with Y", "X met Y");
- coordinated predicates share the subject, and the partner when the second has none ("Seoul blacklisted X and
  sanctioned Y", "accused Seoul of ... and issued an ultimatum", "visited Pyongyang and signed a treaty");
- an infinitive after an agreement or request is its content ("agreed ... earlier this month to hold the exercise");
- an appositive names the event of the verb before it ("began Freedom Edge, their first three-way exercise");
- agentless passives of movement with a state's forces as subject are deployments by that state ("North Korean
  troops have been sent to Russia"); forces sent to a state are aid to it (``recipient_cameo``: 072);
- a show of force with no target is aimed at the actor of its purpose clause ("... to deter North Korea");
- "ready to", "offered to" turn the cooperative event after them into an intent (03x), one way;
- a speaker who says that actors broke a rule accuses them ("South Korea said the treaty violated UN resolutions");
- reporting verbs ("X said Y shelled Z") need nothing special: the nearest actor before "shelled" is Y, and the
  speaker of a trailing attribution (", US officials said") is never a target.
Events with no target are kept only where a target is often absent (weapons tests, exercises, protests, force);
a pattern may name a default target ("vetoed a resolution": the Security Council).

Examples:
    >>> import datetime as dt
    >>> from analystkit.pipeline import code_text
    >>> f = code_text("Seoul urged Moscow on Monday to stop arms deals.", published="2024-06-20")
    >>> f.events[["source_code", "target_code", "plover", "modality", "date_precision"]].values.tolist()
    [['KORGOV', 'RUSGOV', 'REQUEST', 'asserted', 'day']]
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import NamedTuple

from .actors import Mention
from .dates import find_dates
from .frames import scope_of
from .lexicon import GAP, QUOTES, Cue, EventPattern, Lexicon
from .reference import MODALITIES, reference_tables
from .segment import Sentence, Token, tokenize

BE = {"was", "were", "is", "are", "been", "being", "be", "get", "got", "gets"}
CLAUSE_END = {";", "while", "but", "whereas", "although", "though", "because", "which", "who", "whom",
              "amid", "despite", "after", "before", "when", "since", "as", "if", "unless", "where"}
NOUN_DETERMINERS = {"a", "an", "the", "his", "her", "its", "their", "our", "'s", "’s", "this", "that", "first",
                    "second", "latest", "recent", "state", "official", "planned", "potential", "possible",
                    "alleged", "suspected", "upcoming", "new", "further", "joint", "after", "during"}
ARTICLES_AND_POSSESSIVES = {"a", "an", "the", "his", "her", "its", "their", "our", "'s", "’s", "this", "that"}
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
OFFICIALS = {"leaders", "heads", "chiefs", "ministers", "officials", "representatives", "envoys", "delegations",
             "delegates", "presidents", "governments", "militaries", "armies", "navies", "forces", "troops"}
SUBJECT_BLOCKING_PREPS = {"between", "with", "of", "to", "in", "for", "against", "on", "from", "over", "about",
                          "among", "at", "into", "toward", "towards", "near", "by", "than", "like"}
LIGHT_VERBS = {"retaliate", "retaliated", "retaliates",  # "retaliated with tariffs"
               "make", "made", "makes", "making", "pay", "paid", "pays", "paying", "wrap", "wrapped", "wraps",
               "conclude", "concluded", "concludes", "begin", "began", "begins", "begun", "start", "started",
               "starts", "end", "ended", "ends", "complete", "completed", "completes", "hold", "held", "holds",
               "holding", "undertake", "undertook", "launch", "launched", "launches", "stage", "staged", "mount",
               "mounted", "conduct", "conducted", "resume", "resumed", "continue", "continued", "kick", "kicked",
               "open", "opened", "opens"}
FAR_TARGET_PREPS = {"to", "into", "against", "on", "at", "toward", "towards", "near"}
NOT_PURPOSE = {"seek", "seeking", "seeks", "sought", "try", "trying", "tried", "want", "wants", "wanted", "aim",
               "aims", "aimed", "attempt", "attempting", "attempted", "plan", "plans", "planned", "planning",
               "intend", "intends", "intended", "ready", "willing", "able", "agreed", "vowed", "pledged"}
MODALS = {"will", "would", "could", "can", "cannot", "may", "might", "must", "should", "shall", "to", "not",
          "n't", "did", "do", "does", "also", "jointly", "they", "we", "i", "you", "both", "then",
          "repeatedly", "often", "never", "still", "further", "formally", "publicly", "strongly"}
VERBAL_BEFORE = MODALS
ADJECTIVAL_BEFORE = {"of", "with", "for", "newly", "recently", "previously"}  # before a participle
NO_TARGET_INCIDENTS = {"weapons_test", "military_exercise", "psychological_operation"}
RESPONSE = {"response", "retaliation", "reply", "answer"}
INTENT = {"04": "036", "05": "030", "06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
          "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334", "08": "035",
          "16": "131", "163": "1312", "17": "130", "172": "132", "18": "138", "19": "138", "20": "138"}
# an intent to act against another ("vowed to fight until Hamas is destroyed", "ready to impose sanctions") is a
# threat (13x), to cooperate an intent to (03x)
PARTICIPLES = {"sent", "made", "built", "held", "led", "shot", "brought", "bought", "sold", "paid", "set", "put", "hit",
               "struck", "caught", "seen", "done", "run", "won", "lost", "told", "found", "left", "kept", "met"}
PRONOUNS = {"it", "its", "they", "them", "their", "he", "him", "his", "she", "her"}
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
    killed_min: int | None  # casualty counts in the sentence (analystkit.casualties fills them)
    killed_max: int | None
    injured_min: int | None
    injured_max: int | None
    scope: str
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


def find_triggers(tokens: list[Token], lex: Lexicon, mentions: list[Mention], lower: list[str] | None = None
                  ) -> list[_Trigger]:
    """Event triggers, longest match first, outside actor mentions; verb or noun reading chosen by context
    (``lower``: the tokens lower-cased, when the caller has them)."""
    lower = lower if lower is not None else [t.text.lower() for t in tokens]
    inside = {k for m in mentions for k in range(m.tok_start, m.tok_end)}
    names = {k for m in mentions for k in range(m.tok_start + 1, m.tok_end)}  # a name counts as one token in a gap
    first = lex.events.first_words
    own = lex.own_events
    own_first = own.first_words
    present = set(lower)
    ends = {m.tok_end for m in mentions}
    found: list[_Trigger] = []
    i = 0
    while i < len(tokens):
        if i in inside or lower[i] not in first:
            i += 1
            continue
        # the lexicon's own patterns first (one index lookup); the converted ones only where none of those starts
        end, patterns = own.longest(lower, i, names) if lower[i] in own_first else (i, [])
        if end > i:
            patterns = _prefer(patterns, lower[i])
        else:
            end, patterns = _longest_by_tier(lex.events.match(lower, i, names, present), i, lower[i])
            if end == i:
                i += 1
                continue
            if patterns[0].tier and any(lower[k] in own_first and own.longest(lower, k, names)[0] > k
                                        for k in range(i + 1, end)):
                i += 1  # a converted pattern may not swallow the lexicon's own trigger: "plans to visit"
                continue
        v = i
        if patterns[0].lead_forms is not None:  # words before the verb ("indicated it would act"): the verb
            v = next((k for k in range(i + 1, end) if lower[k] in patterns[0].lead_forms), i)  # is the trigger
        if v > i:  # its words make it a verb, unless an article makes it a noun ("was in an accord with")
            pattern = None if lower[v - 1] in ARTICLES_AND_POSSESSIVES else patterns[0]
        else:
            pattern = _choose_reading(patterns, lower, v, ends)
        if pattern is not None and lower[v].endswith("ing") and v and tokens[v - 1].text[:1].isupper() \
                and v not in ends and v - 1 not in inside:
            pattern = None  # part of a name: "the Kerem Shalom crossing"
        elif pattern is not None and v and tokens[v].text[:1].isupper() and _inside_name(tokens, v, end):
            pattern = None  # "The United Nations Support Mission in Libya": a word of a name
        if pattern is not None:
            found.append(_Trigger(v, end, pattern))
        i = end
    return found


def patterns_fired(sentences: Iterator[tuple[str, int, str]] | list[tuple[str, int, str]],
                   starts: AbstractSet[tuple[str, int]], lex: Lexicon) -> set[tuple[str, str, str]]:
    """The event patterns (pattern, pos, CAMEO code) whose trigger starts an event: ``sentences`` are (doc_id,
    start offset, text) from a frames folder, ``starts`` the events' (doc_id, start offset). The triggers are found
    again on each sentence that has an event (without its actor mentions, so a trigger inside a name counts)."""
    fired: set[tuple[str, str, str]] = set()
    docs = {d for d, _ in starts}
    for doc_id, offset, text in sentences:
        if doc_id not in docs:
            continue
        tokens = tokenize(text, offset)
        for t in find_triggers(tokens, lex, []):
            if (doc_id, tokens[t.i].start) in starts:
                fired.add((t.pattern.pattern, t.pattern.pos, t.pattern.cameo))
    return fired


def _inside_name(tokens: list[Token], v: int, end: int) -> bool:
    """A capitalised run that "the" opens, with capitalised words on both sides of the trigger: a name's word."""
    if not (tokens[v - 1].text[:1].isupper() and end < len(tokens) and tokens[end].text[:1].isupper()):
        return False
    k = v - 1
    while k >= 0 and tokens[k].text[:1].isupper() and tokens[k].text.lower() != "the":
        k -= 1
    return k >= 0 and tokens[k].text.lower() == "the"


def _longest_by_tier(matches: list[tuple[int, EventPattern]], i: int, word: str = ""
                     ) -> tuple[int, list[EventPattern]]:
    """The longest match of the best tier: the project's own patterns (and the analyst's) before the field's
    dictionaries, so a converted "meet ~ at" never hides the lexicon's own "meet"."""
    if not matches:
        return i, []
    tier = min(p.tier for _, p in matches)
    end = max(e for e, p in matches if p.tier == tier)
    return end, _prefer([p for e, p in matches if p.tier == tier and e == end], word)


def _prefer(best: list[EventPattern], word: str) -> list[EventPattern]:
    """Patterns that match as far: the one with more words is the more specific ("did n't ever clash"), and a verb
    the dictionary lists as written ("LEFT [032:033]") comes before a form generated from another ("left" of
    LEAVE)."""
    if len(best) > 1:
        best = sorted(best, key=lambda p: (-len(p.pattern.split()), p.base != word))
    return best


def _choose_reading(patterns: list[EventPattern], lower: list[str], i: int, mention_ends: set[int]
                    ) -> EventPattern | None:
    """Verb or noun reading. A bare base form ("pressure", "support") reads as a verb only after a modal, "to",
    a negation, a pronoun or an actor; a participle after a determiner ("the reinforced border") is no event;
    a gerund after a determiner ("the shelling of Kharkiv by ...") is a noun event."""
    verbs = [p for p in patterns if p.pos == "verb"]
    nouns = [p for p in patterns if p.pos == "noun"]
    prev = lower[i - 1] if i else ""
    if prev == "first" and verbs and (i < 2 or lower[i - 2] not in ARTICLES_AND_POSSESSIVES) \
            and not lower[i].endswith("ing") and lower[i] != verbs[0].base:
        prev = ""  # an adverb: "the three countries first committed to ..."
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


def _after(mentions: list[Mention], j: int, limit: int, exclude: int | None = None,
           source: list[Mention] | None = None) -> list[Mention] | None:
    """The first actor group from token ``j`` to ``limit``, other than group ``exclude`` and than the source's own
    actor ("Colombia extradited a Clan del Golfo commander to the United States": not Colombia's own rebels)."""
    first = next((m for m in mentions if j <= m.tok_start < limit and m.group != exclude
                  and not (source and all(_same_actor(a, m) for a in source))), None)
    if first is None:
        return None
    return [m for m in mentions if m.group == first.group]


def _subject(mentions: list[Mention], lower: list[str], i: int, reports: set[int]) -> list[Mention] | None:
    """The subject of a verb at token i: the nearest actor group before it that is not the object of a
    preposition ("cooperation between Moscow and Pyongyang violates ...") and not separated from it by a
    reporting verb ("South Korea said the agreement violated ...", unless "Seoul said it would ...")."""
    if i > 1 and lower[i - 1] == ",":  # "Evo Morales, once Arce's ally and now his rival, condemned": the
        k = next((k for k in range(i - 2, 0, -1) if lower[k] == ","), None)  # appositive is not the subject
        if k is not None and any(m.tok_end <= k for m in mentions):
            i = k
    groups = sorted({m.group: m for m in mentions if m.tok_end <= i}.values(), key=lambda m: -m.tok_end)
    if groups:  # "condemned by the foreign ministry, whose spokesperson voiced ...": the relative's antecedent
        k = next((k for k in range(i - 1, groups[0].tok_end - 1, -1) if lower[k] in {"who", "whose"}), None)
        if k is not None and k > 0:
            before = k - 1 if lower[k - 1] == "," else k
            antecedent = next((m for m in groups if m.tok_end == before), None)
            start = min((m.tok_start for m in mentions if antecedent and m.group == antecedent.group), default=0)
            while start > 0 and lower[start - 1] in {"the", "a", "an"}:
                start -= 1
            # "clashed with troops and police, who fired tear gas": "who" names its antecedent's people even after
            # a preposition; "whose" after one is a possessor ("talks between X and Y, whose ...")
            if antecedent is not None and (lower[k] == "who" or not (
                    start and lower[start - 1] in SUBJECT_BLOCKING_PREPS - {"by"})):
                return [m for m in mentions if m.group == antecedent.group]
    for last in groups:
        first = min((m for m in mentions if m.group == last.group), key=lambda m: m.tok_start)
        k = first.tok_start - 1
        while k >= 0 and lower[k] in {"the", "a", "an", "his", "her", "its", "their"}:
            k -= 1
        if k >= 0 and lower[k] in SUBJECT_BLOCKING_PREPS and not (lower[k] == "of" and k and (
                lower[k - 1] in QUANTITY or lower[k - 1] in OFFICIALS)):
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
        if lower[k] == "," and k + 1 < len(lower) and lower[k + 1] in {"the", "a", "an", "its", "their", "his", "her"}:
            return None  # an appositive with its own head: "held a summit, the first visit of its kind by ..."
        if lower[k] in preps:
            if k > j and lower[k] == "by" and (lower[k - 1].endswith(("ed", "en")) or lower[k - 1] in PARTICIPLES):
                return None  # the agent of another participle: "..., and a missile fired by the North"
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


def _coordinated_predicate(lower: list[str], t: _Trigger) -> bool:
    """ "Seoul blacklisted X and sanctioned Y", "accused Seoul of ... and issued an ultimatum": a finite verb right
    after "and" (adverbs aside) shares the subject of the finite verb before it."""
    word = lower[t.i]
    if t.pattern.pos != "verb" or word.endswith("ing") or word == t.pattern.base:
        return False
    k = t.i - 1
    while k >= 0 and (lower[k] in {"also", "then", "later", "subsequently", "swiftly"} or lower[k].endswith("ly")):
        k -= 1
    return k > 0 and lower[k] == "and"


LIST_BREAK = SUBJECT_BLOCKING_PREPS | {"over", "who", "which", "that", "involved", "linked", "tied", "accused",
                                      "including", "under", "after", "before", "while"}


def _listed(lower: list[str], mentions: list[Mention], target: list[Mention], limit: int) -> list[Mention]:
    """The whole list of designees: "sanctioned North Korean individuals and Russian vessels" (nouns between the
    actors, joined by "and" or a comma, no preposition or relative clause)."""
    out = list(target)
    end = max(m.tok_end for m in target)
    for m in mentions:
        if m.tok_start < end or m.tok_start >= limit or m.group < 0:
            continue
        gap = lower[end:m.tok_start]
        if len(gap) > 4 or not ({"and", ","} & set(gap)) or LIST_BREAK & set(gap):
            break
        out.extend(x for x in mentions if x.group == m.group and x not in out)
        end = max(x.tok_end for x in mentions if x.group == m.group)
    return out


def _not_speakers(lower: list[str], mentions: list[Mention], reports: set[int]) -> list[Mention]:
    """The mentions that are not the speaker of an attribution ("..., US officials said", "according to Seoul")."""
    speakers = {m.group for m in mentions if m.tok_end in reports
                or (m.tok_start >= 2 and m.tok_start - 2 in reports and lower[m.tok_start - 2] == "according")}
    return [m for m in mentions if m.group not in speakers] if speakers else mentions


def _arguments(t: _Trigger, lower: list[str], mentions: list[Mention], main: _Args | None,
               previous: _Args | None, places: list[Mention], reports: set[int] = frozenset(),  # type: ignore[assignment]
               context: list[Mention] = (),  # type: ignore[assignment]
               finite: _Args | None = None, lex_words: AbstractSet[str] = frozenset(),
               home: str | None = None, stop: int | None = None, unrest: bool = False) -> _Args | None:
    """Source and target groups for a trigger, or None when no source can be found; ``lex_words``: the words that
    open an event pattern ("attack"), whose agent after "by" the verb is aimed at; ``stop``: where a coordinated
    predicate begins ("defied the curfew and clashed with troops": the troops are not defied)."""
    limit = _clause_limit(lower, t.j) if stop is None else min(_clause_limit(lower, t.j), stop)
    p = t.pattern
    concern = p.incident_type == "statement_of_concern"
    heard = _not_speakers(lower, mentions, reports) if reports else mentions  # targets: not "..., US officials said"
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
            if light is None:  # an appositive: "began Freedom Edge, their first three-way exercise"
                k = next((k for k in range(t.i - 1, max(0, t.i - 4), -1) if lower[k] in {"their", "its"}), 0)
                if k > 1 and lower[k - 1] == ",":
                    light = next((n for n in range(k - 2, max(-1, k - 8), -1) if lower[n] in LIGHT_VERBS), None)
            if light is None and not (p.cameo[:3] == "173" and home):
                return None
            source = _subject(mentions, lower, light, reports) if light is not None else None  # "Lavrov wrapped
            # up a two-day visit to ..."
            if source is None and p.cameo[:3] == "173" and home:  # "protests over the arrest of the mayor": with
                source = [_stand_in(home, "COP", t, -1, -1)]  # no agent named, the story's police
            if source is None:
                return None
        if p.symmetric and len({m.country or m.code for m in source}) > 1:
            return _Args(source, None, False)  # "the United States and South Korea's joint drills": among them
        preps = NOUN_TARGET_PREPS | {"regarding", "about", "over", "between"}
        target = _target_via_prep(lower, heard, after_from, limit, source[0].group, preps,
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
            if subject is None and p.plover == "AID":  # "shells were shipped to Russia by North Korea"
                subject = _target_via_prep(lower, mentions, t.j, limit, found[0][0].group, {"to", "into"})
            if (subject is None or subject[0].tok_end < t.i - 4) and home and p.quad_class == 4:
                subject = _people_subject(lower, t, home, unrest) or subject  # "100 people were killed ... by"
            return _Args(found[0], subject, True)
        origin = _agent(lower, mentions, t.j, limit, {"from"}) if p.plover == "AID" else None
        if origin is not None:  # "containers of munitions have been shipped from North Korea to Russia"
            dest = _target_via_prep(lower, mentions, t.j, limit, origin[0][0].group, {"to", "into"})
            return _Args(origin[0], dest, True) if dest else None
        if subject and home and p.cameo[:3] == "173" and subject[0].tok_end >= t.i - 4 \
                and all(m.role not in {"COP", "JUD"} for m in subject):
            # "Zuniga was arrested", "an American lawyer was also detained": with no agent named, the arrest is
            # by the police of the story's country
            agent = "JUD" if p.base in JUDICIAL else "COP"  # "Imran Khan was sentenced": by the courts
            return _Args([_stand_in(home, agent, t, subject[0].start, subject[0].end)], subject, True)
        if not (subject and subject[0].role == "MIL" and p.plover == "MOBILIZE"):
            return None
        # "Venezuelan troops were sent to the border with Guyana": a state's forces are its own agents
    if p.plover == "ACCUSE" and lower[t.i] in ACCUSED and t.j < len(lower) and lower[t.j] in {"of", "with", "over"} \
            and any(m.tok_end == t.i and not m.resolved for m in mentions):
        return None  # "three companies accused of supplying drones": the accused, by someone unnamed, not accusers
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
    elif finite is not None and _coordinated_predicate(lower, t):
        source = finite.source  # "Seoul blacklisted North Korean officials ... and sanctioned Russian vessels"
    if source is None or all(m.kind == "event" for m in source):
        return None  # "the treaty caps a year of deepening ties": an agreement does not act
    if concern and participial:
        return None  # ", raising concerns about ...": the event causes concern; nobody voiced it
    if concern and t.j < len(lower) and lower[t.j] in {"among", "from"}:
        found = _agent(lower, mentions, t.j, limit, {"among", "from"})
        if found is None:
            return None
        source = found[0]
    if p.source_prep:
        return _giver(t, lower, heard, source, limit)
    start = t.i + 1 if GAP in p.pattern.split() else t.j
    target = None
    if p.symmetric and len(source) > 1:  # "X and Y discussed ...": between them, unless "... with Z"
        k = next((k for k in range(t.j, min(limit, t.j + TARGET_REACH)) if lower[k] == "with"), None)
        partner = _after(heard, k + 1, min(limit, k + 4), exclude=source[0].group) if k is not None else None
        return _Args(source, partner, False)
    reach = p.reach or TARGET_REACH
    if p.target_prep:
        k = next((k + 1 for k in range(t.j, min(limit, t.j + reach)) if lower[k] == p.target_prep), None)
        if k is not None:
            target = _after(heard, k, min(limit, k + 3), exclude=source[0].group)
    if target is None:
        end = limit if concern or p.complement or p.incident_type == "sanctions_action" else t.j + reach
        target = _after(heard, start, min(limit, end), exclude=source[0].group, source=source)
    if target is None:  # "delivered another air-defence system to Ukraine"
        target = _target_via_prep(lower, heard, t.j, limit, source[0].group, FAR_TARGET_PREPS, reach=12) or \
            _target_via_prep(lower, heard, t.j, limit, source[0].group, {"with"}, reach=12)
    if target is None:  # a place stands for its state: "shelled Kharkiv", "strikes in Rafah"
        target = _after(places, start, min(limit, t.j + TARGET_REACH), exclude=source[0].group) or \
            _target_via_prep(lower, places, t.j, limit, source[0].group, FAR_TARGET_PREPS | LOCATIVE, reach=12)
    if target and p.incident_type == "sanctions_action":
        target = _listed(lower, mentions, target, limit)
    if target and _after_agent_by(lower, t, target[0].tok_start, lex_words):
        return None  # "sanctions endorsed by Russia": an agent, so this was not an active verb
    if finite is not None and finite.target and _coordinated_predicate(lower, t) \
            and source[0].group == finite.source[0].group \
            and (target is None or all(b.surface.lower() in PRONOUNS and _same_actor(a, b)
                                       for a in source for b in target)):
        target = finite.target  # "accused Seoul of ... and issued an ultimatum", "visited X and signed a treaty"
    if target is None and participial and main is not None and p.quad_class == 1:
        target = main.target  # "..., pledging closer cooperation": with the main event's target
    if target is None and p.incident_type in INFERRED_TARGET_INCIDENTS:
        # "soldiers who crossed the border": the other side is the other state named in the sentence, or else
        # the last other state named just before it
        own = {m.country for m in source}
        others = [m for m in heard if m.country and m.country not in own]
        if others:
            nearest = min(others, key=lambda m: abs(m.tok_start - t.i))
            target = [m for m in mentions if m.group == nearest.group]
        else:
            earlier = [m for m in context if m.country and m.country not in own and m.kind == "state"]
            if earlier:
                target = [earlier[-1]]
    return _Args(source, target, False)


def _giver(t: _Trigger, lower: list[str], heard: list[Mention], taker: list[Mention], limit: int) -> _Args | None:
    """A verb whose subject receives ("Hezbollah received rockets from Iran", "India bought Russian crude"): the
    giver is the actor after the pattern's ``source_prep`` or, failing that, the first actor after the verb; the
    event runs from the giver to the subject, as the transfer does."""
    reach = min(limit, t.j + (t.pattern.reach or TARGET_REACH))
    k = next((k + 1 for k in range(t.j, reach) if lower[k] == t.pattern.source_prep), None)
    giver = _after(heard, k, min(limit, k + 4), exclude=taker[0].group) if k is not None else None
    if giver is None:
        giver = _after(heard, t.j, reach, exclude=taker[0].group)
    return _Args(giver, taker, False) if giver else None


def _names_item(lex: Lexicon, lower: list[str], begin: int, end: int) -> bool:
    """Whether something of the items lexicon (weapons, fuel, goods ...) is named between ``begin`` and ``end``."""
    return any(lex.items.longest(lower, k)[0] > k for k in range(begin, end))


def _after_agent_by(lower: list[str], t: _Trigger, start: int, event_words: AbstractSet[str]) -> bool:
    """The target found at ``start`` follows "by" ("sanctions endorsed by Russia", "leaflets sent north by
    activists"): an agent, not the target, unless "by" names the agent of an event noun the verb is about
    ("condemned an attack by Osgiliath soldiers": the attackers are the target), a word that opens an event
    pattern, not a participle, and not right after the trigger."""
    for k in range(max(t.j, start - 3), start):
        if lower[k] != "by":
            continue
        word = lower[k - 1]
        if word in STATEMENT_PARTICIPLES and t.pattern.plover in {"REJECT", "ACCUSE"}:
            return False  # "rejected the allegations made by Pakistan": the one who made them is the target
        if word not in event_words:  # "the expulsion of its diplomats by Bamako": the event noun before "of"
            word = next((lower[n] for n in range(k - 2, max(t.j, k - 6) - 1, -1)
                         if lower[n] in event_words and lower[n + 1] == "of"), word)
        if k - t.j < 2 or word.endswith(("ed", "en")) or word in PARTICIPLES or word not in event_words:
            return True
    return False


ACCUSED = frozenset({"accused", "suspected", "charged", "blamed", "convicted"})
STATEMENT_PARTICIPLES = frozenset({"made", "levelled", "leveled", "issued", "raised", "voiced", "lodged",
                                   "brought", "published", "circulated"})


_KIND_WORDS: dict[tuple[int, str], frozenset[str]] = {}


def _infinitive_next(lower: list[str], t: _Trigger, starts: set[int]) -> bool:
    """ "agreed at the Shangri-La Dialogue earlier this month to hold the exercise": the next trigger in the clause
    is an infinitive, the content of the agreement or request."""
    limit = _clause_limit(lower, t.j)
    for k in range(t.j, min(limit, t.j + 16)):
        if k in starts:
            return k > t.j and lower[k - 1] == "to"
    return False


def _reported_violations(triggers: list[_Trigger], lower: list[str], mentions: list[Mention], reports: set[int],
                         lex: Lexicon) -> tuple[list[_Trigger], dict[int, _Args]]:
    """ "South Korea said the treaty violated UN resolutions": a speaker who says that actors broke a rule accuses
    them (112). The breach verbs are the cues of kind "violation"; the accused are the actors named between the
    reporting verb and the breach ("cooperation between Moscow and Pyongyang violates ...")."""
    words = _cue_words(lex, "violation")
    forced: dict[int, _Args] = {}
    found: list[_Trigger] = []
    for v, word in enumerate(lower):
        if word not in words:
            continue
        r = max((r for r in reports if v - 14 <= r < v), default=None)
        if r is None:
            continue
        speaker = _subject(mentions, lower, r, set())
        accused = [m for m in mentions if r < m.tok_start and m.tok_end <= v
                   and not any(_same_actor(m, s) for s in speaker or [])]  # "the army said its troops did not"
        if not accused or not speaker or speaker[0].tok_start > r:
            continue
        end, patterns = _longest_by_tier(lex.events.match(["accuse"], 0), 0)
        accuse = next((p for p in patterns if p.pos == "verb"), None)
        if accuse is None:
            continue
        found.append(_Trigger(v, v + 1, accuse))
        forced[v] = _Args(speaker, accused, False)
    if not found:
        return triggers, forced
    starts = {t.i for t in found}
    return sorted([t for t in triggers if t.i not in starts] + found, key=lambda t: t.i), forced


def _deterred(lower: list[str], mentions: list[Mention], t: _Trigger, source: list[Mention], lex: Lexicon
              ) -> list[Mention] | None:
    """ "deployed howitzers to the border islands to deter North Korean provocations", "in what officials described
    as a response to the North's firing": a show of force is aimed at the actor its purpose clause names (verbs: the
    cues of kind "deterrence") or the one it answers."""
    words = _cue_words(lex, "deterrence")
    limit = _clause_limit(lower, t.j, {";"})  # "... in what officials described as a response to X"
    for k in range(t.j, min(limit, t.j + 20)):
        if (lower[k] in words and lower[k - 1] == "to") or (lower[k] == "to" and lower[k - 1] in RESPONSE):
            found = _after(mentions, k + 1, min(limit, k + 4), exclude=source[0].group)
            return found if found and not any(_same_actor(a, b) for a in source for b in found) else None
    return None


def _cue_words(lex: Lexicon, kind: str) -> frozenset[str]:
    """The one-word cues of a kind ("deployment": sent, moved, dispatched ...)."""
    key = (id(lex.cues), kind)
    if key not in _KIND_WORDS:
        _KIND_WORDS[key] = frozenset(w for w, cue in lex.cues.one_word() if cue.kind == kind)
    return _KIND_WORDS[key]


def _passive_deployments(triggers: list[_Trigger], lower: list[str], mentions: list[Mention], lex: Lexicon
                         ) -> list[_Trigger]:
    """ "North Korean troops have been sent to Russia", "Venezuelan troops were moved to the border": a passive
    participle of a verb of movement (cues of kind "deployment") whose subject is a state's forces is a deployment
    of them by their state, coded as the lexicon's "deploy troops"."""
    words = _cue_words(lex, "deployment")
    found = []
    for i, word in enumerate(lower):
        if word not in words or i < 2:
            continue
        k = i - 1
        while k > 0 and (lower[k].endswith("ly") or lower[k] in {"already", "also", "since", "just", "now"}):
            k -= 1
        if lower[k] not in BE:
            continue
        subject = next((m for m in reversed(mentions) if m.tok_end <= k), None)
        if subject is None or subject.role != "MIL" or k - subject.tok_end > 3:
            continue
        end, patterns = _longest_by_tier(lex.events.match(["deploy", "troops"], 0), 0)
        verb = next((p for p in patterns if p.pos == "verb"), None)
        if verb is not None:
            found.append(_Trigger(i, i + 1, verb))
    if not found:
        return triggers
    starts = {t.i for t in found}
    return sorted([t for t in triggers if t.i not in starts] + found, key=lambda t: t.i)


def _cue_spans(lower: list[str], lex: Lexicon) -> list[tuple[int, int, Cue]]:
    spans = []
    first = lex.cues.first_words
    for i in range(len(lower)):
        if lower[i] not in first:
            continue
        end, cues = lex.cues.longest(lower, i)
        if end > i:
            spans.append((i, end, cues[0]))
    return spans


def _modality(t: _Trigger, cues: list[tuple[int, int, Cue]]) -> str:
    found = "asserted"
    for i, j, cue in cues:
        if cue.kind != "modality":
            continue
        if cue.scope == "after":  # "were supposed to meet ..., but the summit was called off"
            if i >= t.j and PRECEDENCE[cue.modality or "asserted"] < PRECEDENCE[found]:
                found = cue.modality or found
            continue
        if j > t.i:
            continue
        near = t.i - j <= 4
        if cue.scope == "sentence" or near:
            if PRECEDENCE[cue.modality or "asserted"] < PRECEDENCE[found]:
                found = cue.modality or found
    return found


def _place_spans(tokens: list[Token], lex: Lexicon) -> list[tuple[int, str]]:
    """(start token, name) of every place the sentence names, longest match first, left to right."""
    cased = [tok.text for tok in tokens]
    firsts = lex.places.first_words
    spans = []
    i = 0
    while i < len(tokens):
        end, names = lex.places.longest(cased, i) if cased[i] in firsts else (i, [])
        if end == i:
            i += 1
            continue
        spans.append((i, str(names[0][0])))
        i = end
    return spans


def _location(lower: list[str], spans: list[tuple[int, str]], t: _Trigger) -> str | None:
    """The place after a locative preposition nearest after the trigger (else nearest before it)."""
    preps = LOCATIVE | ({"to"} if t.pattern.incident_type == "diplomatic_visit" else set())
    best: tuple[int, str] | None = None
    for i, name in spans:
        k = i - 1
        while k >= 0 and lower[k] in {"the", "a"}:
            k -= 1
        if k >= 0 and lower[k] in preps:
            distance = (i - t.j) if i >= t.j else (t.i - i) + 100
            if best is None or distance < best[0]:
                best = (distance, name)
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
    firsts = lex.places.first_words
    out: list[Mention] = []
    i = 0
    while i < len(tokens):
        end, found = lex.places.longest(cased, i) if i not in inside and cased[i] in firsts else (i, [])
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
                  *, published: dt.date | None, context: list[Mention] = (),  # type: ignore[assignment]
                  home: str | None = None, unrest: bool = False) -> Iterator[Event]:
    """The events of one sentence (offsets into the document); ``context``: mentions of the sentences before;
    ``home``: the story's country (its dateline's, or the one it names most); ``unrest``: the story has reported
    a protest before this sentence (unnamed people arrested or shot are then protesters, by the police)."""
    if not mentions and not (home and unrest and not PEOPLE.keys().isdisjoint(t.text.lower() for t in tokens)):
        return  # every event has an actor for its source: no mention, no event (and no trigger search)
    lower = [t.text.lower() for t in tokens]
    triggers = find_triggers(tokens, lex, mentions, lower)
    forces = any(m.role == "MIL" for m in mentions)
    if not triggers and not forces and len(mentions) < 2:
        return
    unrest = unrest or any(t.pattern.cameo[:2] == "14" for t in triggers)  # "... since protests erupted"
    if forces:
        triggers = _passive_deployments(triggers, lower, mentions, lex)
    if not triggers and not _cue_words(lex, "violation").intersection(lower):
        return
    modifiers = _modifiers(tokens, mentions)
    arguments = [m for n, m in enumerate(mentions) if n not in modifiers]
    places = _place_mentions(tokens, lex, mentions)
    done: set[tuple[str, str | None, str]] = set()
    cues = _cue_spans(lower, lex)
    reports = {i for i, _, cue in cues if cue.kind == "report"}
    if reports and lower[0] in QUOTES:
        arguments = _quote_speaker(tokens, lower, arguments, reports)
    venues = _venues(lower, arguments, _cue_words(lex, "venue"))
    if venues:
        arguments = [m for m in arguments if m not in venues]
    mention_ends = {m.tok_end for m in mentions}
    forced: dict[int, _Args] = {}
    if reports:
        triggers, forced = _reported_violations(triggers, lower, arguments, reports, lex)
    dates = None
    main: _Args | None = None
    previous: _Args | None = None
    finite: _Args | None = None  # the last finite verb's arguments, for coordinated predicates
    finite_at = 0
    previous_plover = ""
    held = ("asserted", -99)  # the last coded event's modality and end, for infinitives that continue it
    place_spans: list[tuple[int, str]] | None = None  # the sentence's places, found once an event needs them
    absorbed_until = -1
    starts = {t.i for t in triggers}
    for t in triggers:
        if t.i < absorbed_until:
            continue
        p = t.pattern
        if t.i in forced:
            args: _Args | None = forced[t.i]
        elif p.inherit == "reverse":
            if previous is None or not previous.target:
                continue
            args = _Args(previous.target, previous.source, False)
        else:
            following = min((s for s in starts if s >= t.j), default=None)
            coordinated = following if following is not None and following > 0 and lower[following - 1] == "and" \
                and p.pos == "verb" and not lower[following].endswith("ing") else None
            # "police fired tear gas at farmers who broke through barricades and stormed the fort": a relative
            # clause after the last finite verb starts a predicate of its own
            own = finite if finite is not None and RELATIVES.isdisjoint(lower[finite_at:t.i]) else None
            args = _arguments(t, lower, arguments, main, previous, places, reports, context, own,
                              lex.events.first_words, home, coordinated, unrest)
            if p.source_prep and args is not None and (
                    not _names_item(lex, lower, t.i + 1, _clause_limit(lower, t.j))
                    or (lower[t.i].endswith("ing") and t.i and lower[t.i - 1] in {"from", "of", "for", "against"})):
                args = None  # "received a letter from Kim": nothing moves; "bar countries from buying arms from"
        if lower[t.i].endswith("ing") and p.pos == "verb" and t.i and not (
                lower[t.i - 1] in BEFORE_ING or lower[t.i - 1].endswith("ly") or t.i in mention_ends):
            continue  # "sanctions this week targeting ...", "arms trading": a participle describing a noun
        if p.cameo[:2] == "14" and p.pos == "verb" and t.j < len(lower) and lower[t.j] not in PROTEST_NEXT:
            continue  # "seeking to demonstrate technical progress": not a protest
        if p.cameo[:2] == "01" and t.j < len(lower) and lower[t.j] == "that":
            continue  # "Iran denied that it had supplied ...": the embedded event carries the denial
        if p.complement or (p.cameo[:2] in {"02", "03", "10"} and "to" in lower[t.j:t.j + 4]) \
                or (p.cameo[:2] in {"02", "03", "10"} or p.cameo == "019") and _infinitive_next(lower, t, starts):
            absorbed_until = _clause_limit(lower, t.j, {";", "while", "but", "although", "though", "whereas"})
        if args is None and home and _is_passive(lower, t):
            args = _unnamed_victims(t, lower, tokens, arguments, home, unrest)
        if args is None and home and p.pos == "noun" and p.cameo[:2] == "14" \
                and REFERRED.isdisjoint(lower[max(0, t.i - 2):t.i]):
            args = _Args([_stand_in(home, "OPP", t, tokens[t.i].start, tokens[t.j - 1].end)],
                         [_stand_in(home, "GOV", t, tokens[t.i].start, tokens[t.j - 1].end)], False)
            # "as protests against the cost of living erupted": a protest no actor is named for is the story's
            # opposition's, against its government (CAMEO's convention for demonstrations)
        if args is None:
            continue
        source, target, passive = args
        if p.plover == "PROTEST":
            source, target = _protest_sides(source, target, tokens, t)
        elif target is None and (p.cameo[:3] == "172" or p.cameo in {"0813", "0814"}):
            target = _own_people(source, tokens, t)
        elif target is None and passive and home and all(m.country != home for m in source) \
                and p.quad_class in (3, 4):
            target = _story_state(home, tokens, t)
        if target is None and p.default_target:
            target = _default_target(p.default_target, lex, tokens, t)
        if target is None and home and p.quad_class == 3 and not passive:
            target = _implied_target(source, home, tokens, t)
        if target is None and previous is not None and previous.target and p.quad_class in (3, 4) \
                and t.i and "who" in lower[max(0, t.i - 3):t.i] \
                and {m.group for m in source} == {m.group for m in previous.target}:
            target = previous.source  # "clashed with troops and police, who fired tear gas": at the protesters
        if target is None and p.plover in {"MOBILIZE", "THREATEN"}:
            target = _deterred(lower, arguments, t, source, lex)
            if target is None and previous is not None and previous.source and p.quad_class == 4 \
                    and {"retaliatory", "retaliation"} & set(lower[max(0, t.i - 4):t.j]) \
                    and not any(_same_actor(a, b) for a in source for b in previous.source):
                target = previous.source  # "prompting Seoul to stage a retaliatory live-fire drill": at the firer
        if p.recipient_cameo and target and _to_state(lower, target):
            p = _recode(p, p.recipient_cameo)  # "sent troops to Russia": aid to it, not a show of force
        if p.cameo[:2] in INTENT and t.i > 1 and lower[t.i - 1] == "to" \
                and _cue_words(lex, "intent") & set(lower[max(0, t.i - 6):t.i - 1]):
            # "offered to send troops", "ready to sign a treaty": the intent is the event, one way (03x)
            p = _recode(p, INTENT.get(p.cameo[:3]) or INTENT[p.cameo[:2]])._replace(symmetric=False)
        if t.i and lower[t.i - 1] == "to" and previous is not None and previous_plover == p.plover:
            continue  # "rallied outside the embassy to protest": the purpose restates the event
        earlier_plover = previous_plover
        if p.inherit is None:
            previous = args
            previous_plover = p.plover
            main = main or args
            if p.pos == "verb" and not passive and not lower[t.i].endswith("ing") \
                    and not (t.i and lower[t.i - 1] == "to"):
                finite, finite_at = args, t.j
        pairs = _pairs(p, source, target)
        if p.symmetric and target and ("with" in lower[max(0, target[0].tok_start - 3):target[0].tok_start] or (
                p.pos == "verb" and p.cameo[:2] == "04" and target[0].tok_start - t.j <= 1)):
            pairs += [(b, a) for a, b in pairs if b is not None]  # "X held talks with Y": a relation both ways
        pairs = [(a, b) for a, b in pairs if _dyad(a, b, p.plover) not in done]
        pairs = list({_dyad(a, b, p.plover): (a, b) for a, b in reversed(pairs)}.values())[::-1]
        if not pairs:
            continue
        done.update(_dyad(a, b, p.plover) for a, b in pairs)
        modality = _modality(t, cues)
        if t.i and lower[t.i - 1] == "to" and PRECEDENCE[held[0]] < PRECEDENCE[modality] and t.i - held[1] <= 14:
            modality = held[0]  # "is due to travel to Washington on Friday to sign a deal": the purpose is planned too
        held = (modality, t.j)
        if earlier_plover == "ACCUSE" and t.i and lower[t.i - 1] == "of" and PRECEDENCE[modality] > 1:
            modality = "alleged"  # "accused the UAE on Tuesday of arming the RSF"
        if dates is None:
            dates = find_dates(sentence.text, published, offset=sentence.start, future=False)
        when = _pick_date(dates, published, tokens[t.i].start, modality, sentence)
        if place_spans is None:
            place_spans = _place_spans(tokens, lex)
        location = _location(lower, place_spans, t)
        trigger_text = sentence.text[tokens[t.i].start - sentence.start:tokens[t.j - 1].end - sentence.start]
        tables = reference_tables()
        coded = [(a, b, _street_code(p.cameo, a, b)) for a, b in pairs]
        coded = [(_as_protesters(a) if cameo[:2] == "14" else a, b, cameo) for a, b, cameo in coded]
        if p.counterpart_cameo:  # the other way; once, when a symmetric event has coded it already ([031:031])
            have = {(a.code, b.code if b else None, cameo) for a, b, cameo in coded}
            coded += [(b, a, p.counterpart_cameo) for a, b in pairs
                      if b is not None and (b.code, a.code, p.counterpart_cameo) not in have]
        for a, b, cameo in coded:
            raw = 0.9 - 0.3 * (a.resolved or bool(b and b.resolved)) - 0.2 * (b is None) \
                - 0.1 * (p.pos == "noun") - 0.1 * passive
            confidence = calibrated(round(max(0.1, min(1.0, raw)), 2))
            pmin = a.participants_min if a.participants_min is not None else (b.participants_min if b else None)
            pmax = a.participants_max if a.participants_max is not None else (b.participants_max if b else None)
            yield Event(
                event_id(doc_id, sentence.idx, tokens[t.i].start, a.code, b.code if b else None, cameo),
                doc_id, sentence.idx, tokens[t.i].start, tokens[t.j - 1].end, trigger_text, sentence.text,
                when[0], when[1], a.code, a.name, a.country, a.role,
                b.code if b else None, b.name if b else None, b.country if b else None, b.role if b else None,
                cameo, cameo[:2], tables.plover_for(cameo) or p.plover or None, tables.quad_class.get(cameo[:2]),
                tables.goldstein_for(cameo), p.incident_type, modality,
                pmin, pmax, None, None, None, None, scope_of(a.country, b.country if b else None), location,
                confidence, "coded")


CALIBRATION = Path(__file__).with_name("reference") / "confidence_calibration.tsv"


@functools.cache
def _calibration() -> dict[float, float]:
    if not CALIBRATION.exists():
        return {}
    rows = [line.split("\t") for line in CALIBRATION.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    return {float(raw): float(share) for raw, _, _, share in rows}


def calibrated(raw: float) -> float:
    """``confidence``: the share of development-gold events with this raw rule score that were right
    (scripts/calibrate_confidence.py); the raw score itself where the table has no row for it."""
    return _calibration().get(raw, raw)


_ACTOR_BY_CODE: dict[int, dict[str, object]] = {}


def _venues(lower: list[str], mentions: list[Mention], meeting_words: AbstractSet[str]) -> list[Mention]:
    """Places where a meeting is held are not parties to it: a mention right after "in" or "at" within four words of
    a meeting word ("the BRICS summit in Kazan", "met in Doha on Saturday", "talks in Jeddah, Saudi Arabia"), and a
    country that follows such a city after a comma."""
    out: list[Mention] = []
    for m in mentions:
        k = m.tok_start - 1
        while k >= 0 and lower[k] == "the":
            k -= 1
        if k >= 0 and lower[k] in {"in", "at"} and not meeting_words.isdisjoint(lower[max(0, k - 4):k]):
            out.append(m)
        elif k >= 0 and lower[k] in {"in", "at", "near", "outside"} and m.role == "GOV" and m.tok_end + 1 < len(lower) \
                and lower[m.tok_end] in {"'s", "’s"} and lower[m.tok_end + 1].isalpha():
            out.append(m)  # "arrested him at Manila's airport": a place, not the government
        elif m.role == "GOV" and m.tok_end < len(lower) and lower[m.tok_end] in PLACE_NOUNS:
            out.append(m)  # "raided the Tunis bureau of Al Jazeera": the city names a place
        elif m.resolved and m.tok_start and lower[m.tok_start - 1] == "what":
            out.append(m)  # "condemned what it called violence": the speaker again, not a target
        elif out and k >= 0 and lower[k] == "," and out[-1].tok_end == k and m.kind == "state":
            out.append(m)  # "Jeddah, Saudi Arabia"
    return out


PLACE_NOUNS = frozenset({"bureau", "office", "offices", "airport", "headquarters", "station", "branch", "studio",
                         "studios", "residence", "port", "hotel", "venue", "outskirts", "suburbs", "streets"})
FIRST_PERSON = frozenset({"we", "i"})


def _quote_speaker(tokens: list[Token], lower: list[str], mentions: list[Mention], reports: set[int]
                   ) -> list[Mention]:
    """ '"We strongly reject the baseless allegations," foreign ministry spokesperson Randhir Jaiswal told
    reporters': inside a quote that opens the sentence, "we" and "I" are the speaker named after it, next to a
    reporting verb; the quoted verb then has its source like any other."""
    close = next((k for k in range(2, len(lower)) if lower[k] in QUOTES and lower[k - 1] == ","), None)
    if close is None or not any(close < r <= close + 12 for r in reports):
        return mentions
    speaker = next((m for m in mentions if m.tok_start > close), None)
    if speaker is None or speaker.tok_start > close + 8:
        return mentions
    top = max(m.group for m in mentions)
    said = [speaker._replace(tok_start=k, tok_end=k + 1, start=tokens[k].start, end=tokens[k].end,
                             surface=tokens[k].text, group=top + 1 + k, resolved=True)
            for k in range(1, close) if lower[k] in FIRST_PERSON]
    return sorted(mentions + said, key=lambda m: m.tok_start) if said else mentions


PEOPLE = {"people": "CVL", "persons": "CVL", "others": "CVL", "civilians": "CVL", "residents": "CVL",
          "villagers": "CVL", "students": "CVL", "children": "CVL", "women": "CVL", "men": "CVL",
          "supporters": "OPP", "activists": "OPP", "journalists": "MED", "reporters": "MED"}
"""Unnamed victims of an arrest or a shooting, by the head noun before the verb ("hundreds of people had been
detained"); people, persons and others count as protesters (OPP) in a story of unrest."""
HARM_ROOTS = frozenset({"18", "19", "20"})


def _unnamed_victims(t: _Trigger, lower: list[str], tokens: list[Token], mentions: list[Mention], home: str,
                     unrest: bool) -> _Args | None:
    """Agentless passives of arrest and, in a story of unrest, of shooting and killing: "hundreds of people had
    been detained", "dozens of rioters had been killed" are the story's police against the people named (CAMEO's
    convention for an unnamed arresting agent; the annotation guide's for unrest). Victims are a street or
    civilian sector named just before the verb, or a people noun there."""
    root = t.pattern.cameo[:3]
    harm = t.pattern.cameo[:2] in HARM_ROOTS
    if unrest and (root == "175" or harm):  # "tear gas was fired at thousands of demonstrators": police, at them
        aimed = _target_via_prep(lower, mentions, t.i, len(lower), -1, {"at", "on", "against"}, reach=5)
        if aimed and all(m.role in STREET for m in aimed):
            return _Args([_stand_in(home, "COP", t, tokens[t.i].start, tokens[t.j - 1].end)], aimed, True)
    if not (root == "173" or (unrest and harm)):
        return None
    k = _subject_end(lower, t.i)
    subject = [m for m in mentions if m.tok_end == k + 1]
    if harm and ("by" in lower[t.j:] or any(m.role not in {"COP", "GOV"} for m in mentions if m not in subject)):
        return None  # another actor in the sentence may be the killer: "... set on fire by gang members"
    if subject:
        if root == "173" or not all(m.role in STREET | {"MED"} for m in subject):
            return None  # a named arrested person is the passive's own case; police or soldiers killed are not
        victims = subject
    else:
        victims = _people_subject(lower, t, home, unrest)
        if victims is None:
            return None
    police = _stand_in(home, "COP", t, tokens[t.i].start, tokens[t.j - 1].end)
    return _Args([police], victims, True)


REFERRED = frozenset({"the", "these", "those", "its", "their", "since", "of", "during", "in"})
"""Words before an event noun that refer to a known or past event ("since mass protests in 2018", "months of
protests", "orchestrating the protests") or make it a manner ("recalled its ambassador in protest") rather than
report one."""
JUDICIAL = frozenset({"sentence", "convict", "jail", "imprison", "indict", "acquit"})


PASSIVE_AUXILIARIES = BE | {"had", "has", "have", "also", "reportedly", "allegedly"}


def _subject_end(lower: list[str], i: int) -> int:
    """The last word of a passive's subject: before the auxiliaries of the verb at ``i`` ("people | had been
    detained")."""
    k = i - 1
    while k >= 0 and lower[k] in PASSIVE_AUXILIARIES:
        k -= 1
    return k


def _people_subject(lower: list[str], t: _Trigger, home: str, unrest: bool) -> list[Mention] | None:
    """The people noun right before a passive's auxiliaries ("hundreds of people | had been detained"), as the
    story's sector it names (PEOPLE)."""
    k = _subject_end(lower, t.i)
    if k < 0 or lower[k] not in PEOPLE:
        return None
    role = "OPP" if unrest and lower[k] in {"people", "persons", "others"} else PEOPLE[lower[k]]
    return [_stand_in(home, role, t, -1, -1)]


def _default_target(code: str, lex: Lexicon, tokens: list[Token], t: _Trigger) -> list[Mention] | None:
    """The lexicon's actor for ``code`` (a pattern's default target), placed on the trigger."""
    table = _ACTOR_BY_CODE.get(id(lex.actors))
    if table is None:
        table = {}
        for payload in lex.actors.payloads():
            for entry in payload:
                table.setdefault(entry.code, entry)
        _ACTOR_BY_CODE[id(lex.actors)] = table
    entry = table.get(code)
    if entry is None:
        return None
    return [Mention(t.i, t.j, tokens[t.i].start, tokens[t.j - 1].end, entry.name, entry.code,  # type: ignore[attr-defined]
                    entry.name, entry.country, entry.role, entry.kind, -10_000, None, None, True)]  # type: ignore[attr-defined]


RELATIVES = frozenset({"who", "which", "whose"})
STREET = frozenset({"OPP", "CVL"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "SPY"})
SECURITY = frozenset({"COP", "MIL"})


def _street_code(cameo: str, a: Mention, b: Mention | None) -> str:
    """CAMEO's codes for the street: force used by protesters or rioters is a violent protest (145: "protesters
    stormed the mayor's office"), and plain coercion of them by police or soldiers is violent repression (175:
    "police fired water cannon at demonstrators")."""
    if a.role in STREET and cameo[:2] in {"17", "18", "19"} and cameo not in {"173", "174"}:
        return "145"
    if cameo == "170" and a.role in SECURITY and b is not None and b.role in STREET:
        return "175"
    return cameo


def _as_protesters(m: Mention) -> Mention:
    """Civilians or students who protest or riot are protesters, the opposition (CAMEO's agents; the guide's
    convention): "farmers who stormed the Red Fort", "students marched on parliament"."""
    return m._replace(code=m.country + "OPP", role="OPP") if m.role in {"CVL", "EDU"} and m.country else m


def _stand_in(country: str, role: str | None, t: _Trigger, start: int, end: int) -> Mention:
    """An actor the sentence implies but does not name (a country's police, government or people), placed on the
    trigger: resolved, in a group of its own."""
    code = country + (role or "")
    return Mention(t.i, t.j, start, end, code, code, country, country, role, "state", -20_000, None, None, True)


def _story_state(home: str, tokens: list[Token], t: _Trigger) -> list[Mention]:
    """ "The takeover was condemned by the United Nations": a passive whose subject is a thing done, not an actor,
    aims at the story's country (its dateline's, or the one it names most)."""
    return [_stand_in(home, None, t, tokens[t.i].start, tokens[t.j - 1].end)]


OPPOSITION = frozenset({"OPP", "PTY", "LAB", "EDU"})


def _implied_target(source: list[Mention], home: str, tokens: list[Token], t: _Trigger) -> list[Mention] | None:
    """A demand, accusation, rejection or threat by the story's opposition whose object is not an actor ("rejected
    the results", "refused to accept the count") aims at its government. (A foreign actor's "condemned the
    mobilisation" is not given the story's country: in a Seoul story, "the White House condemned the launch" is
    about Pyongyang.)"""
    if all(m.country == home and m.role in OPPOSITION for m in source):
        return [_stand_in(home, "GOV", t, tokens[t.i].start, tokens[t.j - 1].end)]
    return None


def _own_people(source: list[Mention], tokens: list[Token], t: _Trigger) -> list[Mention] | None:
    """A curfew, a state of emergency, a ban on gatherings (CAMEO 172x) and their lifting (0813, 0814) with no
    target fall on the source's own people: "Saied imposed a night-time curfew" is TUNGOV against TUNCVL."""
    return [_stand_in(m.country, "CVL", t, tokens[t.i].start, tokens[t.j - 1].end)
            for m in source[:1] if m.country] or None


def _protest_sides(source: list[Mention], target: list[Mention] | None, tokens: list[Token], t: _Trigger
                   ) -> tuple[list[Mention], list[Mention] | None]:
    """A protest by a people is by its opposition ("Thousands of Cubans took to the streets": CUBOPP), and a protest
    that names no target is aimed at its own government (CAMEO's convention for demonstrations)."""
    people = [m._replace(code=m.country + "OPP", role="OPP") if m.kind == "state" and m.role is None and m.country
              and m.surface.endswith("s") and m.surface[:1].isupper() else m for m in source]
    if t.pattern.cameo[:2] == "14" and all(m.role in STATE_SECTORS and m.country for m in people):
        # a protest is a civilian act (CAMEO 14): "soldiers patrolled ... after a night of looting", "police fired
        # tear gas at farmers who staged a rally": the protesters are the story's opposition, not the state's forces
        people = [_stand_in(people[0].country, "OPP", t, tokens[t.i].start, tokens[t.j - 1].end)]
        if target is not None and all(m.country == people[0].country and m.role in STATE_SECTORS for m in target):
            target = None
    if target is None:
        target = [_stand_in(m.country, "GOV", t, tokens[t.i].start, tokens[t.j - 1].end)
                  for m in people[:1] if m.country and m.role not in {"GOV", "MIL", "COP", None}] or None
    return people, target


def _to_state(lower: list[str], target: list[Mention]) -> bool:
    """The target is a state (not a place, a border or a region) that "to" introduces: "sent troops to Russia",
    "to help Benin"."""
    first = target[0]
    k = first.tok_start - 1
    if k > 0 and lower[k] in {"help", "support", "assist", "aid", "defend", "protect"}:
        k -= 1  # "sent troops to support Moscow"
    return first.group >= 0 and first.kind == "state" and k >= 0 and lower[k] == "to"


def _recode(p: EventPattern, cameo: str) -> EventPattern:
    tables = reference_tables()
    return p._replace(cameo=cameo, plover=tables.plover_for(cameo) or p.plover,
                      goldstein=tables.goldstein_for(cameo) or 0.0, quad_class=tables.quad_class[cameo[:2]])


def _dyad(a: Mention, b: Mention | None, plover: str) -> tuple[str, str | None, str]:
    """One event per sentence for each (source, target, type), actors compared by country, or by code between two
    sectors of one country (police and protesters)."""
    if b is not None and a.country and a.country == b.country:
        return (a.code, b.code, plover)
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
    pairs = [(a, b) for a in source for b in target if not _same_actor(a, b)]
    if not pairs and (p.cameo[:2] in NO_TARGET_OK or p.incident_type in NO_TARGET_INCIDENTS):
        return [(a, None) for a in source]  # "launched a missile from Sunan, near Pyongyang": its own ground
    return pairs


BOUNDS = ("since", "until", "till")


def _pick_date(dates: list, published: dt.date | None, at: int, modality: str, sentence: Sentence | None = None
               ) -> tuple[dt.date | None, str]:
    """The event's date: the nearest time expression, resolved forward for a planned event; a bound ("since
    September 2022", "until March") dates nothing, so the event's date is unknown; without any expression, the
    publication date (precision "published")."""
    if dates:
        nearest = min(dates, key=lambda d: abs(d.start - at))
        before = sentence.text[max(0, nearest.start - sentence.start - 7):nearest.start - sentence.start] \
            if sentence is not None else ""
        between = sentence.text[at - sentence.start:nearest.start - sentence.start].lower().split() \
            if sentence is not None and at < nearest.start else []
        after = sentence.text[nearest.end - sentence.start:at - sentence.start].lower().split() \
            if sentence is not None and nearest.end <= at else []
        if (nearest.text.lower().startswith(BOUNDS) or before.lower().rstrip().endswith(BOUNDS)
                or any(w in BOUNDS for w in between)) and "when" not in after:
            return None, "unknown"  # ("since late July, when Shoigu visited": the visit is dated)
        if modality == "planned" and published is not None and nearest.date < published:
            future = find_dates(nearest.text, published, future=True)
            if future:
                return future[0].date, future[0].precision
        return nearest.date, nearest.precision
    if published is None:
        return None, "unknown"
    return published, "published"


assert set(PRECEDENCE) == set(MODALITIES)
