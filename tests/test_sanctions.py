from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from analystkit import charts
from analystkit.sanctions import assess, flows, ledger, load_regimes, timeline
from analystkit.widgets import SanctionsExplorer

TOY = """
regimes:
  - id: TOY-1
    name: Toy embargo on Ruritania
    target: RUR
    authority: IGOUNOSEC
    resolutions:
      - number: "100"
        adopted: 2020-01-01
        bans:
          - {key: toy_arms, direction: both, categories: [arms], description: arms both ways, cap: null}
      - number: "200"
        adopted: 2022-06-01
        bans:
          - {key: toy_fuel, direction: to_target, categories: [fuel], description: fuel cap,
             cap: {amount: 1000, unit: barrels, per: year}}
    events:
      - {date: 2023-01-01, kind: panel_expired, note: the panel ended}
"""


@pytest.fixture(scope="module")
def toy(tmp_path_factory) -> object:
    path = Path(tmp_path_factory.mktemp("regimes")) / "toy.yaml"
    path.write_text(TOY, encoding="utf-8")
    return load_regimes(path)


def test_shipped_regime_has_the_dprk_resolutions_and_panel_events() -> None:
    r = load_regimes()
    numbers = {b.resolution for b in r.bans if b.target == "PRK"}
    assert {"1718", "1874", "2087", "2094", "2270", "2321", "2371", "2375", "2397"} <= numbers
    by_kind = r.events.groupby("kind")["date"].apply(set)
    assert pd.Timestamp("2024-03-28") in by_kind["veto"] and pd.Timestamp("2024-04-30") in by_kind["panel_expired"]
    caps = [b.cap for b in r.bans if b.cap and b.resolution == "2397"]
    assert any(c["amount"] == 500000 for c in caps)


def test_direction_date_and_items(toy) -> None:
    bans = {"rifles": ("toy_arms",), "bread": ()}
    when = dt.date(2021, 1, 1)
    assert assess("XXX", "RUR", ["rifles"], when, item_bans=bans, regimes=toy) == (True, "Toy embargo on Ruritania",
                                                                                  "100")
    assert assess("RUR", "XXX", ["rifles"], when, item_bans=bans, regimes=toy).prohibited  # both ways
    assert not assess("XXX", "YYY", ["rifles"], when, item_bans=bans, regimes=toy).prohibited  # not the target
    assert not assess("XXX", "RUR", ["rifles"], dt.date(2019, 1, 1), item_bans=bans, regimes=toy).prohibited
    assert not assess("XXX", "RUR", ["bread"], when, item_bans=bans, regimes=toy).prohibited
    assert not assess("XXX", "RUR", ["rifles"], None, item_bans=bans, regimes=toy).prohibited


def test_caps_need_a_quantity_above_them(toy) -> None:
    bans = {"diesel": ("toy_fuel",)}
    when = dt.date(2023, 1, 1)
    assert not assess("XXX", "RUR", ["diesel"], when, item_bans=bans, regimes=toy).prohibited
    assert not assess("XXX", "RUR", ["diesel"], when, item_bans=bans, quantity=500, regimes=toy).prohibited
    assert assess("XXX", "RUR", ["diesel"], when, item_bans=bans, quantity=5000, regimes=toy).legal_refs == "200"


def test_a_malformed_regime_file_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("regimes: 3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.yaml"):
        load_regimes(bad)


EX = pd.DataFrame({
    "exchange_id": ["x1", "x2", "x3"], "event_id": ["e1", "e2", "e3"], "doc_id": ["d"] * 3, "sent_idx": [0, 1, 2],
    "provider_code": ["PRKGOV", "RUSGOV", "RUS"], "provider_country": ["PRK", "RUS", "RUS"],
    "recipient_code": ["RUSGOV", "PRKGOV", "PRK"], "recipient_country": ["RUS", "PRK", "PRK"],
    "item": ["munitions", "technology", "limousine"], "category": ["arms", "technology", "luxury"],
    "status": ["alleged", "alleged", "asserted"], "prohibited": [True, True, True],
    "regime": ["UNSC 1718 DPRK"] * 3, "legal_refs": ["1718", "1718", "1718; 2094"], "evidence": ["a", "a", "b"]})
EV = pd.DataFrame({"event_id": ["e1", "e2", "e3"],
                   "date": pd.to_datetime(["2024-06-20", "2024-06-20", "2024-02-01"])})


def test_ledger_flows_timeline() -> None:
    led = ledger(EX, EV)
    assert led["date"].iloc[0] == pd.Timestamp("2024-06-20") and list(led.columns)[:2] == ["date", "provider_country"]
    f = flows(EX)
    assert f[["provider", "recipient", "category", "n", "n_prohibited"]].values.tolist()[0][:3] == ["PRK", "RUS",
                                                                                                   "arms"]
    assert f["n"].sum() == 3
    t = timeline(EX, EV)
    assert {"exchange", "veto", "panel_expired"} <= set(t["kind"])
    assert t["date"].is_monotonic_increasing


def test_sanctions_charts() -> None:
    spec = charts.flow_chart(flows(EX)).to_dict()
    lines = spec["layer"][0]
    assert lines["mark"]["type"] == "rule" and lines["encoding"]["strokeWidth"]["field"] == "n"
    assert lines["encoding"]["strokeDash"]["field"] == "asserted"
    tl = charts.exchange_timeline(timeline(EX, EV)).to_dict()
    assert [layer["mark"]["type"] for layer in tl["layer"]] == ["point", "rule", "text"]


def test_sanctions_explorer() -> None:
    x = SanctionsExplorer(EX, EV)
    assert len(x.ledger()) == 3
    x.category.value = ("arms",)
    assert x.ledger()["item"].tolist() == ["munitions"]
    x.category.value = ("arms", "technology", "luxury")
    x.status.value = ("asserted",)
    assert x.flows()["n"].sum() == 1
    x.status.value = ("asserted", "alleged")
    x.actor.value = "RUS"
    assert len(x.ledger()) == 3
    x.end.value = dt.date(2024, 3, 1)
    assert x.ledger()["item"].tolist() == ["limousine"]
