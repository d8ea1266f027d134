"""Actor alignment: who stands with whom, how that shifts, and which events say so.

Frame in, frame out, over an events frame (coded or imported). Actors are taken at a chosen level: ``country``
(the ISO code, or the actor code for bodies without a country, e.g. IGOUNO) or ``role`` (the full code, KORMIL).
Cooperation is quad classes 1-2, conflict 3-4; the net stance of A toward B is
``(cooperation - conflict) / (cooperation + conflict)``, in [-1, 1].

Two measures of alignment, each in [-1, 1] with the events behind every cell:

- **direct**: how cooperative A and B are toward each other (both directions pooled): the net stance of their
  mutual events (or their mean Goldstein score / 10 with ``weight="goldstein"``).
- **shared stance**: how similarly A and B act toward everyone else. Each actor's portfolio is its net stance
  toward every third party in the actor set (0 where it has no events toward that party). Portfolios are
  compared as in alliance and UN-voting research: Signorino and Ritter's ``s``, and the chance-corrected
  ``kappa`` (Cohen) and ``pi`` (Scott) that Häge proposed because S overstates similarity when most ties are
  absent (two empty portfolios look identical).

Cells with fewer events than ``min_evidence`` are NaN ("not enough evidence"), never 0; so is a shared-stance
cell where either actor acted toward no third party at all.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from .frames import select_scope
from .reference import PLOVER_TYPES

LEVELS = ("country", "role")
MEASURES = ("direct", "s", "kappa", "pi")


def actor_columns(events: pd.DataFrame, level: str = "country") -> tuple[pd.Series, pd.Series]:
    """Source and target actor labels at ``level``."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {list(LEVELS)}, got {level!r}")
    if level == "role":
        return events["source_code"].astype("object"), events["target_code"].astype("object")
    src = events["source_country"].astype("object").where(events["source_country"].notna(), events["source_code"])
    tgt = events["target_country"].astype("object").where(events["target_country"].notna(), events["target_code"])
    return src, tgt


def _directed(events: pd.DataFrame, level: str) -> pd.DataFrame:
    src, tgt = actor_columns(events, level)
    ok = src.notna() & tgt.notna() & (src != tgt)
    quad = pd.to_numeric(events["quad_class"], errors="coerce")
    return pd.DataFrame({"source": src[ok].astype("str"), "target": tgt[ok].astype("str"),
                         "coop": quad[ok].isin([1, 2]).astype("int64"), "conf": quad[ok].isin([3, 4]).astype("int64"),
                         "goldstein": pd.to_numeric(events.loc[ok, "goldstein"], errors="coerce"),
                         "plover": events.loc[ok, "plover"].astype("object")})


def dyad_table(events: pd.DataFrame, *, level: str = "country", actors: Sequence[str] | None = None
               ) -> pd.DataFrame:
    """One row per directed (source, target): events, cooperation, conflict, Goldstein mean and sum, net stance,
    and one ``n_<TYPE>`` column per PLOVER type.

    Examples:
        >>> ev = pd.DataFrame({"source_country": ["RUS", "RUS", "USA"], "source_code": ["RUSGOV", "RUS", "USA"],
        ...     "target_country": ["PRK", "PRK", "RUS"], "target_code": ["PRK", "PRKGOV", "RUS"],
        ...     "quad_class": [1, 2, 3], "goldstein": [3.0, 7.0, -2.0], "plover": ["CONSULT", "AID", "ACCUSE"]})
        >>> dyad_table(ev)[["source", "target", "n_events", "cooperation", "conflict", "stance"]].values.tolist()
        [['RUS', 'PRK', 2, 2, 0, 1.0], ['USA', 'RUS', 1, 0, 1, -1.0]]
    """
    cols = ["source", "target", "n_events", "cooperation", "conflict", "goldstein_mean", "goldstein_sum", "stance"]
    src, src_labels = _actor_codes(events, "source", level)
    tgt, tgt_labels = _actor_codes(events, "target", level)
    labels = np.array(sorted(set(src_labels) | set(tgt_labels)), dtype=object)
    index = {lab: n for n, lab in enumerate(labels)}
    gsrc = np.append(np.array([index[x] for x in src_labels], dtype="int64"), -1)[src]  # -1: no actor
    gtgt = np.append(np.array([index[x] for x in tgt_labels], dtype="int64"), -1)[tgt]
    ok = (gsrc >= 0) & (gtgt >= 0) & (gsrc != gtgt)
    if actors is not None:
        keep = np.array([lab in set(actors) for lab in labels] + [False])
        ok &= keep[gsrc] & keep[gtgt]
    if not ok.any():
        return pd.DataFrame({c: pd.Series(dtype="str" if c in {"source", "target"} else "float64") for c in cols}
                            | {f"n_{t}": pd.Series(dtype="int64") for t in PLOVER_TYPES})
    pair_ids = gsrc[ok] * len(labels) + gtgt[ok]
    if len(labels) <= 2000:  # count over the whole pair space: linear time, no sort
        seen = np.bincount(pair_ids, minlength=len(labels) ** 2)
        pairs = np.flatnonzero(seen)
        inverse = (np.cumsum(seen > 0) - 1)[pair_ids]
    else:
        pairs, inverse = np.unique(pair_ids, return_inverse=True)
    quad = pd.to_numeric(events["quad_class"], errors="coerce").to_numpy(dtype="float64")[ok]
    gold = pd.to_numeric(events["goldstein"], errors="coerce").to_numpy(dtype="float64")[ok]
    count = lambda w=None: np.bincount(inverse, weights=w, minlength=len(pairs))  # noqa: E731
    n = count().astype("int64")
    has_gold = ~np.isnan(gold)
    gold_sum = count(np.where(has_gold, gold, 0.0))
    gold_n = count(has_gold.astype(float))
    out = pd.DataFrame({
        "source": labels[pairs // len(labels)].astype(str), "target": labels[pairs % len(labels)].astype(str),
        "n_events": n, "cooperation": count(np.isin(quad, [1, 2]).astype(float)).astype("int64"),
        "conflict": count(np.isin(quad, [3, 4]).astype(float)).astype("int64"),
        "goldstein_mean": np.where(gold_n > 0, gold_sum / np.maximum(gold_n, 1), np.nan), "goldstein_sum": gold_sum})
    total = out["cooperation"] + out["conflict"]
    out["stance"] = ((out["cooperation"] - out["conflict"]) / total).where(total > 0)
    types = {t: k for k, t in enumerate(PLOVER_TYPES)}
    p_codes, p_uni = pd.factorize(events["plover"], use_na_sentinel=True)
    lookup = np.array([types.get(str(u), -1) for u in p_uni] + [-1], dtype="int64")
    plover = lookup[np.where(p_codes >= 0, p_codes, len(p_uni))][ok]
    known = plover >= 0
    mix = np.bincount(inverse[known] * len(PLOVER_TYPES) + plover[known],
                      minlength=len(pairs) * len(PLOVER_TYPES)).reshape(len(pairs), len(PLOVER_TYPES))
    for k, t in enumerate(PLOVER_TYPES):
        out[f"n_{t}"] = mix[:, k].astype("int64")
    return out.sort_values(["source", "target"], kind="stable").reset_index(drop=True)


def _actor_codes(events: pd.DataFrame, side: str, level: str) -> tuple[np.ndarray, list[str]]:
    """Integer codes per row (len(labels) where there is no actor) and their labels, at ``level``."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {list(LEVELS)}, got {level!r}")
    code, code_uni = pd.factorize(events[f"{side}_code"], use_na_sentinel=True)
    if level == "role":
        labels = [str(x) for x in code_uni]
        return np.where(code >= 0, code, len(labels)), labels
    country, country_uni = pd.factorize(events[f"{side}_country"], use_na_sentinel=True)
    labels = [str(x) for x in country_uni] + [str(x) for x in code_uni]
    rows = np.where(country >= 0, country, np.where(code >= 0, len(country_uni) + code, len(labels)))
    return rows.astype("int64"), labels


def _universe(d: pd.DataFrame, actors: Sequence[str] | None, top: int) -> list[str]:
    if actors is not None:
        return list(dict.fromkeys(actors))
    counts = pd.concat([d["source"], d["target"]]).value_counts()
    return sorted(counts.index[:top].tolist())


def _stance_matrix(d: pd.DataFrame, universe: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Net stance (NaN without events) and event counts of each actor toward each other actor."""
    idx = {a: n for n, a in enumerate(universe)}
    d = d[d["source"].isin(idx) & d["target"].isin(idx)]
    g = d.groupby(["source", "target"])[["coop", "conf"]].sum()
    n = len(universe)
    coop = np.zeros((n, n))
    conf = np.zeros((n, n))
    count = np.zeros((n, n))
    sizes = d.groupby(["source", "target"]).size()
    for (s, t), row in g.iterrows():
        coop[idx[s], idx[t]] = row["coop"]
        conf[idx[s], idx[t]] = row["conf"]
    for (s, t), k in sizes.items():
        count[idx[s], idx[t]] = k
    total = coop + conf
    with np.errstate(invalid="ignore", divide="ignore"):
        stance = np.where(total > 0, (coop - conf) / np.where(total > 0, total, 1), np.nan)
    return stance, count


def signorino_s(a: Sequence[float], b: Sequence[float], *, d_max: float = 2.0) -> float:
    """Signorino and Ritter's S: ``1 - 2 * sum|a_k - b_k| / (K * d_max)``; 1 identical, -1 opposite.

    Examples:
        >>> signorino_s([1, 1, 0, -1], [1, 0, 0, -1])
        0.75
        >>> signorino_s([0, 0, 0, 0], [0, 0, 0, 0])   # two empty portfolios: S calls them identical
        1.0
    """
    a, b = np.asarray(a, float), np.asarray(b, float)
    if len(a) == 0:
        return math.nan
    return float(1 - 2 * np.abs(a - b).sum() / (len(a) * d_max))


def chance_corrected(a: Sequence[float], b: Sequence[float], *, kind: str = "pi") -> float:
    """Häge's chance-corrected agreement: ``1 - D_o / D_e`` with absolute distances.

    D_o is the mean |a_k - b_k|. D_e is the disagreement expected by chance: for Scott's ``pi`` from the pooled
    distribution of both portfolios, for Cohen's ``kappa`` from each actor's own distribution
    (mean |a_k - b_l| over all k, l). Undefined (NaN) when neither portfolio varies; clipped to [-1, 1].

    Worked example: a = (1, 1, 0, -1), b = (1, 0, 0, -1). D_o = 1/4. Pooled values: three 1s, three 0s, two -1s;
    over the 64 ordered pairs the distances sum to 18*1 + 12*2 + 12*1 = 54, so D_e(pi) = 54/64 and
    pi = 1 - 0.25 / 0.84375 = 0.704. Over the 16 pairs (a_k, b_l) the distances sum to 14, so D_e(kappa) =
    0.875 and kappa = 1 - 0.25 / 0.875 = 0.714. S for the same portfolios is 0.75.

    Examples:
        >>> round(chance_corrected([1, 1, 0, -1], [1, 0, 0, -1], kind="pi"), 3)
        0.704
        >>> round(chance_corrected([1, 1, 0, -1], [1, 0, 0, -1], kind="kappa"), 3)
        0.714
        >>> chance_corrected([0, 0, 0, 0], [0, 0, 0, 0])   # no information, no agreement claimed
        nan
    """
    a, b = np.asarray(a, float), np.asarray(b, float)
    if len(a) == 0:
        return math.nan
    observed = np.abs(a - b).mean()
    if kind == "pi":
        pooled = np.concatenate([a, b])
        expected = np.abs(pooled[:, None] - pooled[None, :]).mean()
    elif kind == "kappa":
        expected = np.abs(a[:, None] - b[None, :]).mean()
    else:
        raise ValueError("kind must be 'pi' or 'kappa'")
    if expected == 0:
        return math.nan
    return float(np.clip(1 - observed / expected, -1.0, 1.0))


def alignment(events: pd.DataFrame, *, measure: str = "direct", level: str = "country",
              actors: Sequence[str] | None = None, top: int = 15, min_evidence: int = 3,
              weight: str = "count", scope: str | Sequence[str] | None = "international") -> pd.DataFrame:
    """Pairwise alignment in [-1, 1] as a long frame: a, b, value, n_events, sufficient.

    Args:
        measure: direct, s (Signorino-Ritter), kappa (Cohen, Häge), pi (Scott, Häge).
        level: country or role.
        actors: the actor set; by default the ``top`` actors by number of events.
        min_evidence: cells resting on fewer events are NaN and ``sufficient`` is False.
        weight: for ``direct``: count (net stance) or goldstein (mean score / 10).
        scope: the events' scope; international by default (alignment is between states); None for all.

    Examples:
        >>> ev = pd.DataFrame({"source_country": ["A", "B", "A", "C"], "source_code": ["A", "B", "A", "C"],
        ...     "target_country": ["B", "A", "C", "A"], "target_code": ["B", "A", "C", "A"],
        ...     "quad_class": [1, 1, 4, 3], "goldstein": [3.0, 3.0, -9.0, -5.0], "plover": ["CONSULT"] * 4})
        >>> m = alignment(ev, measure="direct", min_evidence=1)
        >>> m[(m.a == "A") & (m.b == "B")]["value"].item(), m[(m.a == "A") & (m.b == "C")]["value"].item()
        (1.0, -1.0)
    """
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {list(MEASURES)}, got {measure!r}")
    d = _directed(select_scope(events, scope), level)
    universe = _universe(d, actors, top)
    stance, count = _stance_matrix(d, universe)
    rows = []
    n = len(universe)
    goldstein = None
    coop_conf = None
    if measure == "direct":
        sub = d[d["source"].isin(universe) & d["target"].isin(universe)]
        first = sub["source"] < sub["target"]
        pair = [sub["source"].where(first, sub["target"]), sub["target"].where(first, sub["source"])]
        if weight == "goldstein":
            goldstein = sub.groupby(pair)["goldstein"].mean().to_dict()
        else:
            coop_conf = sub.groupby(pair)[["coop", "conf"]].sum()
    for i in range(n):
        for j in range(n):
            a, b = universe[i], universe[j]
            if i == j:
                rows.append((a, b, 1.0, int(count[i].sum()), True))
                continue
            if measure == "direct":
                events_ab = int(count[i, j] + count[j, i])
                key = tuple(sorted((a, b)))
                if goldstein is not None:
                    value = goldstein.get(key, math.nan) / 10
                elif coop_conf is not None and key in coop_conf.index:
                    c, f = coop_conf.loc[[key]].iloc[0]
                    value = (c - f) / (c + f) if c + f else math.nan
                else:
                    value = math.nan
            else:
                others = [k for k in range(n) if k not in (i, j)]
                pa = np.nan_to_num(stance[i, others], nan=0.0)
                pb = np.nan_to_num(stance[j, others], nan=0.0)
                events_ab = int(count[i, others].sum() + count[j, others].sum())
                if count[i, others].sum() == 0 or count[j, others].sum() == 0:
                    value = math.nan  # an actor that acted toward no third party has no stance to compare
                else:
                    value = signorino_s(pa, pb) if measure == "s" else chance_corrected(pa, pb, kind=measure)
            sufficient = events_ab >= min_evidence and not math.isnan(value)
            rows.append((a, b, float(value) if sufficient else math.nan, events_ab, sufficient))
    out = pd.DataFrame(rows, columns=["a", "b", "value", "n_events", "sufficient"])
    return out.astype({"a": "str", "b": "str", "value": "float64", "n_events": "int64", "sufficient": "bool"})


def to_matrix(long: pd.DataFrame, order: Sequence[str] | None = None) -> pd.DataFrame:
    """A long alignment frame as a square matrix (rows a, columns b)."""
    m = long.pivot(index="a", columns="b", values="value")
    if order is not None:
        m = m.reindex(index=list(order), columns=list(order))
    m.index.name, m.columns.name = None, None
    return m


def blocs(long: pd.DataFrame, *, threshold: float = 0.0) -> pd.DataFrame:
    """Group actors into blocs by average-linkage hierarchical clustering (scipy) on the distance
    ``(1 - alignment) / 2``; a missing cell counts as 0.5 (neither close nor far). Clusters are cut where the
    average alignment between them falls below ``threshold``. Average linkage needs no signed-graph
    assumptions and is deterministic; the leaf order also orders the heatmap.

    Returns:
        Columns: actor, bloc (1 = the largest), order (position in the dendrogram).
    """
    from scipy.cluster.hierarchy import fcluster, leaves_list, linkage
    from scipy.spatial.distance import squareform

    m = to_matrix(long)
    actors = list(m.index)
    if len(actors) < 2:
        return pd.DataFrame({"actor": actors, "bloc": [1] * len(actors), "order": list(range(len(actors)))})
    values = m.to_numpy(dtype=float)
    both = np.stack([values, values.T])
    counts = np.sum(~np.isnan(both), axis=0)
    sym = np.where(counts > 0, np.nansum(both, axis=0) / np.maximum(counts, 1), np.nan)
    dist = np.where(np.isnan(sym), 0.5, (1 - sym) / 2)
    np.fill_diagonal(dist, 0.0)
    z = linkage(squareform(np.clip(dist, 0, 1), checks=False), method="average")
    labels = fcluster(z, t=(1 - threshold) / 2, criterion="distance")
    order = leaves_list(z)
    sizes = pd.Series(labels).value_counts()
    rank = {lab: r for r, lab in enumerate(sorted(sizes.index, key=lambda x: (-sizes[x], x)), 1)}
    out = pd.DataFrame({"actor": actors, "bloc": [rank[x] for x in labels]})
    out["order"] = out["actor"].map({actors[k]: pos for pos, k in enumerate(order)})
    return out.sort_values("order").reset_index(drop=True)


def bloc_stability(events: pd.DataFrame, *, n_boot: int = 30, seed: int = 0, **kwargs: Any) -> pd.DataFrame:
    """How stable each actor's bloc is: events are resampled with replacement ``n_boot`` times; for each actor,
    the share of (actor, other) pairs whose together-or-apart status matches the full data, averaged.

    Returns:
        Columns: actor, bloc, stability (0..1).
    """
    base_long = alignment(events, **kwargs)
    base = blocs(base_long)
    actors = base["actor"].tolist()
    same = base.set_index("actor").loc[actors, "bloc"].to_numpy()
    together = same[:, None] == same[None, :]
    rng = np.random.default_rng(seed)
    agree = np.zeros(len(actors))
    kwargs = {**kwargs, "actors": actors}
    for _ in range(n_boot):
        sample = events.iloc[rng.integers(0, len(events), len(events))]
        b = blocs(alignment(sample, **kwargs)).set_index("actor").reindex(actors)["bloc"].to_numpy()
        tog = b[:, None] == b[None, :]
        agree += ((tog == together).sum(axis=1) - 1) / max(1, len(actors) - 1)
    return base[["actor", "bloc"]].assign(stability=agree / n_boot)


def alignment_over_time(events: pd.DataFrame, *, freq: str = "quarter", window: int = 2, **kwargs: Any
                        ) -> pd.DataFrame:
    """The alignment measure over rolling windows of ``window`` periods, labelled by each window's last period.

    Returns:
        Columns: period, a, b, value, n_events, sufficient (pairs a < b only).
    """
    from .frequency import _freq

    code = _freq(freq)
    dated = events[events["date"].notna()]
    cols = ["period", "a", "b", "value", "n_events", "sufficient"]
    if dated.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(cols, ["datetime64[ns]", "str", "str",
                                                                         "float64", "int64", "bool"], strict=True)})
    if kwargs.get("actors") is None:  # one actor set for every window, so windows are comparable
        d = _directed(dated, kwargs.get("level", "country"))
        kwargs["actors"] = _universe(d, None, kwargs.get("top", 15))
    periods = pd.period_range(dated["date"].min().to_period(code), dated["date"].max().to_period(code), freq=code)
    frames = []
    for k in range(len(periods)):
        lo = periods[max(0, k - window + 1)].start_time
        hi = periods[k].end_time
        part = dated[(dated["date"] >= lo) & (dated["date"] <= hi)]
        long = alignment(part, **kwargs)
        frames.append(long[long["a"] < long["b"]].assign(period=periods[k].start_time))
    out = pd.concat(frames, ignore_index=True)[cols]
    out["period"] = out["period"].astype("datetime64[ns]")
    return out


def movers(over_time: pd.DataFrame, events: pd.DataFrame, *, top: int = 5, level: str = "country"
           ) -> pd.DataFrame:
    """The dyads whose alignment moved most between consecutive windows, and the events of the window that
    moved them.

    Returns:
        Columns: a, b, period, before, after, change, event_ids.
    """
    ot = over_time.dropna(subset=["value"]).sort_values("period")
    rows = []
    for (a, b), g in ot.groupby(["a", "b"]):
        g = g.sort_values("period")
        delta = g["value"].diff()
        if delta.abs().max() > 0:
            k = delta.abs().idxmax()
            pos = g.index.get_loc(k)
            rows.append({"a": a, "b": b, "period": g.at[k, "period"], "before": round(g["value"].iloc[pos - 1], 3),
                         "after": round(g.at[k, "value"], 3), "change": round(float(delta[k]), 3)})
    out = pd.DataFrame(rows, columns=["a", "b", "period", "before", "after", "change"])
    out = out.reindex(out["change"].abs().sort_values(ascending=False).index).head(top).reset_index(drop=True)
    ids = []
    for r in out.itertuples():
        ev = dyad_evidence(events, r.a, r.b, level=level)
        ids.append(ev.loc[ev["date"] <= r.period + pd.offsets.MonthEnd(3), "event_id"].tail(10).tolist()
                   if "event_id" in ev else [])
    return out.assign(event_ids=pd.Series(ids, index=out.index, dtype="object"))


def dyad_evidence(events: pd.DataFrame, a: str, b: str, *, level: str = "country") -> pd.DataFrame:
    """The events between a and b, both directions, with their sentences, in date order."""
    src, tgt = actor_columns(events, level)
    mask = ((src == a) & (tgt == b)) | ((src == b) & (tgt == a))
    return events[mask.fillna(False)].sort_values("date", kind="stable").reset_index(drop=True)


def network_layout(long: pd.DataFrame, bloc_frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Node positions (a circle, actors in bloc order) and edges (a < b, sufficient cells) for a network chart.

    Returns:
        (nodes: actor, bloc, x, y; edges: a, b, value, n_events, x, y, x2, y2, relation)
    """
    nodes = bloc_frame.sort_values("order").reset_index(drop=True)
    angle = 2 * np.pi * np.arange(len(nodes)) / max(1, len(nodes))
    nodes = nodes.assign(x=np.cos(angle).round(4), y=np.sin(angle).round(4))
    pos = nodes.set_index("actor")[["x", "y"]]
    e = long[(long["a"] < long["b"]) & long["sufficient"]].copy()
    e = e[e["a"].isin(pos.index) & e["b"].isin(pos.index)]
    e["x"], e["y"] = pos.loc[e["a"], "x"].to_numpy(), pos.loc[e["a"], "y"].to_numpy()
    e["x2"], e["y2"] = pos.loc[e["b"], "x"].to_numpy(), pos.loc[e["b"], "y"].to_numpy()
    e["relation"] = np.where(e["value"] >= 0, "cooperation", "conflict")
    return nodes[["actor", "bloc", "x", "y"]], e.reset_index(drop=True)
