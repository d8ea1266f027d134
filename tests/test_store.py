"""The DuckDB event store: idempotent append, SQL filters, round trips, and aggregations equal to pandas."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import analystkit
from analystkit.alignment import dyad_table
from analystkit.cli import main
from analystkit.frames import FRAME_NAMES
from analystkit.frequency import incident_frequency
from analystkit.gdelt import read_gdelt
from analystkit.store import EventStore

from .conftest import ROOT

GDELT1 = ROOT / "data" / "samples" / "gdelt1_events_sample_710rows.tsv"
DYAD_COLS = ["source", "target", "n_events", "cooperation", "conflict", "goldstein_mean", "goldstein_sum",
             "stance"]


@pytest.fixture(scope="module")
def demo() -> analystkit.Frames:
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return analystkit.code(["seeds", "data/articles"])
    finally:
        os.chdir(cwd)


@pytest.fixture(scope="module")
def gdelt() -> analystkit.Frames:
    return read_gdelt(GDELT1)


def _filled(frames: analystkit.Frames, folder, name: str):
    """A store in ``folder`` holding ``frames``, closed when the fixture ends."""
    with EventStore(folder / f"{name}.duckdb") as store:
        store.append(frames)
        yield store


@pytest.fixture(scope="module")
def demo_store(demo: analystkit.Frames, tmp_path_factory: pytest.TempPathFactory):
    yield from _filled(demo, tmp_path_factory.mktemp("store"), "demo")


@pytest.fixture(scope="module")
def gdelt_store(gdelt: analystkit.Frames, tmp_path_factory: pytest.TempPathFactory):
    yield from _filled(gdelt, tmp_path_factory.mktemp("store"), "gdelt")


def _by_key(df: pd.DataFrame, name: str) -> pd.DataFrame:
    keys = {"documents": ["doc_id"], "sentences": ["doc_id", "sent_idx"], "events": ["event_id"],
            "exchanges": ["exchange_id"]}.get(name, list(df.columns))
    return df.sort_values(keys, kind="stable").reset_index(drop=True)


def _counts(store: EventStore) -> dict[str, int]:
    return {n: len(getattr(store.frames(), n)) for n in FRAME_NAMES}


def test_append_is_idempotent(demo: analystkit.Frames, tmp_path: Path) -> None:
    with EventStore(tmp_path / "a.duckdb") as store:
        assert store.append(demo) == len(demo.events) > 0
        first = _counts(store)
        assert store.append(demo) == 0
        assert _counts(store) == first
        assert first == {n: len(getattr(demo, n).drop_duplicates()) if n in {"mentions", "rejects"}
                         else len(getattr(demo, n)) for n in FRAME_NAMES}
    with EventStore(tmp_path / "a.duckdb") as again:  # the file persists
        assert _counts(again) == first


def test_partial_overlap_adds_only_new_rows(demo: analystkit.Frames, tmp_path: Path) -> None:
    half = analystkit.Frames(**{n: getattr(demo, n) for n in FRAME_NAMES})
    half.events = demo.events.iloc[: len(demo.events) // 2]
    with EventStore(tmp_path / "b.duckdb") as store:
        assert store.append(half) == len(half.events)
        assert store.append(demo) == len(demo.events) - len(half.events)


def test_frames_round_trip_validates(demo: analystkit.Frames, demo_store: EventStore) -> None:
    back = demo_store.frames()
    for name in FRAME_NAMES:
        got = analystkit.schema(name).validate(getattr(back, name))
        want = getattr(demo, name)
        if name in {"mentions", "rejects"}:
            want = want.drop_duplicates()
        pd.testing.assert_frame_equal(_by_key(got, name), _by_key(want, name), check_dtype=True)
    pd.testing.assert_frame_equal(back.events, demo.events.reset_index(drop=True))  # order kept


def test_event_filters(demo: analystkit.Frames, demo_store: EventStore) -> None:
    ev = demo.events
    got = demo_store.events(start="2024-01-01", end="2024-06-30")
    want = ev[(ev["date"] >= "2024-01-01") & (ev["date"] <= "2024-06-30")]
    assert sorted(got["event_id"]) == sorted(want["event_id"]) and len(got) > 0
    got = demo_store.events(actors=["PRK"])
    mask = (ev[["source_country", "target_country", "source_code", "target_code"]] == "PRK").any(axis=1)
    assert sorted(got["event_id"]) == sorted(ev.loc[mask, "event_id"]) and len(got) > 0
    got = demo_store.events(plover=["AID", "CONSULT"], origin="coded")
    assert sorted(got["event_id"]) == sorted(ev.loc[ev["plover"].isin(["AID", "CONSULT"]), "event_id"])
    types = ev["incident_type"].dropna().unique()[:2].tolist()
    got = demo_store.events(incident_types=types, actors="KOR", start="2023-06-01")
    want = ev[ev["incident_type"].isin(types) & (ev["date"] >= "2023-06-01")
              & (ev[["source_country", "target_country", "source_code", "target_code"]] == "KOR").any(axis=1)]
    assert sorted(got["event_id"]) == sorted(want["event_id"])
    assert demo_store.events(origin="gdelt").empty
    analystkit.schema("events").validate(demo_store.events(plover="ASSAULT"))


def test_rebuild_from_parquet_equals_store(demo: analystkit.Frames, demo_store: EventStore,
                                           tmp_path: Path) -> None:
    folder = demo.write(tmp_path / "frames")
    with EventStore(tmp_path / "r.duckdb") as store:
        store.append(read_gdelt(GDELT1))  # replaced by the rebuild
        assert store.rebuild(folder) == len(demo.events)
        got, want = store.frames(), demo_store.frames()
        for name in FRAME_NAMES:
            pd.testing.assert_frame_equal(_by_key(getattr(got, name), name), _by_key(getattr(want, name), name))
    with pytest.raises(FileNotFoundError):
        EventStore(":memory:").rebuild(tmp_path / "missing")


@pytest.mark.parametrize("freq", ["day", "week", "month", "quarter", "year"])
@pytest.mark.parametrize("by", ["plover", "quad_class", "incident_type", "actor", "dyad", None])
@pytest.mark.parametrize("which", ["demo", "gdelt"])
def test_frequency_equals_pandas(which: str, by: str | None, freq: str, demo: analystkit.Frames,
                                 gdelt: analystkit.Frames, demo_store: EventStore, gdelt_store: EventStore) -> None:
    frames, store = (demo, demo_store) if which == "demo" else (gdelt, gdelt_store)
    want = incident_frequency(frames.events, freq=freq, by=by, weight="count")
    got = store.frequency(freq=freq, by=by)
    assert len(got) > 0
    pd.testing.assert_frame_equal(got, want, check_like=False)


@pytest.mark.parametrize("which", ["demo", "gdelt"])
def test_frequency_with_range_equals_pandas(which: str, demo: analystkit.Frames, gdelt: analystkit.Frames,
                                            demo_store: EventStore, gdelt_store: EventStore) -> None:
    frames, store = (demo, demo_store) if which == "demo" else (gdelt, gdelt_store)
    dates = frames.events["date"].dropna().sort_values()
    start, end = dates.iloc[len(dates) // 4], dates.iloc[3 * len(dates) // 4]
    for s, e in [(start, end), (start, None), (None, end), ("1990-01-01", "1990-03-01")]:
        want = incident_frequency(frames.events, freq="month", by="plover", start=s, end=e)
        pd.testing.assert_frame_equal(store.frequency(freq="month", by="plover", start=s, end=e), want)


@pytest.mark.parametrize("level", ["country", "role"])
@pytest.mark.parametrize("which", ["demo", "gdelt"])
def test_dyads_equal_pandas(which: str, level: str, demo: analystkit.Frames, gdelt: analystkit.Frames,
                            demo_store: EventStore, gdelt_store: EventStore) -> None:
    frames, store = (demo, demo_store) if which == "demo" else (gdelt, gdelt_store)
    want = dyad_table(frames.events, level=level)[DYAD_COLS]
    got = store.dyads(level=level)
    assert len(got) > 0
    pd.testing.assert_frame_equal(got[DYAD_COLS], want)


def test_cli_add_and_rebuild(demo: analystkit.Frames, tmp_path: Path) -> None:
    folder = demo.write(tmp_path / "frames")
    db = str(tmp_path / "cli.duckdb")
    runner = CliRunner()
    first = runner.invoke(main, ["store", "add", db, str(folder)])
    assert first.exit_code == 0, first.output
    assert f"added {len(demo.events)} events" in first.output
    again = runner.invoke(main, ["store", "add", db, str(folder)])
    assert again.exit_code == 0 and "added 0 events" in again.output
    rebuilt = runner.invoke(main, ["store", "rebuild", db, str(folder)])
    assert rebuilt.exit_code == 0 and f"{len(demo.events)} events" in rebuilt.output
    with EventStore(db) as store:
        assert len(store.events()) == len(demo.events)


@pytest.mark.parametrize("verb", ["add", "rebuild"])
def test_cli_missing_folder(verb: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["store", verb, str(tmp_path / "x.duckdb"), str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert result.output.strip().startswith("error:") and len(result.output.strip().splitlines()) == 1
