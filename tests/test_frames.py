from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.errors
import pytest

from analystkit.frames import COLUMNS, FRAME_NAMES, empty, from_records, read_frames, schema

CONTRACT = {  # the column names ARCHITECTURE.md promises
    "documents": "doc_id title published source url path n_sentences text_sha256",
    "sentences": "doc_id sent_idx start end text",
    "mentions": "doc_id sent_idx start end surface actor_code actor_name country role kind",
    "events": "event_id doc_id sent_idx start end trigger evidence date date_precision source_code source_name "
              "source_country source_role target_code target_name target_country target_role cameo_code "
              "cameo_root plover quad_class goldstein incident_type modality participants_min participants_max "
              "location confidence origin",
    "exchanges": "exchange_id event_id doc_id sent_idx provider_code provider_country recipient_code "
                 "recipient_country item category status prohibited regime legal_refs evidence",
    "rejects": "doc_id path stage reason",
}


@pytest.mark.parametrize("name", FRAME_NAMES)
def test_contract_columns_present_even_when_empty(name: str) -> None:
    frame = empty(name)
    assert set(CONTRACT[name].split()) <= set(frame.columns)
    assert len(frame) == 0
    schema(name).validate(frame)


def test_events_dtypes(seed_frames) -> None:
    ev = seed_frames.events
    assert str(ev["date"].dtype) == "datetime64[ns]"
    assert ev["cameo_code"].map(type).eq(str).all()
    assert ev["cameo_root"].str.len().eq(2).all()
    assert (ev["cameo_code"].str[:2] == ev["cameo_root"]).all()
    assert ev["goldstein"].between(-10, 10).all()


def test_closed_vocabularies_are_checked() -> None:
    row = ("x", None, "load", "why")
    from_records("rejects", [row])
    with pytest.raises(pandera.errors.SchemaError):
        from_records("rejects", [("x", None, "nonsense-stage", "why")])


def test_write_and_read_roundtrip(seed_frames, tmp_path: Path) -> None:
    seed_frames.write(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{n}.parquet" for n in FRAME_NAMES)
    back = read_frames(tmp_path)
    for name in FRAME_NAMES:
        pd.testing.assert_frame_equal(getattr(back, name), getattr(seed_frames, name), check_dtype=True)


def test_every_frame_schema_is_strict() -> None:
    for name in FRAME_NAMES:
        cols = [c for c, *_ in COLUMNS[name]]
        bad = empty(name).assign(extra=pd.Series(dtype="str"))
        with pytest.raises((pandera.errors.SchemaError, pandera.errors.SchemaErrors)):
            schema(name).validate(bad)
        assert list(empty(name).columns) == cols
