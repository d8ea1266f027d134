"""An embedded event store: the six frames in one DuckDB file (in-process, no server).

:class:`EventStore` appends frames idempotently (rows whose key is already stored are skipped: ``event_id``,
``doc_id``, ``exchange_id``, ``(doc_id, sent_idx)``; mentions and rejects by the whole row), filters events in
SQL, gives the frames back, rebuilds itself from a Parquet frames folder, and computes the incident-frequency
and dyad tables inside DuckDB with the same columns and values as
:func:`analystkit.frequency.incident_frequency` (``weight="count"``) and :func:`analystkit.alignment.dyad_table`
(without the PLOVER mix).

Examples:
    >>> import tempfile, pathlib
    >>> from analystkit.frames import Frames, empty, from_records
    >>> row = ("e1", "d1", None, None, None, None, None, "2024-06-20", "day", "KORMIL", None, "KOR", "MIL",
    ...        "PRKMIL", None, "PRK", "MIL", "1383", "13", "THREATEN", 3, -7.0, None, "asserted", None, None,
    ...        None, None, None, None, "international", None, 1.0, "manual")
    >>> frames = Frames(*(empty(n) for n in ("documents", "sentences", "mentions")),
    ...                 from_records("events", [row]), empty("exchanges"), empty("rejects"))
    >>> with tempfile.TemporaryDirectory() as tmp, EventStore(pathlib.Path(tmp) / "ev.duckdb") as store:
    ...     added = store.append(frames), store.append(frames)
    ...     counts = store.frequency(freq="month", by="plover")
    ...     n_kor = len(store.events(actors=["KOR"]))
    >>> added, counts["value"].tolist(), n_kor
    ((1, 0), [1.0], 1)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from .frames import COLUMNS, FRAME_NAMES, Frames, schema

__all__ = ["EventStore"]

SQL_TYPES = {"str": "VARCHAR", "int64": "BIGINT", "Int64": "BIGINT", "float64": "DOUBLE", "bool": "BOOLEAN",
             "datetime64[ns]": "TIMESTAMP"}
# The key of each frame (None: the whole row).
KEYS: dict[str, tuple[str, ...] | None] = {
    "documents": ("doc_id",), "sentences": ("doc_id", "sent_idx"), "mentions": None, "events": ("event_id",),
    "exchanges": ("exchange_id",), "rejects": None,
}
PERIODS = {"day": "day", "D": "day", "week": "week", "W": "week", "month": "month", "M": "month",
           "quarter": "quarter", "Q": "quarter", "year": "year", "Y": "year"}
STEPS = {"day": "1 day", "week": "7 days", "month": "1 month", "quarter": "3 months", "year": "1 year"}
NONE_LABEL = "(none)"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _cols(name: str) -> list[str]:
    return [c for c, *_ in COLUMNS[name]]


def _list(value: str | Sequence[str] | None) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else [str(v) for v in value]


def _group_sql(by: str | None) -> str:
    """The SQL expression of a frequency grouping (labels as incident_frequency gives them)."""
    src = "coalesce(source_country, source_code)"
    tgt = "coalesce(target_country, target_code)"
    none = f"'{NONE_LABEL}'"
    if by is None:
        return "'all'"
    if by == "actor":
        return f"coalesce({src}, {none})"
    if by == "target":
        return f"coalesce({tgt}, {none})"
    if by == "dyad":
        return f"coalesce({src}, {none}) || '>' || coalesce({tgt}, {none})"
    if by not in _cols("events"):
        raise ValueError(f"cannot group by {by!r}: use actor, target, dyad or an events column")
    return f"coalesce(CAST({_q(by)} AS VARCHAR), {none})"


class EventStore:
    """The six frames in a DuckDB file; see the module docstring.

    Args:
        path: the database file (created when missing); ":memory:" for a store that lives in memory.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.con = duckdb.connect(self.path)
        self._create()

    # -- lifecycle --------------------------------------------------------------------------------------------
    def _create(self) -> None:
        for name in FRAME_NAMES:
            cols = ", ".join(f"{_q(c)} {SQL_TYPES[t]}" for c, t, *_ in COLUMNS[name])
            self._run(f"CREATE TABLE IF NOT EXISTS {name} ({cols})")

    def close(self) -> None:
        """Close the connection (the file stays)."""
        self.con.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- loading ----------------------------------------------------------------------------------------------
    def _insert(self, name: str, source: str) -> int:
        """Insert the rows of ``source`` (a relation with the frame's columns) whose key is not stored yet."""
        cols = _cols(name)
        select = ", ".join(f"CAST(n.{_q(c)} AS {SQL_TYPES[t]}) AS {_q(c)}" for c, t, *_ in COLUMNS[name])
        key = KEYS[name]
        if key is None:
            on = " AND ".join(f"s.{_q(c)} IS NOT DISTINCT FROM n.{_q(c)}" for c in cols)
            new = f"SELECT {select}, n._row FROM {source} n WHERE NOT EXISTS (SELECT 1 FROM {name} s WHERE {on})"
            dedup = f"QUALIFY row_number() OVER (PARTITION BY {', '.join(_q(c) for c in cols)} ORDER BY _row) = 1"
        else:
            on = " AND ".join(f"s.{_q(c)} = n.{_q(c)}" for c in key)
            new = f"SELECT {select}, n._row FROM {source} n WHERE NOT EXISTS (SELECT 1 FROM {name} s WHERE {on})"
            dedup = f"QUALIFY row_number() OVER (PARTITION BY {', '.join(_q(c) for c in key)} ORDER BY _row) = 1"
        before = self._count(name)
        self._run(f"INSERT INTO {name} SELECT * EXCLUDE (_row) FROM ({new}) {dedup} ORDER BY _row")
        return self._count(name) - before

    def _run(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.con.execute(sql, list(params)).fetchall()

    def _count(self, name: str) -> int:
        return int(self.con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0])

    def append(self, frames: Frames) -> int:
        """Add a Frames' six frames, skipping rows already stored; returns the number of events added."""
        added = 0
        for name in FRAME_NAMES:
            df = getattr(frames, name)
            if df.empty:
                continue
            table = pa.Table.from_pandas(df[_cols(name)], preserve_index=False)
            table = table.append_column("_row", pa.array(range(len(df)), type=pa.int64()))
            self.con.register("_new", table)
            try:
                n = self._insert(name, "_new")
            finally:
                self.con.unregister("_new")
            if name == "events":
                added = n
        return added

    def rebuild(self, parquet_dir: str | Path) -> int:
        """Drop everything and reload from a frames folder written by :meth:`Frames.write`; returns events
        loaded. A frame without its file is empty."""
        folder = Path(parquet_dir)
        if not folder.is_dir():
            raise FileNotFoundError(f"{folder}: not a frames folder")
        for name in FRAME_NAMES:
            self._run(f"DROP TABLE IF EXISTS {name}")
        self._create()
        for name in FRAME_NAMES:
            path = folder / f"{name}.parquet"
            if path.exists():
                literal = str(path).replace("'", "''")
                self._insert(name, f"(SELECT *, row_number() OVER () AS _row FROM read_parquet('{literal}'))")
        return self._count("events")

    # -- reading ----------------------------------------------------------------------------------------------
    def _frame(self, name: str, where: str = "", params: Sequence[Any] = ()) -> pd.DataFrame:
        df = self.con.execute(f"SELECT * FROM {name} {where}", list(params)).df()
        return schema(name).validate(df)

    def events(self, start: Any = None, end: Any = None, actors: str | Sequence[str] | None = None,
               plover: str | Sequence[str] | None = None, incident_types: str | Sequence[str] | None = None,
               origin: str | Sequence[str] | None = None) -> pd.DataFrame:
        """Events filtered in SQL: dates within [start, end], any of ``actors`` as source or target (country or
        code), and PLOVER types, incident types and origins among those given. Validates as the events frame."""
        where, params = self._where(start, end, actors, plover, incident_types, origin)
        return self._frame("events", where, params)

    def _where(self, start: Any = None, end: Any = None, actors: Any = None, plover: Any = None,
               incident_types: Any = None, origin: Any = None) -> tuple[str, list[Any]]:
        conds: list[str] = []
        params: list[Any] = []
        if start is not None:
            conds.append("date >= ?")
            params.append(pd.Timestamp(start).to_pydatetime())
        if end is not None:
            conds.append("date <= ?")
            params.append(pd.Timestamp(end).to_pydatetime())
        if (acts := _list(actors)) is not None:
            conds.append("(" + " OR ".join(f"list_contains(?, {c})" for c in (
                "source_country", "target_country", "source_code", "target_code")) + ")")
            params.extend([acts] * 4)
        for col, values in (("plover", plover), ("incident_type", incident_types), ("origin", origin)):
            if (vals := _list(values)) is not None:
                conds.append(f"list_contains(?, {col})")
                params.append(vals)
        return ("WHERE " + " AND ".join(conds)) if conds else "", params

    def frames(self) -> Frames:
        """Everything stored, as the six frames (in the order appended)."""
        return Frames(**{name: self._frame(name) for name in FRAME_NAMES})

    # -- aggregations -----------------------------------------------------------------------------------------
    def frequency(self, freq: str = "month", by: str | None = "plover", start: Any = None, end: Any = None
                  ) -> pd.DataFrame:
        """Events per period and group, zero-filled, computed in DuckDB: the columns and values of
        ``incident_frequency(events, freq=freq, by=by, weight="count", start=start, end=end)`` (period,
        period_end, group, value, n_events)."""
        try:
            unit = PERIODS[freq]
        except KeyError:
            raise ValueError(f"freq must be one of {sorted(PERIODS)}, got {freq!r}") from None
        where, params = self._where(start, end)
        where = (where + " AND " if where else "WHERE ") + "date IS NOT NULL"
        group = _group_sql(by)
        lo = "?::TIMESTAMP" if start is not None else "(SELECT min(date) FROM dated)"
        hi = "?::TIMESTAMP" if end is not None else "(SELECT max(date) FROM dated)"
        bounds = [pd.Timestamp(v).to_pydatetime() for v in (start, end) if v is not None]
        step = f"INTERVAL '{STEPS[unit]}'"
        sql = f"""
            WITH dated AS (SELECT date, {group} AS grp FROM events {where}),
            counts AS (SELECT date_trunc('{unit}', date) AS period, grp, count(*) AS n FROM dated GROUP BY ALL),
            periods AS (SELECT unnest(generate_series(date_trunc('{unit}', {lo}), date_trunc('{unit}', {hi}),
                                                      {step})) AS period),
            groups AS (SELECT DISTINCT grp FROM dated)
            SELECT CAST(p.period AS TIMESTAMP) AS period, CAST(p.period + {step} AS TIMESTAMP) AS period_end,
                   g.grp AS "group", CAST(coalesce(c.n, 0) AS DOUBLE) AS value,
                   CAST(coalesce(c.n, 0) AS BIGINT) AS n_events
            FROM periods p CROSS JOIN groups g LEFT JOIN counts c ON c.period = p.period AND c.grp = g.grp
            ORDER BY p.period, g.grp"""
        if not self._count_dated(where, params) and (start is None or end is None):
            df = pd.DataFrame({"period": pd.Series(dtype="datetime64[ns]"),
                               "period_end": pd.Series(dtype="datetime64[ns]"), "group": pd.Series(dtype="str"),
                               "value": pd.Series(dtype="float64"), "n_events": pd.Series(dtype="int64")})
        else:
            df = self.con.execute(sql, params + bounds).df()
        return df.astype({"period": "datetime64[ns]", "period_end": "datetime64[ns]", "group": "str",
                          "value": "float64", "n_events": "int64"})

    def _count_dated(self, where: str, params: list[Any]) -> int:
        return int(self.con.execute(f"SELECT count(*) FROM events {where}", params).fetchall()[0][0])

    def dyads(self, level: str = "country") -> pd.DataFrame:
        """One row per directed (source, target), computed in DuckDB: source, target, n_events, cooperation,
        conflict, goldstein_mean, goldstein_sum and stance, as :func:`analystkit.alignment.dyad_table` gives
        them (without its PLOVER mix). ``level`` "country" (country, else code) or "role" (the code)."""
        if level == "country":
            src, tgt = "coalesce(source_country, source_code)", "coalesce(target_country, target_code)"
        elif level == "role":
            src, tgt = "source_code", "target_code"
        else:
            raise ValueError(f"level must be one of ['country', 'role'], got {level!r}")
        sql = f"""
            WITH d AS (SELECT {src} AS source, {tgt} AS target, quad_class, goldstein FROM events)
            SELECT source, target, CAST(count(*) AS BIGINT) AS n_events,
                   CAST(sum(CASE WHEN quad_class IN (1, 2) THEN 1 ELSE 0 END) AS BIGINT) AS cooperation,
                   CAST(sum(CASE WHEN quad_class IN (3, 4) THEN 1 ELSE 0 END) AS BIGINT) AS conflict,
                   CAST(avg(goldstein) AS DOUBLE) AS goldstein_mean,
                   CAST(coalesce(sum(goldstein), 0) AS DOUBLE) AS goldstein_sum
            FROM d WHERE source IS NOT NULL AND target IS NOT NULL AND source <> target
            GROUP BY source, target ORDER BY source, target"""
        df = self.con.execute(sql).df()
        total = df["cooperation"] + df["conflict"]
        df["stance"] = ((df["cooperation"] - df["conflict"]) / total.where(total > 0)).astype("float64")
        return df.astype({"source": "str", "target": "str", "n_events": "int64", "cooperation": "int64",
                          "conflict": "int64", "goldstein_mean": "float64", "goldstein_sum": "float64"})
