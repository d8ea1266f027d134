from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from analystkit.corpus import Document, InputError, Reject, iter_documents, list_files, parse_article

from .conftest import SEED


def _load(*paths: Path) -> tuple[list[Document], list[Reject]]:
    recs = list(iter_documents([str(p) for p in paths]))
    return [r for r in recs if isinstance(r, Document)], [r for r in recs if isinstance(r, Reject)]


def test_seed_layout() -> None:
    (doc,), rejects = _load(SEED)
    assert rejects == []
    assert doc.title == "Tensions Rise as South Korea Fires Warning Shots During Putin's North Korea Visit"
    assert doc.published == dt.date(2024, 6, 20)
    assert doc.text.startswith("Russian President Vladimir Putin thanked")
    assert "minute read" not in doc.text and "Published:" not in doc.text
    assert doc.path == str(SEED)


def test_front_matter(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text("---\ntitle: Talks\npublished: 2024-03-01\nsource: Peninsula Wire\nurl: http://x\n---\n"
                 "Seoul and Tokyo held talks.\n", encoding="utf-8")
    (doc,), _ = _load(f)
    assert (doc.title, doc.published, doc.source, doc.url) == ("Talks", dt.date(2024, 3, 1), "Peninsula Wire", "http://x")
    assert doc.text == "Seoul and Tokyo held talks."


def test_jsonl_ids_and_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join([
        json.dumps({"id": "a1", "text": "Japan protested.", "published": "2024-01-02", "source": "X"}),
        "{not json",
        json.dumps({"id": "a2", "title": "no text"}),
        json.dumps({"text": "China objected.", "published": "2024-01-03"}),
    ]), encoding="utf-8")
    docs, rejects = _load(f)
    assert [d.doc_id for d in docs][0] == "a1"
    assert len(docs[1].doc_id) == 16  # content hash when the record has no id
    assert [r.path for r in rejects] == [f"{f}:2", f"{f}:3"]
    assert "not valid JSON" in rejects[0].reason and "no 'text'" in rejects[1].reason


def test_bom_latin1_binary_empty_and_duplicates(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes("\ufeffT\n\nPublished: 1/2/2024\n\nSeoul protested.".encode("utf-8"))
    (tmp_path / "latin.txt").write_bytes("T\n\nPublished: 1/2/2024\n\nLa délégation française a protesté "
                                         "contre la décision prise à Genève.".encode("latin-1"))
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "dup.txt").write_bytes((tmp_path / "bom.txt").read_bytes()[3:])
    docs, rejects = _load(tmp_path)
    assert sorted(Path(d.path).name for d in docs) == ["bom.txt", "latin.txt"]
    assert "délégation" in next(d for d in docs if d.path.endswith("latin.txt")).text
    reasons = {Path(r.path).name: r.reason for r in rejects}
    assert reasons["bin.txt"].startswith("binary file")
    assert reasons["empty.txt"] == "empty file"
    assert reasons["dup.txt"].startswith("duplicate content of document")
    assert len(docs) + len(rejects) == 5  # nothing is lost


def test_missing_date_is_flagged_not_invented() -> None:
    doc = parse_article("Just a body with no header.\n")
    assert isinstance(doc, Document)
    assert doc.published is None and doc.note and "no publication date" in doc.note


def test_unreadable_date_is_flagged() -> None:
    doc = parse_article("Title\n\nPublished: someday\n\nBody text.")
    assert isinstance(doc, Document) and doc.published is None and "unreadable" in (doc.note or "")


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list_files([tmp_path / "nope"])


def test_folder_is_recursive_and_skips_readme(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_text("T\n\nPublished: 1/2/2024\n\nA.", encoding="utf-8")
    (tmp_path / "README.md").write_text("# about", encoding="utf-8")
    assert [p.name for p in list_files([tmp_path])] == ["x.txt"]
