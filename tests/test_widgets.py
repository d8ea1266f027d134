from __future__ import annotations

import pandas as pd

from analystkit.widgets import FrequencyExplorer

from .test_frequency import EV


def test_controls_drive_the_counts_and_chart() -> None:
    x = FrequencyExplorer(EV, freq="month", by="plover")
    assert x.counts()["value"].sum() == 4
    x.granularity.value = "week"
    assert x.counts()["period"].dt.day_name().eq("Monday").all()
    x.grouping.value = "dyad"
    assert set(x.counts().query("value > 0")["group"]) == {"PRK>KOR", "KOR>PRK", "RUS>PRK"}
    assert x.chart().to_dict()["encoding"]["color"]["title"] == "dyad"
    x.types.value = ("ASSAULT",)
    assert x.counts()["value"].sum() == 2
    x.actor.value = "RUS"
    assert x.counts()["value"].sum() == 0


def test_date_range_and_dedupe() -> None:
    ev = pd.concat([EV, EV.iloc[[0]].assign(event_id="dup", doc_id="d9")])
    x = FrequencyExplorer(ev, by="plover")
    assert x.counts()["value"].sum() == 5
    x.dedupe.value = True
    assert x.counts()["value"].sum() == 4
    x.start.value = pd.Timestamp("2024-02-01").date()
    assert x.counts()["value"].sum() == 1


def test_selecting_a_bar_shows_its_sentences() -> None:
    x = FrequencyExplorer(EV, by="plover")
    table = x.select("2024-01-01", "ASSAULT")
    assert table["evidence"].tolist() == ["sentence 0", "sentence 1"]
    assert "sentence 1" in x._evidence_box.value
    x.granularity.value = "quarter"  # changing a control clears the selection
    assert x.selected is None and len(x.evidence()) == 4


def test_view_builds_offline_widget() -> None:
    x = FrequencyExplorer(EV, by="plover")
    box = x.view()
    assert box.children[3].chart.to_dict()["mark"]["type"] == "bar"


def test_scope_control_filters_counts() -> None:
    from .test_frequency import _events

    ev = pd.concat([EV, _events([("2024-01-04", "KEN", "KEN", "ASSAULT", -10.0)]).assign(event_id="k")])
    ev["scope"] = ["domestic" if a == b else "international"
                   for a, b in zip(ev["source_country"], ev["target_country"], strict=True)]
    x = FrequencyExplorer(ev, by="plover")
    assert x.scope.value == "all" and x.counts()["value"].sum() == len(EV) + 1
    x.scope.value = "domestic"
    assert x.counts()["value"].sum() == 1
    x.scope.value = "international"
    assert x.counts()["value"].sum() == len(EV)
