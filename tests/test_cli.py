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
