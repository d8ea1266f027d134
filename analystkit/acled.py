"""Import ACLED CSV exports into the frames contract.

:func:`read_acled` reads ACLED exports (comma-, semicolon- or tab-separated, with a header; plain or a ``.zip``
holding one file) given as files, folders or glob patterns. Column names are matched case-insensitively; the
current public columns (event_id_cnty, event_date, ..., fatalities, tags, timestamp, iso3) and older layouts
(without disorder_type, civilian_targeting, tags, timestamp or iso3; ``ally_actor_1`` for ``assoc_actor_1``; no
sub_event_type before 2019) all read. A file whose header lacks event_id_cnty, event_date, event_type or actor1 is
not an ACLED export and raises :class:`~analystkit.gdelt.ImportFormatError`.

What each record becomes (``origin`` "acled"; nothing ACLED lacks is invented):

- ``event_id`` and ``doc_id`` "acled:<event_id_cnty>"; ``date`` event_date (YYYY-MM-DD, "15 June 2023",
  "15-June-2023" or day-first "15/06/2023"), ``date_precision`` from time_precision (1 day, 2 week, 3 month);
- CAMEO code and PLOVER type from ``reference/acled2cameo.tsv`` (sub_event_type, or event_type when there is
  none); ``goldstein`` from the CAMEO code, ``quad_class`` from its root (the coder's tables). A type the table
  maps to no CAMEO code ("Other", "Change to group/activity") sends the row to ``rejects`` with that reason;
- the events contract has no column for ACLED's own typology, so ``trigger`` keeps it ("ACLED: Battles / Armed
  clash") and ``evidence`` keeps the notes; ``incident_type`` (a closed theatre vocabulary) stays null;
- actors: ``source_name``/``target_name`` are ACLED's actor1/actor2 verbatim. The country is the first state the
  actors lexicon finds in the name ("Military Forces of Ukraine (2019-)" -> UKR, "Protesters (Kenya)" -> KEN), or
  the row's iso3 when the name contains the row's country; the role comes from the name's ACLED pattern
  ("Military Forces of" MIL, "Police Forces of" COP, "Government of" GOV, "Protesters"/"Rioters"/"Civilians"
  CVL, "Journalists" MED), else the lexicon's entry, else inter1/inter2 (rebel group REB; rioters, protesters,
  civilians CVL). A named group the lexicon knows keeps its code ("Rapid Support Forces" -> SDNREB); otherwise
  the code is country + role (UKRMIL, KEN). An actor the lexicon cannot place keeps its name with null code and
  country. Associated actors are not coded;
- ``location`` "location, admin1, country"; ``modality`` "asserted"; ``confidence`` 1.0.

``documents`` has one row per record (doc_id "acled:<event_id_cnty>", ``source`` ACLED's source column, path the
file; title, url and published null: ACLED gives no publication date; ``text_sha256`` ""). Fatalities fill
``killed_min`` and ``killed_max`` (the same number; injuries ACLED does not give stay null) and are not folded into
participants; :func:`acled_fatalities` also returns them as a side table keyed by ``event_id``.

Malformed rows (a field count unlike the header's, no event_id_cnty or actor1, a repeated event_id_cnty, a bad
event_date, time_precision or fatalities, an unmapped type) go to ``rejects`` with stage "import", ``path``
"FILE:LINE" and the reason. An empty file gives empty frames with every column.

Examples:
    >>> mapping = acled_mapping()
    >>> mapping["Armed clash"].cameo, mapping["Peaceful protest"].plover, mapping["Other"].cameo
    ('190', 'PROTEST', None)
    >>> parse_event_date("15 June 2023"), parse_event_date("2023-06-15"), parse_event_date("2023-02-30")
    (datetime.datetime(2023, 6, 15, 0, 0), datetime.datetime(2023, 6, 15, 0, 0), None)
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import pandas as pd

from .frames import Frames, imported_frames, scope_of
from .gdelt import ImportFormatError, expand_paths, one_line, read_text, split_lines
from .lexicon import Lexicon, load_lexicon
from .reference import _tsv, reference_tables
from .segment import tokenize

__all__ = ["ACLED_REQUIRED", "ImportFormatError", "acled_fatalities", "acled_mapping", "read_acled"]

ACLED_REQUIRED = ("event_id_cnty", "event_date", "event_type", "actor1")
ALIASES = {"ally_actor_1": "assoc_actor_1", "ally_actor_2": "assoc_actor_2"}
PRECISIONS = {"": "day", "1": "day", "2": "week", "3": "month"}
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y", "%d %b %Y", "%d-%b-%Y", "%Y/%m/%d")
# ACLED's actor naming conventions -> CAMEO role (checked in order, at the start of the name)
NAME_ROLES = (
    (re.compile(r"^Military Forces of\b"), "MIL"),
    (re.compile(r"^Police Forces of\b"), "COP"),
    (re.compile(r"^Government of\b"), "GOV"),
    (re.compile(r"^Journalists\b"), "MED"),
    (re.compile(r"^(Protesters|Rioters|Civilians|Refugees/IDPs|Labou?r Group|Students|Farmers|Teachers|"
                r"Health Workers|Women|Prisoners)\b"), "CVL"),
)
# inter1/inter2: numeric codes (to 2023) or their labels (2024 on) -> role; state forces (1) and militias are left
# to the name, since "State forces" covers government, military and police.
INTER_ROLES = {"2": "REB", "rebel group": "REB", "5": "CVL", "rioters": "CVL", "6": "CVL", "protesters": "CVL",
               "7": "CVL", "civilians": "CVL"}
FATALITY_COLUMNS = ("event_id", "fatalities")


class AcledType(NamedTuple):
    """One row of ``reference/acled2cameo.tsv``."""

    acled_type: str
    level: str
    cameo: str | None
    plover: str | None
    reversed: bool
    certainty: str | None
    note: str


@functools.cache
def acled_mapping() -> Mapping[str, AcledType]:
    """ACLED sub-event (and event) types -> CAMEO code and PLOVER type, from ``reference/acled2cameo.tsv``."""
    table = {}
    for acled_type, level, cameo, plover, direction, certainty, note in _tsv("acled2cameo.tsv"):
        table[acled_type] = AcledType(acled_type, level, cameo or None, plover or None, direction == "reversed",
                                      certainty or None, note)
    return MappingProxyType(table)


def parse_event_date(value: str) -> dt.datetime | None:
    """An ACLED event_date in any of its export layouts; None when it cannot be read."""
    value = value.strip()
    if len(value) > 10 and value[10] in "T " and value[4:5] == "-":
        value = value[:10]
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None


class _Actors:
    """Actor name -> (code, country, role), cached per name."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.index = lexicon.actors
        self.cache: dict[str, tuple[Any, str | None, str | None, str | None]] = {}

    def lookup(self, name: str) -> tuple[Any, str | None, str | None, str | None]:
        """(group entry or None, first state's country, role from the name, the group's role)."""
        found = self.cache.get(name)
        if found is None:
            toks = [t.text for t in tokenize(name)]
            group = country = None
            i = 0
            while i < len(toks):
                end, payloads = self.index.longest(toks, i)
                entries = [e for p in payloads for e in p if e.kind != "person"]
                if entries:
                    entry = entries[0]
                    if entry.kind == "state":
                        country = country or entry.country
                    elif group is None:
                        group = entry
                    i = end
                else:
                    i += 1
            role = next((r for pattern, r in NAME_ROLES if pattern.search(name)), None)
            found = (group, country, role, group.role if group else None)
            self.cache[name] = found
        return found

    def actor(self, name: str, inter: str, row_country: str, row_iso3: str
              ) -> tuple[str | None, str | None, str | None, str | None]:
        """(code, name, country, role) of an ACLED actor; all None for a blank name."""
        if not name:
            return None, None, None, None
        group, country, name_role, group_role = self.lookup(name)
        if group is not None:
            country = group.country or country
        if country is None and row_iso3 and row_country and row_country in name:
            country = row_iso3
        role = name_role or group_role or INTER_ROLES.get(inter.strip().lower())
        if group is not None:
            code: str | None = group.code
        elif country is not None:
            code = country + (role or "")
        else:
            code = None
        return code, name, country, role


def _header(text: str, name: str) -> tuple[list[str], str]:
    """(normalised column names, delimiter) of an export; ImportFormatError when it is not ACLED's."""
    first = split_lines(text)[0]
    best: tuple[list[str], str] | None = None
    for delimiter in (",", ";", "\t"):
        cols = [ALIASES.get(c.strip().lower(), c.strip().lower()) for c in next(csv.reader([first],
                                                                                         delimiter=delimiter))]
        if best is None or sum(c in cols for c in ACLED_REQUIRED) > sum(c in best[0] for c in ACLED_REQUIRED):
            best = (cols, delimiter)
    assert best is not None
    missing = [c for c in ACLED_REQUIRED if c not in best[0]]
    if missing:
        raise ImportFormatError(f"{name}: not an ACLED export: the header has no {', '.join(missing)} column"
                                + ("s" if len(missing) > 1 else ""))
    return best


def _import(paths: str | Path | Iterable[str | Path], *, validate: bool, lexicon: Lexicon | None
            ) -> tuple[Frames, pd.DataFrame]:
    files = expand_paths(paths)
    tables = reference_tables()
    mapping = acled_mapping()
    actors: _Actors | None = None
    events: list[tuple[Any, ...]] = []
    documents: list[tuple[Any, ...]] = []
    fatalities: list[tuple[Any, ...]] = []
    rejects: list[tuple[Any, ...]] = []
    seen: dict[str, str] = {}
    for path, named in files:
        name = str(path)
        try:
            text = read_text(path)
            if not text.strip():
                continue
            cols, delimiter = _header(text, name)
        except ImportFormatError as exc:
            if named:
                raise
            rejects.append((None, name, "import", str(exc).removeprefix(f"{name}: ")))
            continue
        if actors is None:
            actors = _Actors(lexicon or load_lexicon())
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        next(reader)
        line = reader.line_num + 1
        for fields in reader:
            where, line = f"{name}:{line}", reader.line_num + 1
            if not fields or not any(f.strip() for f in fields):
                continue
            row_id = fields[cols.index("event_id_cnty")].strip() if len(fields) > cols.index("event_id_cnty") \
                else ""
            doc = f"acled:{row_id}" if row_id else None
            if len(fields) != len(cols):
                rejects.append((doc, where, "import", f"{len(fields)} fields where the header has {len(cols)}"))
                continue
            row = dict(zip(cols, (f.strip() for f in fields), strict=True))
            reason, record = _row(row, doc, where, seen, mapping, tables, actors)
            if reason:
                rejects.append((doc, where, "import", reason))
                continue
            event, deaths = record
            seen[event[0]] = where
            events.append(event)
            fatalities.append((event[0], deaths))
            documents.append((event[1], None, None, row.get("source") or None, None, name, 0, "", None))
    frames = imported_frames(documents, events, rejects, validate=validate)
    table = pd.DataFrame.from_records(fatalities, columns=list(FATALITY_COLUMNS)) if fatalities else \
        pd.DataFrame({c: [] for c in FATALITY_COLUMNS})
    return frames, table.astype({"event_id": "str", "fatalities": "Int64"})


def _row(row: dict[str, str], doc: str | None, where: str, seen: dict[str, str], mapping: Mapping[str, AcledType],
         tables: Any, actors: _Actors) -> tuple[str | None, Any]:
    """(reason, None) for a malformed row, or (None, (event record, fatalities))."""
    if doc is None:
        return "no event_id_cnty", None
    if doc in seen:
        return f"duplicate event_id_cnty {doc[6:]} (first at {seen[doc]})", None
    date = parse_event_date(row["event_date"])
    if date is None:
        return f"bad event_date {one_line(row['event_date'])}", None
    precision = PRECISIONS.get(row.get("time_precision", ""))
    if precision is None:
        return f"bad time_precision {one_line(row['time_precision'])} (expected 1, 2 or 3)", None
    deaths_text = row.get("fatalities", "")
    if deaths_text and not deaths_text.isdigit():
        return f"non-numeric fatalities {one_line(deaths_text)}", None
    if not row["actor1"]:
        return "no actor1", None
    event_type, sub_type = row["event_type"], row.get("sub_event_type", "")
    kind = mapping.get(sub_type) if sub_type else mapping.get(event_type)
    label = " / ".join(t for t in (event_type, sub_type) if t)
    if kind is None:
        return f"ACLED type {one_line(label, 80)} is not in reference/acled2cameo.tsv", None
    if kind.cameo is None:
        return f"ACLED type {one_line(label, 80)} has no CAMEO equivalent (reference/acled2cameo.tsv)", None
    country, iso3 = row.get("country", ""), row.get("iso3", "")
    src = actors.actor(row["actor1"], row.get("inter1", ""), country, iso3)
    tgt = actors.actor(row.get("actor2", ""), row.get("inter2", ""), country, iso3)
    if kind.reversed:
        src, tgt = tgt, src
    cameo = kind.cameo
    places = []
    for part in (row.get("location", ""), row.get("admin1", ""), country):
        if part and part not in places:
            places.append(part)
    deaths = int(deaths_text) if deaths_text else None  # ACLED's fatalities: killed, both bounds
    event = (doc, doc, None, None, None, f"ACLED: {label}", row.get("notes") or None, date, precision,
             *src, *tgt, cameo, cameo[:2], kind.plover or tables.plover_for(cameo), tables.quad_class[cameo[:2]],
             tables.goldstein_for(cameo), None, "asserted", None, None, deaths, deaths, None, None,
             scope_of(src[2], tgt[2]), ", ".join(places) or None, 1.0, "acled")
    return None, (event, deaths)


def read_acled(paths: str | Path | Iterable[str | Path], *, validate: bool = True,
               lexicon: Lexicon | None = None) -> Frames:
    """Read ACLED CSV exports (files, folders, globs) into frames: events (origin "acled"), one document per
    record, and rejects ("FILE:LINE" and the reason); sentences, mentions and exchanges are empty.

    ``lexicon``: the actors lexicon used to place actor names (default: the shipped one). Raises
    :class:`~analystkit.gdelt.ImportFormatError` for a file that is not an ACLED export and
    :class:`~analystkit.corpus.InputError` for a missing path. See the module docstring for the mapping.
    """
    return _import(paths, validate=validate, lexicon=lexicon)[0]


def acled_fatalities(paths: str | Path | Iterable[str | Path], *, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """ACLED's fatalities per imported event: columns event_id, fatalities (nullable int), one row per event of
    :func:`read_acled` on the same paths. Join with ``events.merge(acled_fatalities(paths), on="event_id")``."""
    return _import(paths, validate=False, lexicon=lexicon)[1]
