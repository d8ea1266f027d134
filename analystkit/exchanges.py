"""Exchanges: transfers between actors (arms, troops, technology, economic, fuel, luxury, food) and whether a
sanctions regime bans them.

An exchange rides on a coded transfer event (PLOVER AID, or an arms-transfer or troop-deployment incident):
its provider and recipient are the event's source and target, its status the event's modality, and its items
are the item-lexicon phrases between the trigger and the next event in the sentence ("may provide Moscow with
munitions | in exchange for economic assistance and technology transfers" gives munitions one way, economic
assistance and technology the other). One exchange per category. ``prohibited``, ``regime`` and
``legal_refs`` come from :mod:`analystkit.sanctions`.

A request turns the flow round: what Russia seeks from North Korea would go from North Korea to Russia, and is
potential (or alleged, or negated). What did not move is no exchange: a transfer under a ban, in a question, refused
or negated (its clause, from just before its provider to its verb, holds a word of :data:`NOT_MOVED`), or sent to
the sender's own ground (:data:`OWN_GROUND`); a deployment coded as a show of force (PLOVER MOBILIZE) is aimed at
its target, not sent to it. The item is what moved, never the verb: a passive names it before the verb ("soldiers
were sent to Russia").

Examples:
    >>> from analystkit import code_text
    >>> f = code_text("Earlier this year, Putin sent Kim Jong Un a high-end Aurus Senat limousine.",
    ...               published="2024-06-20")
    >>> f.exchanges[["provider_country", "recipient_country", "category", "prohibited"]].values.tolist()
    [['RUS', 'PRK', 'luxury', True]]
    >>> code_text("Seoul has kept its policy of not supplying lethal arms to Ukraine.").exchanges.empty
    True
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator, Sequence
from typing import Any

from .actors import Mention
from .events import Event
from .lexicon import Item, Lexicon
from .sanctions import Party, assess, load_regimes
from .segment import Sentence, Token

TRANSFER_INCIDENTS = {"arms_transfer", "troop_deployment"}
TRANSFER_CODES = {"061", "064"}  # economic cooperation (trade, sales), shared intelligence; not 062 (joint drills)
TROOPS = Item("troops", "troops", ())
MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10, "half": 0.5, "a": 1}
NOT_MOVED = frozenset({
    "ban", "bans", "banning", "bar", "bars", "barred", "barring", "prohibit", "prohibits", "prohibiting",
    "prohibition", "forbid", "forbids", "forbade", "forbidding", "embargo",  # "resolutions bar states from selling"
    "whether", "if",  # "whether Russia shares technology"
    "not", "n't", "never", "no", "refuse", "refuses", "refused", "refusing", "refusal", "decline", "declines",
    "declined", "declining", "ruled out", "rules out", "rule out", "ruling out",  # "has no plans to send"
})
"""Words (one or two) that, in a transfer's clause before its verb, say it is banned, asked about, refused or negated
outright; after the verb they end its items ("aid but not weapons"). Participles that also stand before an item as
adjectives ("banned missiles", "prohibited goods") are left out; a denial of what others allege ("denied sending")
stays a negated exchange."""
NOT_NEGATING = frozenset({"not only", "not just"})
"""Two words that start with a word of NOT_MOVED and negate nothing ("has not only shipped shells")."""
BORDERS = frozenset({"border", "borders", "frontier", "frontiers"})
OWN_GROUND = {"the": BORDERS, **dict.fromkeys(("its", "their"), BORDERS | {
    "region", "regions", "province", "provinces", "territory", "soil", "coast", "north", "south", "east", "west"})}
"""After a preposition of PLACES, a determiner and (within two more words) one of its nouns name the sender's own
ground, when they come before the recipient: "to its border with Venezuela", "along the Myanmar border", "to its
northern region". "To Russia's Kursk region" and "across the border" are not."""
PLACES = frozenset({"to", "along", "on", "at", "near", "toward", "towards"})
BE = frozenset({"be", "been", "being", "is", "are", "was", "were"})
"""Before a participle, a passive: what moved stands before the verb ("shells were shipped to Russia")."""
UNDER_POTENTIAL = frozenset({"asserted", "planned"})
"""Modalities a request outranks: what is sought from someone (PLOVER REQUEST: "Russia is seeking munitions from
North Korea") may come from them, and has not moved yet; alleged and negated stand."""
CLAUSE_ENDS = frozenset({",", ";", ":", "—", "–", "(", ")"})


def _after_from(lower: Sequence[str], m: Mention) -> int:
    """Where a mention stops naming a thing: after "from" in "drones from Iran", else its start."""
    return next((k for k in range(m.tok_start + 1, m.tok_end) if lower[k] == "from"), m.tok_start)


def _is_transfer(ev: Event) -> bool:
    """Aid, arms transfers and deployments to the target; trade and sales (061) count when an item is named. A
    deployment coded as a show of force (MOBILIZE: "sent troops to the border with Venezuela") is not sent to it."""
    return ev.plover != "MOBILIZE" and (ev.plover == "AID" or ev.incident_type in TRANSFER_INCIDENTS
                                        or ev.cameo_code in TRANSFER_CODES)


def _not_moved(lower: Sequence[str], k: int) -> bool:
    """A word (or two) of NOT_MOVED starts at ``k`` and negates something."""
    pair = " ".join(lower[k:k + 2])
    return pair not in NOT_NEGATING and (lower[k] in NOT_MOVED or pair in NOT_MOVED)


def _clause_start(lower: Sequence[str], first: int, provider: int | None) -> int:
    """Where a transfer's own clause starts: two words before its provider ("whether Russia shares", "no troops"),
    or four before the verb when no provider precedes it; never before a comma ("Despite the ban, Iran shipped")."""
    start = max(0, provider - 2) if provider is not None else max(0, first - 4)
    ends = [k for k in range(start, first) if lower[k] in CLAUSE_ENDS]
    return ends[-1] + 1 if ends else start


def _own_ground(lower: Sequence[str], begin: int, end: int) -> bool:
    """A destination on the sender's own ground between ``begin`` and ``end``: "to its northern region"."""
    for k in range(begin, end - 2):
        heads = OWN_GROUND.get(lower[k + 1], ()) if lower[k] in PLACES else ()
        if any(w in heads for w in lower[k + 2:min(k + 5, end)]):
            return True
    return False


def _before_verb(lower: Sequence[str], found: list[tuple[int, int, Item]], begin: int, first: int,
                 provider: int | None) -> list[tuple[int, int, Item]]:
    """What moved, named before the verb in its clause (from ``begin``, after any comma): in a passive ("shells were
    shipped to Russia"), a reduced relative ("troops sent to Russia") or before the provider ("how many shells North
    Korea had shipped"). Anything else before the verb did not move by it ("sent troops, with its envoy defending")."""
    begin = max([begin] + [k + 1 for k in range(begin, first) if lower[k] in CLAUSE_ENDS])
    hits = [(i, j, item) for i, j, item in found if begin <= i < first]
    ends = {j for _, j, _ in hits}
    if BE & set(lower[max(0, first - 2):first]) or first in ends or (provider is not None and
                                                                    ends & {provider, provider - 1}):
        return hits
    return []


def _at(mentions: list[Mention], code: str | None, country: str | None, begin: int, end: int,
        last: bool = False) -> int | None:
    """The first (or last) token of the first (or last) mention of an actor between ``begin`` and ``end``."""
    found = [m.tok_start for m in mentions if begin <= m.tok_start < end and (m.code == code or
                                                                                 (country and m.country == country))]
    return (found[-1] if last else found[0]) if found else None


OVER_CAP = frozenset({"above", "over", "exceeding", "exceeded", "beyond", "breaching", "breached"})
CAPS = frozenset({"cap", "caps", "ceiling", "ceilings", "limit", "limits", "quota"})


def _quantity(words: Sequence[str]) -> float | None:
    """Barrels stated in the words: "more than one million barrels" -> 1e6; a delivery said to go "above the cap"
    (or over the ceiling) is above any cap."""
    if any(w in OVER_CAP and CAPS & set(words[k + 1:k + 5]) for k, w in enumerate(words)):
        return float("inf")
    for k, w in enumerate(words):
        if w.startswith("barrel") and k:
            mult, j = 1.0, k - 1
            if words[j] in MULTIPLIERS:
                mult, j = MULTIPLIERS[words[j]], j - 1
            if j >= 0:
                raw = words[j].replace(",", "")
                value = float(raw) if re.fullmatch(r"\d+(\.\d+)?", raw) else NUMBER_WORDS.get(raw)
                if value is not None:
                    return value * mult
    return None


def _price(words: Sequence[str]) -> float | None:
    """A price per barrel stated in the words: "at $75 a barrel", "75 dollars per barrel" -> 75."""
    for k, w in enumerate(words):
        if w.startswith("barrel") and k >= 2 and words[k - 1] in {"a", "per", "each", "/"}:
            j = k - 2
            if words[j] in {"dollars", "usd", "us$"} and j:
                j -= 1
            raw = words[j].lstrip("$").replace("us$", "").replace(",", "")
            if not raw and j and words[j - 1] in {"$", "us$"}:
                raw = words[j]
            if re.fullmatch(r"\d+(\.\d+)?", raw):
                return float(raw)
    return None


def exchange_id(event_id: str, category: str) -> str:
    return hashlib.sha1(f"{event_id}|{category}".encode()).hexdigest()[:16]


POLITICAL_ROLES = frozenset({"GOV", "MIL", "COP", "REB", "OPP", "LEG", "JUD", "SPY", "IGO", "ELI", "UAF", "CRM"})


def find_exchanges(sentence: Sentence, tokens: list[Token], mentions: list[Mention], events: list[Event],
                   lex: Lexicon, published: dt.date | None = None) -> Iterator[tuple[Any, ...]]:
    """Exchange rows (in the exchanges frame's column order) for one sentence's events. A transfer with no date of
    its own ("has supplied ... since March": a bound, not a date) is assessed against the bans in force on the
    publication date, the last day the text says it went on."""
    transfers = [ev for ev in events if _is_transfer(ev) and ev.target_code]
    if not transfers:
        return
    lower = [t.text.lower() for t in tokens]
    # words of an actor are not what moves, but people sent for their trade are ("the services of Cuban doctors"),
    # and troops named as the actor of a passive are ("North Korean soldiers were sent to Russia")
    # and the head of "drones from Iran" (read as Iran's forces) is what came from there
    inside = {k for m in mentions if m.role in POLITICAL_ROLES or m.role is None
              for k in range(_after_from(lower, m), m.tok_end)}
    found: list[tuple[int, int, Item]] = []
    i = 0
    while i < len(tokens):
        end, items = lex.items.longest(lower, i)
        if end > i and (i not in inside or items[0].category == "troops"):
            found.append((i, end, items[0]))
            i = end
        else:
            i += 1
    starts = sorted({ev.start for ev in events})
    at = {t.start: n for n, t in enumerate(tokens)}
    regimes = load_regimes()
    for ev in transfers:
        first = at.get(ev.start, 0)
        later = [s for s in starts if s > ev.start]
        last = at.get(later[0], len(tokens)) if later else len(tokens)
        provider = _at(mentions, ev.source_code, ev.source_country, 0, first, last=True)
        if any(_not_moved(lower, k) for k in range(_clause_start(lower, first, provider), first)):
            continue  # "prohibits sending arms", "whether Russia shares", "refused to send"
        cut = next((k for k in range(first + 1, last) if _not_moved(lower, k)), last)  # "aid but not weapons"
        recipient = _at(mentions, ev.target_code, ev.target_country, first + 1, cut)
        if _own_ground(lower, first + 1, cut if recipient is None else recipient):
            continue  # "sent troops to its border with Venezuela"
        window = [(i, j, item) for i, j, item in found if first < i < cut and i not in inside]  # not the verb
        if not window:
            earlier = [s for s in starts if s < ev.start]
            window = _before_verb(lower, found, at.get(earlier[-1], -1) + 1 if earlier else 0, first, provider)
        if not window and ev.incident_type == "troop_deployment" and cut == last:
            window = [(first, first, TROOPS)]  # "Pyongyang has sent 12,000 to Russia": troops, not "sent"
        by_category: dict[str, list[tuple[int, int, Item]]] = {}
        for hit in window:
            by_category.setdefault(hit[2].category, []).append(hit)
        quantity, price = _quantity(lower[first:last]), _price(lower[first:last])
        sides = [((ev.source_code, ev.source_country), Party(ev.source_country, ev.source_role, ev.source_name)),
                 ((ev.target_code, ev.target_country), Party(ev.target_country, ev.target_role, ev.target_name))]
        (giver, from_party), (taker, to_party) = sides[::-1] if ev.plover == "REQUEST" else sides
        status = "potential" if ev.plover == "REQUEST" and ev.modality in UNDER_POTENTIAL else ev.modality
        for category, hits in by_category.items():
            words = [sentence.text[tokens[i].start - sentence.start:tokens[j - 1].end - sentence.start]
                     if j > i else item.pattern for i, j, item in hits]
            item_text = ", ".join(dict.fromkeys(words))
            bans = {h[2].pattern: h[2].bans for h in hits}
            tags = {h[2].pattern: h[2].classes for h in hits}
            verdict = assess(from_party, to_party, list(bans), ev.date or published, item_bans=bans, item_tags=tags,
                             quantity=quantity, price=price, regimes=regimes)
            yield (exchange_id(ev.event_id, category), ev.event_id, ev.doc_id, ev.sent_idx, *giver, *taker,
                   item_text, category, status, verdict.prohibited, verdict.regime, verdict.legal_refs,
                   verdict.regimes, ev.evidence)
