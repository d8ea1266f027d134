"""The sanctions sentence table (tests/cases/sanctions_regimes.yaml): one-sentence reports of transfers over every
regime, dated before and after each regime's changes, lawful ones among them, written by an analyst from the law
alone (never from the coder's output). Each sentence is coded whole, and its exchange must carry the expected
parties, category, flag, regimes and legal references."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from analystkit import code_text

TABLE = Path(__file__).parent / "cases" / "sanctions_regimes.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
KNOWN = Path(__file__).parent / "cases" / "sanctions_regimes_known_misses.tsv"
"""Cases the coder does not yet get right, each with what it gives: strict xfails, so a fix is noticed."""
MISSES = dict(line.split("\t", 1) for line in KNOWN.read_text(encoding="utf-8").splitlines()[1:] if line.strip())


def check(case: dict[str, Any]) -> list[str]:
    """What is wrong with the coder's exchange for one case (empty when right)."""
    frames = code_text(case["text"], published=str(case["published"]))
    ex = frames.exchanges
    # a transnational group (Islamic State) has no country of its own: its side matches whatever the table says
    ex = ex[ex["provider_country"].isna() | (ex["provider_country"] == case["provider"])]
    ex = ex[ex["recipient_country"].isna() | (ex["recipient_country"] == case["recipient"])]
    if ex.empty:
        got = frames.exchanges[["provider_code", "recipient_code", "item"]].values.tolist()
        return [f"no exchange {case['provider']} -> {case['recipient']} (got {got})"]
    row = ex[ex["category"] == case["category"]]
    if row.empty:
        return [f"category {case['category']} not among {ex['category'].tolist()}"]
    row = row.iloc[0].where(row.iloc[0].notna(), None)
    listed = set((row["regimes"] or "").split("; ")) - {""}
    wrong = []
    if bool(row["prohibited"]) != case["prohibited"]:
        wrong.append(f"prohibited {row['prohibited']} (regimes: {row['regimes']})")
    if case["prohibited"] and row["regime"] not in case["un_regimes"]:
        wrong.append(f"regime {row['regime']!r}")
    refs = set((row["legal_refs"] or "").split("; "))
    if case["prohibited"] and not set(map(str, case.get("legal_refs_include") or ())) <= refs:
        wrong.append(f"legal_refs {row['legal_refs']!r}")
    missing = (set(case.get("un_regimes") or ()) | set(case.get("other_regimes") or ())) - listed
    extra = listed - set(case.get("un_regimes") or ()) - set(case.get("other_regimes") or ())
    if missing or extra:
        wrong.append(f"regimes {row['regimes']!r}: missing {sorted(missing)}, extra {sorted(extra)}")
    return wrong


@pytest.mark.parametrize("case", [pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=MISSES[c["id"]]))
                                  if c["id"] in MISSES else c for c in CASES], ids=[c["id"] for c in CASES])
def test_sanctions_case(case: dict[str, Any]) -> None:
    assert check(case) == [], case["text"]


def test_the_table_covers_every_regime_and_lawful_transfers() -> None:
    from analystkit.sanctions import load_regimes

    goods = {b.regime for b in load_regimes().bans if b.jurisdiction == "UN"}
    named = {r for c in CASES for r in c.get("un_regimes") or ()}
    assert goods <= named, f"UN regimes with bans and no case: {sorted(goods - named)}"
    assert len(CASES) >= 50 and sum(not c["prohibited"] for c in CASES) >= 10
