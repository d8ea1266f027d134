from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analystkit.frames import empty
from analystkit.frequency import dedupe_events, drill_down, find_spikes, incident_frequency, to_table


def _events(rows: list[tuple[str, str, str, str, float]]) -> pd.DataFrame:
    """(date, source_country, target_country, plover, goldstein) -> a contract-shaped events frame."""
    df = empty("events")
    data = pd.DataFrame(rows, columns=["date", "source_country", "target_country", "plover", "goldstein"])
    out = pd.DataFrame({c: pd.Series([None] * len(data), dtype=df[c].dtype) for c in df.columns})
    out["event_id"] = [f"e{i}" for i in range(len(data))]
    out["doc_id"] = [f"d{i}" for i in range(len(data))]
    out["date"] = pd.to_datetime(data["date"]).astype("datetime64[ns]")
    for c in ["source_country", "target_country", "plover"]:
        out[c] = data[c].astype("str")
    out["source_code"], out["target_code"] = out["source_country"], out["target_country"]
    out["goldstein"] = data["goldstein"].astype("float64")
    out["evidence"] = [f"sentence {i}" for i in range(len(data))]
    return out


EV = _events([
    ("2024-01-03", "PRK", "KOR", "ASSAULT", -10.0),
    ("2024-01-20", "PRK", "KOR", "ASSAULT", -9.0),
    ("2024-01-21", "KOR", "PRK", "THREATEN", -4.0),
    ("2024-03-02", "RUS", "PRK", "CONSULT", 1.0),
])


def test_monthly_counts_zero_fill_gaps() -> None:
    c = incident_frequency(EV, freq="month", by="plover")
    table = to_table(c)
    assert list(table.index) == ["2024-01-01", "2024-02-01", "2024-03-01"]
    assert table.loc["2024-01-01", "ASSAULT"] == 2 and table.loc["2024-02-01", "total"] == 0
    assert table.loc["2024-03-01", "CONSULT"] == 1
    assert len(c) == 3 * 3  # every period x every group


def test_period_end_is_the_next_period_start() -> None:
    c = incident_frequency(EV, freq="quarter", by=None)
    assert c[["period", "period_end"]].astype("str").values.tolist() == [["2024-01-01", "2024-04-01"]]


def test_weights() -> None:
    s = incident_frequency(EV, freq="month", by=None, weight="goldstein_sum")
    m = incident_frequency(EV, freq="month", by=None, weight="goldstein_mean")
    assert s["value"].tolist() == [-23.0, 0.0, 1.0]
    assert m["value"].iloc[0] == pytest.approx(-23 / 3) and pd.isna(m["value"].iloc[1])


def test_weeks_start_on_monday_and_dyads() -> None:
    c = incident_frequency(EV, freq="week", by="dyad", start="2024-01-01", end="2024-01-21")
    hit = c[c["value"] > 0]
    assert hit["period"].dt.day_name().eq("Monday").all()
    assert set(hit["group"]) == {"PRK>KOR", "KOR>PRK"}
    assert hit.loc[hit["group"] == "PRK>KOR", "period"].dt.strftime("%m-%d").tolist() == ["01-01", "01-15"]


def test_empty_and_undated() -> None:
    c = incident_frequency(empty("events"), freq="month")
    assert c.empty and list(c.columns) == ["period", "period_end", "group", "value", "n_events"]
    undated = EV.assign(date=pd.NaT)
    assert incident_frequency(undated).attrs["undated"] == 4
    c = incident_frequency(empty("events"), freq="month", start="2024-01-01", end="2024-03-31", by=None,
                           groups=["all"])
    assert c["value"].tolist() == [0.0, 0.0, 0.0]


def test_single_period_and_explicit_groups() -> None:
    c = incident_frequency(EV.iloc[:1], freq="quarter", by="plover", groups=["ASSAULT", "AID"])
    assert c[["group", "value"]].values.tolist() == [["ASSAULT", 1.0], ["AID", 0.0]]  # the order given


def test_dedupe_merges_reports_within_window() -> None:
    ev = pd.concat([EV, EV.iloc[[1]].assign(event_id="dup", doc_id="other", date=pd.Timestamp("2024-01-21"))])
    d = dedupe_events(ev, window="2D")
    merged = d[d["event_id"] == "e1"].iloc[0]
    assert (merged.n_articles, merged.n_reports) == (2, 2)
    assert len(d) == len(EV)
    far = pd.concat([EV, EV.iloc[[1]].assign(event_id="late", date=pd.Timestamp("2024-01-25"))])
    assert len(dedupe_events(far, window="2D")) == len(EV) + 1


def test_spikes_find_the_burst_and_its_events() -> None:
    dates = ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29"] + ["2024-02-05"] * 6
    ev = _events([(d, "PRK", "KOR", "ASSAULT", -10.0) for d in dates])
    s = find_spikes(ev, freq="week", window=4, threshold=2.0)
    assert s["period"].dt.strftime("%Y-%m-%d").tolist() == ["2024-02-05"]
    assert s["value"].tolist() == [6.0] and s["baseline"].tolist() == [1.0]
    assert len(s["event_ids"].iloc[0]) == 6
    robust = find_spikes(ev, freq="week", window=4, method="robust")
    assert robust["period"].tolist() == s["period"].tolist()


def test_ties_and_flat_series_have_no_spikes() -> None:
    ev = _events([(f"2024-01-{d:02d}", "PRK", "KOR", "ASSAULT", -10.0) for d in (1, 8, 15, 22, 29)])
    assert find_spikes(ev, freq="week", window=4).empty


def test_drill_down_returns_sentences() -> None:
    rows = drill_down(EV, period="2024-01-15", freq="week", by="plover", group="THREATEN")
    assert rows["evidence"].tolist() == ["sentence 2"]


def test_input_not_mutated() -> None:
    before = EV.copy()
    incident_frequency(EV, dedupe=True)
    find_spikes(EV)
    pd.testing.assert_frame_equal(EV, before)


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="freq"):
        incident_frequency(EV, freq="fortnight")
    with pytest.raises(ValueError, match="weight"):
        incident_frequency(EV, weight="median")
    with pytest.raises(ValueError, match="cannot group"):
        incident_frequency(EV, by="nonsense")


dates = st.dates(min_value=pd.Timestamp("2023-01-01").date(), max_value=pd.Timestamp("2024-12-31").date())
rows = st.lists(st.tuples(dates, st.sampled_from(["PRK", "KOR", "RUS"]), st.sampled_from(["KOR", "USA"]),
                          st.sampled_from(["ASSAULT", "CONSULT", "AID"]), st.floats(-10, 10)), max_size=60)


@settings(max_examples=60, deadline=None)
@given(rows)
def test_totals_conserved_across_granularities(data) -> None:
    ev = _events([(str(d), s, t, p, g) for d, s, t, p, g in data])
    totals = {f: incident_frequency(ev, freq=f, by="plover")["value"].sum() for f in ("day", "week", "month",
                                                                                    "quarter", "year")}
    assert set(totals.values()) <= {float(len(ev))}


@settings(max_examples=60, deadline=None)
@given(rows, st.sampled_from(["1D", "2D", "7D"]))
def test_dedupe_never_increases_counts(data, window) -> None:
    ev = _events([(str(d), s, t, p, g) for d, s, t, p, g in data])
    plain = incident_frequency(ev, freq="month", by="plover")
    once = incident_frequency(ev, freq="month", by="plover", dedupe=True, window=window)
    merged = plain.merge(once, on=["period", "group"], how="left", suffixes=("", "_d")).fillna(0)
    assert (merged["value_d"] <= merged["value"]).all()
    assert dedupe_events(ev, window=window)["n_reports"].sum() == len(ev)


def test_scope_filter_counts_domestic_apart() -> None:
    ev = pd.concat([EV, _events([("2024-01-04", "KEN", "KEN", "ASSAULT", -10.0)]).assign(event_id="k")])
    ev["scope"] = [("domestic" if a == b else "international")
                   for a, b in zip(ev["source_country"], ev["target_country"], strict=True)]
    total = incident_frequency(ev, freq="month", by="plover")["value"].sum()
    domestic = incident_frequency(ev, freq="month", by="plover", scope="domestic")["value"].sum()
    international = incident_frequency(ev, freq="month", by="plover", scope="international")["value"].sum()
    assert (domestic, international, total) == (1, len(EV), len(EV) + 1)
    assert set(incident_frequency(ev, by="scope").query("value > 0")["group"]) == {"domestic", "international"}
    with pytest.raises(ValueError, match="scope"):
        incident_frequency(ev, scope="regional")
