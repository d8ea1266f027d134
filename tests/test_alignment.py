from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analystkit import charts
from analystkit.alignment import (
    alignment,
    alignment_over_time,
    bloc_stability,
    blocs,
    chance_corrected,
    dyad_evidence,
    dyad_table,
    movers,
    network_layout,
    signorino_s,
    to_matrix,
)
from analystkit.widgets import AlignmentExplorer

QUAD = {"CONSULT": 1, "AID": 2, "ACCUSE": 3, "ASSAULT": 4}
GOLD = {"CONSULT": 1.0, "AID": 7.0, "ACCUSE": -2.0, "ASSAULT": -10.0}


def _ev(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """(date, source, target, plover)."""
    df = pd.DataFrame(rows, columns=["date", "src", "tgt", "plover"])
    return pd.DataFrame({
        "event_id": [f"e{i}" for i in range(len(df))], "doc_id": "d", "date": pd.to_datetime(df["date"]),
        "source_code": df["src"] + "GOV", "source_country": df["src"], "target_code": df["tgt"],
        "target_country": df["tgt"], "plover": df["plover"], "quad_class": df["plover"].map(QUAD),
        "goldstein": df["plover"].map(GOLD), "evidence": [f"s{i}" for i in range(len(df))],
        "trigger": "t", "modality": "asserted"})


# A and B cooperate with each other and both fight C; D only talks to A once.
EV = _ev([("2024-01-05", "A", "B", "CONSULT"), ("2024-01-06", "B", "A", "AID"), ("2024-01-07", "A", "B", "AID"),
          ("2024-01-08", "A", "C", "ASSAULT"), ("2024-01-09", "B", "C", "ACCUSE"), ("2024-01-10", "C", "A", "ASSAULT"),
          ("2024-01-11", "C", "B", "ACCUSE"), ("2024-04-02", "A", "B", "ACCUSE"), ("2024-04-03", "B", "A", "ACCUSE"),
          ("2024-04-04", "D", "A", "CONSULT")])


def _cell(long: pd.DataFrame, a: str, b: str) -> float:
    return long[(long["a"] == a) & (long["b"] == b)]["value"].item()


def test_dyad_table_by_hand() -> None:
    t = dyad_table(EV).set_index(["source", "target"])
    ab = t.loc[("A", "B")]
    assert (ab.n_events, ab.cooperation, ab.conflict, ab.n_CONSULT, ab.n_AID, ab.n_ACCUSE) == (3, 2, 1, 1, 1, 1)
    assert ab.stance == pytest.approx(1 / 3) and ab.goldstein_sum == pytest.approx(6.0)
    assert ("B", "D") not in t.index  # no events: no row
    role = dyad_table(EV, level="role")
    assert set(role["source"]) == {"AGOV", "BGOV", "CGOV", "DGOV"}


def test_direct_alignment_by_hand_and_asymmetric_dyads() -> None:
    long = alignment(EV, measure="direct", min_evidence=1)
    # A<->B: cooperation 3 (CONSULT, AID, AID), conflict 2 (ACCUSE x2) -> 1/5
    assert _cell(long, "A", "B") == pytest.approx(0.2) and _cell(long, "B", "A") == pytest.approx(0.2)
    assert _cell(long, "A", "C") == -1.0 and _cell(long, "A", "D") == 1.0
    assert math.isnan(_cell(long, "B", "D"))  # never interacted: no evidence, not 0
    g = alignment(EV, measure="direct", weight="goldstein", min_evidence=1)
    assert _cell(g, "A", "C") == pytest.approx(-1.0)


def test_min_evidence_marks_thin_cells() -> None:
    long = alignment(EV, measure="direct", min_evidence=3)
    row = long[(long["a"] == "A") & (long["b"] == "D")].iloc[0]
    assert not row.sufficient and math.isnan(row.value) and row.n_events == 1


def test_shared_stance_by_hand() -> None:
    # portfolios toward third parties, actor set A, B, C, D:
    # A toward C: -1, toward D: 0 (no events); B toward C: -1, toward D: 0  -> identical
    long = alignment(EV, measure="s", min_evidence=1)
    assert _cell(long, "A", "B") == pytest.approx(signorino_s([-1, 0], [-1, 0])) == 1.0
    pi = alignment(EV, measure="pi", min_evidence=1)
    assert _cell(pi, "A", "B") == pytest.approx(1.0)
    # D has no events toward third parties of (A, D) except none: its portfolio is all 0
    assert signorino_s([0, 0, 0], [0, 0, 0]) == 1.0 and math.isnan(chance_corrected([0, 0, 0], [0, 0, 0]))


def test_actor_with_no_events_and_empty_window() -> None:
    long = alignment(EV, measure="kappa", actors=["A", "B", "Z"], min_evidence=1)
    assert long[(long["a"] == "Z") & (long["b"] != "Z")]["value"].isna().all()
    ot = alignment_over_time(EV, freq="month", window=1, measure="direct", min_evidence=1)
    feb = ot[ot["period"] == "2024-02-01"]
    assert len(feb) > 0 and feb["value"].isna().all()  # a window with nothing in it


def test_blocs_and_stability() -> None:
    long = alignment(EV, measure="direct", min_evidence=1, actors=["A", "B", "C"])
    b = blocs(long).set_index("actor")["bloc"]
    assert b["A"] == b["B"] != b["C"]
    st_ = bloc_stability(EV, n_boot=10, seed=1, measure="direct", min_evidence=1, actors=["A", "B", "C"])
    assert st_["stability"].between(0, 1).all()


def test_change_over_time_and_movers() -> None:
    ot = alignment_over_time(EV, freq="quarter", window=1, measure="direct", min_evidence=1)
    ab = ot[(ot["a"] == "A") & (ot["b"] == "B")].set_index("period")["value"]
    assert ab.loc["2024-01-01"] == pytest.approx(1.0) and ab.loc["2024-04-01"] == pytest.approx(-1.0)
    m = movers(ot, EV)
    top = m.iloc[0]
    assert (top.a, top.b, top.change) == ("A", "B", pytest.approx(-2.0))
    assert len(top.event_ids) > 0


def test_evidence_for_a_dyad() -> None:
    assert dyad_evidence(EV, "B", "A")["evidence"].tolist() == ["s0", "s1", "s2", "s7", "s8"]


def test_charts_specs() -> None:
    long = alignment(EV, measure="direct", min_evidence=2)
    b = blocs(long)
    heat = charts.alignment_heatmap(long, b["actor"].tolist()).to_dict()
    scale = heat["layer"][0]["encoding"]["color"]["condition"]["scale"]
    assert scale["domain"] == [-1, 1] and scale["scheme"] == "redblue"
    assert heat["layer"][0]["encoding"]["x"]["sort"] == b["actor"].tolist()
    nodes, edges = network_layout(long, b)
    net = charts.network_chart(nodes, edges).to_dict()
    assert net["layer"][0]["encoding"]["strokeWidth"]["field"] == "n_events"
    assert set(edges["relation"]) <= {"cooperation", "conflict"}
    ot = alignment_over_time(EV, freq="quarter", window=1, min_evidence=1)
    assert charts.trajectory_chart(ot).to_dict()["encoding"]["y"]["scale"]["domain"] == [-1, 1]


def test_explorer_controls() -> None:
    x = AlignmentExplorer(EV, min_evidence=1)
    assert (x.a.value, x.b.value) == ("A", "B")
    assert _cell(x.matrix(), "A", "B") == pytest.approx(0.2)
    x.end.value = pd.Timestamp("2024-03-31").date()
    assert _cell(x.matrix(), "A", "B") == pytest.approx(1.0)
    assert len(x.evidence()) == 3
    x.measure.value = "pi"
    assert x.charts()[0].to_dict()["title"] == "Alignment: shared stance (pi)"
    x.min_evidence.value = 20
    assert not x.matrix().query("a != b")["sufficient"].any()
    x.level.value = "role"
    assert "AGOV" in x.actors.options


pairs = st.lists(st.tuples(st.sampled_from(["2024-01-01", "2024-02-01", "2024-03-01"]),
                           st.sampled_from("ABCDE"), st.sampled_from("ABCDE"),
                           st.sampled_from(list(QUAD))), min_size=1, max_size=40)


@settings(max_examples=40, deadline=None)
@given(pairs, st.sampled_from(["direct", "s", "kappa", "pi"]), st.randoms(use_true_random=False))
def test_properties(rows, measure, rnd) -> None:
    ev = _ev(rows)
    long = alignment(ev, measure=measure, min_evidence=1)
    m = to_matrix(long)
    vals = m.to_numpy(dtype=float)
    assert np.nanmin(vals, initial=0) >= -1 and np.nanmax(vals, initial=0) <= 1
    np.testing.assert_allclose(vals, vals.T, atol=1e-12, equal_nan=True)  # all four measures are symmetric
    actors = list(m.index)
    shuffled = actors[:]
    rnd.shuffle(shuffled)
    again = to_matrix(alignment(ev, measure=measure, min_evidence=1, actors=shuffled), order=actors)
    np.testing.assert_allclose(again.to_numpy(dtype=float), vals, atol=1e-12, equal_nan=True)


def test_alignment_is_international_by_default() -> None:
    # at role level a domestic dyad (A's government against A's police) would count; by default it is left out
    ev = pd.concat([EV, _ev([("2024-01-12", "A", "A", "ASSAULT")]).assign(target_code="ACOP", event_id="dom")])
    with_domestic = alignment(ev, level="role", measure="direct", min_evidence=1, scope=None)
    default = alignment(ev, level="role", measure="direct", min_evidence=1)
    assert "ACOP" in set(with_domestic["a"]) and "ACOP" not in set(default["a"])
    assert _cell(default, "AGOV", "B") == _cell(alignment(EV, level="role", measure="direct", min_evidence=1),
                                               "AGOV", "B") == pytest.approx(1 / 3)
