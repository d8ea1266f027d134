"""The DuckDB event store at scale: GDELT import and append throughput, aggregations in pandas and in DuckDB,
peak memory and bytes per event in compact (categorical) columns. Prints figures; asserts nothing.

1. A synthetic GDELT 2.0 export of ``--rows`` rows (default 5,000,000), resampled block by block (actors,
   event codes with their quad class and Goldstein score, counts, geography, URLs) from the rows of
   data/samples/gdelt2_events_sample_50rows.tsv and data/samples/gdelt1_events_sample_710rows.tsv, dates over
   2015-2024 and unique GLOBALEVENTIDs, written in chunks; each chunk is read with ``read_gdelt`` and appended
   to the store. Stops after ``--budget`` seconds and prints the rows reached.
2. A synthetic events frame of ``--events`` events (default 10,000,000) resampled with numpy from the GDELT 1.0
   sample's events: month x PLOVER type and the dyad table, best of 3, in pandas (incident_frequency,
   dyad_table) and in DuckDB (EventStore.frequency, EventStore.dyads). Targets: < 1 s per aggregation,
   <= 60 bytes/event for date, source/target codes and countries, cameo_code, plover, quad_class, goldstein.

    python benchmarks/store_scale.py [--rows 5000000] [--events 10000000] [--chunk 500000] [--budget 150]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from frequency_scale import best

from analystkit.alignment import dyad_table
from analystkit.frames import COLUMNS, Frames, empty
from analystkit.frequency import incident_frequency
from analystkit.gdelt import GDELT1_COLUMNS, GDELT2_COLUMNS, read_gdelt
from analystkit.store import EventStore

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
BLOCKS = {  # columns resampled together, so each block stays internally consistent
    "actor1": GDELT2_COLUMNS[5:15], "actor2": GDELT2_COLUMNS[15:25], "event": GDELT2_COLUMNS[25:31],
    "counts": GDELT2_COLUMNS[31:35], "geo1": GDELT2_COLUMNS[35:43], "geo2": GDELT2_COLUMNS[43:51],
    "geo3": GDELT2_COLUMNS[51:59], "url": ("SOURCEURL",),
}
COMPACT = ["date", "source_code", "target_code", "source_country", "target_country", "cameo_code", "plover",
           "quad_class", "goldstein"]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sample_rows() -> pd.DataFrame:
    """The sample rows of both files in the 61-column 2.0 layout (text)."""
    frames = []
    for name in ("gdelt2_events_sample_50rows.tsv", "gdelt1_events_sample_710rows.tsv"):
        for line in (SAMPLES / name).read_text(encoding="utf-8").splitlines():
            f = line.split("\t")
            cols = GDELT2_COLUMNS if len(f) == 61 else GDELT1_COLUMNS if len(f) == 58 else GDELT1_COLUMNS[:-1]
            frames.append(dict(zip(cols, f, strict=True)))
    rows = pd.DataFrame(frames, columns=list(GDELT2_COLUMNS)).fillna("")
    rows.loc[rows["SOURCEURL"] == "", "SOURCEURL"] = "https://example.org/gdelt"
    return rows


def gdelt_chunk(pool: dict[str, np.ndarray], first_id: int, n: int, rng: np.random.Generator) -> list[str]:
    """n GDELT 2.0 lines with GLOBALEVENTIDs first_id, first_id + 1, ..."""
    days = pd.Timestamp("2015-01-01") + pd.to_timedelta(rng.integers(0, 3653, n), unit="D")
    sqldate = days.strftime("%Y%m%d").to_numpy(dtype=object)
    month = days.strftime("%Y%m").to_numpy(dtype=object)
    year = days.strftime("%Y").to_numpy(dtype=object)
    frac = np.char.mod("%.4f", days.year + (days.day_of_year - 1) / 365).astype(object)
    numbers = np.arange(first_id, first_id + n)
    ids = numbers.astype(str).astype(object)
    docs = (numbers // 3).astype(str).astype(object)  # about three events per article
    line = ids + "\t" + sqldate + "\t" + month + "\t" + year + "\t" + frac
    for name, values in pool.items():
        pick = values[rng.integers(0, len(values), n)]
        if name == "url":
            line = line + "\t" + sqldate + "000000\t" + pick + "?a=" + docs
        else:
            line = line + "\t" + pick
    return line.tolist()


def pools(rows: pd.DataFrame) -> dict[str, np.ndarray]:
    out = {}
    for name, cols in BLOCKS.items():
        if name == "url":
            out[name] = rows["SOURCEURL"].to_numpy(dtype=object)
        else:
            out[name] = rows[list(cols)].agg("\t".join, axis=1).to_numpy(dtype=object)
    return out


def gdelt_phase(args: argparse.Namespace, folder: Path) -> None:
    rng = np.random.default_rng(5)
    pool = pools(sample_rows())
    t_read = t_append = 0.0
    done = stored = 0
    started = time.perf_counter()
    with EventStore(folder / "gdelt.duckdb") as store:
        while done < args.rows:
            n = min(args.chunk, args.rows - done)
            path = folder / f"chunk{done // args.chunk:04d}.export.CSV"
            lines = gdelt_chunk(pool, 1_000_000_000 + done, n, rng)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            del lines
            t0 = time.perf_counter()
            frames = read_gdelt(path)
            t1 = time.perf_counter()
            stored += store.append(frames)
            t2 = time.perf_counter()
            t_read, t_append = t_read + t1 - t0, t_append + t2 - t1
            done += n
            path.unlink()
            if len(frames.rejects):
                print(f"  ({len(frames.rejects)} rows rejected in a chunk)")
            del frames
            if time.perf_counter() - started > args.budget and done < args.rows:
                print(f"  stopped after {args.budget:.0f} s budget: {done:,} of the {args.rows:,} rows requested")
                break
        size = (folder / "gdelt.duckdb").stat().st_size
    print(f"GDELT 2.0 synthetic export, {done:,} rows ({stored:,} events stored, {size / 1e6:.0f} MB store file)")
    print(f"  read_gdelt into frames   {done / t_read:10,.0f} rows/s  ({t_read:.1f} s)")
    print(f"  EventStore.append        {done / t_append:10,.0f} rows/s  ({t_append:.1f} s)")
    print(f"  peak RSS so far          {peak_mb():10,.0f} MB")


def synthetic_events(n: int, seed: int = 7) -> pd.DataFrame:
    """n events resampled from the GDELT 1.0 sample's events (actors, CAMEO, PLOVER, quad class, Goldstein
    jointly), dates over 2015-2024; categorical columns, as a store of this size would hold them."""
    rng = np.random.default_rng(seed)
    base = read_gdelt(SAMPLES / "gdelt1_events_sample_710rows.tsv").events
    pick = rng.integers(0, len(base), n)
    actor = rng.integers(0, len(base), n)  # actors resampled apart from the event type
    target = rng.integers(0, len(base), n)
    days = rng.integers(0, 3653, n).astype("timedelta64[D]") + np.datetime64("2015-01-01", "D")

    def cat(col: str, idx: np.ndarray) -> pd.Categorical:
        codes, uniques = pd.factorize(base[col])
        return pd.Categorical.from_codes(codes[idx], categories=pd.Index(uniques, dtype="str"))

    ev = pd.DataFrame({
        "event_id": pd.array(np.char.add("s:", np.arange(n).astype(str)), dtype="str"),
        "doc_id": "synthetic",
        "date": days.astype("datetime64[ns]"), "date_precision": "day",
        "source_code": cat("source_code", actor), "source_country": cat("source_country", actor),
        "target_code": cat("target_code", target), "target_country": cat("target_country", target),
        "cameo_code": cat("cameo_code", pick), "cameo_root": cat("cameo_root", pick), "plover": cat("plover", pick),
        "quad_class": pd.array(base["quad_class"].to_numpy()[pick], dtype="Int8"),
        "goldstein": base["goldstein"].to_numpy(dtype="float32")[pick],
        "modality": "asserted", "confidence": np.float32(1.0), "origin": "gdelt",
    })
    return ev


def as_frames(ev: pd.DataFrame) -> Frames:
    full = {col: (ev[col] if col in ev else pd.Series(pd.NA, index=ev.index, dtype=dtype))
            for col, dtype, *_ in COLUMNS["events"]}
    return Frames(documents=empty("documents"), sentences=empty("sentences"), mentions=empty("mentions"),
                  events=pd.DataFrame(full), exchanges=empty("exchanges"), rejects=empty("rejects"))


def events_phase(args: argparse.Namespace, folder: Path) -> None:
    t0 = time.perf_counter()
    ev = synthetic_events(args.events)
    print(f"\nsynthetic events frame: {len(ev):,} events built in {time.perf_counter() - t0:.1f} s")
    compact = ev[COMPACT]
    per_event = compact.memory_usage(deep=True, index=False).sum() / len(ev)
    as_text = compact.astype({c: "str" for c in COMPACT if c not in {"date", "quad_class", "goldstein"}}
                             ).astype({"quad_class": "Int64", "goldstein": "float64"})
    per_event_text = as_text.memory_usage(deep=True, index=False).sum() / len(ev)
    del as_text
    print(f"  bytes/event, {', '.join(COMPACT)}: {per_event:.1f} as category/int8/float32 "
          f"(target <= 60; {per_event_text:.1f} as str/Int64/float64)")
    with EventStore(folder / "events.duckdb") as store:
        t0 = time.perf_counter()
        store.append(as_frames(ev))
        t_append = time.perf_counter() - t0
        print(f"  EventStore.append        {len(ev) / t_append:10,.0f} events/s  ({t_append:.1f} s)")
        cases = {
            "month x PLOVER type, pandas incident_frequency": lambda: incident_frequency(ev, freq="month", by="plover"),
            "month x PLOVER type, DuckDB EventStore.frequency": lambda: store.frequency(freq="month", by="plover"),
            "dyad table, pandas dyad_table (with PLOVER mix)": lambda: dyad_table(ev),
            "dyad table, DuckDB EventStore.dyads": lambda: store.dyads(),
        }
        print("  best of 3 (target < 1 s):")
        for name, fn in cases.items():
            print(f"    {name:52s} {best(fn):6.2f} s")
    print(f"  peak RSS                 {peak_mb():10,.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=5_000_000, help="GDELT rows to generate and import")
    ap.add_argument("--events", type=int, default=10_000_000, help="events for the aggregation timings")
    ap.add_argument("--chunk", type=int, default=500_000, help="GDELT rows per generated file")
    ap.add_argument("--budget", type=float, default=150.0, help="seconds allowed for the GDELT phase")
    args = ap.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        gdelt_phase(args, Path(tmp))
        events_phase(args, Path(tmp))
    print(f"\ntotal {time.perf_counter() - started:.0f} s; peak RSS {peak_mb():,.0f} MB")


if __name__ == "__main__":
    main()
