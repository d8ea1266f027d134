"""Shared fixtures: the lexicon and the seed article's frames, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

import analystkit
from analystkit.lexicon import Lexicon, load_lexicon

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_51873e8f3dd15e3f.txt"


@pytest.fixture(scope="session")
def lex() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="session")
def seed_frames(lex: Lexicon) -> analystkit.Frames:
    return analystkit.code([SEED], lexicon=lex)


def triples(frames: analystkit.Frames) -> list[tuple[str, str, str]]:
    """(source country or code, target country or code, PLOVER type) of every event."""
    ev = frames.events
    src = ev["source_country"].fillna(ev["source_code"])
    tgt = ev["target_country"].fillna(ev["target_code"]).fillna("")
    return sorted(zip(src, tgt, ev["plover"], strict=True))


def case_params(cases: list[dict], known_misses: dict[str, str]) -> list:
    """Table cases as pytest params; a known miss is a strict xfail with its reason (fixing it fails the suite)."""
    return [pytest.param(c, id=c["id"], marks=[pytest.mark.xfail(strict=True, reason=known_misses[c["id"]])]
                         if c["id"] in known_misses else []) for c in cases]
