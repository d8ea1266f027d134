"""Coding throughput, end to end from text files to frames, in one process.

Generates a corpus of news-like articles (default 5 MB) in which no paragraph repeats: sentences are assembled
from the lexicon's real actors and event verbs, the demonstration corpus's own vocabulary, numbers and dates, so
the text is varied the way a feed is. The articles are written as files in the seed layout, then coded with
``analystkit.code`` exactly as the CLI does (reading, segmenting, actors, events, frames with schema checks).

Prints sentences/s, MB/s, events/s, peak resident memory, and the memory the frames themselves hold; with
``--scale`` it also codes half the corpus, so the two peaks show whether memory grows with the corpus beyond the
frames.

    python benchmarks/coding_throughput.py [--mb 5] [--seed 7] [--scale]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEX = ROOT / "analystkit" / "lexicons"


def _vocabulary(rng: random.Random) -> dict[str, list[str]]:
    actors = [json.loads(line) for line in (LEX / "actors.jsonl").read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("//")]
    events = [json.loads(line) for line in (LEX / "events.jsonl").read_text(encoding="utf-8").splitlines()
              if line.strip()]
    words = set()
    for f in (ROOT / "data" / "articles").glob("*.txt"):
        words.update(w for w in re.findall(r"[a-z]{4,}", f.read_text(encoding="utf-8")))
    return {
        "subject": [a["pattern"] for a in actors if a.get("form") in {"name", "capital", "person", "igo"}],
        "demonym": [a["pattern"] for a in actors if a.get("form") == "demonym"],
        "example": [e["example"] for e in events if e.get("example")],
        "words": sorted(words),
    }


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ROLES = ["officials", "troops", "diplomats", "lawmakers", "forces", "authorities", "navy ships", "envoys"]


SYLLABLES = ["ka", "ren", "tol", "mi", "sun", "gar", "ve", "lo", "dan", "hu", "pri", "zet", "ob", "yan", "kor",
             "el", "tis", "mar", "qu", "bor", "ni", "sha", "ul", "dre", "fen", "ga", "wo", "lim", "pek", "ras"]


def _word(rng: random.Random, v: dict[str, list[str]]) -> str:
    """Mostly the corpus's own vocabulary; one word in six a rare coinage (names, places, jargon), as news
    vocabulary has a long tail, so no tokenizer cache sees only familiar words."""
    if rng.random() < 1 / 6:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
    return rng.choice(v["words"])


def _sentence(rng: random.Random, v: dict[str, list[str]]) -> str:
    kind = rng.random()
    a, b = rng.choice(v["subject"]), rng.choice(v["subject"])
    filler = " ".join(_word(rng, v) for _ in range(rng.randint(3, 9)))
    if kind < 0.35:  # a lexicon example with its actors swapped for others
        s = rng.choice(v["example"])
        return re.sub(r"^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*", a, s, count=1)
    if kind < 0.55:
        return (f"{rng.choice(v['demonym'])} {rng.choice(ROLES)} said on {rng.choice(DAYS)} that {a} had "
                f"{filler} near the border with {b}, citing {rng.randint(2, 9999):,} {rng.choice(v['words'])}.")
    if kind < 0.75:
        return (f"In {rng.choice(MONTHS)}, {a} and {b} discussed {filler}, according to a statement "
                f"released {rng.randint(2, 28)} days later.")
    if kind < 0.9:
        return f"Analysts said the {filler} could {rng.choice(v['words'])} {a} by {rng.randint(1990, 2030)}."
    return f"{filler.capitalize()} {rng.choice(v['words'])} {rng.randint(1, 500)} percent."


def generate(folder: Path, megabytes: float, seed: int) -> tuple[int, int]:
    """Write articles totalling ``megabytes`` of UTF-8 text; returns (files, bytes)."""
    rng = random.Random(seed)
    v = _vocabulary(rng)
    seen: set[str] = set()
    target = int(megabytes * 1_000_000)
    total = files = 0
    while total < target:
        paragraphs = []
        for _ in range(rng.randint(4, 9)):
            p = " ".join(_sentence(rng, v) for _ in range(rng.randint(2, 5)))
            if p in seen:
                continue
            seen.add(p)
            paragraphs.append(p)
        date = f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/{rng.randint(2015, 2025)}"
        text = f"Report {files}\n\n2 minute read\nPublished: {date}\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / f"article_{files:06d}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
        files += 1
    return files, total


def run_once(folder: Path) -> dict[str, float]:
    import analystkit

    lexicon = analystkit.load_lexicon()
    start = time.perf_counter()
    frames = analystkit.code([folder], lexicon=lexicon, progress=False)
    seconds = time.perf_counter() - start
    frame_bytes = sum(int(getattr(frames, n).memory_usage(deep=True).sum()) for n in
                      ("documents", "sentences", "mentions", "events", "exchanges", "rejects"))
    return {"seconds": seconds, "documents": len(frames.documents), "sentences": len(frames.sentences),
            "events": len(frames.events), "rejects": len(frames.rejects), "frame_mb": frame_bytes / 1e6,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--scale", action="store_true", help="also code half the corpus to compare peak memory")
    ap.add_argument("--folder", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.folder:  # child process: code one folder, print JSON
        print(json.dumps(run_once(Path(args.folder))))
        return
    tmp = Path(tempfile.mkdtemp(prefix="analystkit-bench-"))
    try:
        sizes = [args.mb / 2, args.mb] if args.scale else [args.mb]
        for mb in sizes:
            folder = tmp / f"{mb:g}mb"
            folder.mkdir()
            files, nbytes = generate(folder, mb, args.seed)
            out = subprocess.run([sys.executable, __file__, "--folder", str(folder)], check=True,
                                 capture_output=True, text=True).stdout
            r = json.loads(out)
            print(f"corpus: {nbytes / 1e6:.2f} MB in {files} files (no paragraph repeats), one process")
            print(f"  coded {r['documents']} documents, {r['sentences']:,} sentences, {r['events']:,} events "
                  f"in {r['seconds']:.2f} s ({r['rejects']} rejects)")
            print(f"  sentences/s: {r['sentences'] / r['seconds']:,.0f}   MB/s: {nbytes / 1e6 / r['seconds']:.2f}   "
                  f"events/s: {r['events'] / r['seconds']:,.0f}")
            print(f"  peak RSS: {r['peak_rss_mb']:.0f} MB   frames in memory: {r['frame_mb']:.0f} MB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
