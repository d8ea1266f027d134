"""Incident-frequency aggregations on a large synthetic events frame (default one million events).

Dates over ten years, 40 countries, the 16 PLOVER types and 12 incident types, drawn with skewed weights as event
data is. Prints the seconds each aggregation takes (best of three) and the memory the frame holds.

    python benchmarks/frequency_scale.py [--events 1000000]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from analystkit.frequency import dedupe_events, find_spikes, incident_frequency
from analystkit.reference import PLOVER_TYPES

INCIDENTS = ["border_incident", "weapons_test", "psychological_operation", "military_exercise", "diplomatic_visit",
             "agreement", "sanctions_action", "un_action", "arms_transfer", "troop_deployment",
             "statement_of_concern", None]


def synthetic(n: int, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    countries = np.array([f"C{i:02d}" for i in range(40)])
    weights = 1 / np.arange(1, 41)
    weights /= weights.sum()
    days = rng.integers(0, 3650, n)
    src = rng.choice(countries, n, p=weights)
    tgt = rng.choice(countries, n, p=weights)
    cat = lambda a: pd.Categorical(a)  # noqa: E731
    return pd.DataFrame({
        "event_id": pd.RangeIndex(n).astype("str"),
        "doc_id": (pd.Series(rng.integers(0, n // 3, n))).astype("str"),
        "date": pd.Timestamp("2015-01-01") + pd.to_timedelta(days, unit="D"),
        "source_code": cat(src), "source_country": cat(src), "target_code": cat(tgt), "target_country": cat(tgt),
        "plover": cat(rng.choice(np.array(PLOVER_TYPES), n)),
        "incident_type": cat(rng.choice(np.array(INCIDENTS, dtype=object), n)),
        "goldstein": rng.uniform(-10, 10, n).round(1),
    })


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    args = ap.parse_args()
    ev = synthetic(args.events)
    print(f"{len(ev):,} events, {ev.memory_usage(deep=True).sum() / 1e6:.0f} MB in memory")
    cases = {
        "month x PLOVER type (count)": lambda: incident_frequency(ev, freq="month", by="plover"),
        "week x incident type (count)": lambda: incident_frequency(ev, freq="week", by="incident_type"),
        "day, all (Goldstein mean)": lambda: incident_frequency(ev, freq="day", by=None, weight="goldstein_mean"),
        "month x dyad (count)": lambda: incident_frequency(ev, freq="month", by="dyad"),
        "dedupe (same dyad and type within 2 days)": lambda: dedupe_events(ev, keep_ids=False),
        "dedupe, keeping the merged event ids": lambda: dedupe_events(ev),
        "month x PLOVER type, deduplicated": lambda: incident_frequency(ev, freq="month", by="plover", dedupe=True),
        "week spikes, all (counts given)": lambda: find_spikes(
            ev.iloc[:0], freq="week", counts=incident_frequency(ev, freq="week", by=None)),
    }
    for name, fn in cases.items():
        print(f"  {name:45s} {best(fn):6.3f} s")


if __name__ == "__main__":
    main()
