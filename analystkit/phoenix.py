"""Turn the field's dictionaries (TABARI / PETRARCH / Phoenix, read by :mod:`analystkit.petrarch`) into lexicon
records of this project's tables, so they load beside (or instead of) the shipped JSONL files.

- actors: one record per phrase and per dated code. A phrase is kept in the dictionary's upper case and flagged
  ``"fold": true``: it matches text case-insensitively, provided the text's words are capitalised (so "PUTIN"
  matches "Putin" but not "putin"). Codes are cut into three-letter parts: a first part that is a country gives
  ``country`` and a second part that is a role gives ``role`` (USAGOVMIL -> country USA, role GOV, code USAGOV);
  other codes (IGOUNO, NGOAMN, IMGMUSALQ) are kept whole with no country. A phrase with dated codes is a person:
  each ``[CODE date-date]`` becomes a record with ``valid_from``/``valid_to``, and the default code one with no
  dates, which the coder falls back to outside the dated ranges (Phoenix puts the elite code, ELI, there).
- agents: role words (``[~COP]`` -> role COP), lower case; an agent code placed before the actor (``NGO~``) is a
  role too. In an analyst's own dictionary the code is kept whole (``GOVFRM``, ``MOP``), ``NGO~`` goes before the
  actor's code (``prefix``) and ``{}`` or listed plurals leave out the regular plural (see :func:`agent_records`).
- verbs: a verb alone with its code, and each pattern whose words all follow the verb (the engine matches
  words after the verb, with gaps between them, as TABARI's blanks allow) with ``$`` / ``+`` dropped and the
  preposition before ``+`` kept as ``target_prep``. A pattern goes with the verb its comment names (the verb
  it was written for, ``# RUSH``), or with every verb of its block when the comment names none: spreading every
  pattern over every synonym of its block would multiply the patterns fifteenfold (75,000) for little gain.
  Synsets are expanded (at most ``MAX_EXPANSIONS`` patterns per line). Codes that are not CAMEO event codes with a
  PLOVER type (010, 0110, WEIS-era codes) and the null code ``---`` are left out and counted. With ``cautious``
  (the shipped conversion) a verb on its own needs a code of its own (see :func:`verb_records`), and patterns with
  words before the verb or a compound (``%``) are left out. An analyst's own dictionary (not ``cautious``) is read
  as TABARI read it: words before the verb are kept (``"indicated ~ would ~ act"``, ``verb_at`` the verb's
  token), ``_`` joins adjacent words, a two-part code ``[032:033]`` gives ``counterpart_cameo`` (``[031:031]``:
  symmetric), ``%`` before the verb a symmetric event among the compound subject's members, and the target may
  start up to ``TABARI_REACH`` tokens after the verb.
- discards and issues have no table here yet and are counted as skipped.

Examples:
    >>> from analystkit.petrarch import Actor, DatedCode
    >>> import datetime as dt
    >>> a = Actor(("ABDUL QADIR",), "AFGELI", (DatedCode("AFGGOV", dt.date(1978, 4, 27), dt.date(1978, 4, 30)),), 7)
    >>> [(r["pattern"], r["code"], r["role"], r["valid_from"]) for _, r in actor_records(a, {"AFG"})]
    [('ABDUL QADIR', 'AFGGOV', 'GOV', '1978-04-27'), ('ABDUL QADIR', 'AFGELI', 'ELI', None)]
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from .petrarch import Actor, Agent, Dictionary, Pattern, Verb
from .reference import reference_tables

MAX_EXPANSIONS = 24
PHOENIX_ROLES = frozenset({
    "GOV", "MIL", "LEG", "JUD", "COP", "SPY", "MED", "BUS", "CVL", "REB", "OPP", "IGO", "ELI", "CRM", "HLH", "EDU",
    "UAF", "AGR", "REL", "LAB", "ENV", "REF", "PTY", "NGO", "HRI", "MUS", "CHR", "JEW", "HIN", "BUD", "RAD", "PPL",
    "DEV", "SET", "MOD", "NGM", "IMG", "MNC", "SEP", "INS", "AMN", "IRC", "GRP", "UNR", "MER", "SHI", "SUN"})
NO_COUNTRY_KINDS = {"IGO": ("organisation", "IGO"), "NGO": ("organisation", "NGO"), "NGM": ("organisation", "NGO"),
                    "IMG": ("group", "REB"), "MNC": ("organisation", "BUS")}
WEEKDAYS_AND_MONTHS = frozenset({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY",
                                 "MAY", "MARCH", "AUGUST"})


def split_code(code: str, countries: set[str], *, whole: bool = False) -> tuple[str, str | None, str | None, str]:
    """(code, country, role, kind) for a dictionary code: USAGOVMIL -> ('USAGOV', 'USA', 'GOV', 'state'), or with
    ``whole`` the code kept as written (an analyst's own dictionary: 'USAGOVMIL').

    Examples:
        >>> split_code("USAGOVMIL", {"USA"}), split_code("IGOUNO", {"USA"}), split_code("KKLREB", {"USA"})
        (('USAGOV', 'USA', 'GOV', 'state'), ('IGOUNO', None, 'IGO', 'organisation'), ('KKLREB', None, 'REB', 'group'))
    """
    code = code.upper()
    head, rest = code[:3], code[3:6]
    if head in countries:
        role = rest if rest in PHOENIX_ROLES else None
        return code if whole else head + (role or ""), head, role, "group" if role == "REB" else "state"
    if head in NO_COUNTRY_KINDS:
        kind, role = NO_COUNTRY_KINDS[head]
        return code, None, role, kind
    role = rest if rest in PHOENIX_ROLES else None
    return code, None, role, "group" if role in {"REB", "UAF", "SEP", "INS"} else "organisation"


def actor_records(actor: Actor, countries: set[str], *, source: str = "phoenix", cautious: bool = False
                  ) -> Iterator[tuple[str, dict]]:
    """("actors", record) for each phrase of an actor entry and each of its codes (dated first, then default).
    ``cautious``: a one-word name of a group or an organisation matches only in capitals (see below)."""
    person = bool(actor.dated)
    codes = [(d.code, d.start, d.end) for d in actor.dated]
    if actor.default:
        codes.append((actor.default, None, None))
    for phrase in actor.phrases:
        if not phrase or phrase in WEEKDAYS_AND_MONTHS or not any(ch.isalpha() for ch in phrase):
            continue
        for raw, start, end in codes:
            if not raw or (start and end and start > end):  # a typo in the dictionary's dates
                continue
            code, country, role, kind = split_code(raw, countries, whole=not cautious)
            if not code.isalnum():
                continue
            # one word naming a group or an organisation is often an English word too ("FALCON", "YOUTH",
            # "TIGERS"): it matches only as written, in capitals (an acronym such as EZLN or PLO)
            fold = not cautious or person or kind == "state" or " " in phrase or "-" in phrase
            yield "actors", {
                "pattern": phrase, "code": code, "name": actor.phrases[0].title(), "kind": "person" if person else kind,
                "country": country, "role": role, "form": "person" if person else "name",
                "valid_from": start.isoformat() if start else None, "valid_to": end.isoformat() if end else None,
                "fold": fold, "source": source, "note": f"{raw} line {actor.line}"}


def agent_records(agent: Agent, *, source: str = "phoenix", whole: bool = False) -> Iterator[tuple[str, dict]]:
    """("roles", record) for an agent phrase and its listed plurals. ``whole`` (an analyst's own dictionary): the
    agent's code is kept as written ("GOVFRM", "MOP": ``code``, with ``role`` its first three letters), a code
    placed before the actor's ("NGO~") is marked ``prefix``, and listed plurals, or ``{}``, are the only plurals
    (``plural`` False: no regular plural is formed)."""
    code = agent.code.upper()
    role = code[:3]
    if role not in PHOENIX_ROLES and not (whole and code.isalnum()):
        return
    forms = [agent.phrase] + list(agent.plurals or ())
    for form in forms:
        if form:
            record: dict[str, Any] = {"pattern": form.lower(), "role": role, "source": source,
                                      "note": f"{'' if not agent.prefix else 'prefix '}{agent.code} line {agent.line}"}
            if whole:
                if code != role or role not in PHOENIX_ROLES:
                    record["code"] = code
                if agent.prefix:
                    record["prefix"] = True
                if agent.plurals is not None:
                    record["plural"] = False
            yield "roles", record


def _expand(tokens: tuple[str, ...], synsets: dict[str, tuple[str, ...]], ends: bool = False
            ) -> list[list[str]] | None:
    """Word sequences for a pattern's tokens, synsets expanded; None when it expands too far. ``ends``: a ``_`` at
    either end of a token is a join, not part of the word (else only a leading one is dropped: the shipped
    conversion)."""
    options: list[list[str]] = []
    for tok in tokens:
        word = tok.strip("_") if ends else tok.lstrip("_")
        if word.startswith("&"):
            phrases = synsets.get(word) or synsets.get(word.rstrip("_"))
            if not phrases:
                return None
            options.append([p.lower() for p in phrases])
        else:
            options.append([word.lower()])
    total = 1
    for o in options:
        total *= len(o)
    if total > MAX_EXPANSIONS:
        return None
    return [list(words) for words in itertools.product(*options)]


def verb_records(d: Dictionary, valid: set[str] | None, *, source: str = "phoenix",
                 skipped: Counter[str] | None = None, cautious: bool = False,
                 skip_verbs: frozenset[str] = frozenset()) -> Iterator[tuple[str, dict]]:
    """("events", record) for the verbs and usable patterns of a verb dictionary; ``valid``: CAMEO codes with a
    PLOVER type, or None to keep any code the dictionary gives (an analyst's own WEIS-era or private codes, as in
    PETRARCH's validation suite: such a record is marked ``foreign`` and codes with no PLOVER type or Goldstein
    score). ``skipped`` counts what was left out, by reason. ``cautious``: a verb on its own is kept only
    with a code of its own, not its block's cue-category code (a three-digit code ending in 0: "040" for ARRIVE,
    GO, FACE, THINK ...), and never for the verbs in ``skip_verbs``: without a parse such verbs code mostly
    non-events."""
    skipped = skipped if skipped is not None else Counter()
    block_verbs: dict[str, list[Verb]] = {}
    for r in d.records:
        if isinstance(r, Verb):
            code = (r.code or "").split(":")[0]
            if " " in r.word:
                skipped["multiword verb"] += 1
                continue
            block_verbs.setdefault(r.block, []).append(r)
            if not _usable(code, valid):
                skipped["verb without an event code"] += 1
                continue
            if cautious and (code.endswith("0") and len(code) == 3 or r.word.lower() in skip_verbs):
                skipped["verb alone with a vague code or on the skip list"] += 1
                continue
            record = _verb_record(r, r.word.lower(), code, source, f"verb {r.word} line {r.line}")
            if not cautious:
                record = _two_way(record, r.code, valid)
            if not cautious:
                record["reach"] = TABARI_REACH
            yield "events", record
        elif isinstance(r, Pattern):
            code = (r.code or "").split(":")[0]
            verbs = block_verbs.get(r.block, [])
            if not _usable(code, valid):
                skipped["pattern code not a CAMEO event"] += 1
                continue
            if not verbs:
                skipped["pattern of a multiword verb"] += 1
                continue
            lead = [t for t in r.pre if t.strip("_") not in {"$", "+", "%"}]  # "%": a compound subject
            compound = any(t.strip("_") == "%" for t in r.pre)
            if lead and (cautious or any(t.strip("_") in {"$", "+", "^"} for t in r.pre)) or compound and not lead:
                skipped["words before the verb"] += 1
                continue
            before = _lead(lead, d.synsets) if lead else [("", 0)]
            if before is None:
                skipped["synset missing or too many expansions"] += 1
                continue
            if any(t.lstrip("_") in {"%", "^"} for t in r.post):
                skipped["compound or skip marker"] += 1
                continue
            post = [t for t in r.post if t.lstrip("_") != "$"]
            bare = [t.lstrip("_") for t in post]
            prep = None
            if "+" in bare:
                k = bare.index("+")
                prep = bare[k - 1].lower() if k and not bare[k - 1].startswith("&") else None
                post = post[:k] + post[k + 1:]
            words = [t for t in post if t.lstrip("_")]
            if not words and not lead:
                skipped["no words after the verb"] += 1
                continue
            expanded = _expand(tuple(words), d.synsets, ends=not cautious)
            if expanded is None:
                skipped["synset missing or too many expansions"] += 1
                continue
            named = [v for v in verbs if r.verb and v.word == r.verb]
            for verb in named or verbs:  # the verb the pattern was written for (its comment), else the block's
                for seq in expanded:
                    for head, verb_at in before:
                        pattern = head + verb.word.lower() + "".join(
                            (" " if words[n].startswith("_") and not cautious else " ~ ") + w  # "_": adjacent
                            for n, w in enumerate(seq))
                        record = _verb_record(verb, pattern, code, source, f"{r.block} line {r.line}")
                        if not cautious:
                            record = _two_way(record, r.code, valid)
                        if verb_at:
                            record["verb_at"] = verb_at
                        if compound:  # "% HAVE POSTPONED *": the members of the compound subject, each way
                            record["symmetric"] = True
                        if not cautious:
                            record["reach"] = TABARI_REACH
                        if prep and seq and prep == seq[-1].split()[-1]:
                            record["target_prep"] = prep
                        yield "events", record
        else:
            skipped[type(r).__name__.lower()] += 1


def _lead(tokens: list[str], synsets: dict[str, tuple[str, ...]]) -> list[tuple[str, int]] | None:
    """The words of a pattern before its verb ("INDICATED WOULD *", "MOST_CERTAINLY_&NEGATVAUXVRB_EVER *"), synsets
    expanded: (text ending in the glue before the verb, the verb's token index in the pattern) per expansion, or
    None when a synset is missing or expands too far. A ``_`` joins two words (adjacent in the text); a blank
    allows a gap, as after the verb."""
    from .segment import tokenize

    words = [t.strip("_") for t in tokens]
    expanded = _expand(tuple(words), synsets, ends=True)
    if expanded is None:
        return None
    out = []
    for seq in expanded:
        text = ""
        for n, word in enumerate(seq):
            joined = tokens[n].endswith("_") or (n + 1 < len(tokens) and tokens[n + 1].startswith("_"))
            text += word + (" " if joined or n + 1 == len(seq) and tokens[n].endswith("_") else " ~ ")
        if not tokens[-1].endswith("_") and not text.endswith(" ~ "):
            text += "~ "
        out.append((text, len(tokenize(text))))
    return out


def _usable(code: str, valid: set[str] | None) -> bool:
    if valid is None:
        return bool(code) and code.isalnum()
    return code in valid


TABARI_REACH = 10  # an analyst's own dictionary: TABARI's target is the first actor after the verb, well beyond the
# coder's default reach for its own patterns ("criticized the recent closure of guest houses in Bree")


def _two_way(record: dict[str, Any], code: str | None, valid: set[str] | None) -> dict[str, Any]:
    """A two-part code ``[032:033]``: the event one way and its counterpart the other ("X arrived in Y": X visits Y,
    Y hosts X); the same code both ways (``[031:031]``: "X will meet Y and Z") is also symmetric, so that a
    coordinated subject meets among itself."""
    first, _, second = (code or "").partition(":")
    if second and _usable(second, valid):
        record["counterpart_cameo"] = second
        if second == first:
            record["symmetric"] = True
    return record


def _verb_record(verb: Verb, pattern: str, code: str, source: str, note: str) -> dict[str, Any]:
    record: dict[str, Any] = {"pattern": pattern, "pos": "verb", "cameo": code, "tier": 1, "source": source,
                              "note": note}
    if not _cameo_event(code):
        record["foreign"] = True
    forms = sorted({f.lower() for f in verb.forms} - {verb.word.lower()})
    if forms:
        record["forms"] = forms  # the dictionary's own inflections (irregular ones among them)
    return record


def _cameo_event(code: str) -> bool:
    """A CAMEO event code with a PLOVER type."""
    tables = reference_tables()
    return code in tables.descriptions and tables.plover_for(code) is not None


def convert(dictionaries: Iterable[Dictionary], *, countries: set[str], valid_codes: set[str] | None,
            source: str = "phoenix") -> tuple[list[tuple[str, dict[str, Any]]], Counter[str]]:
    """Lexicon records (table, record) from read dictionaries, and the count of what was left out by reason."""
    out: list[tuple[str, dict[str, Any]]] = []
    skipped: Counter[str] = Counter()
    for d in dictionaries:
        if d.kind == "actors":
            out.extend(rec for a in d.records for rec in actor_records(a, countries, source=source))
        elif d.kind == "agents":
            out.extend(rec for a in d.records for rec in agent_records(a, source=source, whole=True))
        elif d.kind == "verbs":
            out.extend(verb_records(d, valid_codes, source=source, skipped=skipped))
        else:
            skipped[f"{d.kind} (no table)"] += len(d.records)
    return out, skipped
