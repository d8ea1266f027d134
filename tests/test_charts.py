from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analystkit import charts
from analystkit.frequency import find_spikes, incident_frequency

from .test_frequency import EV


@pytest.fixture(scope="module")
def counts() -> pd.DataFrame:
    return incident_frequency(EV, freq="month", by="plover")


def test_frequency_chart_spec(counts) -> None:
    spec = charts.frequency_chart(counts, label="plover").to_dict()
    enc = spec["encoding"]
    assert spec["mark"]["type"] == "bar"
    assert (enc["x"]["field"], enc["x"]["type"]) == ("period", "temporal")
    assert (enc["x2"]["field"], enc["y"]["field"], enc["y2"]["field"]) == ("period_end", "stack_lo", "stack_hi")
    assert spec["transform"][0] == {"stack": "value", "groupby": ["period"], "as": ["stack_lo", "stack_hi"],
                                    "sort": [{"field": "group"}]}
    assert enc["color"]["field"] == "group" and enc["color"]["title"] == "plover"
    assert spec["params"][0]["name"] == charts.SELECTION
    assert spec["params"][0]["select"]["fields"] == ["period", "group"]
    data = spec["datasets"][spec["data"]["name"]]
    assert len(data) == len(counts) and {"period", "group", "value", "n_events"} <= set(data[0])


def test_heatmap_spec(counts) -> None:
    spec = charts.frequency_heatmap(counts).to_dict()
    assert spec["mark"]["type"] == "rect"
    assert spec["encoding"]["y"]["field"] == "group" and spec["encoding"]["color"]["field"] == "value"


def test_spike_chart_layers(counts) -> None:
    spikes = find_spikes(EV, freq="month", window=2, threshold=0.5, min_events=1)
    spec = charts.spike_chart(counts, spikes).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["line", "point"]


@pytest.mark.parametrize("suffix", [".svg", ".png"])
def test_offline_export(counts, tmp_path: Path, suffix: str) -> None:
    out = charts.save(charts.frequency_chart(counts), tmp_path / f"chart{suffix}")
    data = out.read_bytes()
    assert len(data) > 1000
    assert data.startswith(b"<svg") if suffix == ".svg" else data.startswith(b"\x89PNG")


def test_save_rejects_unknown_format(counts, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="save as"):
        charts.save(charts.frequency_chart(counts), tmp_path / "chart.gif")
