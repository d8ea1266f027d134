"""Construction cases (tests/cases/constructions.yaml) that pass, per class: the table issue 11 asks for.

    python benchmarks/constructions.py [--failures] [--write-known-misses]

Each case is one sentence coded with the shipped lexicon and compared strictly with
``analystkit.evaluate.case_failures`` (countries and PLOVER type, roles for domestic events, CAMEO root, modality
and dates where the case gives them, and no extra events). The cases were written by an annotator who had not
run the coder; the coder has been developed against them since, so these are development figures. Prints figures;
asserts nothing (tests/test_constructions.py holds the cases as tests). ``--write-known-misses`` rewrites
tests/cases/constructions_known_misses.tsv, the failing cases with what they get wrong, which the tests hold as
strict xfails: a case that starts passing fails the suite until the file is rewritten.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analystkit import code_text, load_lexicon  # noqa: E402
from analystkit.evaluate import case_failures  # noqa: E402

CASES = ROOT / "tests" / "cases" / "constructions.yaml"
KNOWN_MISSES = ROOT / "tests" / "cases" / "constructions_known_misses.tsv"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--failures", action="store_true", help="print what each failing case gets wrong")
    ap.add_argument("--write-known-misses", action="store_true", help=f"rewrite {KNOWN_MISSES.name}")
    args = ap.parse_args()
    lex = load_lexicon()
    cases = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    total: Counter[str] = Counter()
    passed: Counter[str] = Counter()
    misses = []
    for case in cases:
        frames = code_text(case["text"], published=case.get("published"), lexicon=lex)
        problems = case_failures(case["events"] or [], frames.events)
        total[case["construction"]] += 1
        passed[case["construction"]] += not problems
        if problems:
            misses.append(f"{case['id']}\t{'; '.join(problems)}")
            if args.failures:
                print(f"{case['id']}: {'; '.join(problems)}")
    if args.write_known_misses:
        KNOWN_MISSES.write_text("id\twhat the coder gets wrong\n" + "\n".join(misses) + "\n", encoding="utf-8")
    print(f"{'construction':<22} {'cases':>5} {'pass':>5}")
    for name in total:
        print(f"{name:<22} {total[name]:>5} {passed[name]:>5}")
    print(f"{'all':<22} {sum(total.values()):>5} {sum(passed.values()):>5}")


if __name__ == "__main__":
    main()
