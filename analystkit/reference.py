"""CAMEO reference tables: codes, Goldstein scores, PLOVER types and quad classes.

The tables are the files in ``analystkit/reference/`` (see its README for origin and licence); this module only
reads them. Each loader is cached, and returns read-only mappings.

Examples:
    >>> tables = reference_tables()
    >>> tables.plover["0874"], tables.goldstein["0874"], tables.quad_class["08"]
    ('RETREAT', 10.0, 2)
    >>> tables.describe("1383")
    'Threaten unconventional violence'
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE",          # verbal cooperation
    "COOPERATE", "AID", "RETREAT",                     # material cooperation
    "REQUEST", "ACCUSE", "REJECT", "THREATEN",         # verbal conflict
    "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",  # material conflict
)
MODALITIES = ("asserted", "alleged", "potential", "planned", "negated")


@dataclass(frozen=True)
class ReferenceTables:
    """The CAMEO lookups the coder and the importers share."""

    descriptions: Mapping[str, str]
    goldstein: Mapping[str, float]
    plover: Mapping[str, str]
    quad_class: Mapping[str, int]

    def describe(self, code: str) -> str:
        return self.descriptions.get(code, "")

    def plover_for(self, code: str) -> str | None:
        """PLOVER type of a CAMEO code, falling back to shorter prefixes (``"1384"`` -> ``"138"``)."""
        for n in range(len(code), 1, -1):
            found = self.plover.get(code[:n])
            if found:
                return found
        return None

    def goldstein_for(self, code: str) -> float | None:
        for n in range(len(code), 1, -1):
            if code[:n] in self.goldstein:
                return self.goldstein[code[:n]]
        return None


def _read(name: str) -> str:
    return resources.files("analystkit").joinpath("reference", name).read_text(encoding="utf-8")


def _tsv(name: str) -> list[list[str]]:
    rows = list(csv.reader(_read(name).splitlines(), delimiter="\t"))
    return [[c.strip() for c in r] for r in rows[1:] if r and r[0].strip()]


def _plover_table() -> dict[str, str]:
    """Parse CAMEO2PLOVER-2021.txt lines ``code: TYPE, mode, context # description``.

    A root line such as ``08: CONCEDE`` and ``08: RETREAT`` names several types for one root; the root itself is
    then ambiguous, and its sub-codes carry the type. Codes listed once keep their type.
    """
    table: dict[str, str] = {}
    ambiguous: set[str] = set()
    for line in _read("CAMEO2PLOVER-2021.txt").splitlines():
        if line.startswith("~"):
            break
        head, sep, rest = line.partition(":")
        if not sep or not head.strip().isdigit():
            continue
        code = head.strip()
        plover = rest.split("#")[0].split(",")[0].strip()
        if code in table and table[code] != plover:
            ambiguous.add(code)
        table.setdefault(code, plover)
    for code in ambiguous:
        del table[code]
    for code, plover, *_ in _tsv("cameo2plover_supplement.tsv"):
        table[code] = plover
    return table


@functools.cache
def reference_tables() -> ReferenceTables:
    """Load (once) and return the reference tables."""
    descriptions = {code: text for code, text in _tsv("CAMEO.eventcodes.txt")}
    goldstein = {code: float(score) for code, score in _tsv("CAMEO.goldsteinscale.txt")}
    quad = {root: int(q) for root, q, *_ in _tsv("quad_class.tsv")}
    return ReferenceTables(
        descriptions=MappingProxyType(descriptions),
        goldstein=MappingProxyType(goldstein),
        plover=MappingProxyType(_plover_table()),
        quad_class=MappingProxyType(quad),
    )
