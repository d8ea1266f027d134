"""Load, validate and index the lexicons (actors, roles, events, places, references, cues).

The lexicons are JSONL files in ``analystkit/lexicons/`` (formats in its README). :func:`load_lexicon` reads them,
checks every record (a bad one raises :class:`LexiconError` naming the file and line), merges an analyst's own
file on top, and builds the phrase indexes the coder matches tokens against.

Examples:
    >>> lex = load_lexicon()
    >>> sorted(verb_forms("ban", lex.irregular))
    ['ban', 'banned', 'banning', 'bans']
    >>> sorted(verb_forms("send", lex.irregular))
    ['send', 'sending', 'sends', 'sent']
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Iterable, Iterator, KeysView, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from .reference import MODALITIES, PLOVER_TYPES, reference_tables
from .segment import tokenize

ROLES = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "MED", "BUS", "CVL", "REB", "OPP", "IGO", "ELI",
                   # the rest of CAMEO's agent codes, as the Phoenix agents dictionary uses them
                   "CRM", "HLH", "EDU", "UAF", "AGR", "REL", "LAB", "ENV", "REF", "PTY", "NGO", "HRI", "MUS", "CHR",
                   "JEW", "HIN", "BUD", "RAD", "PPL", "DEV", "SET", "MOD", "NGM", "IMG", "MNC", "SEP", "INS", "AMN",
                   "IRC", "GRP", "UNR", "MER", "SHI", "SUN"})
KINDS = frozenset({"person", "state", "organisation", "group"})
INCIDENT_TYPES = frozenset({
    "border_incident", "weapons_test", "psychological_operation", "military_exercise", "diplomatic_visit",
    "agreement", "sanctions_action", "un_action", "arms_transfer", "troop_deployment", "statement_of_concern",
})
TABLES = ("actors", "roles", "events", "places", "references", "cues", "items")
CATEGORIES = frozenset({"arms", "troops", "technology", "economic", "fuel", "luxury", "food", "other"})
ITEM_TAGS = frozenset({
    "heavy_arms", "small_arms", "ammunition", "missiles", "drones", "military_vehicles", "military_aircraft",
    "ied_components", "mercenaries", "military_assistance", "wmd", "dual_use", "advanced_technology", "crude_oil",
    "refined_petroleum", "aviation_fuel", "condensates", "natural_gas", "coal", "charcoal", "metals", "minerals",
    "gold", "seafood", "textiles", "cultural_property", "finance", "workers", "vessels", "aircraft", "vehicles",
    "machinery"})
"""Finer classes of what moves, beside the categories; sanctions bans cover categories and tags
(reference/sanctions/README.md)."""
ITEM_CLASSES = CATEGORIES | ITEM_TAGS | {"all"}
GAP = "~"
MAX_GAP = 6


class LexiconError(ValueError):
    """A lexicon record is malformed; the message names the file and line."""


class ActorEntry(NamedTuple):
    code: str
    name: str
    kind: str
    country: str | None
    role: str | None
    form: str
    valid_from: dt.date | None
    valid_to: dt.date | None


class EventPattern(NamedTuple):
    pattern: str
    pos: str
    cameo: str
    plover: str
    goldstein: float
    quad_class: int
    incident_type: str | None
    target_prep: str | None
    complement: bool
    symmetric: bool
    base: str  # the verb's base form (verb patterns), or the head word
    inherit: str | None  # "reverse": the previous event's target and source, swapped ("in exchange for")
    counterpart_cameo: str | None  # the event it implies the other way: "X hosted Y" -> Y visited X (042)
    recipient_cameo: str | None = None  # forces sent to a state ("sent troops to Russia") are aid to it (072)
    default_target: str | None = None  # the actor code a target-less event is aimed at ("vetoed a resolution")
    tier: int = 0  # 0: the project's own or the analyst's JSONL/YAML; 1: converted from the field's dictionaries
    lead_forms: frozenset[str] | None = None  # words come before the verb ("indicated ~ would ~ act"): its forms
    reach: int | None = None  # how far after the verb its target may start (None: the coder's default)
    source_prep: str | None = None  # the verb's subject receives; the giver follows this word ("received ... from")


class Reference(NamedTuple):
    """A phrase that refers to actors named elsewhere: fixed codes, or the last N distinct antecedents.

    ``requires``: the fixed codes apply only in a document that has already named one of these countries
    ("the South" is South Korea only where a Korea has been named). ``event``: the actors of the document's last
    event of this incident type or PLOVER type, both sides ("the treaty" after "Putin and Kim signed a treaty" is
    Russia and North Korea) or, with ``actors`` "source", its agent ("condemned the strikes": the striker)."""

    codes: tuple[str, ...]
    antecedents: int
    kind: str | None
    requires: tuple[str, ...]
    event: str | None = None
    actors: str = "both"


class Item(NamedTuple):
    """Something transferred: its category, the ban keys naming it (reference/sanctions/*.yaml) and its tags."""

    pattern: str
    category: str
    bans: tuple[str, ...]
    tags: tuple[str, ...] = ()  # finer classes (ITEM_TAGS) that sanctions bans may cover

    @property
    def classes(self) -> tuple[str, ...]:
        """Its category and tags: what a ban's ``covers`` is compared with."""
        return (self.category, *self.tags)


class Cue(NamedTuple):
    modality: str | None
    scope: str  # "near": within a few tokens before the trigger; "sentence": anywhere before it; "after": any
    # trigger before the cue ("were supposed to meet ..., but the summit was called off")
    kind: str  # "modality" | "report"


# --------------------------------------------------------------------------------------------- phrase index
Step = frozenset[str] | None  # None stands for a gap of up to MAX_GAP tokens
Entry = tuple[tuple[Step, ...], Any]  # the steps after the first, and the payload
SECOND_LEVEL = 8  # phrases under one first word that continue with a word: from this many, indexed by it as well


@dataclass
class PhraseIndex:
    """Multi-token phrases indexed by their first token; each token position holds a set of accepted forms.

    Under a first token with many phrases ("Republic", "minister", "the"), the phrases are also indexed by the
    forms of their second step, on first use: a lookup then tries only those the next token continues, with the
    one-word phrases and those that go on with a gap, in the same order."""

    lowercase: bool
    _by_first: dict[str, list[Entry]] = field(default_factory=dict)
    _by_second: dict[str, dict[str | None, list[Entry]] | None] = field(default_factory=dict, repr=False,
                                                                         compare=False)
    _by_last: dict[str, dict[str | None, list[int]]] = field(default_factory=dict, repr=False, compare=False)

    def add(self, steps: tuple[Step, ...], payload: Any) -> None:
        first = steps[0]
        assert first is not None, "a phrase cannot start with a gap"
        for form in first:
            self._by_first.setdefault(form, []).append((steps[1:], payload))
            self._by_second.pop(form, None)
            self._by_last.pop(form, None)

    @property
    def first_words(self) -> KeysView[str]:
        """The forms a phrase can start with, as a set-like view (``word in index.first_words``)."""
        return self._by_first.keys()

    def one_word(self) -> Iterator[tuple[str, Any]]:
        """(word, payload) for every one-word phrase."""
        for word, entries in self._by_first.items():
            for rest, payload in entries:
                if not rest:
                    yield word, payload

    def payloads(self) -> list[Any]:
        """Every phrase's payload once (a phrase indexed under several first forms counts once)."""
        seen: dict[int, Any] = {}
        for entries in self._by_first.values():
            for _, payload in entries:
                seen.setdefault(id(payload), payload)
        return list(seen.values())

    def remove(self, predicate: Any) -> None:
        for key, entries in self._by_first.items():
            self._by_first[key] = [e for e in entries if not predicate(e[1])]
        self._by_second.clear()
        self._by_last.clear()

    def _entries(self, key: str, nxt: str | None) -> list[Entry]:
        """The phrases under ``key`` that can match before ``nxt``, the token after it, is looked at further."""
        if key not in self._by_second:
            self._by_second[key] = _second_level(self._by_first[key])
        by_second = self._by_second[key]
        if by_second is None:
            return self._by_first[key]
        return by_second.get(nxt, by_second[None])

    def _ending_in(self, key: str, present: AbstractSet[str]) -> list[Entry]:
        """The phrases under ``key`` whose last step accepts a word of ``present``, with those whose last step is not
        a word, in order: the rest cannot match in a text of ``present``."""
        entries = self._by_first[key]
        if key not in self._by_last:
            by_last: dict[str | None, list[int]] = {None: []}
            for k, (rest, _) in enumerate(entries):
                for form in rest[-1] if rest and rest[-1] is not None else (None,):
                    by_last.setdefault(form, []).append(k)
            self._by_last[key] = by_last
        by_last = self._by_last[key]
        ks = set(by_last[None]).union(*(by_last[w] for w in by_last.keys() & present))
        return [entries[k] for k in sorted(ks)]

    def match(self, keys: list[str], i: int, free: AbstractSet[int] = frozenset(),
              present: AbstractSet[str] | None = None) -> list[tuple[int, Any]]:
        """All (end, payload) for phrases starting at token ``i``; ``keys`` are the tokens, case-folded if needed;
        tokens in ``free`` do not count toward a gap (the rest of a name: "declared Brazilian President Luiz Inácio
        Lula da Silva persona non grata"). ``present``: the set of ``keys``, so that a phrase with a word the text
        lacks is skipped before it is matched (a verb with hundreds of patterns costs a set test each)."""
        entries = self._by_first.get(keys[i])
        if not entries:
            return []
        found = []
        n = len(keys)
        nxt, third = keys[i + 1] if i + 1 < n else None, keys[i + 2] if i + 2 < n else None
        # many phrases and a short text: those whose last word the text has, found by that word
        candidates = self._ending_in(keys[i], present) if present is not None and len(entries) > len(present) \
            else entries if len(entries) < SECOND_LEVEL else self._entries(keys[i], nxt)
        for rest, payload in candidates:
            if rest and rest[0] is not None and (nxt not in rest[0] or (
                    len(rest) > 1 and rest[1] is not None and third not in rest[1])):
                continue
            if present is not None and rest and rest[-1] is not None and rest[-1].isdisjoint(present):
                continue  # the phrase's last word is not in the sentence
            end = _match_steps(keys, i + 1, rest, free)
            if end is not None:
                found.append((end, payload))
        return found

    def longest(self, keys: list[str], i: int, free: AbstractSet[int] = frozenset()) -> tuple[int, list[Any]]:
        """The longest match at ``i``: (end, payloads of that length), or (i, [])."""
        entries = self._by_first.get(keys[i])
        best, payloads = i, []
        if not entries:  # most tokens start no phrase: answer without building a list of matches
            return best, payloads
        n = len(keys)
        nxt, third = keys[i + 1] if i + 1 < n else None, keys[i + 2] if i + 2 < n else None
        following: set[str] | None = None  # the tokens after i, for phrases that go on with a gap
        for rest, payload in entries if len(entries) < SECOND_LEVEL else self._entries(keys[i], nxt):
            if rest and rest[0] is not None and (nxt not in rest[0] or (
                    len(rest) > 1 and rest[1] is not None and third not in rest[1])):
                continue  # the second or third word differs: no call needed (most entries, for common first words)
            if rest and rest[0] is None and rest[-1] is not None:
                following = set(keys[i + 1:]) if following is None else following
                if rest[-1].isdisjoint(following):
                    continue  # the last word is not in the rest of the text: no gap to try
            end = _match_steps(keys, i + 1, rest, free) if rest else i + 1
            if end is None:
                continue
            if end > best:
                best, payloads = end, [payload]
            elif end == best:
                payloads.append(payload)
        return best, payloads


def _second_level(entries: list[Entry]) -> dict[str | None, list[Entry]] | None:
    """``entries`` by each form of their second step, each list with the entries that have no second word or a gap
    there (under None alone: those), in the order of ``entries``; None for fewer than SECOND_LEVEL to index."""
    seconds = [rest[0] for rest, _ in entries if rest and rest[0] is not None]
    if len(seconds) < SECOND_LEVEL:
        return None
    forms: set[str] = set().union(*seconds)
    by_second: dict[str | None, list[Entry]] = {
        form: [e for e in entries if not e[0] or e[0][0] is None or form in e[0][0]] for form in forms}
    by_second[None] = [e for e in entries if not e[0] or e[0][0] is None]
    return by_second


GAP_STOPS = frozenset({".", ";", ":", "!", "?"})
QUOTES = frozenset({'"', "“", "”", "‘", "'", "«", "»"})


def _match_steps(keys: list[str], i: int, steps: tuple[Step, ...], free: AbstractSet[int] = frozenset()
                 ) -> int | None:
    if not steps:
        return i
    step, rest = steps[0], steps[1:]
    if step is None:
        limit = min(i + MAX_GAP, len(keys))
        after = rest[0] if rest else None  # the words that can end the gap (None: any)
        j = i
        while j <= limit:
            if j > i:
                if keys[j - 1] in GAP_STOPS:
                    break
                if keys[j - 1] in QUOTES or j - 1 in free:  # quotation marks, names: 'declared X "primary foe"'
                    limit = min(limit + 1, len(keys))
            if after is None or (j < len(keys) and keys[j] in after):  # (no call where the next word differs)
                end = _match_steps(keys, j, rest, free)
                if end is not None:
                    return end
            j += 1
        return None
    if i < len(keys) and keys[i] in step:
        return _match_steps(keys, i + 1, rest, free)
    return None


# --------------------------------------------------------------------------------------------- morphology
def plural_forms(word: str) -> frozenset[str]:
    """A word and its plural spellings: ``shot`` -> shot, shots; ``ally`` -> ally, allies; ``drills`` -> drill."""
    forms = {word, word + "s", word + "es"}
    if len(word) > 2 and word.endswith("y") and word[-2] not in "aeiou":
        forms.add(word[:-1] + "ies")
    if len(word) > 3 and word.endswith("ies"):
        forms.add(word[:-3] + "y")
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        forms.add(word[:-1])  # a plural in the pattern also matches the singular: "drills" ~ "drill"
    return frozenset(forms)


def verb_forms(base: str, irregular: Mapping[str, tuple[str, ...]]) -> frozenset[str]:
    """Every inflection of a verb: base, third person, past, participle, gerund."""
    forms = {base}
    if base in irregular:
        forms.update(irregular[base])
    vowels = "aeiou"
    if base.endswith(("s", "x", "z", "ch", "sh", "o")):
        forms.add(base + "es")
    elif base.endswith("y") and len(base) > 1 and base[-2] not in vowels:
        forms.add(base[:-1] + "ies")
    else:
        forms.add(base + "s")
    doubled = [f for f in irregular.get(base, ()) if f.endswith(base[-1] * 2 + "ed")]
    if doubled:
        forms.add(doubled[0][:-2] + "ing")
    elif base not in irregular:
        if base.endswith("e"):
            forms.add(base + "d")
        elif base.endswith("y") and len(base) > 1 and base[-2] not in vowels:
            forms.add(base[:-1] + "ied")
        else:
            forms.add(base + "ed")
    if base.endswith("ie"):
        forms.add(base[:-2] + "ying")
    elif base.endswith("e") and not base.endswith(("ee", "ye", "oe")) and len(base) > 2:
        forms.add(base[:-1] + "ing")
    elif not doubled:
        forms.add(base + "ing")
    return frozenset(forms)


# --------------------------------------------------------------------------------------------- the lexicon
@dataclass
class Lexicon:
    """Indexes over the lexicon tables, built once per run and passed to each stage."""

    actors: PhraseIndex
    folded: PhraseIndex  # actors from the field's dictionaries: upper-case keys, matched on capitalised words
    roles: PhraseIndex
    events: PhraseIndex
    places: PhraseIndex
    references: PhraseIndex
    cues: PhraseIndex
    items: PhraseIndex
    irregular: dict[str, tuple[str, ...]]
    sources: list[str]
    counts: dict[str, int]
    by_source: dict[tuple[str, str], int] = field(default_factory=dict)  # (source, table) -> records
    own_events: PhraseIndex = field(default_factory=lambda: PhraseIndex(lowercase=True))  # tier 0 alone
    # the first words of the actor, role, reference and place phrases, lower-cased: a token whose lower-cased form is
    # not among them starts none of them if it is ASCII (lower-casing its upper-cased form then gives the same word,
    # so the folded index's upper-case words are covered too)
    mention_starts: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.mention_starts = frozenset(word.lower() for index in (self.actors, self.folded, self.roles,
                                                                   self.references, self.places)
                                        for word in index._by_first)


def _package_file(name: str) -> Path:
    return Path(str(resources.files("analystkit").joinpath("lexicons", name)))


def _read_records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line or record number, record) from a JSONL or YAML file; malformed input raises LexiconError."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read lexicon file: {exc}") from None
    if path.suffix in {".yaml", ".yml"}:
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise LexiconError(f"{path}: not valid YAML: {exc}".splitlines()[0]) from None
        if not isinstance(data, list):
            raise LexiconError(f"{path}: a YAML lexicon must be a list of records")
        for n, record in enumerate(data, 1):
            if not isinstance(record, dict):
                raise LexiconError(f"{path}: record {n}: not a mapping")
            yield n, record
        return
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LexiconError(f"{path}:{n}: not valid JSON: {exc.msg}") from None
        if not isinstance(record, dict):
            raise LexiconError(f"{path}:{n}: a record must be a JSON object")
        yield n, record


def _date(value: Any, where: str, name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise LexiconError(f"{where}: {name} {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _need(record: Mapping[str, Any], where: str, *names: str) -> None:
    for name in names:
        if record.get(name) in (None, ""):
            raise LexiconError(f"{where}: missing field {name!r}")


def _pattern_tokens(pattern: str) -> list[str]:
    return [t.text for t in tokenize(pattern)]


class _Builder:
    """Collects validated records per table; later records with the same key replace earlier ones."""

    def __init__(self, irregular: dict[str, tuple[str, ...]]) -> None:
        self.irregular = irregular
        self._sets: dict[Any, frozenset[str]] = {}  # one object per distinct step: a smaller, faster cache
        self.records: dict[str, dict[tuple[Any, ...], tuple[str, dict[str, Any]]]] = {t: {} for t in TABLES}
        self.source: dict[tuple[str, tuple[Any, ...]], str] = {}
        self.default_source = "analystkit"

    def add(self, table: str, record: dict[str, Any], where: str, *, own_file: bool) -> None:
        check = getattr(self, f"_check_{table}")
        key = check(record, where)
        if own_file and key in self.records[table] and self.source.get((table, key)) == self.default_source:
            raise LexiconError(f"{where}: duplicate pattern {record.get('pattern')!r} "
                               f"(also at {self.records[table][key][0]})")
        self.records[table][key] = (where, record)
        self.source[(table, key)] = str(record.get("source") or self.default_source)

    # validation, one method per table; each returns the record's key
    def _check_actors(self, r: dict[str, Any], where: str) -> tuple[Any, ...]:
        _need(r, where, "pattern", "code", "name", "kind")
        if r["kind"] not in KINDS:
            raise LexiconError(f"{where}: kind {r['kind']!r} is not one of {sorted(KINDS)}")
        code = str(r["code"])
        if not code.isupper() or not code.isalnum():
            raise LexiconError(f"{where}: code {code!r} must be uppercase letters/digits")
        if r.get("role") and r["role"] not in ROLES:
            raise LexiconError(f"{where}: role {r['role']!r} is not one of {sorted(ROLES)}")
        start = _date(r.get("valid_from"), where, "valid_from")
        end = _date(r.get("valid_to"), where, "valid_to")
        if start and end and start > end:
            raise LexiconError(f"{where}: valid_from {start} is after valid_to {end}")
        return (r["pattern"], start, bool(r.get("fold")))

    def _check_roles(self, r: dict[str, Any], where: str) -> tuple[Any, ...]:
        _need(r, where, "pattern", "role")
        code = r.get("code")
        if code is not None and not (isinstance(code, str) and code.isupper() and code.isalnum()):
            raise LexiconError(f"{where}: code {code!r} must be uppercase letters/digits")
        if r["role"] not in ROLES and not (code and str(code).startswith(str(r["role"]))):
            raise LexiconError(f"{where}: role {r['role']!r} is not one of {sorted(ROLES)}")
        return (str(r["pattern"]).lower(),)

    def _check_events(self, r: dict[str, Any], where: str) -> tuple[Any, ...]:
        _need(r, where, "pattern", "pos", "cameo")
        if r["pos"] not in {"verb", "noun"}:
            raise LexiconError(f"{where}: pos {r['pos']!r} must be 'verb' or 'noun'")
        cameo = str(r["cameo"])
        tables = reference_tables()
        if r.get("foreign"):  # a dictionary's own code (WEIS-era, private): kept as given, with no PLOVER type
            if not cameo.isalnum():
                raise LexiconError(f"{where}: code {cameo!r} must be letters and digits")
        elif cameo not in tables.descriptions:
            raise LexiconError(f"{where}: unknown CAMEO code {cameo!r}")
        elif tables.plover_for(cameo) is None:
            raise LexiconError(f"{where}: CAMEO code {cameo!r} has no PLOVER type (010 is not an event)")
        if r.get("incident_type") is not None and r["incident_type"] not in INCIDENT_TYPES:
            raise LexiconError(f"{where}: incident_type {r['incident_type']!r} is not one of "
                               f"{sorted(INCIDENT_TYPES)}")
        if str(r["pattern"]).split()[0] == GAP:
            raise LexiconError(f"{where}: a pattern cannot start with {GAP!r}")
        verb_at = r.get("verb_at")
        if verb_at is not None and not (isinstance(verb_at, int) and 0 <= verb_at < len(_pattern_tokens(
                str(r["pattern"]))) and _pattern_tokens(str(r["pattern"]))[verb_at] != GAP):
            raise LexiconError(f"{where}: verb_at {verb_at!r} is not the index of a word of the pattern")
        counterpart = r.get("counterpart_cameo")
        if counterpart is not None and str(counterpart) not in tables.descriptions and not (
                r.get("foreign") and str(counterpart).isalnum()):
            raise LexiconError(f"{where}: unknown counterpart_cameo {counterpart!r}")
        recipient = r.get("recipient_cameo")
        if recipient is not None and str(recipient) not in tables.descriptions:
            raise LexiconError(f"{where}: unknown recipient_cameo {recipient!r}")
        default = r.get("default_target")
        if default is not None and not (str(default).isupper() and str(default).isalnum()):
            raise LexiconError(f"{where}: default_target {default!r} must be an actor code")
        if r.get("source_prep") is not None and (r["pos"] != "verb" or not str(r["source_prep"]).isalpha()):
            raise LexiconError(f"{where}: source_prep must be one word, on a verb pattern")
        if r.get("reach") is not None and not (isinstance(r["reach"], int) and r["reach"] > 0):
            raise LexiconError(f"{where}: reach must be a positive number of tokens")
        if r.get("inherit") not in (None, "reverse"):
            raise LexiconError(f"{where}: inherit must be 'reverse' or absent")
        return (str(r["pattern"]).lower(), r["pos"])

    def _check_items(self, r: dict[str, Any], where: str) -> tuple[Any, ...]:
        _need(r, where, "pattern", "category")
        if r["category"] not in CATEGORIES:
            raise LexiconError(f"{where}: category {r['category']!r} is not one of {sorted(CATEGORIES)}")
        if not isinstance(r.get("bans", []), list):
            raise LexiconError(f"{where}: bans must be a list of ban keys")
        tags = r.get("tags", [])
        if not isinstance(tags, list) or set(tags) - ITEM_TAGS:
            raise LexiconError(f"{where}: tags must be a list of {sorted(ITEM_TAGS)}")
        return (str(r["pattern"]).lower(),)

    def _check_places(self, r: dict[str, Any], where: str) -> tuple[Any, ...]:
        _need(r, where, "pattern", "name")
        return (r["pattern"],)

    def _check_references(self, r: dict[str, Any], where: str) -> tuple[Any, ...]:
        _need(r, where, "pattern")
        if not r.get("codes") and not r.get("antecedents") and not r.get("event"):
            raise LexiconError(f"{where}: a reference needs 'codes', 'antecedents' or 'event'")
        if r.get("event") is not None and r["event"] not in INCIDENT_TYPES | set(PLOVER_TYPES):
            raise LexiconError(f"{where}: event {r['event']!r} is neither an incident type nor a PLOVER type")
        if r.get("actors", "both") not in {"both", "source"}:
            raise LexiconError(f"{where}: actors must be 'both' or 'source'")
        return (str(r["pattern"]).lower(),)

    def _check_cues(self, r: dict[str, Any], where: str) -> tuple[Any, ...]:
        _need(r, where, "pattern", "kind")
        if r["kind"] == "modality" and r.get("modality") not in MODALITIES:
            raise LexiconError(f"{where}: modality {r.get('modality')!r} is not one of {list(MODALITIES)}")
        if r.get("scope", "near") not in {"near", "sentence", "after"}:
            raise LexiconError(f"{where}: scope must be 'near', 'sentence' or 'after'")
        return (str(r["pattern"]).lower(),)

    # index building
    def build(self, sources: list[str]) -> Lexicon:
        tables = reference_tables()
        actors, roles = PhraseIndex(lowercase=False), PhraseIndex(lowercase=True)
        folded = PhraseIndex(lowercase=False)
        events, places = PhraseIndex(lowercase=True), PhraseIndex(lowercase=False)
        own_events = PhraseIndex(lowercase=True)
        references, cues = PhraseIndex(lowercase=True), PhraseIndex(lowercase=True)
        grouped: dict[tuple[str, bool], list[ActorEntry]] = {}
        for (pattern, _, fold), (_, r) in self.records["actors"].items():
            grouped.setdefault((pattern, fold), []).append(ActorEntry(
                str(r["code"]), r["name"], r["kind"], r.get("country"), r.get("role"), r.get("form", "name"),
                _date(r.get("valid_from"), "", ""), _date(r.get("valid_to"), "", "")))
        for (pattern, fold), entries in grouped.items():
            entries.sort(key=lambda e: e.valid_from is None and e.valid_to is None)  # dated first, the default last
            if fold:
                folded.add(tuple(self._one(t.upper(), lambda t=t: {t.upper()}) for t in _pattern_tokens(pattern)),
                           tuple(entries))
                continue
            actors.add(tuple(self._one(t, lambda t=t: {t}) for t in _pattern_tokens(pattern)), tuple(entries))
            if entries[0].kind == "state" or entries[0].form in {"capital", "name", "short"}:
                places.add(tuple(frozenset({t}) for t in _pattern_tokens(pattern)),
                           (entries[0].name, entries[0].country))
        roles_records = sorted(self.records["roles"].items(), key=lambda kv: kv[1][1].get("source") == "phoenix")
        for (pattern,), (_, r) in roles_records:  # own entries first: the first payload wins ("looters": OPP)
            # the payload: the role ("GOV"), or a dictionary's whole code ("GOVFRM"), "~"-ended for a prefix ("NGO~")
            value = str(r.get("code") or r["role"]) + ("~" if r.get("prefix") else "")
            plural = plural_forms if r.get("plural", True) else (lambda t: frozenset({t}))
            roles.add(tuple(plural(t) for t in _pattern_tokens(pattern)), value)
        for (pattern,), (_, r) in self.records["places"].items():
            places.add(tuple(frozenset({t}) for t in _pattern_tokens(pattern)), (r["name"], r.get("country")))
        for (pattern, pos), (_, r) in self.records["events"].items():
            cameo = str(r["cameo"])
            words = _pattern_tokens(pattern)
            verb_at = int(r.get("verb_at") or 0) if pos == "verb" else 0
            base = words[verb_at] if verb_at else words[2] if len(words) > 2 and words[1] == "-" else words[0]
            steps = self._event_steps(pattern, pos, r.get("forms") or (), verb_at)
            record = EventPattern(
                pattern, pos, cameo, tables.plover_for(cameo) or "", tables.goldstein_for(cameo) or 0.0,
                tables.quad_class.get(cameo[:2], 0), r.get("incident_type"), r.get("target_prep"),
                bool(r.get("complement")), bool(r.get("symmetric")), base, r.get("inherit"),
                r.get("counterpart_cameo"), r.get("recipient_cameo"), r.get("default_target"),
                1 if r.get("fold") or r.get("tier") == 1 else 0, steps[verb_at] if verb_at else None,
                r.get("reach"), r.get("source_prep"))
            events.add(steps, record)
            if not record.tier:
                own_events.add(steps, record)
        for (pattern,), (_, r) in self.records["references"].items():
            references.add(tuple(frozenset({t}) for t in _pattern_tokens(pattern)),
                           Reference(tuple(r.get("codes") or ()), int(r.get("antecedents") or 0), r.get("kind"),
                                     tuple(r.get("requires") or ()), r.get("event"), r.get("actors", "both")))
        for (pattern,), (_, r) in self.records["cues"].items():
            cues.add(tuple(frozenset({t}) for t in _pattern_tokens(pattern)),
                     Cue(r.get("modality"), r.get("scope", "near"), r["kind"]))
        items = PhraseIndex(lowercase=True)
        for (pattern,), (_, r) in self.records["items"].items():
            items.add(tuple(plural_forms(t) for t in _pattern_tokens(pattern.lower())),
                      Item(pattern, r["category"], tuple(r.get("bans") or ()), tuple(r.get("tags") or ())))
        counts = {t: len(v) for t, v in self.records.items()}
        by_source: dict[tuple[str, str], int] = {}
        for (table, _), source in self.source.items():
            by_source[(source, table)] = by_source.get((source, table), 0) + 1
        return Lexicon(actors, folded, roles, events, places, references, cues, items, self.irregular, sources,
                       counts, by_source, own_events)

    def _one(self, key: Any, make: Any) -> frozenset[str]:
        found = self._sets.get(key)
        if found is None:
            found = self._sets[key] = frozenset(make())
        return found

    def _event_steps(self, pattern: str, pos: str, forms: Iterable[str] = (), verb_at: int = 0
                     ) -> tuple[Step, ...]:
        words = _pattern_tokens(pattern)
        verb_at = verb_at or (2 if len(words) > 2 and words[1] == "-" else 0)
        steps: list[Step] = []
        for n, word in enumerate(words):
            if word == GAP:
                steps.append(None)
            elif pos == "verb" and n == verb_at:
                extra = tuple(sorted(forms))
                steps.append(self._one(("verb", word, extra),
                                       lambda word=word, extra=extra: verb_forms(word, self.irregular) | set(extra)))
            else:
                steps.append(self._one(("plural", word), lambda word=word: plural_forms(word)))
        return tuple(steps)


def _irregular_verbs() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    path = _package_file("irregular_verbs.tsv")
    if not path.exists():
        return table
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        cells = line.split("\t")
        if n == 1 or not line.strip() or line.startswith("#"):
            continue
        if len(cells) < 3:
            raise LexiconError(f"{path}:{n}: expected base, past, past_participle separated by tabs")
        forms = tuple(f.strip() for c in cells[1:3] for f in c.split("|") if f.strip())
        table[cells[0].strip()] = forms
    return table


def load_lexicon(extra: str | Path | Iterable[str | Path] | None = None, *, default: bool = True) -> Lexicon:
    """The shipped lexicons, with the analyst's own files merged on top.

    Args:
        extra: path(s) of lexicon files or folders of them: this project's JSONL or YAML records (each carrying
            ``"lexicon": TABLE``), or the field's dictionaries (TABARI / PETRARCH verb files, Phoenix actor and
            agent files), told apart by content; a folder is read file by file, in name order.
        default: start from the shipped lexicons (the project's own files over the converted Phoenix
            dictionaries); False codes with ``extra`` alone (``--no-default-lexicon``).

    Raises:
        LexiconError: a record is malformed or a file is not a lexicon; the message names the file and line.
    """
    extras = [] if extra is None else [extra] if isinstance(extra, (str, Path)) else list(extra)
    if not default and not extras:
        raise LexiconError("no lexicon: --no-default-lexicon needs at least one --lexicon PATH")
    return _load(tuple(str(p) for p in extras), default)


SKIP_IN_FOLDERS = ("README", "LICENSE", "NOTICE", ".")


def _lexicon_files(path: Path) -> list[Path]:
    if path.is_dir():
        return [f for f in sorted(path.rglob("*")) if f.is_file() and not f.name.startswith(SKIP_IN_FOLDERS)
                and f.suffix not in {".md", ".rst", ".xml", ".pickle"}]
    if not path.is_file():
        raise LexiconError(f"{path}: lexicon file not found")
    return [path]


def file_format(path: Path) -> str:
    """ "jsonl", "yaml", or a dictionary kind of :mod:`analystkit.petrarch` ("verbs", "actors", "agents", ...),
    judged by content (the suffix only settles JSONL against YAML)."""
    if path.suffix in {".yaml", ".yml"}:
        return "yaml"
    try:
        head = path.read_bytes()[:4096].decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read lexicon file: {exc}") from None
    if path.suffix in {".jsonl", ".json"} or head.startswith(("{", "//")):
        return "jsonl"
    from .petrarch import detect_kind

    kind = detect_kind(path)
    if kind is None:
        raise LexiconError(f"{path}: not a lexicon (neither JSONL/YAML records nor a TABARI/PETRARCH dictionary)")
    return kind


@functools.cache
def known_countries() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes of the states in the shipped actors.jsonl."""
    return frozenset(str(r["country"]) for _, r in _read_records(_package_file("actors.jsonl"))
                     if r.get("kind") == "state" and r.get("country"))


def _dictionary_records(path: Path, kind: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(table, where, record) from a TABARI / PETRARCH / Phoenix dictionary file."""
    from .petrarch import DictionaryError, read_dictionary
    from .phoenix import convert

    try:
        dictionary = read_dictionary(path, kind)
    except DictionaryError as exc:
        raise LexiconError(str(exc)) from None
    countries = set(known_countries())
    if dictionary.kind == "actors":  # a dictionary's own three-letter codes are its countries ([ARN] in a test world)
        countries |= {c.upper() for a in dictionary.records for c in [a.default, *(d.code for d in a.dated)]
                      if c and len(c) == 3 and c.isalpha() and c.upper() not in {"IGO", "NGO", "NGM", "IMG", "MNC"}}
    records, _ = convert([dictionary], countries=countries, valid_codes=None, source=f"{path.name}")
    for n, (table, record) in enumerate(records, 1):
        yield table, f"{path} (entry {n}: {record.get('note', '')})", record


LANGUAGE_TABLES = ("cues", "references", "places")  # loaded even without the default lexicon: English, not actors


def _sources(extras: tuple[str, ...], default: bool) -> list[Path]:
    """The shipped files to load: all of them, or with ``default`` False the language tables alone (report verbs,
    modality cues, references such as "the two countries", places): an analyst's dictionaries hold actors, roles
    and events, and code English through these."""
    files = []
    if not default:
        return [_package_file(f"{t}.jsonl") for t in LANGUAGE_TABLES if _package_file(f"{t}.jsonl").exists()]
    if default:
        phoenix = _package_file("phoenix")
        if phoenix.is_dir():
            files.extend(sorted(phoenix.glob("*.jsonl")))
        files.extend(_package_file(f"{t}.jsonl") for t in TABLES if _package_file(f"{t}.jsonl").exists())
        files.extend(sorted(p for p in _package_file("").glob("actors_*.jsonl")))
    return files


def _cache_path(key: str) -> Path | None:
    for folder in (_package_file(".cache"), Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) /
                   "analystkit", Path(tempfile.gettempdir()) / "analystkit-cache"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            probe = folder / f".probe-{os.getpid()}"
            probe.touch()
            probe.unlink()
            return folder / f"{key}.pickle"
        except OSError:
            continue
    return None


def _cache_key(files: list[Path]) -> str:
    h = hashlib.sha256()
    for f in files + [Path(__file__), Path(__file__).with_name("phoenix.py"), Path(__file__).with_name("petrarch.py")]:
        if not f.exists():
            continue
        st = f.stat()
        h.update(f"{f}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:20]


def _shipped_builder(files: list[Path]) -> _Builder:
    builder = _Builder(_irregular_verbs())
    for path in files:
        phoenix = path.parent.name == "phoenix"
        builder.default_source = "phoenix" if phoenix else "analystkit"
        table_of_file = path.stem.split("_")[0]
        for n, record in _read_records(path):
            table = record.pop("lexicon", None) or table_of_file
            builder.add(table, record, f"{path}:{n}", own_file=not phoenix)
    return builder


def _cached(kind: str, files: list[Path], make: Any) -> Any:
    """``make()``, pickled next to the data (or in a user cache folder) under a key of the source files' names,
    sizes and times, so a changed source rebuilds it."""
    cache = _cache_path(f"{kind}-{_cache_key(files)}") if files else None
    if cache is not None and cache.exists():
        gc.disable()  # millions of small objects: the collector would run for nothing while they load
        try:
            value = pickle.loads(cache.read_bytes())
            gc.freeze()  # and they live as long as the process: no later full collection walks them again
            return value
        except Exception:  # a stale or truncated cache is rebuilt, never trusted
            pass
        finally:
            gc.enable()
    value = make()
    if cache is not None:
        try:
            tmp = cache.with_name(f"{cache.name}.{id(value)}.tmp")
            tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            tmp.replace(cache)
        except OSError:
            pass
    gc.freeze()
    return value


@functools.lru_cache(maxsize=8)
def _load(extras: tuple[str, ...], default: bool = True) -> Lexicon:
    shipped = _sources(extras, default)
    sources = [str(p) for p in shipped]
    if not extras:
        return _cached("lexicon", shipped, lambda: _shipped_builder(shipped).build(sources))
    builder = _cached("builder", shipped, lambda: _shipped_builder(shipped)) if shipped else \
        _Builder(_irregular_verbs())
    for name in extras:
        for path in _lexicon_files(Path(name)):
            sources.append(str(path))
            fmt = file_format(path)
            builder.default_source = f"user:{path.name}"
            if fmt in {"jsonl", "yaml"}:
                for n, record in _read_records(path):
                    table = record.pop("lexicon", None)
                    if table not in TABLES:
                        raise LexiconError(f"{path}:{n}: field 'lexicon' must be one of {list(TABLES)}, "
                                           f"got {table!r}")
                    builder.add(table, record, f"{path}:{n}", own_file=False)
            else:
                for table, where, record in _dictionary_records(path, fmt):
                    record["source"] = f"user:{path.name}"
                    builder.add(table, record, where, own_file=False)
    return builder.build(sources)
