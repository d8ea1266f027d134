from __future__ import annotations

from pathlib import Path

import pytest

from analystkit.evaluate import GoldError, evaluate, load_gold, score_document

from .conftest import ROOT


def _g(src, tgt, plover, *, essential=True, sentence="S.", modality="asserted"):
    return {"source_country": src, "target_country": tgt, "plover": plover, "essential": essential,
            "sentence": sentence, "cameo": "042", "modality": modality, "date": "2024-06-20"}


def _p(src, tgt, plover, *, evidence="S.", modality="asserted"):
    return {"source_country": src, "source_code": src, "target_country": tgt, "target_code": tgt,
            "plover": plover, "evidence": evidence, "cameo_root": "04", "modality": modality,
            "date": "2024-06-20"}


def test_counts_by_hand() -> None:
    gold = [_g("RUS", "PRK", "CONSULT"), _g("PRK", "RUS", "CONSULT"), _g("USA", "RUS", "ACCUSE", essential=False)]
    pred = [_p("RUS", "PRK", "CONSULT", modality="planned"), _p("USA", "RUS", "ACCUSE"), _p("KOR", "JPN", "AID")]
    s = score_document(gold, pred)
    assert (s.matched, s.matched_essential, s.predicted, s.gold_essential) == (2, 1, 3, 2)
    assert s.precision == pytest.approx(2 / 3) and s.recall == pytest.approx(1 / 2)
    assert s.modality_acc == pytest.approx(1 / 2)
    assert [k for k, _ in s.misses] == ["missed", "spurious"]


def test_same_sentence_pairs_first() -> None:
    gold = [_g("RUS", "PRK", "CONSULT", sentence="A.", modality="planned"),
            _g("RUS", "PRK", "CONSULT", sentence="B.")]
    pred = [_p("RUS", "PRK", "CONSULT", evidence="B.")]
    assert score_document(gold, pred).modality_acc == 1.0


def test_igo_without_country_matches_on_code() -> None:
    gold = [{"source_country": "RUS", "target": "IGOUNO", "target_country": None, "plover": "REJECT"}]
    pred = [{"source_country": "RUS", "target_code": "IGOUNO", "target_country": None, "plover": "REJECT"}]
    assert score_document(gold, pred).matched == 1


def test_bad_gold_file_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "x.gold.yaml"
    bad.write_text("events: 3\n", encoding="utf-8")
    with pytest.raises(GoldError, match="x.gold.yaml"):
        load_gold(tmp_path)


def test_all_shipped_gold_files_load() -> None:
    docs = load_gold(ROOT / "data" / "gold")
    assert any(d["document"] == "seeds/000_51873e8f3dd15e3f.txt" for d in docs)
    for d in docs:
        for e in d["events"]:
            assert e["plover"] and e["modality"] in {"asserted", "alleged", "potential", "planned", "negated"}
            assert isinstance(e["cameo"], str), (d["_file"], e)


def test_seed_meets_quality_bar(seed_frames) -> None:
    """Issue 2's bar for the seed article: recall >= 0.9 and precision >= 0.85 against the hand gold."""
    table, total = evaluate(ROOT / "data" / "gold" / "000_51873e8f3dd15e3f.gold.yaml", seed_frames.events,
                            documents=seed_frames.documents.assign(path="seeds/000_51873e8f3dd15e3f.txt"))
    assert total.recall >= 0.9, [m for m in total.misses if m[0] == "missed"]
    assert total.precision >= 0.85, [m for m in total.misses if m[0] == "spurious"]


def _held_out(lex, name: str):
    import analystkit

    folder = ROOT / "tests" / "fixtures" / name
    frames = analystkit.code([folder], lexicon=lex, progress=False)
    return evaluate(folder, frames.events, documents=frames.documents.assign(
        path=frames.documents["path"].str.replace(str(ROOT) + "/", "", regex=False)))


def test_other_theatres_held_out(lex) -> None:
    """Six articles from other theatres (tests/fixtures/other_theatres), annotated by someone who never saw the
    coder and never used to tune it. Measured before the dictionaries change at lenient precision 0.89, recall
    0.33 (strict 0.43, 0.27), and after it at lenient 0.77, 0.36 (strict 0.39, 0.31): the floors guard against
    regressions; they are not targets, and the set is never tuned on."""
    table, total = _held_out(lex, "other_theatres")
    assert len(table) == 6 and total.gold_essential >= 50
    assert total.precision >= 0.7 and total.recall >= 0.33, (total.precision, total.recall)
    assert total.strict.recall >= 0.28, total.strict.recall


def test_world_held_out(lex) -> None:
    """Forty articles from 28 theatres (tests/fixtures/heldout_world), written and annotated before the
    dictionaries change and never tuned on. Before the change: strict recall 0.086 at precision 0.57, lenient
    0.090 at 0.65; after it: strict 0.120 at 0.40, lenient 0.150 at 0.61; after the constructions work: strict
    0.154 at 0.40, lenient 0.204 at 0.68. Floors guard against regressions."""
    table, total = _held_out(lex, "heldout_world")
    assert len(table) == 40 and total.gold_essential == 500
    assert total.recall >= 0.18 and total.precision >= 0.60, (total.precision, total.recall)
    assert total.strict.recall >= 0.14, total.strict.recall


def test_world_held_out_2(lex) -> None:
    """Forty articles from 40 theatres (tests/fixtures/heldout_world2), written and annotated by helpers who never
    saw the coder, after the constructions changes and before they were measured; never tuned on. The code before
    the constructions work: strict recall 0.114 at precision 0.27, lenient 0.150 at 0.53; after it: strict 0.170
    at 0.31, lenient 0.219 at 0.63. Floors guard against regressions."""
    table, total = _held_out(lex, "heldout_world2")
    assert len(table) == 40 and total.gold_essential == 306
    assert total.recall >= 0.19 and total.precision >= 0.57, (total.precision, total.recall)
    assert total.strict.recall >= 0.14, total.strict.recall


def test_strict_reading() -> None:
    gold = [_g("RUS", "PRK", "CONSULT", sentence="Putin met Kim."),
            _g("USA", "RUS", "ACCUSE", essential=False, sentence="Washington criticised Moscow.")]
    pred = [_p("RUS", "PRK", "CONSULT", evidence="PYONGYANG, June 19 — Putin met Kim."),  # dateline kept: contained
            _p("USA", "RUS", "ACCUSE", evidence="Washington criticised Moscow."),       # debatable: not absorbed
            _p("RUS", "PRK", "CONSULT", evidence="Another sentence.")]                  # no fallback across sentences
    lenient, strict = score_document(gold, pred), score_document(gold, pred, strict=True)
    assert (lenient.matched, lenient.predicted) == (2, 3)
    assert (strict.matched, strict.predicted, strict.gold_essential) == (1, 3, 1)
    assert strict.precision == pytest.approx(1 / 3) and strict.recall == 1.0


def test_strict_domestic_needs_roles() -> None:
    gold = [{"source": "KENCOP", "source_country": "KEN", "target": "KENOPP", "target_country": "KEN",
             "plover": "ASSAULT", "sentence": "S.", "essential": True}]
    right = [{"source_code": "KENCOP", "source_country": "KEN", "target_code": "KENOPP", "target_country": "KEN",
              "plover": "ASSAULT", "evidence": "S."}]
    wrong = [dict(right[0], source_code="KENGOV")]
    assert score_document(gold, right, strict=True).matched == 1
    assert score_document(gold, wrong, strict=True).matched == 0
    assert score_document(gold, wrong).matched == 1  # the lenient reading compares countries only
