"""Exchanges: transfers between actors (arms, troops, technology, economic, fuel, luxury, food) and whether a
sanctions regime bans them.

An exchange rides on a coded transfer event (PLOVER AID, or an arms-transfer or troop-deployment incident):
its provider and recipient are the event's source and target, its status the event's modality, and its items
are the item-lexicon phrases between the trigger and the next event in the sentence ("may provide Moscow with
munitions | in exchange for economic assistance and technology transfers" gives munitions one way, economic
assistance and technology the other). One exchange per category. ``prohibited``, ``regime`` and
``legal_refs`` come from :mod:`analystkit.sanctions`.

Examples:
    >>> from analystkit import code_text
    >>> f = code_text("Earlier this year, Putin sent Kim Jong Un a high-end Aurus Senat limousine.",
    ...               published="2024-06-20")
    >>> f.exchanges[["provider_country", "recipient_country", "category", "prohibited"]].values.tolist()
    [['RUS', 'PRK', 'luxury', True]]
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from typing import Any

from .actors import Mention
from .events import Event
from .lexicon import Item, Lexicon
from .sanctions import assess, load_regimes
from .segment import Sentence, Token

TRANSFER_INCIDENTS = {"arms_transfer", "troop_deployment"}
TRANSFER_CODES = {"061", "064"}  # economic cooperation (trade, sales), shared intelligence; not 062 (joint drills)
TROOPS = Item("troops", "troops", ())
MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10, "half": 0.5, "a": 1}


def _is_transfer(ev: Event) -> bool:
    """Aid, arms transfers and deployments; trade and sales (061) count when an item is named."""
    return ev.plover == "AID" or ev.incident_type in TRANSFER_INCIDENTS or ev.cameo_code in TRANSFER_CODES


def _quantity(words: Sequence[str]) -> float | None:
    """Barrels stated in the words: "more than one million barrels" -> 1e6."""
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


def exchange_id(event_id: str, category: str) -> str:
    return hashlib.sha1(f"{event_id}|{category}".encode()).hexdigest()[:16]


POLITICAL_ROLES = frozenset({"GOV", "MIL", "COP", "REB", "OPP", "LEG", "JUD", "SPY", "IGO", "ELI", "UAF", "CRM"})


def find_exchanges(sentence: Sentence, tokens: list[Token], mentions: list[Mention], events: list[Event],
                   lex: Lexicon) -> Iterator[tuple[Any, ...]]:
    """Exchange rows (in the exchanges frame's column order) for one sentence's events."""
    transfers = [ev for ev in events if _is_transfer(ev) and ev.target_code]
    if not transfers:
        return
    lower = [t.text.lower() for t in tokens]
    # words of an actor are not what moves, but people sent for their trade are ("the services of Cuban doctors")
    inside = {k for m in mentions if m.role in POLITICAL_ROLES or m.role is None
              for k in range(m.tok_start, m.tok_end)}
    found: list[tuple[int, int, Item]] = []
    i = 0
    while i < len(tokens):
        end, items = lex.items.longest(lower, i) if i not in inside else (i, [])
        if end > i:
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
        window = [(i, j, item) for i, j, item in found if first < i < last]  # not the verb itself ("ship")
        if not window:  # a passive names what moved before the verb: "shells were shipped to Russia"
            earlier = [s for s in starts if s < ev.start]
            begin = at.get(earlier[-1], 0) + 1 if earlier else 0
            window = [(i, j, item) for i, j, item in found if begin <= i < first]
        if not window and ev.incident_type == "troop_deployment":
            window = [(first, first + 1, TROOPS)]
        by_category: dict[str, list[tuple[int, int, Item]]] = {}
        for hit in window:
            by_category.setdefault(hit[2].category, []).append(hit)
        quantity = _quantity(lower[first:last])
        for category, hits in by_category.items():
            words = [sentence.text[tokens[i].start - sentence.start:tokens[j - 1].end - sentence.start]
                     for i, j, _ in hits]
            item_text = ", ".join(dict.fromkeys(words))
            bans = {h[2].pattern: h[2].bans for h in hits}
            verdict = assess(ev.source_country, ev.target_country, list(bans), ev.date, item_bans=bans,
                             quantity=quantity, regimes=regimes)
            yield (exchange_id(ev.event_id, category), ev.event_id, ev.doc_id, ev.sent_idx, ev.source_code,
                   ev.source_country, ev.target_code, ev.target_country, item_text, category, ev.modality,
                   verdict.prohibited, verdict.regime, verdict.legal_refs, ev.evidence)
