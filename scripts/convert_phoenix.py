"""Convert the Phoenix / PETRARCH-2 dictionaries into the lexicon files the package ships.

    python scripts/convert_phoenix.py [SHARED_PETRARCH2_FOLDER]   (default: ../shared/data/petrarch2)

Reads the actor dictionaries (countries with dated leaders, international organisations, militant and non-state
groups), the agents dictionary and the PETRARCH-2 verb dictionary with :mod:`analystkit.petrarch`, turns them into
records with :mod:`analystkit.phoenix`, and writes ``analystkit/lexicons/phoenix/{actors,roles,events}.jsonl``
beside the dictionaries' MIT licence. Runs need only the converted files, never the shared folder.

The project's own entries win where both exist: a Phoenix person whose name the project's actor files hold
(any spelling, case aside) is left out whole, so that person's dated offices come from one place; a Phoenix
phrase that names a state, an organisation or a group the project's files hold is left out; roles and event
patterns with the project's own key are replaced at load time. Multinational companies (the MNC part of the
international file) are left out: they are rarely the actors of political events and collide with common words.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analystkit.lexicon import _read_records, known_countries  # noqa: E402
from analystkit.petrarch import read_dictionary  # noqa: E402
from analystkit.phoenix import actor_records, agent_records, verb_records  # noqa: E402
from analystkit.reference import reference_tables  # noqa: E402

ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
AGENT_FILE = "Phoenix.agents.txt"
VERB_FILE = "CAMEO.2.0.txt"
OUT = ROOT / "analystkit" / "lexicons" / "phoenix"


def own_actor_phrases() -> set[str]:
    phrases = set()
    for path in sorted((ROOT / "analystkit" / "lexicons").glob("actors*.jsonl")):
        phrases.update(str(r["pattern"]).upper() for _, r in _read_records(path))
    return phrases


def main(shared: Path) -> None:
    if not shared.is_dir():
        sys.exit(f"{shared}: no such folder (pass the folder holding the PETRARCH2 dictionaries)")
    countries = set(known_countries())
    own = own_actor_phrases()
    tables = reference_tables()
    valid = {c for c in tables.descriptions if tables.plover_for(c) is not None}
    out: dict[str, list[dict]] = {"actors": [], "roles": [], "events": []}
    report: Counter[str] = Counter()
    for name in ACTOR_FILES:
        d = read_dictionary(shared / name, "actors")
        for actor in d.records:
            if actor.dated and own & set(actor.phrases):
                report["people the project already holds (left out whole)"] += 1
                continue
            for table, record in actor_records(actor, countries, source="phoenix", cautious=True):
                if record["pattern"] in own:
                    report["phrases the project already holds"] += 1
                    continue
                if record["code"].startswith("MNC"):
                    report["multinational companies"] += 1
                    continue
                record["note"] = f"{name}: {record['note']}"
                out[table].append(record)
    skip_agents = frozenset(line.strip() for line in (ROOT / "scripts" / "phoenix_skip_agents.txt").read_text(
        encoding="utf-8").splitlines() if line.strip() and not line.startswith("#"))
    for table, record in (rec for a in read_dictionary(shared / AGENT_FILE, "agents").records
                          for rec in agent_records(a, source="phoenix")):
        if record["pattern"] in skip_agents:
            report["agents that name events, not actors (phoenix_skip_agents.txt)"] += 1
            continue
        out[table].append(record)
    skipped: Counter[str] = Counter()
    skip_verbs = frozenset(line.strip() for line in (ROOT / "scripts" / "phoenix_skip_verbs.txt").read_text(
        encoding="utf-8").splitlines() if line.strip() and not line.startswith("#"))
    for table, record in verb_records(read_dictionary(shared / VERB_FILE, "verbs"), valid, source="phoenix",
                                      skipped=skipped, cautious=True, skip_verbs=skip_verbs):
        out[table].append(record)
    OUT.mkdir(parents=True, exist_ok=True)
    for table, records in out.items():
        seen: dict[tuple, dict] = {}
        for r in records:  # one record per key, the last wins (as the loader would)
            key = (r["pattern"], r.get("valid_from"), r.get("code")) if table == "actors" else \
                (r["pattern"], r.get("pos"))
            seen[key] = r
        with (OUT / f"{table}.jsonl").open("w", encoding="utf-8") as f:
            f.write(f"// {table} converted from the Phoenix / PETRARCH-2 dictionaries (MIT, see LICENSE) by "
                    f"scripts/convert_phoenix.py; do not edit by hand\n")
            for r in seen.values():
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{table}: {len(seen):,} records")
    shutil.copyfile(shared / "LICENSE", OUT / "LICENSE")
    for reason, n in sorted((report + skipped).items()):
        print(f"left out: {reason}: {n:,}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "petrarch2")
