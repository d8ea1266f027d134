"""Each event pattern of the shipped lexicon carries an example sentence; coded, it must give the pattern's CAMEO
root. Patterns whose example does not yet are listed in tests/cases/lexicon_examples_known_misses.tsv with what the
example gives instead, as strict xfails (``python benchmarks/lexicon_examples.py --write-known-misses`` rewrites the
list and prints the pass rate). The examples are coded in one batch, so the whole table costs about a second.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from lexicon_examples import example_records, example_results, pattern_id  # noqa: E402

HERE = Path(__file__).parent / "cases"
with (HERE / "lexicon_examples_known_misses.tsv").open(encoding="utf-8") as f:
    KNOWN = {row["pattern"]: row["gives instead"] for row in csv.DictReader(f, delimiter="\t")}


@pytest.fixture(scope="module")
def results(lex):
    return {pattern_id(r): (r, got) for r, got in example_results(lex)}


def _ids() -> list:
    return [pytest.param(pattern_id(r), id=pattern_id(r), marks=[pytest.mark.xfail(
        strict=True, reason=f"the example gives {KNOWN[pattern_id(r)]}")] if pattern_id(r) in KNOWN else [])
        for r in example_records()]


@pytest.mark.parametrize("pid", _ids())
def test_pattern_example_gives_its_root(pid, results) -> None:
    record, got = results[pid]
    assert str(record["cameo"])[:2] in {c[:2] for c in got}, (record["example"], got)


def test_known_misses_name_real_patterns(results) -> None:
    assert set(KNOWN) <= set(results)
