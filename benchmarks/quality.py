"""Event-coding quality on every gold set, development and held-out in separate, labelled rows.

    python benchmarks/quality.py [--by-theatre] [--development]

Codes each set with the shipped lexicon and scores it with ``analystkit.evaluate``, strictly (only essential gold
absorbs a prediction, the gold sentence inside the predicted one, roles compared for domestic events) and
leniently (any gold, any sentence of the document, countries only). Development sets are those the coder was
tuned against; held-out sets were written and committed before the coder changes they judge and are never tuned
on (see each folder's README). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analystkit import code, load_lexicon  # noqa: E402
from analystkit.evaluate import breakdown, evaluate  # noqa: E402

SETS = [  # (label, kind, articles, gold)
    ("demonstration corpus (Korea)", "development", ["seeds", "data/articles"], "data/gold"),
    ("world development set", "development", ["tests/fixtures/dev_world"], "tests/fixtures/dev_world"),
    ("world held-out set", "held-out", ["tests/fixtures/heldout_world"], "tests/fixtures/heldout_world"),
    ("world held-out set 2", "held-out", ["tests/fixtures/heldout_world2"], "tests/fixtures/heldout_world2"),
    ("other-theatre fixtures", "held-out", ["tests/fixtures/other_theatres"], "tests/fixtures/other_theatres"),
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--by-theatre", action="store_true", help="also print held-out rows per theatre")
    ap.add_argument("--development", action="store_true",
                    help="development sets only: what to look at while changing the coder, so that held-out "
                         "figures are read once per change, not iterated against")
    args = ap.parse_args()
    lex = load_lexicon()
    header = (f"{'set':<32} {'kind':<12} {'gold':>5} {'pred':>5} | {'strict P':>8} {'R':>5} {'F1':>5} | "
              f"{'lenient P':>9} {'R':>5} {'F1':>5}")
    print(header)
    print("-" * len(header))
    details = []
    for label, kind, articles, gold in SETS:
        if args.development and kind != "development":
            continue
        frames = code([ROOT / a for a in articles], lexicon=lex, progress=False)
        with tempfile.TemporaryDirectory() as tmp:
            folder = frames.write(Path(tmp) / "frames")
            _, total = evaluate(ROOT / gold, folder)
            st = total.strict  # type: ignore[attr-defined]
            print(f"{label:<32} {kind:<12} {total.gold_essential:>5} {total.predicted:>5} | {st.precision:>8.3f} "
                  f"{st.recall:>5.3f} {st.f1:>5.3f} | {total.precision:>9.3f} {total.recall:>5.3f} {total.f1:>5.3f}")
            if kind == "held-out" or label.startswith("world"):
                details.append((label, kind, "scope", breakdown(ROOT / gold, folder, by="scope")))
                if args.by_theatre and label.startswith("world"):
                    details.append((label, kind, "theatre", breakdown(ROOT / gold, folder, by="theatre")))
    for label, kind, by, table in details:
        print(f"\n{label} ({kind}), by {by}:")
        print(table.to_string(index=False, float_format=lambda x: f"{x:.2f}"))


if __name__ == "__main__":
    main()
