"""Actor alignment on a large synthetic events frame (default one million events, 40 countries).

Prints seconds (best of three) for the dyad table, each alignment measure over the top 20 actors, blocs, and
the rolling-window series (quarterly, two-quarter windows, over ten years).

    python benchmarks/alignment_scale.py [--events 1000000]
"""

from __future__ import annotations

import argparse

import numpy as np
from frequency_scale import best, synthetic

from analystkit.alignment import alignment, alignment_over_time, blocs, dyad_table


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    args = ap.parse_args()
    ev = synthetic(args.events)
    rng = np.random.default_rng(5)
    ev["quad_class"] = rng.integers(1, 5, len(ev))
    print(f"{len(ev):,} events")
    cases = {
        "dyad table (country level)": lambda: dyad_table(ev),
        "direct, top 20 actors": lambda: alignment(ev, measure="direct", top=20),
        "shared stance S, top 20": lambda: alignment(ev, measure="s", top=20),
        "shared stance kappa, top 20": lambda: alignment(ev, measure="kappa", top=20),
        "shared stance pi, top 20": lambda: alignment(ev, measure="pi", top=20),
        "blocs from pi": lambda: blocs(alignment(ev, measure="pi", top=20)),
    }
    for name, fn in cases.items():
        print(f"  {name:40s} {best(fn):6.2f} s")
    print(f"  {'rolling quarters, direct, top 10':40s} "
          f"{best(lambda: alignment_over_time(ev, freq='quarter', window=2, top=10), repeat=1):6.2f} s")


if __name__ == "__main__":
    main()
