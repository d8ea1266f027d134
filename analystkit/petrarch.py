"""Read the field's event-data dictionaries: TABARI, PETRARCH-1, PETRARCH-2 and Phoenix.

The formats (PETRARCH-2's ``dictionaries.rst``, and the files themselves):

- verbs (``CAMEO.verbpatterns.*``: TABARI / PETRARCH-1; ``CAMEO.2.0.txt``: PETRARCH-2): synsets (an ``&NAME``
  line, then ``+phrase`` lines), then blocks opened by ``--- NAME [code] ---`` that hold verb lines
  (``SAY {SAYS SAID SAYING} [code]``; ``+CORDON_OFF`` / ``WIRE_+TAP`` mark the verb of a multiword verb), pattern
  lines (``- pre * post [code] # comment``) and, in PETRARCH-2, transformations (``~ a (a b ATTACK) SAY = a b 015``).
- actors: ``PHRASE [CODE]``, ``+SYNONYM`` lines, then (tab-indented) ``[CODE <date]``, ``[CODE >date]``,
  ``[CODE date-date]`` or ``[CODE]`` restrictions. Dates are YYMMDD (YY < 30 is 20YY) or YYYYMMDD.
- agents: ``PHRASE {PLURALS} [~CODE]`` (``[CODE~]``: the code goes before the actor's), and ``!MARKER! = A, B``
  substitution sets.
- discards: a phrase a line; ``+`` for a story-level discard; a final ``_`` for a whole word (else a stem).
- issues: ``<ISSUE CATEGORY=..>`` blocks of ``phrase [CODE]`` lines with ``n:`` (noun), ``v:`` (verb) and ``+``
  (blank or hyphen) expansions, and ``~`` / ``~~`` ignore phrases.
- unit tests (``PETR.UnitTest.records.xml``): ``<Sentence>`` records with ``<EventCoding>`` and ``<Text>``.

Comments: ``#`` to the end of the line (not inside ``[...]``, so TABARI's discard code ``[###]`` survives), ``;``
(TABARI's, still in a few verb lines), and ``<!-- ... -->`` blocks over any number of lines (``<! --`` too).

Where the reader departs from the formats, or settles what they leave open:

- Phrases are words joined by single spaces: ``_`` and runs of blanks become one space and a final ``_`` goes, so
  the blank (gap allowed) / ``_`` (adjacent) distinction is not kept in actor, agent, synset and discard phrases
  (a discard keeps its final ``_`` as ``stem=False``; a synset label's as ``Dictionary.no_plural``; a synset
  phrase's own final ``_`` is lost).
- Pattern tokens: see :class:`Pattern` for the ``_`` join rule. PETRARCH-2's ``{..}`` / ``(..)`` are flattened,
  which loses the phrase structure (the head of ``{A B}`` is its last word). ``Pattern.verb`` is the block verb
  that the pattern's comment names first (the coders' note of the verb it was written for), else None.
- Verb forms: regular ones are generated without doubling a consonant (the files give ``STABBED`` etc. in
  ``{...}``); ``{...}`` forms come after the verb itself; a multiword verb without ``+`` inflects its first word.
- Actor codes on the phrase line (TABARI style, common in the Phoenix files): the first undated one is the default,
  the others go to ``dated`` like restriction lines. Agent code brackets closed by ``}`` (``[~LEG}``, as in the
  doc's own example) are accepted.
- Issues: an issue line without a code takes its ``<ISSUE>`` block's CATEGORY; ``~~`` lines are read as ``~``;
  ``n:`` adds the plural (-s, -es after s/x/z/ch/sh, -ies after consonant + y), ``v:`` the regular verb forms, both
  at the end of the word they mark; ``+`` gives a blank and a hyphen version (the same for all ``+`` of a word).
- Lenient by default: what the real files get wrong but can be read past is skipped or repaired and noted in
  ``Dictionary.problems`` -- a date that is not YYMMDD/YYYYMMDD (``[GBRGOV >201005011]``), a stray ``]``,
  unbalanced ``(..)``/``{..}`` in a pattern, an agent without a code, a pattern without a code or a ``*`` (or with
  two), text after an actor's code, a second code in a block header. ``strict=True`` raises
  :class:`DictionaryError` for these instead. A ``[`` left open and lines of no known shape always raise.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from datetime import date
from html import unescape
from pathlib import Path
from typing import NamedTuple

KINDS = ("verbs", "actors", "agents", "discards", "issues")


class DictionaryError(ValueError):
    """A malformed dictionary line; the message reads ``FILE:LINE: what is wrong``."""


class DatedCode(NamedTuple):
    """A code and the dates (inclusive) it holds between; None = open. ``code`` None for ``---``."""
    code: str | None
    start: date | None
    end: date | None


class Actor(NamedTuple):
    """An actor entry: the primary phrase then its ``+`` synonyms, the default code, the dated codes."""
    phrases: tuple[str, ...]
    default: str | None
    dated: tuple[DatedCode, ...]
    line: int


class Agent(NamedTuple):
    """An agent: plurals None = the user forms the regular plural, () = none (``{}`` or a substituted form)."""
    phrase: str
    plurals: tuple[str, ...] | None
    code: str
    prefix: bool
    line: int


class Verb(NamedTuple):
    """A verb line of a block: the verb, all its surface forms (the verb first), its code, its block's first verb."""
    word: str
    forms: tuple[str, ...]
    code: str | None
    block: str
    line: int


class Pattern(NamedTuple):
    """A ``- ... * ... [code]`` line: the tokens before and after the verb ``*``, in reading order.

    Tokens are upper-case words, ``$`` source, ``+`` target, ``%`` compound, ``^`` skip, ``&NAME`` a synset. A token
    that the file joins by ``_`` to the token before it gets a leading ``_``; the verb counts as a token, so
    ``*_OUT`` gives post ``("_OUT",)``. A verb joined to the word before it (``IN_*``, also ``IN_ *``) puts a
    trailing ``_`` on the last pre token: ``SO IN_AND_*_OUT NOW`` -> pre ``("SO", "IN", "_AND_")``, post
    ``("_OUT", "NOW")``. ``*`` glued to a word (``*SCEPTICAL``) counts as a blank.
    """
    block: str
    verb: str | None
    pre: tuple[str, ...]
    post: tuple[str, ...]
    code: str | None
    line: int
    syntax: str


class Transformation(NamedTuple):
    """A PETRARCH-2 ``~ ...`` line, as written."""
    text: str
    line: int


class Discard(NamedTuple):
    """A discard phrase; ``story``: a ``+`` line; ``stem``: the phrase may end inside a word (no final ``_``)."""
    phrase: str
    story: bool
    stem: bool
    line: int


class Issue(NamedTuple):
    """One string of an issue line after the ``n:``/``v:``/``+`` expansions; ``ignore`` for ``~`` lines."""
    phrase: str
    code: str
    ignore: bool
    line: int


class Dictionary(NamedTuple):
    """A read dictionary. For verbs, ``records`` holds Verb, Pattern and Transformation records in file order,
    ``synsets`` maps ``&NAME`` to its phrases and ``no_plural`` holds the synset names written with a final ``_``.
    ``problems``: the ``FILE:LINE: ...`` notes of what a lenient read skipped or repaired."""
    kind: str
    path: str
    records: tuple
    synsets: dict[str, tuple[str, ...]]
    no_plural: frozenset[str] = frozenset()
    problems: tuple[str, ...] = ()


class UnitTest(NamedTuple):
    """A ``<Sentence>`` record: expected (source, target, event) codes; ``error`` for an error-case record."""
    id: str
    date: date
    category: str
    text: str
    expected: tuple[tuple[str, str, str], ...]
    error: bool
    line: int


class _Ctx:
    """One read: the file, strict or lenient, and the problems met so far."""

    def __init__(self, path: object, strict: bool) -> None:
        self.path, self.strict, self.problems = str(path), strict, []

    def error(self, n: int, what: str) -> DictionaryError:
        return DictionaryError(f"{self.path}:{n}: {what}")

    def soft(self, n: int, what: str) -> None:
        if self.strict:
            raise self.error(n, what)
        self.problems.append(f"{self.path}:{n}: {what}")


_OPEN = re.compile(r"<!\s*--")
_CODE_PART = re.compile(r"(?:[^#\[]|\[[^\]]*\]|\[)*")  # the text before the first '#' outside [...]
_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_RESTRICT = re.compile(r"([<>])(\d+)|(\d+)-(\d+)")
_SUBST = re.compile(r"(![A-Za-z_]+!)\s*=(.*)")
_MARKER = re.compile(r"![A-Za-z_]+!")
_VERB = re.compile(r"([^{}\[\]]+?)\s*(?:\{([^{}\[\]]*)\})?\s*(?:\[([^{}\[\]]*)\])?\s*(?:\{([^{}\[\]]*)\})?\s*")
_ACTOR_CODE = re.compile(r"\[\s*(?:---|[A-Z][A-Z0-9/+]*)(?:\s+[<>]?\s*\d{6,}(?:\s*-\s*\d{6,})?)?\s*\]")
_ISSUE = re.compile(r"<ISSUE\b([^>]*)>", re.I)
_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _read_text(path: str | Path) -> str:
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _lines(text: str) -> list[tuple[int, str, str]]:
    """(line number, text without comments, its ``#`` comment) of each line that is not blank once comments go."""
    out, in_comment = [], False
    for n, s in enumerate(text.splitlines(), 1):
        if in_comment or "<" in s:
            kept = []
            while s:
                if in_comment:
                    end = s.find("-->")
                    s, in_comment = ("", True) if end < 0 else (s[end + 3:], False)
                    continue
                m = _OPEN.search(s)
                if m is None or m.start() > _CODE_PART.match(s).end():
                    kept.append(s)
                    break
                kept.append(s[:m.start()])
                s, in_comment = s[m.end():], True
            s = "".join(kept)
        comment = ""
        if "#" in s:
            cut = _CODE_PART.match(s).end() if "[" in s else s.find("#")
            s, comment = s[:cut], s[cut + 1:]
        s = s.split(";", 1)[0]
        if s.strip():
            out.append((n, s.rstrip(), comment))
    return out


def _phrase(s: str) -> str:
    return " ".join(s.replace("_", " ").split())


def _code(s: str | None) -> str | None:
    s = (s or "").strip()
    return None if s in ("", "---") else s


def _date(s: str) -> date | None:
    """YYMMDD (YY < 30: 20YY; the files predate 2030) or YYYYMMDD; None if neither or no calendar date."""
    try:
        year = int(s[:-4]) + ((2000 if int(s[:-4]) < 30 else 1900) if len(s) == 6 else 0)
        return date(year, int(s[-4:-2]), int(s[-2:])) if s.isdigit() and len(s) in (6, 8) else None
    except ValueError:
        return None


def _split_codes(s: str, ctx: _Ctx, n: int) -> tuple[str, list[str], str]:
    """The text before the first ``[``, the contents of the ``[...]`` after it, and any other text after it."""
    i = s.find("[")
    head, rest = (s, "") if i < 0 else (s[:i], s[i:])
    left = _BRACKET.sub(" ", rest)
    if "[" in left:
        raise ctx.error(n, f"unbalanced brackets: '[' without ']' in {s.strip()!r}")
    if "]" in head + left:
        ctx.soft(n, f"unbalanced brackets: stray ']' dropped from {s.strip()!r}")
    return head.replace("]", ""), _BRACKET.findall(rest), left.replace("]", "").strip()


def _dated(body: str, ctx: _Ctx, n: int) -> DatedCode | None:
    parts = body.split(None, 1)
    if not parts:
        raise ctx.error(n, "empty code []")
    code = _code(parts[0])
    if len(parts) == 1:
        return DatedCode(code, None, None)
    m = _RESTRICT.fullmatch("".join(parts[1].split()))
    dates = [] if m is None else [_date(m[2])] if m[1] else [_date(m[3]), _date(m[4])]
    if not dates or None in dates:
        ctx.soft(n, f"bad date restriction [{body.strip()}] (dates are YYMMDD or YYYYMMDD); skipped")
        return None
    if len(dates) == 2:
        return DatedCode(code, dates[0], dates[1])
    return DatedCode(code, None, dates[0]) if m[1] == "<" else DatedCode(code, dates[0], None)


def _sfx(word: str, cut: int, suffix: str) -> str:
    return word[:len(word) - cut] + (suffix.upper() if word[-1:].isupper() else suffix)


def _plural(w: str) -> str:
    lw = w.lower()
    if lw.endswith("y") and lw[-2:-1] not in ("", "a", "e", "i", "o", "u"):
        return _sfx(w, 1, "ies")
    return _sfx(w, 0, "es" if lw.endswith(("s", "x", "z", "ch", "sh")) else "s")


def _verb_forms(w: str) -> tuple[str, ...]:
    """Base, -s, -ed, -ing of a regular verb (the last word of ``w`` is inflected)."""
    lw = w.lower()
    cy = lw.endswith("y") and lw[-2:-1] not in ("", "a", "e", "i", "o", "u")
    third = _sfx(w, 1, "ies") if cy else _sfx(w, 0, "es" if lw.endswith(("s", "x", "z", "ch", "sh", "o")) else "s")
    past = _sfx(w, 1, "ied") if cy else _sfx(w, 0, "d" if lw.endswith("e") else "ed")
    if lw.endswith("ie"):
        ing = _sfx(w, 2, "ying")
    else:
        ing = _sfx(w, 1 if lw.endswith("e") and not lw.endswith(("ee", "ye", "oe")) else 0, "ing")
    return w, third, past, ing


def _read_actors(lines: list, ctx: _Ctx) -> list[Actor]:
    out: list[list] = []
    cur: list | None = None  # [phrases, default, dated, line], filled in place
    for n, s, _ in lines:
        s = s.strip()
        if s[0] in "[+" and cur is None:
            raise ctx.error(n, f"{'date restriction' if s[0] == '[' else 'synonym'} before any actor phrase")
        head, codes, left = _split_codes(s.lstrip("+"), ctx, n)
        if left:
            ctx.soft(n, f"text after the code ignored: {left!r}")
        if s[0] == "[":
            cur[2].extend(d for d in (_dated(b, ctx, n) for b in codes) if d)
            continue
        if not _phrase(head):
            raise ctx.error(n, "empty actor phrase")
        if s[0] == "+":
            if codes:
                raise ctx.error(n, "a synonym line takes no code")
            cur[0].append(_phrase(head))
            continue
        dated = [d for d in (_dated(b, ctx, n) for b in codes) if d]
        first = next((d for d in dated if d.start is None and d.end is None), None)  # the default code
        cur = [[_phrase(head)], first and first.code, [d for d in dated if d is not first], n]
        out.append(cur)
    return [Actor(tuple(phrases), default, tuple(dated), n) for phrases, default, dated, n in out]


def _read_agents(lines: list, ctx: _Ctx) -> list[Agent]:
    subs: dict[str, list[str]] = {}
    out: list[Agent] = []
    for n, s, _ in lines:
        s = s.strip()
        if m := _SUBST.fullmatch(s):
            subs[m[1]] = [f.strip() for f in m[2].split(",") if f.strip()]
            continue
        head, codes, left = _split_codes(re.sub(r"\[([^\[\]{}]*)\}", r"[\1]", s), ctx, n)
        if left or len(codes) > 1:
            raise ctx.error(n, f"an agent line takes one [code] at its end: {s!r}")
        if not codes:
            ctx.soft(n, f"agent {s!r} has no [~CODE]; skipped")
            continue
        code = "".join(codes[0].split())
        if code.startswith("~") == code.endswith("~") or not code.strip("~"):
            raise ctx.error(n, f"agent code [{code}] needs one '~' before or after it")
        plurals = None
        if "{" in head or "}" in head:
            if not (m := re.fullmatch(r"([^{}]*)\{([^{}]*)\}\s*", head)):
                raise ctx.error(n, f"unbalanced braces in {s!r}")
            head, plurals = m[1], tuple(_phrase(p) for p in m[2].split())
        markers = sorted(set(_MARKER.findall(head)))
        if unknown := [k for k in markers if k not in subs]:
            raise ctx.error(n, f"undefined substitution marker {unknown[0]}")
        texts = [head]
        if markers:
            texts, plurals = [], ()
            for combo in itertools.product(*(subs[k] for k in markers)):
                text = head
                for k, v in zip(markers, combo, strict=True):
                    text = text.replace(k, v)
                texts.append(text)
        out.extend(Agent(_phrase(t), plurals, code.strip("~"), code.endswith("~"), n) for t in texts)
    return out


def _read_discards(lines: list, ctx: _Ctx) -> list[Discard]:
    out = []
    for n, s, _ in lines:
        t = s.strip()
        story = t.startswith("+")
        t = t[1:].strip() if story else t
        if "[" in t or "]" in t or not _phrase(t):
            raise ctx.error(n, f"a discard line is a phrase and no code: {s.strip()!r}")
        out.append(Discard(_phrase(t), story, not t.endswith("_"), n))
    return out


def _issue_forms(phrase: str) -> list[str]:
    """The strings of an issue phrase: ``n:`` singular and plural, ``v:`` verb forms, ``+`` blank and hyphen."""
    options = []
    for word in phrase.split():
        kind = m[2] if (m := re.search(r"(^|\+)([nv]):", word)) else None
        word = re.sub(r"(^|\+)[nv]:", r"\1", word)
        forms: list[str] = []
        for base in [word] if "+" not in word else [word.replace("+", " "), word.replace("+", "-")]:
            forms.extend([base] if kind is None else [base, _plural(base)] if kind == "n" else _verb_forms(base))
        options.append(list(dict.fromkeys(forms)))
    return [" ".join(" ".join(c).split()) for c in itertools.product(*options)]


def _read_issues(lines: list, ctx: _Ctx) -> list[Issue]:
    out: list[Issue] = []
    category = None
    for n, s, _ in lines:
        t = s.strip()
        if m := _ISSUE.match(t):
            category = {k.upper(): v for k, v in _attrs(m[1]).items()}.get("CATEGORY")
            continue
        if t.upper().startswith("</ISSUE"):
            category = None
            continue
        if t.startswith("~"):
            if "[" in t or "]" in t:
                raise ctx.error(n, f"an ignore line takes no code: {t!r}")
            out.extend(Issue(p, category or "", True, n) for p in _issue_forms(t.lstrip("~")))
            continue
        pos, coded = 0, False
        for m in _BRACKET.finditer(t):
            phrase, pos = t[pos:m.start()].strip(), m.end()
            if "]" in phrase:
                raise ctx.error(n, f"unbalanced brackets in {t!r}")
            if phrase:
                out.extend(Issue(p, m[1].strip(), False, n) for p in _issue_forms(phrase))
                coded = True
            else:
                ctx.soft(n, f"code [{m[1]}] without a phrase; ignored")
        rest = t[pos:].strip()
        if "[" in rest or "]" in rest:
            raise ctx.error(n, f"unbalanced brackets in {t!r}")
        if rest and coded and not any(ch.isalnum() for ch in rest):
            ctx.soft(n, f"text after the code ignored: {rest!r}")
        elif rest:
            if category is None:
                raise ctx.error(n, f"issue phrase {rest!r} has no [CODE] and no enclosing <ISSUE CATEGORY=...>")
            out.extend(Issue(p, category, False, n) for p in _issue_forms(rest))
    return out


def _verb(t: str, block: list, ctx: _Ctx, n: int) -> Verb:
    if not (m := _VERB.fullmatch(t)) or m[2] is not None and m[4] is not None:
        raise ctx.error(n, f"malformed verb line (unbalanced brackets or braces?): {t!r}")
    words = m[1].replace("_", " ").split()
    marked = next((k for k, w in enumerate(words) if "+" in w), 0)
    words = [w.replace("+", "") for w in words]
    word = " ".join(words)
    if (given := m[2] if m[4] is None else m[4]) is not None:  # {forms} usually before the [code], not always
        forms = [word] + [_phrase(f.replace("+", "")) for f in given.replace(",", " ").split()]
    else:
        forms = [" ".join(words[:marked] + [f] + words[marked + 1:]) for f in _verb_forms(words[marked])]
    code = block[1] if m[3] is None else _code(m[3])
    block[2] = block[2] or word
    return Verb(word, tuple(dict.fromkeys(forms)), code, block[2], n)


def _pattern(t: str, syntax: str, block: list, ctx: _Ctx, n: int) -> Pattern:
    t = t[1:]
    i, j = t.find("["), t.find("]")
    if t.count("[") != t.count("]") or t.count("[") > 1 or j < i:
        raise ctx.error(n, f"unbalanced brackets (or more than one code) in pattern {t.strip()!r}")
    if i < 0:
        ctx.soft(n, "pattern without a [code]; null code")
        body, code = t, None
    elif t[j + 1:].strip():
        raise ctx.error(n, f"text after the code: {t[j + 1:].strip()!r}")
    else:
        body, code = t[:i], _code(t[i + 1:j])
    nest = re.sub(r"[^(){}]", "", body)
    while re.search(r"\(\)|\{\}", nest):
        nest = re.sub(r"\(\)|\{\}", "", nest)
    if nest or (syntax == "tabari" and re.search(r"[(){}]", body)):
        ctx.soft(n, f"{'unbalanced parentheses or braces' if nest else 'brackets in a TABARI pattern'}; dropped")
    body = re.sub(r"\*(?=[^\s_])", "* ", re.sub(r"(?<=[^\s_])\*", " *", re.sub(r"[(){}]", " ", body)))
    toks: list[tuple[str, bool]] = []  # (token, joined by "_" to the token before it)
    carry = False
    for chunk in body.split():
        for k, part in enumerate(chunk.split("_")):
            if part:
                toks.append((part.upper(), k > 0 or carry))
                carry = False
        carry = chunk.endswith("_")
    stars = [k for k, (w, _) in enumerate(toks) if w == "*"]
    if len(stars) != 1:
        ctx.soft(n, "pattern without '*'; all its words follow the verb" if not stars
                 else "pattern with more than one '*'; the later ones kept as words")
    k = stars[0] if stars else -1
    pre = [("_" + w if joined and x else w) for x, (w, joined) in enumerate(toks[:max(k, 0)])]
    if k > 0 and toks[k][1]:
        pre[-1] += "_"
    post = [("_" + w if joined and (x or k >= 0) else w) for x, (w, joined) in enumerate(toks[k + 1:])]
    return Pattern(block[2] or block[0], None, tuple(pre), tuple(post), code, n, syntax)


def _close_block(records: list, pending: list, verbs: list[Verb]) -> None:
    """Set ``verb`` on the block's patterns whose comment starts with one of the block's verbs (any form)."""
    names = {f: v.word for v in verbs for f in v.forms}
    for idx, comment in pending:
        m = re.match(r"\s*([A-Z][A-Z_'-]*)\b", comment)
        if m and (verb := names.get(_phrase(m[1]))):
            records[idx] = records[idx]._replace(verb=verb)


def _read_verbs(lines: list, ctx: _Ctx) -> tuple[list, dict[str, tuple[str, ...]], frozenset[str]]:
    is_p2 = any(s.lstrip().startswith("-") and not s.lstrip().startswith("---") and re.search(r"[({]", s)
                for _, s, _ in lines)
    syntax = "petrarch2" if is_p2 else "tabari"
    records: list = []
    synsets: dict[str, list[str]] = {}
    no_plural: set[str] = set()
    synset = block = None  # block: [header name, code, first verb word]
    pending: list[tuple[int, str]] = []
    verbs: list[Verb] = []
    for n, s, comment in lines:
        t = s.strip()
        if t.startswith("&"):
            name = t.split()[0].upper()
            if name.endswith("_"):
                name = name.rstrip("_")
                no_plural.add(name)
            synset = name
            synsets.setdefault(name, [])
            continue
        if t.startswith("+") and synset:
            synsets[synset].append(_phrase(t[1:]))
            continue
        synset = None
        if t.startswith("---"):
            head, codes, left = _split_codes(t, ctx, n)
            if left.strip("- "):
                raise ctx.error(n, f"malformed block header: {t!r}")
            if len(codes) > 1:
                ctx.soft(n, "more than one [code] in a block header; the first kept")
            _close_block(records, pending, verbs)
            block, pending, verbs = [_phrase(head.strip("- ")), _code(codes[0] if codes else None), None], [], []
        elif t.startswith("~"):
            records.append(Transformation(t, n))
        elif block is None:
            raise ctx.error(n, f"verb or pattern before the first '--- NAME [code] ---' block: {t!r}")
        elif t.startswith("-"):
            pending.append((len(records), comment))
            records.append(_pattern(t, syntax, block, ctx, n))
        else:
            verbs.append(_verb(t, block, ctx, n))
            records.append(verbs[-1])
    _close_block(records, pending, verbs)
    return records, {k: tuple(v) for k, v in synsets.items()}, frozenset(no_plural)


def _detect(lines: list) -> str | None:
    texts = [s.strip() for _, s, _ in lines[:3000]]
    if not texts or texts[0][0] in "{[" or any(t[0] == "<" and not _ISSUE.match(t) and not t.upper().startswith(
            "</ISSUE") for t in texts):
        return None  # empty, JSON, or XML other than issue blocks
    if any(re.fullmatch(r"---\s*[^-\s].*---", t) for t in texts) or (
            any(t[0] == "&" for t in texts) and any(re.match(r"-\s.*\*", t) for t in texts)):
        return "verbs"
    if any(_ISSUE.match(t) or re.search(r"(?:^|[\s+~])[nv]:\w", t) for t in texts):
        return "issues"
    if any(re.search(r"\[\s*~[^\]]*[\]}]|\[[^\]~]*~\s*\]", t) or _SUBST.fullmatch(t) for t in texts):
        return "agents"
    shaped = [bool(_ACTOR_CODE.search(t)) or t[0] == "+" or len(t.split()) <= 8 for t in texts]
    if any(_ACTOR_CODE.search(t) for t in texts) and sum(shaped) > .9 * len(texts):  # prose fails the "shaped" test
        return "actors"
    if all(re.fullmatch(r"\+?[^-:{}\[\]<>=\"][^:{}\[\]<>=\"]*", t) and len(t.split()) <= 12 for t in texts):
        return "discards"
    return None


def detect_kind(path: str | Path) -> str | None:
    """The kind of dictionary a file holds, judged from its content (the name plays no part).

    Args:
        path: the file.

    Returns:
        "verbs" (``--- X [code] ---`` blocks, or ``&SET`` and ``- ... * ...`` lines), "issues" (``<ISSUE>``,
        ``n:``/``v:`` words), "agents" (``[~X]`` / ``[X~]`` codes, ``!MARKER! =`` sets), "actors" (``[CODE]``
        codes, ``+`` synonyms), "discards" (short phrase lines, no codes) or None (JSON, YAML, XML, prose...).
        An issue file with neither ``<ISSUE>`` nor ``n:``/``v:`` reads as actors.
    """
    return _detect(_lines(_read_text(path)))


def read_dictionary(path: str | Path, kind: str | None = None, *, strict: bool = False) -> Dictionary:
    """Read a verb, actor, agent, discard or issue dictionary.

    Args:
        path: the file (UTF-8, or Latin-1 when it is not UTF-8).
        kind: one of ``KINDS``; None: :func:`detect_kind`.
        strict: raise on the problems a lenient read skips or repairs (see the module's notes).

    Returns:
        The Dictionary; its ``problems`` lists what a lenient read skipped or repaired.

    Raises:
        DictionaryError: ``FILE:LINE: what is wrong`` for a malformed line, or a file of no known kind.
    """
    lines = _lines(_read_text(path))
    kind = kind or _detect(lines)
    if kind is None:
        raise DictionaryError(f"{path}:1: not a verb, actor, agent, discard or issue dictionary")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    ctx = _Ctx(path, strict)
    synsets: dict[str, tuple[str, ...]] = {}
    no_plural: frozenset[str] = frozenset()
    if kind == "verbs":
        records, synsets, no_plural = _read_verbs(lines, ctx)
    else:
        reader = {"actors": _read_actors, "agents": _read_agents, "discards": _read_discards, "issues": _read_issues}
        records = reader[kind](lines, ctx)
    return Dictionary(kind, str(path), tuple(records), synsets, no_plural, tuple(ctx.problems))


def _attrs(s: str) -> dict[str, str]:
    return {m[1]: unescape(m[2] if m[2] is not None else m[3]) for m in _ATTR.finditer(s)}


def read_unit_tests(path: str | Path) -> list[UnitTest]:
    """Read the ``<Sentence>`` records of a PETRARCH unit-test file, skipping ``<!-- -->`` comments.

    Args:
        path: the XML file; read with xml.etree, or with regular expressions when it is not well-formed.

    Returns:
        One UnitTest per record, in file order: ``expected`` holds each ``<EventCoding>`` that has an eventcode
        (codes as written, so a new actor's is its quoted text, ``'"INJURY TOLL"'``); ``noevents`` gives ();
        ``error`` is set by category ERROR or an ``<EventCoding error=...>``; ``line`` is the ``<Sentence`` line.

    Raises:
        DictionaryError: ``FILE:LINE: ...`` for a record without a YYYYMMDD (or YYMMDD) date.
    """
    text = _read_text(path)
    blank = re.sub(r"<!--.*?-->", lambda m: "\n" * m[0].count("\n"), text, flags=re.S)
    heads = list(re.finditer(r"<Sentence\b([^>]*)>", blank))
    lines, pos, line = [], 0, 1
    for m in heads:
        line, pos = line + blank.count("\n", pos, m.start()), m.start()
        lines.append(line)
    try:
        found = [(dict(e.attrib), [dict(c.attrib) for c in e.iter("EventCoding")], e.findtext("Text") or "")
                 for e in ET.fromstring(text).iter("Sentence")]
    except ET.ParseError:
        found = []
    if len(found) != len(heads):
        found = []
        for m in heads:
            end = blank.find("</Sentence>", m.end())
            body = blank[m.end():end if end >= 0 else len(blank)]
            txt = re.search(r"<Text>(.*?)</Text>", body, re.S)
            codings = [_attrs(c) for c in re.findall(r"<EventCoding\b([^>]*)>", body)]
            found.append((_attrs(m[1]), codings, unescape(txt[1]) if txt else ""))
    out = []
    for (attrs, codings, txt), n in zip(found, lines, strict=True):
        if (day := _date(attrs.get("date", "").strip())) is None:
            raise DictionaryError(f"{path}:{n}: bad date {attrs.get('date')!r} in <Sentence>")
        category = attrs.get("category", "")
        expected = tuple((c.get("sourcecode", ""), c.get("targetcode", ""), c["eventcode"])
                         for c in codings if "eventcode" in c)
        error = category.upper() == "ERROR" or any("error" in c for c in codings)
        out.append(UnitTest(attrs.get("id", ""), day, category, " ".join(txt.split()), expected, error, n))
    return out
