"""The demonstration corpus: every article loads with a date, and the manifest covers the whole timeline."""

from __future__ import annotations

import csv

import pytest

import analystkit

from .conftest import ROOT

ARTICLES = ROOT / "data" / "articles"
TIMELINE = ROOT / "data" / "samples" / "korea_timeline_2023_2024.tsv"


@pytest.fixture(scope="module")
def corpus(lex):
    return analystkit.code([ARTICLES], lexicon=lex, progress=False)


@pytest.fixture(scope="module")
def manifest() -> list[dict[str, str]]:
    with open(ARTICLES / "manifest.tsv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_every_article_loads_with_a_date(corpus) -> None:
    assert corpus.rejects.empty, corpus.rejects.to_dict("records")
    assert len(corpus.documents) >= 80
    assert corpus.documents["published"].notna().all()
    assert corpus.documents["note"].isna().all()
    assert corpus.documents["source"].notna().all()


def test_three_formats(corpus) -> None:
    paths = corpus.documents["path"]
    assert paths.str.endswith(".txt").sum() > 40
    assert paths.str.endswith(".md").sum() >= 5
    assert paths.str.endswith(".jsonl").sum() >= 5


def test_manifest_covers_every_timeline_row_and_every_file(corpus, manifest) -> None:
    with open(TIMELINE, encoding="utf-8") as fh:
        n_rows = sum(1 for _ in csv.DictReader(fh, delimiter="\t"))
    covered = {int(x) for r in manifest for x in r["timeline_rows"].split(";") if x.strip()}
    assert covered == set(range(1, n_rows + 1))
    files = {p.split("data/articles/")[-1] for p in corpus.documents["path"]}
    listed = {r["file"].split("#")[0] for r in manifest}
    assert files == listed


def test_manifest_dates_match_documents(corpus, manifest) -> None:
    docs = corpus.documents.assign(file=corpus.documents["path"].str.split("data/articles/").str[-1])
    for r in manifest:
        file, _, record = r["file"].partition("#")
        row = docs[(docs["file"] == file) & ((docs["doc_id"] == record) if record else True)]
        assert len(row) == 1, r["file"]
        assert row["published"].iloc[0].date().isoformat() == r["published"], r["file"]


def test_events_spread_over_both_years(corpus) -> None:
    years = corpus.events["date"].dt.year.value_counts()
    assert years.get(2023, 0) > 50 and years.get(2024, 0) > 50
