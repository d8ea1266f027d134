"""Incident frequency: counts of events over time, spikes against a rolling baseline, deduplication of the
same event reported by several articles, and drill-down to the sentences behind any count.

Every function takes an events frame (coded, or imported from GDELT/ACLED: only the contract columns are used)
and returns a new frame; none draws or mutates its input. Events without a date are left out of time series;
the number left out is in ``result.attrs["undated"]``.

Examples:
    >>> import pandas as pd
    >>> ev = pd.DataFrame({"date": pd.to_datetime(["2024-01-03", "2024-01-20", "2024-03-02"]),
    ...                    "plover": ["ASSAULT", "ASSAULT", "CONSULT"], "goldstein": [-10.0, -9.0, 1.0]})
    >>> counts = incident_frequency(ev, freq="month", by=None)
    >>> counts["period"].dt.strftime("%Y-%m").tolist(), counts["value"].tolist()
    (['2024-01', '2024-02', '2024-03'], [2.0, 0.0, 1.0])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from .frames import select_scope

FREQS = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y",
         "D": "D", "W": "W", "M": "M", "Q": "Q", "Y": "Y"}
WEIGHTS = ("count", "goldstein_sum", "goldstein_mean", "killed", "injured")
GROUPINGS = ("plover", "quad_class", "incident_type", "cameo_root", "actor", "target", "dyad", "modality",
             "origin", "source_country", "target_country", "scope")
NONE_LABEL = "(none)"


def _freq(freq: str) -> str:
    try:
        return FREQS[freq]
    except KeyError:
        raise ValueError(f"freq must be one of {sorted(set(FREQS))}, got {freq!r}") from None


def _factorize(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes and their labels (str); missing values get the label "(none)"."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    labels = np.asarray(pd.Index(uniques).astype("str"), dtype=object)
    if (codes < 0).any():
        codes = np.where(codes < 0, len(labels), codes)
        labels = np.append(labels, NONE_LABEL)
    return codes.astype("int64"), labels


def _either(events: pd.DataFrame, first: str, second: str) -> pd.Series:
    s = events[first]
    if s.isna().any() and second in events:
        s = s.astype(object).where(s.notna(), events[second])
    return s


def _codes(events: pd.DataFrame, by: str | None) -> tuple[np.ndarray, np.ndarray]:
    if by is None:
        return np.zeros(len(events), dtype="int64"), np.array(["all"], dtype=object)
    if by in {"actor", "target", "dyad"}:
        src_codes, src = _factorize(_either(events, "source_country", "source_code"))
        if by == "actor":
            return src_codes, src
        tgt_codes, tgt = _factorize(_either(events, "target_country", "target_code"))
        if by == "target":
            return tgt_codes, tgt
        pair_codes, pairs = pd.factorize(src_codes * (len(tgt) + 1) + tgt_codes)
        labels = np.array([f"{src[p // (len(tgt) + 1)]}>{tgt[p % (len(tgt) + 1)]}" for p in pairs], dtype=object)
        return pair_codes.astype("int64"), labels
    if by not in events.columns:
        raise ValueError(f"cannot group by {by!r}: use one of {list(GROUPINGS)} or an events column")
    return _factorize(events[by])


def group_values(events: pd.DataFrame, by: str | None) -> pd.Series:
    """The label each event is counted under, as a categorical series.

    ``actor`` is the source's country (or its code for bodies without one), ``target`` the target's, ``dyad``
    "SOURCE>TARGET"; any other name is a column. Missing values count under "(none)".
    """
    codes, labels = _codes(events, by)
    if len(set(labels)) < len(labels):  # labels that collide as text ("1" and 1): merge them
        return pd.Series(labels[codes], index=events.index, dtype="str").astype("category")
    return pd.Series(pd.Categorical.from_codes(codes, categories=labels), index=events.index)


def _period_start(dates: pd.Series, freq: str) -> np.ndarray:
    """The start of each date's period, computed on the integer calendar (weeks start on Monday)."""
    values = dates.to_numpy(dtype="datetime64[ns]")
    if freq == "D":
        out = values.astype("datetime64[D]")
    elif freq == "W":
        days = values.astype("datetime64[D]").astype("int64")
        out = (days - (days + 3) % 7).astype("datetime64[D]")  # 1970-01-01 was a Thursday
    elif freq == "M":
        out = values.astype("datetime64[M]")
    elif freq == "Q":
        months = values.astype("datetime64[M]").astype("int64")
        out = (months - months % 3).astype("datetime64[M]")
    else:
        out = values.astype("datetime64[Y]")
    return out.astype("datetime64[ns]")


def dedupe_events(events: pd.DataFrame, *, window: str | pd.Timedelta = "2D", keep_ids: bool = True
                  ) -> pd.DataFrame:
    """One row per real-world event: reports of the same dyad and PLOVER type whose dates lie within ``window``
    of each other (chained) are merged, keeping the earliest report, with ``n_articles`` (distinct documents)
    and ``n_reports`` (rows merged), as GDELT keeps NumArticles; ``event_ids`` lists the merged reports.

    Examples:
        >>> ev = pd.DataFrame({"event_id": ["a", "b", "c"], "doc_id": ["d1", "d2", "d3"],
        ...     "date": pd.to_datetime(["2024-06-18", "2024-06-19", "2024-06-30"]),
        ...     "source_country": ["KOR"] * 3, "source_code": ["KORMIL"] * 3, "target_country": ["PRK"] * 3,
        ...     "target_code": ["PRKMIL"] * 3, "plover": ["THREATEN"] * 3})
        >>> dedupe_events(ev)[["event_id", "n_articles", "n_reports"]].values.tolist()
        [['a', 2, 2], ['c', 1, 1]]
    """
    if events.empty:
        return events.assign(n_articles=pd.Series(dtype="int64"), n_reports=pd.Series(dtype="int64"),
                             event_ids=pd.Series(dtype="object"))
    dyad, _ = _codes(events, "dyad")
    kind, kinds = _factorize(events["plover"])
    key = dyad * (len(kinds) + 1) + kind
    days = events["date"].to_numpy(dtype="datetime64[ns]").astype("int64")
    order = np.lexsort((days, key))
    k, d = key[order], days[order]
    gap = pd.Timedelta(window).value
    new = np.ones(len(k), dtype=bool)
    new[1:] = (k[1:] != k[:-1]) | (np.diff(d) > gap)
    new |= events["date"].isna().to_numpy()[order]
    cluster_sorted = np.cumsum(new) - 1
    cluster = np.empty(len(k), dtype="int64")
    cluster[order] = cluster_sorted
    firsts = order[new]
    out = events.iloc[firsts].copy()
    out["n_reports"] = np.bincount(cluster_sorted).astype("int64")
    if "doc_id" in events:
        docs, _ = _factorize(events["doc_id"])
        pairs = pd.unique(cluster * (docs.max() + 1) + docs)
        out["n_articles"] = np.bincount(pairs // (docs.max() + 1), minlength=len(firsts)).astype("int64")
    else:
        out["n_articles"] = out["n_reports"]
    if keep_ids and "event_id" in events:
        ids = events["event_id"].to_numpy()[order]
        bounds = np.flatnonzero(new)
        out["event_ids"] = [list(chunk) for chunk in np.split(ids, bounds[1:])]
    return out.sort_values("date", kind="stable").reset_index(drop=True)


def incident_frequency(events: pd.DataFrame, *, freq: str = "month", by: str | None = "plover",
                       weight: str = "count", start: Any = None, end: Any = None, dedupe: bool = False,
                       window: str = "2D", groups: Sequence[str] | None = None,
                       scope: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Events per period and group, every period of the range present (a quiet period is 0, not a gap).

    Args:
        events: an events frame.
        freq: day, week (Monday to Sunday), month, quarter or year (or D/W/M/Q/Y).
        by: None, a grouping in GROUPINGS, or an events column.
        weight: count, goldstein_sum, goldstein_mean (NaN for a period with no events), or killed / injured: the
            sum of the events' lower casualty counts (killed_min, injured_min; an event with none adds 0).
        start, end: limit the range (inclusive); by default the span of the data.
        dedupe: count each real-world event once (see :func:`dedupe_events`).
        groups: the groups to show, in this order (zero-filled when absent); by default those in the data.
        scope: only "international", "domestic" or "unknown" events (or a list of them); None counts all.

    Returns:
        Columns: period (start of the period), period_end (start of the next), group (the ``by`` label), value,
        n_events.
    """
    if weight not in WEIGHTS:
        raise ValueError(f"weight must be one of {list(WEIGHTS)}, got {weight!r}")
    code = _freq(freq)
    events = select_scope(events, scope)
    dated = events[events["date"].notna()]
    if dedupe:
        dated = dedupe_events(dated, window=window, keep_ids=False)
    lo = pd.Timestamp(start) if start is not None else None
    hi = pd.Timestamp(end) if end is not None else None
    if lo is not None:
        dated = dated[dated["date"] >= lo]
    if hi is not None:
        dated = dated[dated["date"] <= hi]
    codes, labels = _codes(dated, by)
    if dated.empty and (lo is None or hi is None):
        result = pd.DataFrame({"period": pd.Series(dtype="datetime64[ns]"),
                               "period_end": pd.Series(dtype="datetime64[ns]"), "group": pd.Series(dtype="str"),
                               "value": pd.Series(dtype="float64"), "n_events": pd.Series(dtype="int64")})
        result.attrs["undated"] = int(events["date"].isna().sum())
        return result
    keys = sorted(set(labels[np.unique(codes)])) if groups is None else list(groups)
    first = (lo if lo is not None else dated["date"].min()).to_period(code)
    last = (hi if hi is not None else dated["date"].max()).to_period(code)
    all_periods = pd.period_range(first, last, freq=code).start_time
    if weight in {"killed", "injured"}:  # casualties add up like Goldstein scores do
        column = f"{weight}_min"
        values = dated[column].astype("float64").fillna(0.0).to_numpy() if column in dated \
            else np.zeros(len(dated))
    else:
        values = dated["goldstein"].to_numpy(dtype="float64") if "goldstein" in dated \
            else np.full(len(dated), np.nan)
    frame = pd.DataFrame({"period": _period_start(dated["date"], code), "code": codes, "g": values})
    grouped = frame.groupby(["period", "code"], sort=False)["g"]
    stats = pd.DataFrame({"n_events": grouped.size(), "sum": grouped.sum(min_count=1), "mean": grouped.mean()})
    stats.index = pd.MultiIndex.from_arrays([stats.index.get_level_values(0),
                                             labels[stats.index.get_level_values(1).to_numpy()]])
    if len(set(labels)) < len(labels):  # labels colliding as text are added up
        stats = stats.groupby(level=[0, 1]).agg({"n_events": "sum", "sum": "sum"}).assign(
            mean=lambda t: t["sum"] / t["n_events"])
    stats = stats.reindex(pd.MultiIndex.from_product([all_periods, keys], names=["period", "group"]))
    n = stats["n_events"].fillna(0).astype("int64")
    value = {"count": n.astype("float64"), "goldstein_sum": stats["sum"].fillna(0.0),
             "goldstein_mean": stats["mean"], "killed": stats["sum"].fillna(0.0),
             "injured": stats["sum"].fillna(0.0)}[weight]
    result = pd.DataFrame({"value": value.astype("float64"), "n_events": n}).reset_index()
    result["period"] = result["period"].astype("datetime64[ns]")
    result["group"] = result["group"].astype("str")
    ends = dict(zip(all_periods, (all_periods.to_period(code) + 1).start_time, strict=True))
    result.insert(1, "period_end", result["period"].map(ends).astype("datetime64[ns]"))
    result.attrs["undated"] = int(events["date"].isna().sum())
    return result


def to_table(counts: pd.DataFrame) -> pd.DataFrame:
    """A frequency frame as a table: one row per period, one column per group (values), plus a total."""
    table = counts.pivot_table(index="period", columns="group", values="value", aggfunc="sum", fill_value=0,
                               dropna=False, observed=False)
    table.columns.name = None
    table["total"] = table.sum(axis=1)
    table.index = table.index.strftime("%Y-%m-%d")
    return table


def find_spikes(events: pd.DataFrame, *, freq: str = "week", by: str | None = None, window: int = 8,
                threshold: float = 2.0, method: str = "zscore", min_events: int = 2, dedupe: bool = False,
                counts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Periods whose count stands out from the rolling baseline of the ``window`` periods before them.

    ``zscore``: (count - mean) / max(sd, 1); ``robust``: (count - median) / max(1.4826 * MAD, 1), which one
    earlier spike does not inflate. The floor of 1 keeps a flat, quiet series from turning a single event into
    a huge score. A baseline needs at least half the window.

    Returns:
        Columns: period, group, value, baseline, score, event_ids (the events behind the spike).
    """
    if method not in {"zscore", "robust"}:
        raise ValueError("method must be 'zscore' or 'robust'")
    counts = incident_frequency(events, freq=freq, by=by, dedupe=dedupe) if counts is None else counts
    rows = []
    for group, s in counts.groupby("group", sort=True):
        s = s.sort_values("period")
        past = s["value"].shift(1).rolling(window, min_periods=max(2, window // 2))
        if method == "zscore":
            baseline = past.mean()
            spread = past.std(ddof=0)
        else:
            baseline = past.median()
            spread = s["value"].shift(1).rolling(window, min_periods=max(2, window // 2)).apply(
                lambda x: float(np.median(np.abs(x - np.median(x)))), raw=True) * 1.4826
        score = (s["value"] - baseline) / spread.clip(lower=1.0)
        hit = (score >= threshold) & (s["value"] >= min_events)
        for idx in s.index[hit.fillna(False)]:
            rows.append({"period": s.at[idx, "period"], "group": group, "value": s.at[idx, "value"],
                         "baseline": round(float(baseline[idx]), 3), "score": round(float(score[idx]), 3)})
    out = pd.DataFrame(rows, columns=["period", "group", "value", "baseline", "score"])
    out["period"] = out["period"].astype("datetime64[ns]")
    ids = [drill_down(events, period=r.period, freq=freq, by=by, group=r.group, dedupe=dedupe)["event_id"].tolist()
           if "event_id" in events else [] for r in out.itertuples()]
    return out.assign(event_ids=pd.Series(ids, index=out.index, dtype="object"))


def drill_down(events: pd.DataFrame, *, period: Any = None, freq: str = "month", by: str | None = None,
               group: str | None = None, dedupe: bool = False, window: str = "2D") -> pd.DataFrame:
    """The events (with their evidence sentences) behind one cell of a frequency table.

    Examples:
        >>> ev = pd.DataFrame({"event_id": ["a", "b"], "date": pd.to_datetime(["2024-01-03", "2024-02-01"]),
        ...                    "plover": ["ASSAULT", "ASSAULT"], "evidence": ["One.", "Two."]})
        >>> drill_down(ev, period="2024-01-01", freq="month", by="plover", group="ASSAULT")["evidence"].tolist()
        ['One.']
    """
    ev = events[events["date"].notna()]
    if dedupe:
        ev = dedupe_events(ev, window=window)
    if period is not None:
        code = _freq(freq)
        p = pd.Timestamp(period).to_period(code)
        ev = ev[(ev["date"] >= p.start_time) & (ev["date"] <= p.end_time)]
    if by is not None and group is not None:
        ev = ev[group_values(ev, by) == str(group)]
    return ev.sort_values("date", kind="stable").reset_index(drop=True)
