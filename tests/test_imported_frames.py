"""Analysis works on event frames that did not come from the coder (GDELT/ACLED style: no sentence, no
trigger, origin set), as long as they follow the events contract."""

from __future__ import annotations

import pandas as pd

from analystkit.alignment import alignment, dyad_table
from analystkit.frames import empty, schema
from analystkit.frequency import drill_down, find_spikes, incident_frequency
from analystkit.widgets import AlignmentExplorer, FrequencyExplorer


def _imported() -> pd.DataFrame:
    rows = [("20240101", "PRK", "KOR", "190", 4, -10.0), ("20240102", "KOR", "PRK", "111", 3, -2.0),
            ("20240103", "RUS", "PRK", "042", 1, 1.9), ("20240215", "PRK", "RUS", "042", 1, 1.9),
            ("20240216", "USA", "KOR", "062", 2, 6.4)]
    base = empty("events")
    data = {c: pd.Series([None] * len(rows), dtype=base[c].dtype) for c in base.columns}
    frame = pd.DataFrame(data)
    frame["event_id"] = [f"g{i}" for i in range(len(rows))]
    frame["doc_id"] = [f"gdelt:{i}" for i in range(len(rows))]
    frame["date"] = pd.to_datetime([r[0] for r in rows]).astype("datetime64[ns]")
    frame["date_precision"] = "day"
    for col, k in [("source_country", 1), ("target_country", 2)]:
        frame[col] = [r[k] for r in rows]
    frame["source_code"], frame["target_code"] = frame["source_country"], frame["target_country"]
    frame["cameo_code"] = [r[3] for r in rows]
    frame["cameo_root"] = frame["cameo_code"].str[:2]
    frame["plover"] = ["ASSAULT", "ACCUSE", "CONSULT", "CONSULT", "COOPERATE"]
    frame["quad_class"] = pd.array([r[4] for r in rows], dtype="Int64")
    frame["goldstein"] = [r[5] for r in rows]
    frame["modality"], frame["confidence"], frame["origin"] = "asserted", 1.0, "gdelt"
    frame["scope"] = "international"
    return schema("events").validate(frame)


def test_frequency_on_imported_frames() -> None:
    ev = _imported()
    c = incident_frequency(ev, freq="month", by="plover")
    assert c["value"].sum() == 5 and c.query("group == 'CONSULT'")["value"].tolist() == [1.0, 1.0]
    assert drill_down(ev, period="2024-02-01", freq="month")["event_id"].tolist() == ["g3", "g4"]
    assert list(find_spikes(ev, freq="day").columns)[:2] == ["period", "group"]
    assert FrequencyExplorer(ev).counts()["value"].sum() == 5
    assert FrequencyExplorer(ev).evidence()["evidence"].isna().all()  # no sentences: shown empty, not invented


def test_alignment_on_imported_frames() -> None:
    ev = _imported()
    assert dyad_table(ev).set_index(["source", "target"]).loc[("PRK", "KOR"), "conflict"] == 1
    long = alignment(ev, measure="direct", min_evidence=1)
    assert long.query("a == 'KOR' and b == 'PRK'")["value"].item() == -1.0
    assert len(AlignmentExplorer(ev, min_evidence=1).evidence()) > 0


def test_load_reads_an_imported_gdelt_folder(tmp_path) -> None:
    import analystkit
    from analystkit.gdelt import read_gdelt

    from .conftest import ROOT

    read_gdelt(ROOT / "data" / "samples" / "gdelt1_events_sample_710rows.tsv").write(tmp_path)
    frames = analystkit.load(tmp_path)
    assert len(frames.events) == 710 and set(frames.events["origin"]) == {"gdelt"}
    assert incident_frequency(frames.events, freq="day", by="plover")["value"].sum() == \
        frames.events["date"].notna().sum()
