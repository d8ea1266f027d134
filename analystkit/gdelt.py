"""Import GDELT event exports (1.0 daily, 2.0 15-minute) into the frames contract.

:func:`read_gdelt` reads tab-separated GDELT event files, plain or zipped (a ``.zip`` holding one file), given as
files, folders (read recursively: ``*.csv``, ``*.tsv``, ``*.txt``, ``*.zip``) or glob patterns. Each file's layout
is detected from its column counts: 57 or 58 columns (1.0 daily, before and after SOURCEURL was added in April
2013; one file may hold both) or 61 (2.0, which adds the three ADM2 fields). A header line starting with
``GLOBALEVENTID`` is skipped. Every column is read as a string, so CAMEO codes keep their leading zeros.

What each event becomes (``origin`` "gdelt"; nothing GDELT lacks is invented):

- ``event_id`` "gdelt:<GLOBALEVENTID>"; ``doc_id`` the SOURCEURL, or "gdelt:<GLOBALEVENTID>" when there is none;
- ``date`` SQLDATE (``date_precision`` "day"); source/target code, name, country (GDELT's 3-letter CAMEO country
  codes, kept) and role (Actor1Type1Code / Actor2Type1Code);
- ``cameo_code`` EventCode, ``cameo_root`` EventRootCode, ``plover`` from the coder's CAMEO -> PLOVER table
  (:meth:`~analystkit.reference.ReferenceTables.plover_for`; null for codes PLOVER leaves out, such as 010),
  ``quad_class`` and ``goldstein`` as GDELT gives them (QuadClass, GoldsteinScale);
- ``location`` ActionGeo_FullName; ``modality`` "asserted"; ``confidence`` 1.0; trigger, evidence, sentence
  offsets, participants and incident_type null.

``documents`` has one row per distinct ``doc_id``: url = SOURCEURL (null without one), path = the file,
``published`` = DATEADDED (YYYYMMDD or YYYYMMDDHHMMSS, UTC; the earliest when several events share a URL); GDELT
holds no text, so title and source are null, ``n_sentences`` is 0 and ``text_sha256`` is "".

The events contract has no column for NumMentions, NumSources and NumArticles: :func:`gdelt_counts` returns them
as a side table keyed by ``event_id`` (``events.merge(gdelt_counts(paths), on="event_id")``).

A malformed row (wrong column count, a GLOBALEVENTID that is not a number or repeats, a bad SQLDATE, EventCode,
QuadClass, GoldsteinScale or count) goes to ``rejects`` with stage "import", ``path`` "FILE:LINE" and the
reason. A file that is not a GDELT event export at all raises :class:`ImportFormatError` with one line naming
the file; an empty file gives empty frames with every column.

Examples:
    >>> row = ["1", "20240620"] + [""] * 23 + ["1", "042", "042", "04", "1", "1.9", "4", "2", "4"] \\
    ...     + [""] * 25 + ["20240620120000", "https://example.org/a"]
    >>> len(row)
    61
    >>> ev, counts, _ = _parse_lines(["\\t".join(row)], "x.tsv")
    >>> ev[0][0], ev[0][17], ev[0][19], ev[0][20], counts[0]
    ('gdelt:1', '042', 'CONSULT', 1, ('gdelt:1', 4, 2, 4))
"""

from __future__ import annotations

import datetime as dt
import glob
import io
import math
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from .corpus import InputError
from .frames import Frames, imported_frames, scope_of
from .reference import reference_tables

__all__ = ["GDELT1_COLUMNS", "GDELT2_COLUMNS", "ImportFormatError", "gdelt_counts", "read_gdelt"]

# The 61 columns of a GDELT 2.0 event export (GDELT 2.0 event codebook).
GDELT2_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)
# GDELT 1.0 daily files: the same columns without the three ADM2 fields (58); before April 2013 also without
# SOURCEURL (57). DATEADDED is then YYYYMMDD.
GDELT1_COLUMNS: tuple[str, ...] = tuple(c for c in GDELT2_COLUMNS if not c.endswith("ADM2Code"))
_WIDTHS = {"1.0": (57, 58), "2.0": (61,)}
_FIELDS = ("GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
           "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "EventCode", "EventRootCode",
           "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "ActionGeo_FullName",
           "DATEADDED", "SOURCEURL")
_INDEX = {version: {name: cols.index(name) for name in _FIELDS}
          for version, cols in (("1.0", GDELT1_COLUMNS), ("2.0", GDELT2_COLUMNS))}
IMPORT_SUFFIXES = frozenset({".csv", ".tsv", ".txt", ".zip"})
COUNT_COLUMNS = ("event_id", "num_mentions", "num_sources", "num_articles")


class ImportFormatError(InputError):
    """A file is not an export of the kind asked for (or cannot be opened); the message is one line naming it."""


# --------------------------------------------------------------------------------------------- shared file handling
def expand_paths(paths: str | Path | Iterable[str | Path]) -> list[tuple[Path, bool]]:
    """(file, named) pairs from files, folders (recursive; import suffixes, no hidden files or READMEs) and glob
    patterns; ``named`` is False for a file found inside a folder.

    A path that does not exist and matches no file raises :class:`~analystkit.corpus.InputError`.
    """
    items = [paths] if isinstance(paths, str | Path) else list(paths)
    found: list[tuple[Path, bool]] = []
    for item in items:
        p = Path(item)
        if p.exists():
            candidates = [p]
        elif any(ch in str(item) for ch in "*?["):
            candidates = [Path(m) for m in sorted(glob.glob(str(item), recursive=True))]
            if not candidates:
                raise InputError(f"{item}: no file matches")
        else:
            raise InputError(f"{item}: no such file or folder")
        for c in candidates:
            if c.is_dir():
                found.extend((f, False) for f in sorted(
                    f for f in c.rglob("*") if f.is_file() and f.suffix.lower() in IMPORT_SUFFIXES
                    and not any(part.startswith(".") for part in f.relative_to(c).parts)
                    and not f.name.lower().startswith("readme")))
            elif c.is_file():
                found.append((c, True))
    seen: set[Path] = set()
    unique = []
    for f, named in found:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append((f, named))
    return unique


def read_text(path: Path) -> str:
    """The text of a file, or of the one data file inside a ``.zip``; UTF-8 (a BOM is dropped).

    A file that cannot be read, a zip that is damaged or holds more or fewer than one file, or binary content
    raises :class:`ImportFormatError`.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFormatError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if data[:4] == b"PK\x03\x04" or path.suffix.lower() == ".zip":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                members = [m for m in archive.infolist() if not m.is_dir() and not m.filename.startswith("__MACOSX")
                           and not Path(m.filename).name.startswith(".")]
                if len(members) != 1:
                    raise ImportFormatError(f"{path}: a zip must hold exactly one export file, "
                                            f"this one holds {len(members)}")
                data = archive.read(members[0])
        except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
            raise ImportFormatError(f"{path}: not a readable zip file ({exc})".replace("\n", " ")) from None
    if b"\x00" in data[:65536]:
        raise ImportFormatError(f"{path}: binary file, not a text export")
    return data.decode("utf-8-sig", errors="replace")


def split_lines(text: str) -> list[str]:
    """Lines on ``\\n`` only (``str.splitlines`` would also split on form feeds and other separators)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def one_line(value: str, limit: int = 40) -> str:
    """A value quoted for a one-line reason."""
    value = value.replace("\n", " ").replace("\r", " ")
    return repr(value if len(value) <= limit else value[:limit] + "...")


# --------------------------------------------------------------------------------------------- GDELT parsing
def _date(value: str) -> dt.datetime | None:
    if len(value) != 8 or not value.isdigit():
        return None
    try:
        return dt.datetime.strptime(value, "%Y%m%d")
    except ValueError:
        return None


def _added(value: str) -> dt.datetime | None:
    if value.isdigit() and len(value) in (8, 14):
        try:
            return dt.datetime.strptime(value, "%Y%m%d%H%M%S" if len(value) == 14 else "%Y%m%d")
        except ValueError:
            return None
    return None


def _detect(lines: Sequence[str], name: str) -> tuple[str, int]:
    """(version, first data line index) of a file's lines; ImportFormatError when it is not a GDELT export."""
    start = 1 if lines and lines[0].split("\t", 1)[0].strip().upper() == "GLOBALEVENTID" else 0
    widths: dict[int, int] = {}
    numeric = total = 0
    for line in lines[start:]:
        if not line.strip():
            continue
        total += 1
        widths[line.count("\t") + 1] = widths.get(line.count("\t") + 1, 0) + 1
        numeric += line.split("\t", 1)[0].isdigit()
    if total == 0:
        return "2.0", start
    v1 = widths.get(57, 0) + widths.get(58, 0)
    v2 = widths.get(61, 0)
    if 2 * max(v1, v2) <= total:
        common = max(widths, key=lambda w: widths[w])
        raise ImportFormatError(f"{name}: not a GDELT event export: {max(v1, v2)} of {total} lines have 57, 58 or "
                                f"61 tab-separated columns (most have {common})")
    if 2 * numeric <= total:
        raise ImportFormatError(f"{name}: not a GDELT event export: the first column is not a numeric "
                                f"GLOBALEVENTID on most lines")
    return ("2.0" if v2 > v1 else "1.0"), start


def _parse_lines(lines: Sequence[str], name: str, *, seen: dict[str, str] | None = None
                 ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """(event records, count records, reject records) from one file's lines.

    Event records are in the events contract's column order plus two trailing fields (DATEADDED timestamp,
    SOURCEURL or None) that :func:`_import` turns into documents. ``seen`` maps GLOBALEVENTIDs already read (in
    this or an earlier file) to where they were.
    """
    version, start = _detect(lines, name)
    idx = _INDEX[version]
    widths = _WIDTHS[version]
    tables = reference_tables()
    plover_for = tables.plover_for
    seen = {} if seen is None else seen
    i_date, i_code, i_root = idx["SQLDATE"], idx["EventCode"], idx["EventRootCode"]
    i_quad, i_gold, i_loc, i_added = idx["QuadClass"], idx["GoldsteinScale"], idx["ActionGeo_FullName"], \
        idx["DATEADDED"]
    i_url = idx["SOURCEURL"]
    actor_idx = [idx[f"Actor{n}{f}"] for n in (1, 2) for f in ("Code", "Name", "CountryCode", "Type1Code")]
    count_idx = [idx["NumMentions"], idx["NumSources"], idx["NumArticles"]]
    count_names = ("NumMentions", "NumSources", "NumArticles")
    events: list[tuple[Any, ...]] = []
    counts: list[tuple[Any, ...]] = []
    rejects: list[tuple[Any, ...]] = []

    def parse(f: list[str], event_id: str) -> tuple[tuple[Any, ...], tuple[Any, ...]] | str:
        """The event record and counts of one row, or the reason it is rejected."""
        if event_id in seen:
            return f"duplicate GLOBALEVENTID {event_id[6:]} (first at {seen[event_id]})"
        date = _date(f[i_date].strip())
        if date is None:
            return f"bad SQLDATE {one_line(f[i_date])} (expected YYYYMMDD)"
        code = f[i_code].strip()
        if not (code.isdigit() and 2 <= len(code) <= 4):
            return f"bad EventCode {one_line(code)} (expected a CAMEO code such as 042)"
        root = f[i_root].strip() or code[:2]
        if not (root.isdigit() and len(root) == 2 and 1 <= int(root) <= 20):
            return f"bad EventRootCode {one_line(root)} (expected 01..20)"
        quad = f[i_quad].strip()
        if quad not in ("1", "2", "3", "4"):
            return f"non-numeric or out-of-range QuadClass {one_line(quad)} (expected 1..4)"
        try:
            goldstein = float(f[i_gold])
        except ValueError:
            goldstein = math.nan
        if not -10.0 <= goldstein <= 10.0:  # also false for NaN
            return f"non-numeric or out-of-range GoldsteinScale {one_line(f[i_gold])} (expected -10..10)"
        nums: list[int | None] = []
        for col, i in zip(count_names, count_idx, strict=True):
            text = f[i].strip()
            if text and not text.isdigit():
                return f"non-numeric {col} {one_line(text)}"
            nums.append(int(text) if text else None)
        a = [f[i].strip() or None for i in actor_idx]
        url = f[i_url].strip() if i_url < len(f) else ""
        event = (event_id, url or event_id, None, None, None, None, None, date, "day",
                 a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7],
                 code, root, plover_for(code), int(quad), goldstein, None, "asserted", None, None,
                 None, None, None, None, scope_of(a[2], a[6]), f[i_loc].strip() or None, 1.0, "gdelt",
                 _added(f[i_added].strip()), url or None)
        return event, (event_id, *nums)

    for n in range(start, len(lines)):
        line = lines[n]
        if not line.strip():
            continue
        where = f"{name}:{n + 1}"
        f = line.split("\t")
        gid = f[0].strip()
        event_id = f"gdelt:{gid}" if gid.isdigit() else None
        result: tuple[tuple[Any, ...], tuple[Any, ...]] | str
        if len(f) not in widths:
            result = f"{len(f)} columns where this GDELT {version} file has {' or '.join(map(str, widths))}"
        elif event_id is None:
            result = f"GLOBALEVENTID {one_line(gid)} is not a number"
        else:
            result = parse(f, event_id)
        if isinstance(result, str):
            rejects.append((event_id, where, "import", result))
            continue
        event, count = result
        seen[event[0]] = where
        events.append(event)
        counts.append(count)
    return events, counts, rejects


def _import(paths: str | Path | Iterable[str | Path], *, validate: bool) -> tuple[Frames, pd.DataFrame]:
    files = expand_paths(paths)
    events: list[tuple[Any, ...]] = []
    counts: list[tuple[Any, ...]] = []
    rejects: list[tuple[Any, ...]] = []
    documents: dict[str, list[Any]] = {}
    seen: dict[str, str] = {}
    for path, named in files:
        name = str(path)
        try:
            lines = split_lines(read_text(path))
            ev, cn, rj = _parse_lines(lines, name, seen=seen)
        except ImportFormatError as exc:
            if named:
                raise
            rejects.append((None, name, "import", str(exc).removeprefix(f"{name}: ")))
            continue
        for rec in ev:
            doc_id, added, url = rec[1], rec[-2], rec[-1]
            known = documents.get(doc_id)
            if known is None:
                documents[doc_id] = [doc_id, None, added, None, url, name, 0, "", None]
            elif added is not None and (known[2] is None or added < known[2]):
                known[2] = added
            events.append(rec[:-2])
        counts.extend(cn)
        rejects.extend(rj)
    frames = imported_frames((tuple(d) for d in documents.values()), events, rejects, validate=validate)
    table = pd.DataFrame.from_records(counts, columns=list(COUNT_COLUMNS)) if counts else \
        pd.DataFrame({c: [] for c in COUNT_COLUMNS})
    table = table.astype({"event_id": "str", "num_mentions": "Int64", "num_sources": "Int64",
                          "num_articles": "Int64"})
    return frames, table


def read_gdelt(paths: str | Path | Iterable[str | Path], *, validate: bool = True) -> Frames:
    """Read GDELT 1.0/2.0 event exports (files, folders, globs; plain or zipped) into frames.

    ``events`` (origin "gdelt"), ``documents`` (one per SOURCEURL, or per event without one) and ``rejects``
    (malformed rows, "FILE:LINE") are filled; sentences, mentions and exchanges are empty. Raises
    :class:`ImportFormatError` for a file that is not a GDELT event export and
    :class:`~analystkit.corpus.InputError` for a missing path. See the module docstring for the mapping.
    """
    return _import(paths, validate=validate)[0]


def gdelt_counts(paths: str | Path | Iterable[str | Path]) -> pd.DataFrame:
    """NumMentions, NumSources and NumArticles of each imported event: columns event_id, num_mentions,
    num_sources, num_articles (nullable ints), one row per event of :func:`read_gdelt` on the same paths.

    Join them with ``events.merge(gdelt_counts(paths), on="event_id")``; rejected rows have no counts.
    """
    return _import(paths, validate=False)[1]

