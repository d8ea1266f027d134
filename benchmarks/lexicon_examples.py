"""The lexicon tests itself: each event pattern's own example, coded, should give the pattern's CAMEO root.

    python benchmarks/lexicon_examples.py [--failures] [--write-known-misses]

Codes every example sentence of analystkit/lexicons/events.jsonl in one batch (published 2024-06-20) and counts the
patterns whose example produces an event of the pattern's CAMEO root. ``--write-known-misses`` rewrites
tests/cases/lexicon_examples_known_misses.tsv (pattern, CAMEO code, what the example gives instead), which
tests/test_lexicon_examples.py holds as strict xfails. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analystkit import code, load_lexicon  # noqa: E402

EVENTS = ROOT / "analystkit" / "lexicons" / "events.jsonl"
KNOWN_MISSES = ROOT / "tests" / "cases" / "lexicon_examples_known_misses.tsv"


def pattern_id(r: dict) -> str:
    return f"{r['pattern']} [{r['pos']} {r['cameo']}]"


def example_records() -> list[dict]:
    """The event records of the shipped lexicon that carry an example sentence."""
    records = [json.loads(line) for line in EVENTS.read_text(encoding="utf-8").splitlines() if line.startswith("{")]
    return [r for r in records if r.get("example")]


def example_results(lex=None) -> list[tuple[dict, list[str]]]:
    """(record, the CAMEO codes its example gives) for every event record with an example."""
    records = example_records()
    frames = code([r["example"] for r in records], lexicon=lex or load_lexicon(), progress=False,
                  published="2024-06-20")
    codes: dict[str, list[str]] = {}
    for doc_id, cameo in zip(frames.events["doc_id"], frames.events["cameo_code"], strict=True):
        codes.setdefault(doc_id, []).append(str(cameo))
    return [(r, codes.get(doc_id, [])) for r, doc_id in zip(records, frames.documents["doc_id"], strict=True)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--failures", action="store_true", help="print what each failing example gives")
    ap.add_argument("--write-known-misses", action="store_true", help=f"rewrite {KNOWN_MISSES.name}")
    args = ap.parse_args()
    results = example_results()
    misses = [(r, got) for r, got in results if str(r["cameo"])[:2] not in {c[:2] for c in got}]
    for r, got in misses if args.failures else []:
        print(f"{pattern_id(r)}: {', '.join(got) or 'no event'} | {r['example']}")
    print(f"event patterns with an example: {len(results)}; example gives the pattern's root: "
          f"{len(results) - len(misses)} ({(len(results) - len(misses)) / len(results):.1%})")
    if args.write_known_misses:
        KNOWN_MISSES.write_text("pattern\tgives instead\n" + "".join(
            f"{pattern_id(r)}\t{', '.join(got) or 'no event'}\n" for r, got in misses), encoding="utf-8")


if __name__ == "__main__":
    main()
