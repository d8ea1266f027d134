"""How well analystkit's coder reproduces PETRARCH2's own unit tests, coding with the validation dictionaries alone.

Reads ``PETR.UnitTest.records.xml`` and codes each record's text, with its date, using only
``PETR.Validate.{verbs,actors,agents}.txt`` (``load_lexicon(..., default=False)``, the CLI's
``--no-default-lexicon``). ``PETR.Validate.discards.txt`` must be there too but is not loaded: the lexicon has no
discard table.

Scoring: a record passes when the SET of coded (source_code, target_code, cameo_code) equals its expected set;
a ``noevents`` record passes when nothing is coded. Left out, and counted: error records (category ERROR or an
``<EventCoding error=...>``) and a repeated text (the first record of it is kept). Repeats under another date are
date-restriction tests (DATE-02/07/17/18/19); repeats under the same date are duplicates or expect codes that
depend on PETRARCH's config (AGENT-08/12/13, ACTOR-03/04, DEMO-22), of which one text and date can match only one.

Null actors: the file writes a missing target as ``targetcode="---"`` and an agent without an actor as
``sourcecode="---GOV"`` (no empty codes occur). A coded null/empty code is therefore read as ``---`` and an
actor-less agent code (``GOV``) is not rewritten, so ``---GOV`` only matches what the coder codes as ``---GOV``.
Other expected codes are compared as written: new-actor codes in quotes (``'"INJURY TOLL"'``) and TABARI's discard
code ``###``. No expected event has a two-part code; the verbs file's ``[032:033]`` means two events, each way.

Coding goes through ``iter_events`` (the coder without frames: the same codes as ``code_text(...).events``, whose
pandera-validated frames cost ~0.1 s a record); ``--frames`` uses ``code_text``.

Run: ``python benchmarks/petrarch_conformance.py [FOLDER] [--quiet] [--frames]`` (FOLDER defaults to
``<repo>/../shared/data/petrarch2``). Prints the pass rate, a table by category, every failing record (not with
``--quiet``) and the coding speed in records/s.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter
from pathlib import Path

from analystkit.lexicon import load_lexicon
from analystkit.petrarch import read_unit_tests
from analystkit.pipeline import code_text, iter_events

REPO = Path(__file__).resolve().parents[1]
RECORDS = "PETR.UnitTest.records.xml"
DICTIONARIES = ("verbs", "actors", "agents", "discards")
NULL = "---"


def _code(value: object) -> str:
    """A coded actor code, with None / NaN / empty read as the file's null ``---``."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or not str(value).strip():
        return NULL
    return str(value)


def coded_set(text: str, day: object, lex: object, frames: bool) -> set[tuple[str, str, str]]:
    if frames:
        ev = code_text(text, published=day, lexicon=lex).events
        rows = zip(ev["source_code"], ev["target_code"], ev["cameo_code"], strict=True)
    else:
        rows = ((e.source_code, e.target_code, e.cameo_code) for e in iter_events([text], published=day, lexicon=lex))
    return {(_code(s), _code(t), str(c)) for s, t, c in rows}


def select(tests: list) -> tuple[list, Counter]:
    """The records to score, and how many were left out: error records, texts repeated under another / the same date."""
    kept, first, out = [], {}, Counter()
    for t in tests:
        if t.error:
            out["error records"] += 1
        elif t.text in first:
            out["repeated texts (" + ("same date" if first[t.text] == t.date else "another date") + ")"] += 1
        else:
            first[t.text] = t.date
            kept.append(t)
    return kept, out


def _fmt(codes: set | tuple) -> str:
    return "{" + ", ".join("/".join(c) for c in sorted(codes)) + "}" if codes else "{}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, default=REPO.parent / "shared" / "data" / "petrarch2")
    ap.add_argument("--quiet", action="store_true", help="print only the summary")
    ap.add_argument("--frames", action="store_true", help="code through code_text() frames (same codes, ~100x slower)")
    args = ap.parse_args(argv)
    files = [args.folder / RECORDS] + [args.folder / f"PETR.Validate.{k}.txt" for k in DICTIONARIES]
    if missing := [f.name for f in files if not f.is_file()]:
        sys.exit(f"petrarch_conformance: {args.folder} lacks {', '.join(missing)} (pass the PETRARCH2 data folder)")

    tests, out = select(read_unit_tests(files[0]))
    start = time.perf_counter()
    lex = load_lexicon([str(f) for f in files[1:4]], default=False)
    loaded = time.perf_counter()
    results = [(t, coded_set(t.text, t.date, lex, args.frames)) for t in tests]
    elapsed = time.perf_counter() - loaded

    scored, passed, failures = Counter(), Counter(), []
    for t, got in results:
        scored[t.category] += 1
        if got == set(t.expected):
            passed[t.category] += 1
        else:
            failures.append((t, got))
    total, ok = sum(scored.values()), sum(passed.values())
    print(f"PETRARCH2 unit tests: {len(tests) + sum(out.values())} records; left out "
          + ", ".join(f"{n} {why}" for why, n in sorted(out.items())))
    print(f"overall: {ok}/{total} passed = {ok / max(total, 1):.1%}")
    print(f"\n{'category':<12}{'scored':>8}{'passed':>8}{'rate':>8}")
    for cat in sorted(scored, key=lambda c: (-scored[c], c)):
        print(f"{cat:<12}{scored[cat]:>8}{passed[cat]:>8}{passed[cat] / scored[cat]:>8.0%}")
    if not args.quiet and failures:
        print(f"\nfailures ({len(failures)}): id | category | expected | got | text")
        for t, got in failures:
            text = t.text if len(t.text) <= 100 else t.text[:97] + "..."
            print(f"{t.id} | {t.category} | {_fmt(t.expected)} | {_fmt(got)} | {text}")
    print(f"\ntiming: lexicon {loaded - start:.2f}s; coded {total} records in {elapsed:.2f}s = "
          f"{total / max(elapsed, 1e-9):.0f} records/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
