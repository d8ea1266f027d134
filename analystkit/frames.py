"""The frames contract: column names, dtypes and closed vocabularies, and the one place records become frames.

Every frame has a pandera schema (strict, coercing). An empty frame still has every column with its dtype.

Examples:
    >>> list(empty("rejects").columns)
    ['doc_id', 'path', 'stage', 'reason']
    >>> str(empty("events")["date"].dtype), str(empty("events")["cameo_code"].dtype)
    ('datetime64[ns]', 'str')
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa

from .reference import MODALITIES, PLOVER_TYPES

FRAME_NAMES = ("documents", "sentences", "mentions", "events", "exchanges", "rejects")
DATE_PRECISIONS = ("day", "week", "month", "year", "published", "unknown")
ORIGINS = ("coded", "gdelt", "acled", "manual")
CATEGORIES = ("arms", "troops", "technology", "economic", "fuel", "luxury", "food", "other")
KINDS = ("person", "state", "organisation", "group")
STAGES = ("load", "date", "segment", "code", "import")
SCOPES = ("international", "domestic", "unknown")


def scope_of(source_country: Any, target_country: Any) -> str:
    """ "domestic" when both sides belong to one country (police and protesters, army and rebels),
    "international" when they belong to two, "unknown" when a side has no country (an IGO, no target).

    Examples:
        >>> scope_of("KEN", "KEN"), scope_of("RUS", "UKR"), scope_of("RUS", None)
        ('domestic', 'international', 'unknown')
    """
    if not isinstance(source_country, str) or not isinstance(target_country, str) \
            or not source_country or not target_country:
        return "unknown"
    return "domestic" if source_country == target_country else "international"


def select_scope(events: pd.DataFrame, scope: str | Sequence[str] | None) -> pd.DataFrame:
    """The events of a scope ("international", "domestic", "unknown", several, or None for all); a frame without
    the column (an older one) gets it from its countries first.

    Examples:
        >>> ev = pd.DataFrame({"source_country": ["KEN", "RUS"], "target_country": ["KEN", "UKR"]})
        >>> select_scope(ev, "domestic")["source_country"].tolist()
        ['KEN']
    """
    if scope is None:
        return events
    wanted = [scope] if isinstance(scope, str) else list(scope)
    bad = set(wanted) - set(SCOPES)
    if bad:
        raise ValueError(f"scope must be among {list(SCOPES)}, got {sorted(bad)}")
    if "scope" in events.columns:
        values = events["scope"]
    else:
        values = pd.Series([scope_of(a, b) for a, b in zip(events["source_country"], events["target_country"],
                                                            strict=True)], index=events.index)
    return events[values.isin(wanted)]

# (column, dtype, nullable, allowed values or None)
Column = tuple[str, str, bool, Sequence[Any] | None]
COLUMNS: dict[str, list[Column]] = {
    "documents": [
        ("doc_id", "str", False, None), ("title", "str", True, None), ("published", "datetime64[ns]", True, None),
        ("source", "str", True, None), ("url", "str", True, None), ("path", "str", True, None),
        ("n_sentences", "int64", False, None), ("text_sha256", "str", False, None), ("note", "str", True, None),
    ],
    "sentences": [
        ("doc_id", "str", False, None), ("sent_idx", "int64", False, None), ("start", "int64", False, None),
        ("end", "int64", False, None), ("text", "str", False, None),
    ],
    "mentions": [
        ("doc_id", "str", False, None), ("sent_idx", "int64", False, None), ("start", "int64", False, None),
        ("end", "int64", False, None), ("surface", "str", False, None), ("actor_code", "str", False, None),
        ("actor_name", "str", False, None), ("country", "str", True, None), ("role", "str", True, None),
        ("kind", "str", False, KINDS),
    ],
    "events": [
        ("event_id", "str", False, None), ("doc_id", "str", False, None), ("sent_idx", "Int64", True, None),
        ("start", "Int64", True, None), ("end", "Int64", True, None), ("trigger", "str", True, None),
        ("evidence", "str", True, None), ("date", "datetime64[ns]", True, None),
        ("date_precision", "str", False, DATE_PRECISIONS),
        ("source_code", "str", True, None), ("source_name", "str", True, None), ("source_country", "str", True, None),
        ("source_role", "str", True, None), ("target_code", "str", True, None), ("target_name", "str", True, None),
        ("target_country", "str", True, None), ("target_role", "str", True, None),
        ("cameo_code", "str", False, None), ("cameo_root", "str", False, None),
        ("plover", "str", True, PLOVER_TYPES), ("quad_class", "Int64", True, (1, 2, 3, 4)),
        ("goldstein", "float64", True, None), ("incident_type", "str", True, None),
        ("modality", "str", False, MODALITIES), ("participants_min", "Int64", True, None),
        ("participants_max", "Int64", True, None), ("killed_min", "Int64", True, None),
        ("killed_max", "Int64", True, None), ("injured_min", "Int64", True, None), ("injured_max", "Int64", True, None),
        ("scope", "str", False, SCOPES), ("location", "str", True, None),
        ("confidence", "float64", False, None), ("origin", "str", False, ORIGINS),
    ],
    "exchanges": [
        ("exchange_id", "str", False, None), ("event_id", "str", True, None), ("doc_id", "str", False, None),
        ("sent_idx", "Int64", True, None), ("provider_code", "str", True, None),
        ("provider_country", "str", True, None), ("recipient_code", "str", True, None),
        ("recipient_country", "str", True, None), ("item", "str", False, None),
        ("category", "str", False, CATEGORIES), ("status", "str", False, MODALITIES),
        ("prohibited", "bool", False, None), ("regime", "str", True, None), ("legal_refs", "str", True, None),
        ("regimes", "str", True, None), ("evidence", "str", True, None),
    ],
    "rejects": [
        ("doc_id", "str", True, None), ("path", "str", True, None), ("stage", "str", False, STAGES),
        ("reason", "str", False, None),
    ],
}


@functools.cache
def schema(name: str) -> pa.DataFrameSchema:
    """The pandera schema of a frame."""
    columns = {}
    for col, dtype, nullable, allowed in COLUMNS[name]:
        checks = [pa.Check.isin(list(allowed))] if allowed else []
        if col == "goldstein":
            checks.append(pa.Check.in_range(-10, 10))
        if col == "confidence":
            checks.append(pa.Check.in_range(0, 1))
        columns[col] = pa.Column(dtype, nullable=nullable, checks=checks)
    return pa.DataFrameSchema(columns, strict=True, coerce=True, ordered=True, name=name)


def empty(name: str) -> pd.DataFrame:
    """A frame with no rows and every column of the contract."""
    return pd.DataFrame({col: pd.Series(dtype=dtype) for col, dtype, *_ in COLUMNS[name]})


def from_records(name: str, records: Iterable[Sequence[Any]], *, validate: bool = True) -> pd.DataFrame:
    """Build a frame from tuples in contract column order (the one boundary where records become frames)."""
    cols = [c for c, *_ in COLUMNS[name]]
    rows = list(records)
    if not rows:
        return empty(name)
    df = pd.DataFrame.from_records(rows, columns=cols)
    for col, dtype, *_ in COLUMNS[name]:
        if dtype == "datetime64[ns]":
            df[col] = pd.to_datetime(df[col]).astype("datetime64[ns]")
        else:
            df[col] = df[col].astype(dtype)
    return schema(name).validate(df) if validate else df


@dataclass
class Frames:
    """The six frames of a coding (or import) run."""

    documents: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    events: pd.DataFrame
    exchanges: pd.DataFrame
    rejects: pd.DataFrame

    def write(self, out: str | Path) -> Path:
        """Write every frame as DIR/<name>.parquet (all six, even when empty)."""
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        for f in fields(self):
            getattr(self, f.name).to_parquet(folder / f"{f.name}.parquet", index=False)
        return folder

    def summary(self) -> str:
        """A few lines an analyst reads after a run."""
        ev = self.events
        lines = [f"documents: {len(self.documents)}   sentences: {len(self.sentences)}   "
                 f"mentions: {len(self.mentions)}   events: {len(ev)}   exchanges: {len(self.exchanges)}   "
                 f"rejects: {len(self.rejects)}"]
        if len(ev):
            counts = ev["plover"].value_counts()
            lines.append("events by PLOVER type: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
            dated = ev["date"].dropna()
            if len(dated):
                years = dated.dt.year.value_counts().sort_index()
                lines.append("events by year: " + ", ".join(f"{k} {v}" for k, v in years.items()))
            modal = ev["modality"].value_counts()
            lines.append("modality: " + ", ".join(f"{k} {v}" for k, v in modal.items()))
            scope = ev["scope"].value_counts()
            lines.append("scope: " + ", ".join(f"{k} {v}" for k, v in scope.items()))
        flagged = self.documents["note"].notna().sum() if len(self.documents) else 0
        if flagged:
            lines.append(f"flagged documents (see documents.note): {flagged}")
        for _, r in self.rejects.head(10).iterrows():
            lines.append(f"rejected: {r['path'] or r['doc_id']}: {r['reason']}")
        if len(self.rejects) > 10:
            lines.append(f"... and {len(self.rejects) - 10} more rejects (rejects.parquet)")
        return "\n".join(lines)


def imported_frames(documents: Iterable[Sequence[Any]], events: Iterable[Sequence[Any]],
                    rejects: Iterable[Sequence[Any]], *, validate: bool = True) -> Frames:
    """The frames of an import (GDELT, ACLED): documents, events and rejects; no sentences, mentions, exchanges."""
    return Frames(documents=from_records("documents", documents, validate=validate), sentences=empty("sentences"),
                  mentions=empty("mentions"), events=from_records("events", events, validate=validate),
                  exchanges=empty("exchanges"), rejects=from_records("rejects", rejects, validate=validate))


CASUALTIES = ("killed_min", "killed_max", "injured_min", "injured_max")


def read_frames(folder: str | Path) -> Frames:
    """Read a frames folder written by :meth:`Frames.write`; a missing file is an empty frame."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: not a frames folder")
    loaded = {}
    for name in FRAME_NAMES:
        path = folder / f"{name}.parquet"
        frame = pd.read_parquet(path) if path.exists() else empty(name)
        if name == "events":  # casualty columns: folders written before they existed have none
            for col in CASUALTIES:
                if col not in frame.columns:
                    frame.insert(list(frame.columns).index("participants_max") + 1 + CASUALTIES.index(col), col,
                                 pd.Series([pd.NA] * len(frame), dtype="Int64", index=frame.index))
        if name == "events" and "scope" not in frame.columns:  # written before the column existed
            frame.insert(list(schema(name).columns).index("scope"), "scope",
                         [scope_of(a, b) for a, b in zip(frame["source_country"], frame["target_country"],
                                                         strict=True)])
        if name == "exchanges" and "regimes" not in frame.columns:  # written before the column: its one regime
            frame.insert(list(schema(name).columns).index("regimes"), "regimes", frame["regime"])
        loaded[name] = schema(name).validate(frame)
    return Frames(**loaded)
