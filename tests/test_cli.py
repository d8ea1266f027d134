from __future__ import annotations

from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from analystkit.cli import main

from .conftest import ROOT, SEED


def test_code_writes_all_frames_and_summary(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bad.txt").write_bytes(b"\x00\x00binary")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["code", str(SEED), str(tmp_path / "in"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"{n}.parquet" for n in
                           ["documents", "sentences", "mentions", "events", "exchanges", "rejects"])
    assert "documents: 1" in result.output and "rejects: 1" in result.output
    assert "events by PLOVER type:" in result.output
    rejects = pd.read_parquet(out / "rejects.parquet")
    assert rejects["reason"].str.startswith("binary file").all()


def test_missing_path_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["code", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [f"error: {tmp_path / 'nope.txt'}: no such file or folder"]


def test_all_rejected_exits_1_but_writes_frames(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["code", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert (tmp_path / "o" / "rejects.parquet").exists()
    assert "no document could be coded" in result.output


def test_malformed_lexicon_is_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "mine.jsonl"
    bad.write_text('{"lexicon": "events", "pattern": "x", "pos": "verb", "cameo": "7777"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["code", str(SEED), "--out", str(tmp_path / "o"), "--lexicon", str(bad)])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {bad}:1: unknown CAMEO code '7777'"


def test_evaluate_prints_scores(tmp_path: Path) -> None:
    out = tmp_path / "o"
    CliRunner().invoke(main, ["code", str(SEED), "--out", str(out)])
    result = CliRunner().invoke(main, ["evaluate", "--gold", str(ROOT / "data" / "gold" /
                                                                 "000_51873e8f3dd15e3f.gold.yaml"),
                                       "--pred", str(out), "--misses"])
    assert result.exit_code == 0, result.output
    assert "overall: precision" in result.output and "on matched events: date" in result.output


def test_lexicon_command(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["lexicon"])
    assert result.exit_code == 0 and "events" in result.output and "in use" in result.output


def test_lexicon_unused_lists_patterns_that_never_fired(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Japan protested to China on Monday over the drills. Seoul expelled two Russian diplomats.",
                   encoding="utf-8")
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["code", str(doc), "--out", str(out), "--published", "2024-06-20"]).exit_code == 0
    result = CliRunner().invoke(main, ["lexicon", "--unused", str(out)])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    never = [line.split(None, 3)[3] for line in lines[:-1]]
    assert "expel ~ diplomat" not in never and "impose ~ sanctions" in never
    assert lines[-1].endswith("did)") and "never started an event" in lines[-1]
    bad = CliRunner().invoke(main, ["lexicon", "--unused", str(tmp_path / "missing")])
    assert bad.exit_code != 0 and "no such frames folder" in bad.output


def test_published_dates_files_without_a_date(tmp_path: Path) -> None:
    doc = tmp_path / "undated.txt"
    doc.write_text("Japan protested to China on Monday over the drills.", encoding="utf-8")
    dated = tmp_path / "dated.md"
    dated.write_text("---\ntitle: x\npublished: 2023-01-05\n---\nJapan protested to China.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["code", str(doc), str(dated), "--out", str(out), "--published", "2024-06-20"])
    assert result.exit_code == 0, result.output
    import pandas as pd

    docs = pd.read_parquet(out / "documents.parquet").set_index("path")
    assert str(docs.loc[str(doc), "published"].date()) == "2024-06-20"
    assert str(docs.loc[str(dated), "published"].date()) == "2023-01-05"  # a document's own date wins
    events = pd.read_parquet(out / "events.parquet")
    assert str(events.sort_values("date")["date"].dt.date.tolist()[-1]) == "2024-06-17"  # "on Monday"


def test_unreadable_published_date_stops_with_one_line(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Japan protested to China on Monday.", encoding="utf-8")
    result = CliRunner().invoke(main, ["code", str(doc), "--out", str(tmp_path / "o"), "--published", "2024-13-01"])
    assert result.exit_code == 2 and "--published 2024-13-01: not a date" in result.output


def test_api_mistyped_path_is_an_error_and_legacy_encodings_are_noted(tmp_path: Path) -> None:
    import pytest as _pytest

    from analystkit import code

    with _pytest.raises(FileNotFoundError, match="nosuch.txt: no such file or folder"):
        code(["nosuch.txt"], progress=False)
    latin = tmp_path / "lima.txt"
    latin.write_bytes("La policía dispersó a los manifestantes en Lima.".encode("cp1252"))
    frames = code([latin], progress=False)
    assert "policía" in frames.sentences["text"].iloc[0]
    assert "decoded as cp1252, not UTF-8" in frames.documents["note"].iloc[0]
