from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from analystkit.lexicon import SECOND_LEVEL, LexiconError, PhraseIndex, _package_file, load_lexicon, verb_forms
from analystkit.reference import PLOVER_TYPES, reference_tables

UN_MEMBERS = 193


def _records(name: str) -> list[dict]:
    lines = _package_file(name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.startswith("//")]


def test_every_shipped_file_validates() -> None:
    lex = load_lexicon()
    assert lex.counts["actors"] > 1500 and lex.counts["events"] > 300 and lex.counts["roles"] > 80


def test_actor_lexicon_covers_un_members_and_bodies() -> None:
    actors = _records("actors.jsonl")
    states = {r["country"] for r in actors if r["kind"] == "state" and r.get("form") == "name"}
    assert len(states) >= UN_MEMBERS
    patterns = {r["pattern"] for r in actors}
    for name in ["Pyongyang", "Seoul", "Moscow", "Washington", "Beijing", "Tokyo", "Kyiv", "Hanoi", "Manila",
                 "NATO", "IAEA", "ASEAN", "European Union", "Vladimir Putin", "Kim Jong Un", "Kim Yo Jong",
                 "Yoon Suk Yeol", "Xi Jinping", "Sergei Lavrov", "John Kirby"]:
        assert name in patterns, name


def test_event_lexicon_covers_all_roots_and_plover_types() -> None:
    events = _records("events.jsonl")
    tables = reference_tables()
    roots = Counter(str(r["cameo"])[:2] for r in events)
    assert set(roots) == {f"{n:02d}" for n in range(1, 21)}
    types = Counter(tables.plover_for(str(r["cameo"])) for r in events)
    assert set(types) == set(PLOVER_TYPES)
    assert all(r.get("example") for r in events)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"lexicon": "events", "pattern": "zap", "pos": "verb", "cameo": "999"}', "unknown CAMEO code '999'"),
        ('{"lexicon": "events", "pattern": "zap", "pos": "adverb", "cameo": "190"}', "pos 'adverb'"),
        ('{"lexicon": "actors", "pattern": "X", "code": "xx", "name": "X", "kind": "state"}', "uppercase"),
        ('{"lexicon": "actors", "pattern": "X", "code": "XX", "name": "X", "kind": "person", '
         '"valid_from": "2024-01-01", "valid_to": "2020-01-01"}', "is after valid_to"),
        ('{"lexicon": "nonsense", "pattern": "x"}', "field 'lexicon' must be one of"),
        ('{"lexicon": "events", "pattern": "zap"', "not valid JSON"),
    ],
)
def test_malformed_user_lexicon_names_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    f = tmp_path / "mine.jsonl"
    f.write_text('{"lexicon": "roles", "pattern": "sailors", "role": "MIL"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load_lexicon(f)
    assert f"{f}:2:" in str(err.value) and message in str(err.value)


def test_user_lexicon_adds_and_overrides(tmp_path: Path) -> None:
    from analystkit import code_text

    text = "Ruritania condemned Freedonia. Seoul zorched Tokyo."
    assert len(code_text(text, published="2024-01-01").events) == 0
    f = tmp_path / "mine.yaml"
    f.write_text(
        "- {lexicon: actors, pattern: Ruritania, code: RUR, name: Ruritania, kind: state, country: RUR}\n"
        "- {lexicon: actors, pattern: Freedonia, code: FRE, name: Freedonia, kind: state, country: FRE}\n"
        "- {lexicon: events, pattern: zorch, pos: verb, cameo: '190', example: 'A zorched B.'}\n",
        encoding="utf-8")
    ev = code_text(text, published="2024-01-01", lexicon=str(f)).events
    assert ev[["source_code", "target_code", "plover"]].values.tolist() == [
        ["RUR", "FRE", "ACCUSE"], ["KORGOV", "JPNGOV", "ASSAULT"]]


def test_verb_inflection() -> None:
    irregular = load_lexicon().irregular
    assert verb_forms("deny", irregular) >= {"denies", "denied", "denying"}
    assert verb_forms("urge", irregular) >= {"urges", "urged", "urging"}
    assert verb_forms("veto", irregular) >= {"vetoes", "vetoed", "vetoing"}
    assert verb_forms("fly", irregular) >= {"flies", "flew", "flown", "flying"}
    assert verb_forms("plan", irregular) >= {"planned", "planning"}


def test_phrase_index_second_level_keeps_order_and_ties() -> None:
    # enough phrases under "Republic" for the second-word index; equal matches keep the order they were added in
    index = PhraseIndex(lowercase=False)
    words = [f"W{n}" for n in range(SECOND_LEVEL + 2)]
    index.add((frozenset({"Republic"}),), "one word")
    for w in words:
        index.add((frozenset({"Republic"}), frozenset({"of"}), frozenset({w})), f"of {w}")
    index.add((frozenset({"Republic"}), None, frozenset({"W3"})), "gap W3")
    index.add((frozenset({"Republic"}), frozenset({"of", "de"}), frozenset({"W3"})), "of/de W3")
    keys = "the Republic of W3 said".split()
    assert index.longest(keys, 1) == (4, ["of W3", "gap W3", "of/de W3"])
    assert index.longest("Republic de W3".split(), 0) == (3, ["gap W3", "of/de W3"])
    assert index.longest("Republic said".split(), 0) == (1, ["one word"])
    assert index.match(keys, 1, present=set(keys)) == [(2, "one word"), (4, "of W3"), (4, "gap W3"),
                                                       (4, "of/de W3")]
    index.add((frozenset({"Republic"}), frozenset({"of"}), frozenset({"W3"})), "added later")  # the index follows
    assert index.longest(keys, 1) == (4, ["of W3", "gap W3", "of/de W3", "added later"])


def test_gap_phrases_need_their_last_word_after_the_first() -> None:
    index = PhraseIndex(lowercase=True)
    index.add((frozenset({"launched"}), None, frozenset({"missile"})), "launch ~ missile")
    assert index.longest("north korea launched a ballistic missile .".split(), 2) == (6, ["launch ~ missile"])
    assert index.longest("the missile was launched at dawn".split(), 3) == (3, [])


def test_mention_starts_cover_every_first_word() -> None:
    lex = load_lexicon()
    for index in (lex.actors, lex.folded, lex.roles, lex.references, lex.places):
        assert all(word.lower() in lex.mention_starts for word in index._by_first)


def test_phrase_index_public_api(lex) -> None:
    """Modules read an index through first_words, one_word() and payloads(), not its internals."""
    assert "fire" in lex.events.first_words and "zzzq" not in lex.events.first_words
    said = {w for w, cue in lex.cues.one_word() if cue.kind == "report"}
    assert {"said", "told"} <= said
    codes = {e.code for payload in lex.actors.payloads() for e in payload}
    assert {"RUS", "PRK", "IGOUNO"} <= codes
