from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest

from analystkit import charts
from analystkit.sanctions import Party, assess, flows, ledger, load_regimes, timeline
from analystkit.sanctions import summary as sanctions_summary
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
    assert assess("XXX", "RUR", ["rifles"], when, item_bans=bans, regimes=toy)[:3] == (True, "Toy embargo on Ruritania",
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


GROUPS = """
regimes:
  - id: TOY-GROUPS
    name: Toy groups regime
    jurisdiction: UN
    target: RUR
    resolutions:
      - number: "300"
        adopted: 2015-01-01
        bans:
          - {key: rur_arms_any, direction: to_target, covers: [arms], parties: any, ends: 2020-01-01}
      - number: "400"
        adopted: 2020-01-01
        bans:
          - {key: rur_arms_non_state, direction: to_target, covers: [arms], parties: non_state}
          - {key: band_arms, direction: to_target, covers: [small_arms], parties: groups, groups: [Red Band]}
  - id: TOY-EU
    name: Toy EU measures
    jurisdiction: EU
    target: RUR
    resolutions:
      - number: "Regulation 1/2022"
        adopted: 2022-03-01
        bans:
          - {key: rur_eu_luxury, direction: to_target, covers: [luxury], parties: any}
          - {key: rur_eu_oil, direction: from_target, covers: [crude_oil], parties: any,
             cap: {price: 60, unit: USD per barrel}}
"""


@pytest.fixture(scope="module")
def groups(tmp_path_factory) -> object:
    path = Path(tmp_path_factory.mktemp("regimes")) / "groups.yaml"
    path.write_text(GROUPS, encoding="utf-8")
    return load_regimes(path)


ARMS = {"rifles": ("arms", "small_arms"), "tanks": ("arms", "heavy_arms"), "car": ("luxury",),
        "crude": ("fuel", "crude_oil")}


def _assess(giver, taker, item, when, regimes, **kw):
    return assess(giver, taker, [item], dt.date.fromisoformat(when), item_bans={}, item_tags=ARMS, regimes=regimes,
                  **kw)


def test_parties_state_non_state_and_groups_with_dates(groups) -> None:
    army, rebels = Party("RUR", "MIL", "Ruritanian army"), Party("RUR", "REB", "Blue Front")
    # before the change every party of the target is covered; after it only non-state ones
    assert _assess("XXX", army, "rifles", "2018-05-01", groups).legal_refs == "300"
    assert not _assess("XXX", army, "rifles", "2021-05-01", groups).prohibited
    assert _assess("XXX", rebels, "tanks", "2021-05-01", groups).legal_refs == "400"
    assert not _assess("XXX", rebels, "tanks", "2014-05-01", groups).prohibited  # before the regime
    # a named group, wherever it is, for the items its ban covers
    band = Party("ZZZ", "REB", "Red Band")
    assert _assess("XXX", band, "rifles", "2021-05-01", groups).regime == "Toy groups regime"
    assert not _assess("XXX", band, "tanks", "2021-05-01", groups).prohibited
    assert not _assess("XXX", Party("ZZZ", "REB", "Green Band"), "rifles", "2021-05-01", groups).prohibited
    # a bare country is the state; its own forces arming its rebels is no import
    assert not _assess("RUR", rebels, "rifles", "2021-05-01", groups).prohibited


def test_jurisdictional_regimes_are_listed_but_not_prohibited(groups) -> None:
    a = _assess("DEU", "RUR", "car", "2022-06-01", groups)
    assert (a.prohibited, a.regime, a.regimes) == (False, None, "Toy EU measures")
    assert _assess("DEU", "RUR", "car", "2021-06-01", groups).regimes is None  # before the regulation
    assert _assess("XXX", "RUR", "car", "2022-06-01", groups).regimes is None  # not an EU exporter
    both = _assess("DEU", Party("RUR", "REB"), "rifles", "2022-06-01", groups)
    assert both.prohibited and both.regimes == "Toy groups regime"
    # an import ban binds the importer; a price cap counts only a stated price above it
    assert _assess("RUR", "DEU", "crude", "2023-01-01", groups, price=75).regimes == "Toy EU measures"
    assert _assess("RUR", "XXX", "crude", "2023-01-01", groups, price=75).regimes is None
    assert _assess("RUR", "DEU", "crude", "2023-01-01", groups, price=55).regimes is None
    assert _assess("RUR", "DEU", "crude", "2023-01-01", groups).regimes is None


def test_every_un_regime_in_force_since_2006_is_shipped_with_dated_resolutions() -> None:
    r = load_regimes()
    names = set(r.resolutions["regime"])
    for regime in ["UNSC 751/2713 Somalia", "UNSC 1267 ISIL and al-Qaida", "UNSC 1518 Iraq", "UNSC 1533 DRC",
                   "UNSC 1591 Sudan", "UNSC 1701 Lebanon", "UNSC 1718 DPRK", "UNSC 1970 Libya", "UNSC 1988 Taliban",
                   "UNSC 2048 Guinea-Bissau", "UNSC 2127 CAR", "UNSC 2140 Yemen", "UNSC 2206 South Sudan",
                   "UNSC 2374 Mali", "UNSC 2653 Haiti", "UNSC 2231 Iran", "UNSC 1907 Eritrea"]:
        assert regime in names, regime
    for country in ["Russia", "Belarus", "Iran", "DPRK"]:
        for who in ["EU", "US", "UK"]:
            assert f"{who} {country}" in names
    assert r.resolutions["adopted"].notna().all() and (r.resolutions["source"] != "").mean() > 0.9


def test_group_targets_are_actor_names_of_the_lexicon() -> None:
    import json
    from importlib import resources

    folder = resources.files("analystkit").joinpath("lexicons")
    known = {json.loads(line)["name"].casefold() for f in folder.iterdir() if f.name.startswith("actors")
             for line in f.read_text(encoding="utf-8").splitlines() if line.strip()}
    for ban in load_regimes().bans:
        assert ban.groups <= known, (ban.key, sorted(ban.groups - known))


HEAD = ("regimes:\n  - id: A\n    name: A\n    target: RUR\n    resolutions:\n      - number: '1'\n"
        "        adopted: 2020-01-01\n")
BAD = [
    ("regimes:\n  - id: A\n    name: A\n    resolutions:\n      - number: '1'\n        adopted: 2020-13-01\n",
     ":5: adopted"),
    (HEAD + "        bans:\n          - {key: k1, direction: sideways}\n", ":9: direction"),
    (HEAD + "        bans:\n          - {key: k1, direction: both, covers: [arms, lollipops]}\n", ":9: covers"),
    (HEAD + "        bans:\n          - {key: k1, direction: both, parties: groups}\n", ":9: parties: groups"),
    ("regimes:\n  - id: A\n    name: A\n    target: Ruritania\n    resolutions: []\n", ":2: target"),
    ("regimes:\n  - id: A\n    name: A\n    jurisdiction: FR\n    resolutions: []\n", ":2: jurisdiction"),
    (HEAD + "        bans:\n          - {key: arms_all, direction: both}\n", ":9: ban key 'arms_all' already used"),
    ("regimes:\n  - name: A\n    resolutions: []\n", ":2: missing 'id'"),
    ("regimes:\n  - id: A\n   name: [\n", ":3: cannot read"),
]


@pytest.mark.parametrize("text, message", BAD, ids=[m for _, m in BAD])
def test_malformed_regimes_name_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="bad.yaml" + re.escape(message)):
        load_regimes(bad)


def test_timeline_shows_the_chosen_regimes_resolutions() -> None:
    t = timeline(EX, EV)
    res = t[t["kind"] == "resolution"]
    assert set(res["regime"]) == {"UNSC 1718 DPRK"} and "UNSC 1718 DPRK: 2397" in set(res["label"])
    libya = timeline(EX.iloc[:0], EV, regime="UNSC 1970 Libya")
    assert set(libya["regime"]) == {"UNSC 1970 Libya"} and "resolution" in set(libya["kind"])
    assert (libya["kind"] != "exchange").all()


def test_explorer_regime_selector() -> None:
    x = SanctionsExplorer(EX.assign(regimes=["UNSC 1718 DPRK", "UNSC 1718 DPRK; EU DPRK", "UNSC 1718 DPRK"]), EV)
    assert x.regime.options[:3] == ("(any)", "EU DPRK", "UNSC 1718 DPRK")
    assert "UNSC 1970 Libya" in x.regime.options  # every loaded regime can be picked
    x.regime.value = "EU DPRK"
    assert x.ledger()["item"].tolist() == ["technology"]
    x.regime.value = "UNSC 1970 Libya"
    assert x.ledger().empty


def test_summary_counts_exchanges_under_each_regime() -> None:
    table = sanctions_summary(EX.assign(regimes=["UNSC 1718 DPRK", "UNSC 1718 DPRK; EU DPRK", "UNSC 1718 DPRK"]))
    row = table.set_index("regime").loc["UNSC 1718 DPRK"]
    assert (row["target"], row["resolutions"], row["exchanges"], row["prohibited"]) == ("PRK", 9, 3, 3)
    assert table.set_index("regime").loc["EU DPRK", "exchanges"] == 1
    assert table.set_index("regime").loc["UNSC 2374 Mali", "target"] == "MLI"
    assert list(table["jurisdiction"]).index("EU") > list(table["jurisdiction"]).index("UN")
