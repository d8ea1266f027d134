"""Calibrate the events' ``confidence`` on the development gold: for each raw rule score the coder gives, the share
of coded events at that score that are right.

    python scripts/calibrate_confidence.py          (make calibrate)

The raw score is the coder's rule of thumb (0.9, less for an actor found through a reference, a missing target, a
noun trigger, a passive). Here every development set with gold (the demonstration corpus and the world development
set; never a held-out set) is coded, each event is marked right when it matches an essential gold event strictly
(countries and PLOVER type, roles for domestic events, the gold sentence inside the event's), and the table
analystkit/reference/confidence_calibration.tsv gets, per raw score, the events, the right ones and the smoothed
share (right + 1) / (events + 2), which the coder then reports as ``confidence``. Rerun after a coder change.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analystkit import code, load_lexicon  # noqa: E402
from analystkit.evaluate import _find_doc, _strict_hit, load_gold  # noqa: E402
from analystkit.events import CALIBRATION  # noqa: E402

SETS = [(["seeds", "data/articles"], "data/gold"), (["tests/fixtures/dev_world"], "tests/fixtures/dev_world")]


def main() -> None:
    CALIBRATION.write_text("raw_score\tevents\tright\tconfidence\n", encoding="utf-8")  # raw scores while we count
    lex = load_lexicon()
    events: Counter[float] = Counter()
    right: Counter[float] = Counter()
    for articles, gold in SETS:
        frames = code([ROOT / a for a in articles], lexicon=lex, progress=False)
        for g in load_gold(ROOT / gold):
            doc_id = _find_doc(frames.documents, g["document"])
            free = [e for e in g["events"] if e.get("essential", True)]
            for p in frames.events[frames.events["doc_id"] == doc_id].to_dict("records"):
                raw = round(float(p["confidence"]), 2)
                events[raw] += 1
                hit = next((e for e in free if _strict_hit(e, p)), None)
                if hit is not None:
                    free.remove(hit)
                    right[raw] += 1
    rows = [f"{raw:.2f}\t{events[raw]}\t{right[raw]}\t{(right[raw] + 1) / (events[raw] + 2):.3f}"
            for raw in sorted(events)]
    CALIBRATION.write_text("raw_score\tevents\tright\tconfidence\n" + "\n".join(rows) + "\n", encoding="utf-8")
    print("\n".join(["raw_score\tevents\tright\tconfidence", *rows]))


if __name__ == "__main__":
    main()
