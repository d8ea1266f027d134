"""Sentence -> expected exchanges, from tests/cases/exchanges.yaml (written from the text, before coding), and
the seed article's exchanges against its gold."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from analystkit import code_text, evaluate

from .conftest import ROOT, case_params

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "exchanges.yaml").read_text(encoding="utf-8"))
KNOWN_MISSES: dict[str, str] = {
    "kor_oil_satellite_analysis_alleged": "'according to an analysis' is attribution, not an alleged cue",
    "kor_both_deny_supplying": "'both denied supplying each other': reciprocal 'each other' is not resolved",
    "kor_payment_for_troops": "'is paying X ... for each soldier it has sent': payment and troops in one clause",
    "kor_workers_2015_not_banned": "agentless passive 'workers were sent to' has no provider",
    "mde_iran_drones_intelligence": "'according to Western intelligence' is not read as alleged",
    "scs_japan_patrol_boats_philippines": "'under a loan agreement' adds an economic item to the transfer",
    "eur_qatar_lng_germany": "'is set to ship ... to Germany from 2026': the target lies beyond the reach",
}


def _key(e, suffix=""):
    def side(name):
        value = e.get(f"{name}{suffix}")
        if suffix and not isinstance(value, str):  # bodies without a country: their code
            value = e.get(f"{name}_code")
        return str(value or "")

    return (side("provider"), side("recipient"), e["category"])


@pytest.mark.parametrize("case", case_params(CASES, KNOWN_MISSES))
def test_exchange_case(case, lex) -> None:
    frames = code_text(case["text"], published=case.get("published"), lexicon=lex)
    got = frames.exchanges.to_dict("records")
    assert Counter(_key(e, "_country") for e in got) == Counter(_key(e) for e in case["exchanges"] or []), case["text"]
    for exp in case["exchanges"] or []:
        row = next(e for e in got if _key(e, "_country") == _key(exp))
        if "status" in exp:
            assert row["status"] == exp["status"], _key(exp)
        if "prohibited" in exp:
            assert bool(row["prohibited"]) == bool(exp["prohibited"]), _key(exp)
        if exp.get("prohibited"):
            assert row["regime"] and row["legal_refs"], _key(exp)


def test_every_exchange_links_to_its_event(seed_frames) -> None:
    ex, ev = seed_frames.exchanges, seed_frames.events.set_index("event_id")
    assert len(ex) >= 4
    for r in ex.itertuples():
        event = ev.loc[r.event_id]
        assert (event.source_code, event.target_code, event.evidence) == (r.provider_code, r.recipient_code, r.evidence)


def test_seed_exchanges_against_gold(seed_frames) -> None:
    _, total = evaluate(
        ROOT / "data" / "gold" / "000_51873e8f3dd15e3f.gold.yaml",
        seed_frames.events,
        documents=seed_frames.documents.assign(path="seeds/000_51873e8f3dd15e3f.txt"),
        exchanges=seed_frames.exchanges,
    )
    ex = total.exchanges
    assert ex.gold_essential == 5
    assert ex.recall >= 0.8 and ex.precision >= 0.8, ex.misses
