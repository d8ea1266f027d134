"""Parallel coding gives the frames of one process, row for row: worker processes, Dask, and the CLI flags.

Worker functions live in analystkit.parallel (spawned workers import that module, not this one). The Dask run
happens in a child process with a 60 s timeout, so a stuck cluster fails the test instead of hanging the run.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import analystkit
from analystkit.cli import main
from analystkit.frames import FRAME_NAMES
from analystkit.lexicon import Lexicon
from analystkit.parallel import code_parallel, read_partitioned

from .conftest import ROOT

DUPLICATE_OF = "2023-03-14_freedom-shield-begins.txt"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """seeds/ and data/articles/ copied, with a duplicate (read last, so in another chunk) and a binary file."""
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(ROOT / "seeds", root / "seeds")
    shutil.copytree(ROOT / "data" / "articles", root / "articles")
    shutil.copy(root / "articles" / DUPLICATE_OF, root / "articles" / "zz_duplicate.txt")
    (root / "articles" / "binary.txt").write_bytes(b"\x00\x01\x02 not text \x00")
    return [str(root / "seeds"), str(root / "articles")]


@pytest.fixture(scope="module")
def single(corpus: list[str], lex: Lexicon) -> analystkit.Frames:
    return analystkit.code(corpus, lexicon=lex, progress=False)


def assert_same(a: analystkit.Frames, b: analystkit.Frames) -> None:
    for name in FRAME_NAMES:
        pd.testing.assert_frame_equal(getattr(a, name).reset_index(drop=True), getattr(b, name).reset_index(drop=True),
                                      obj=name)


def test_single_process_reference_has_the_rejects(single: analystkit.Frames) -> None:
    reasons = single.rejects["reason"].tolist()
    assert any(r.startswith("binary file") for r in reasons)
    assert any(r.startswith("duplicate content of document") for r in reasons)
    assert len(single.events) > 100


def test_code_parallel_equals_code(corpus: list[str], single: analystkit.Frames, lex: Lexicon) -> None:
    # small chunks: the duplicate is found in a later chunk than its original
    frames = code_parallel(corpus, workers=2, lexicon=lex, chunk_files=10)
    assert_same(single, frames)


def test_code_parallel_texts_and_duplicates_across_chunks(lex: Lexicon) -> None:
    texts = ["Japan protested to China on Monday.", "", "Seoul urged Moscow to halt arms deals.",
             "Japan protested to China on Monday."]
    one = analystkit.code(texts, lexicon=lex, published="2024-06-20")
    many = code_parallel(texts, workers=2, lexicon=lex, published="2024-06-20", chunk_files=1)
    assert_same(one, many)
    assert len(many.rejects) == 2


def test_code_dask_local_equals_code(corpus: list[str], single: analystkit.Frames, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    script = ("from analystkit.parallel import code_dask\n"
              "if __name__ == '__main__':\n"
              f"    code_dask({corpus!r}, scheduler='local', out={str(out)!r}, partition_files=30)\n")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert time.perf_counter() - started < 60
    assert sorted(p.name for p in (out / "events").iterdir())[:2] == ["part-00000.parquet", "part-00001.parquet"]
    assert_same(single, read_partitioned(out))


def test_cli_workers(corpus: list[str], single: analystkit.Frames, tmp_path: Path) -> None:
    out = tmp_path / "frames"
    result = CliRunner().invoke(main, ["code", *corpus, "--out", str(out), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert f"documents: {len(single.documents)}" in result.output
    assert_same(single, analystkit.read_frames(out))


def test_cli_scheduler_local(corpus: list[str], single: analystkit.Frames, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["code", *corpus, "--out", str(out), "--scheduler", "local"])
    assert time.perf_counter() - started < 60
    assert result.exit_code == 0, result.output
    assert f"events: {len(single.events)}" in result.output and "part-NNNNN" in result.output
    assert_same(single, read_partitioned(out))


def test_cli_workers_must_be_positive(corpus: list[str], tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["code", *corpus, "--out", str(tmp_path / "o"), "--workers", "0"])
    assert result.exit_code == 2
