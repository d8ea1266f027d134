"""The construction cases of issue 11 (tests/cases/constructions.yaml): one sentence each, grouped by class (by-agent
and agentless passives, nominal events, quote speakers, modality, dates, venues, idioms, multilateral meetings,
domestic sectors), written by an annotator who had not run the coder. A case passes when
``analystkit.evaluate.case_failures`` finds nothing wrong (strict: roles for domestic events, CAMEO root, modality,
dates, no extra events). Cases the coder does not get right yet are listed with what it gets wrong in
tests/cases/constructions_known_misses.tsv and run as strict xfails, so a fix shows up as a failure until the list
is rewritten (``python benchmarks/constructions.py --write-known-misses``, which also prints the pass rates).
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
import yaml

from analystkit import code_text
from analystkit.evaluate import case_failures

from .conftest import case_params

HERE = Path(__file__).parent / "cases"
CASES = yaml.safe_load((HERE / "constructions.yaml").read_text(encoding="utf-8"))
with (HERE / "constructions_known_misses.tsv").open(encoding="utf-8") as f:
    KNOWN_MISSES = {row["id"]: row["what the coder gets wrong"] for row in csv.DictReader(f, delimiter="\t")}


@pytest.mark.parametrize("case", case_params(CASES, KNOWN_MISSES))
def test_construction_case(case, lex) -> None:
    frames = code_text(case["text"], published=case.get("published"), lexicon=lex)
    assert case_failures(case["events"] or [], frames.events) == [], case["text"]


def test_cases_cover_each_class_and_many_regions() -> None:
    classes = Counter(c["construction"] for c in CASES)
    assert len(classes) == 10 and min(classes.values()) >= 6
    assert len({c["id"].split("_")[0] for c in CASES}) >= 8
    assert set(KNOWN_MISSES) <= {c["id"] for c in CASES}
