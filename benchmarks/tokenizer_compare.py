"""Why the coder does not sit on spaCy: tokenizing alone, spaCy's blank English pipeline against analystkit's.

Uses the same generated corpus as coding_throughput.py (no paragraph repeats). Times, on one core:
- spaCy ``spacy.blank("en")`` with a sentencizer, ``nlp.pipe`` over the paragraphs (tokens and sentences only);
- analystkit's ``split_sentences`` + ``tokenize`` over the same paragraphs;
- analystkit's whole coder (``code``) for reference.
spaCy is not a dependency of analystkit; install it (``pip install spacy``) to run the comparison.

    python benchmarks/tokenizer_compare.py [--mb 2]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from coding_throughput import generate


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=2.0)
    args = ap.parse_args()
    try:
        import spacy
    except ImportError:
        print("spaCy is not installed: pip install spacy, then run again")
        return
    import analystkit
    from analystkit.corpus import Document, iter_documents
    from analystkit.segment import split_sentences, tokenize

    tmp = Path(tempfile.mkdtemp(prefix="analystkit-tok-"))
    try:
        generate(tmp, args.mb, seed=11)
        paragraphs = [p for d in iter_documents([tmp]) if isinstance(d, Document) for p in d.text.split("\n\n")]
        nbytes = sum(len(p.encode("utf-8")) for p in paragraphs)

        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        start = time.perf_counter()
        n_tok = n_sent = 0
        for doc in nlp.pipe(paragraphs, batch_size=256):
            n_tok += len(doc)
            n_sent += sum(1 for _ in doc.sents)
        spacy_s = time.perf_counter() - start

        start = time.perf_counter()
        a_tok = a_sent = 0
        for p in paragraphs:
            for s in split_sentences(p):
                a_sent += 1
                a_tok += len(tokenize(s.text, s.start))
        ours_s = time.perf_counter() - start

        # spaCy doing only the matching part of the job: actors through an EntityRuler, event triggers through a
        # PhraseMatcher on lowercase forms (every inflection spelled out, gaps dropped); no argument logic at all.
        import json

        from spacy.matcher import PhraseMatcher

        from analystkit.lexicon import _package_file, load_lexicon, verb_forms

        lexicon = load_lexicon()
        ruler_nlp = spacy.blank("en")
        ruler_nlp.add_pipe("sentencizer")
        ruler = ruler_nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
        actors = [json.loads(x) for x in _package_file("actors.jsonl").read_text(encoding="utf-8").splitlines() if x]
        ruler.add_patterns([{"label": "ACTOR", "pattern": a["pattern"]} for a in actors])
        matcher = PhraseMatcher(ruler_nlp.vocab, attr="LOWER")
        phrases = set()
        for e in (json.loads(x) for x in _package_file("events.jsonl").read_text(encoding="utf-8").splitlines() if x):
            words = [w for w in e["pattern"].split() if w != "~"]
            forms = verb_forms(words[0], lexicon.irregular) if e["pos"] == "verb" else {words[0]}
            phrases.update(" ".join([f, *words[1:]]) for f in forms)
        matcher.add("EVENT", list(ruler_nlp.tokenizer.pipe(sorted(phrases))))
        start = time.perf_counter()
        m_sent = n_ents = n_hits = 0
        for doc in ruler_nlp.pipe(paragraphs, batch_size=256):
            m_sent += sum(1 for _ in doc.sents)
            n_ents += len(doc.ents)
            n_hits += len(matcher(doc))
        match_s = time.perf_counter() - start

        lex = analystkit.load_lexicon()
        start = time.perf_counter()
        frames = analystkit.code([tmp], lexicon=lex, progress=False)
        code_s = time.perf_counter() - start

        print(f"corpus: {nbytes / 1e6:.2f} MB, {len(paragraphs):,} paragraphs (spaCy {spacy.__version__})")
        print(f"spaCy blank('en') + sentencizer: {n_tok / spacy_s:,.0f} tokens/s, {n_sent / spacy_s:,.0f} sentences/s "
              f"({spacy_s:.2f} s, tokenizing only)")
        print(f"analystkit segment + tokenize:    {a_tok / ours_s:,.0f} tokens/s, {a_sent / ours_s:,.0f} sentences/s "
              f"({ours_s:.2f} s)")
        print(f"spaCy + EntityRuler ({len(actors):,} actor patterns) + PhraseMatcher ({len(phrases):,} trigger forms): "
              f"{m_sent / match_s:,.0f} sentences/s ({match_s:.2f} s, {n_ents:,} actor spans, {n_hits:,} triggers; "
              f"matching only, no arguments, no frames)")
        print(f"analystkit whole coder:           {len(frames.sentences) / code_s:,.0f} sentences/s "
              f"({code_s:.2f} s, actors, events and validated frames included)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
