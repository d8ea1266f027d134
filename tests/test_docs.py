"""The README documents every public name and CLI verb; the two commands are there."""

from __future__ import annotations

import analystkit
from analystkit.cli import main

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_public_names_are_documented() -> None:
    missing = [n for n in analystkit.__all__ if not n.startswith("__") and f"`{n}`" not in README]
    assert missing == []


def test_cli_verbs_are_documented() -> None:
    missing = [verb for verb in main.commands if f"analystkit {verb}" not in README]
    assert missing == []


def test_the_two_commands() -> None:
    assert "make run" in README and "make test" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_every_public_function_has_an_example() -> None:
    for name in ["code", "code_text", "load_lexicon", "empty"]:
        obj = getattr(analystkit, name)
        doc = (obj.__doc__ or "") + (__import__(obj.__module__, fromlist=["x"]).__doc__ or "")
        assert ">>>" in doc, name
