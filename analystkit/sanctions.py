"""Sanctions regimes (data) and the analyses of exchanges against them: legal assessment, ledger, flows, timeline.

The regimes are ``analystkit/reference/sanctions_regimes.yaml``: for each regime its target state and, resolution
by resolution, the date it took effect and what it bans (``key``, ``direction``: to_target / from_target / both,
``categories``, optional ``cap``). An item in ``lexicons/items.jsonl`` names the ban keys that cover it. An
exchange is prohibited when one of its items is covered by a ban in force on the exchange's date, in the
exchange's direction relative to the target; a capped ban (refined petroleum) prohibits only a stated quantity
above the cap. Another regime is added as data: a file of the same layout passed as ``extra``.

Examples:
    >>> regimes = load_regimes()
    >>> assess("RUS", "PRK", ["limousine"], dt.date(2024, 2, 1), item_bans={"limousine": ("luxury",)},
    ...        regimes=regimes).prohibited
    True
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd
import yaml


class Ban(NamedTuple):
    regime: str
    target: str
    resolution: str
    effective: dt.date
    key: str
    direction: str
    categories: tuple[str, ...]
    cap: Mapping[str, Any] | None


@dataclass(frozen=True)
class Regimes:
    bans: tuple[Ban, ...]
    events: pd.DataFrame  # date, regime, kind, actor, note


class Assessment(NamedTuple):
    prohibited: bool
    regime: str | None
    legal_refs: str | None


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _read(paths: Iterable[Path]) -> list[dict[str, Any]]:
    regimes: list[dict[str, Any]] = []
    for path in paths:
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ValueError(f"{path}: cannot read sanctions file: {str(exc).splitlines()[0]}") from None
        if not isinstance(data, dict) or not isinstance(data.get("regimes"), list):
            raise ValueError(f"{path}: a sanctions file needs a list 'regimes'")
        regimes.extend(data["regimes"])
    return regimes


@functools.lru_cache(maxsize=4)
def _load(extra: tuple[str, ...]) -> Regimes:
    shipped = resources.files("analystkit").joinpath("reference", "sanctions_regimes.yaml")
    bans: list[Ban] = []
    events: list[dict[str, Any]] = []
    for regime in _read([Path(str(shipped)), *map(Path, extra)]):
        name, target = regime["name"], regime["target"]
        for res in regime.get("resolutions", []):
            effective = _date(res.get("effective") or res["adopted"])
            for ban in res.get("bans", []):
                if ban["direction"] not in {"to_target", "from_target", "both"}:
                    raise ValueError(f"{name} {res['number']} {ban['key']}: direction {ban['direction']!r}")
                bans.append(Ban(name, target, str(res["number"]), effective, ban["key"], ban["direction"],
                                tuple(ban.get("categories") or ()), ban.get("cap")))
        for ev in regime.get("events", []):
            events.append({"date": pd.Timestamp(_date(ev["date"])), "regime": name, "kind": ev["kind"],
                           "actor": ev.get("actor"), "note": ev.get("note", "")})
    frame = pd.DataFrame(events, columns=["date", "regime", "kind", "actor", "note"])
    frame["date"] = frame["date"].astype("datetime64[ns]")
    return Regimes(tuple(bans), frame.sort_values("date").reset_index(drop=True))


def load_regimes(extra: str | Path | Sequence[str | Path] | None = None) -> Regimes:
    """The shipped regimes plus an analyst's own file(s) in the same layout."""
    extras = [] if extra is None else [extra] if isinstance(extra, (str, Path)) else list(extra)
    return _load(tuple(str(p) for p in extras))


def _applies(ban: Ban, provider: str | None, recipient: str | None) -> bool:
    to_target = recipient == ban.target and provider != ban.target
    from_target = provider == ban.target and recipient != ban.target
    return (ban.direction in {"to_target", "both"} and to_target) or \
        (ban.direction in {"from_target", "both"} and from_target)


def assess(provider: str | None, recipient: str | None, items: Sequence[str], date: dt.date | None, *,
           item_bans: Mapping[str, Sequence[str]], quantity: float | None = None,
           regimes: Regimes | None = None) -> Assessment:
    """Whether a transfer of ``items`` from ``provider`` to ``recipient`` (countries) on ``date`` is banned.

    ``item_bans`` maps each item to the ban keys covering it (from the items lexicon). Without a date nothing is
    assessed as prohibited.
    """
    regimes = regimes or load_regimes()
    if date is None:
        return Assessment(False, None, None)
    keys = {k for item in items for k in item_bans.get(item, ())}
    hits = [b for b in regimes.bans if b.key in keys and b.effective <= date and _applies(b, provider, recipient)
            and (not b.cap or (quantity is not None and quantity > float(b.cap.get("amount", 0))))]
    if not hits:
        return Assessment(False, None, None)
    regime = sorted({b.regime for b in hits})[0]
    refs = "; ".join(sorted({b.resolution for b in hits if b.regime == regime}, key=lambda r: int(r) if r.isdigit()
                            else 0))
    return Assessment(True, regime, refs)


def ledger(exchanges: pd.DataFrame, events: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per exchange with its legal basis and evidence, newest first; with ``events``, its date."""
    out = exchanges.copy()
    if events is not None and len(out):
        dates = events.set_index("event_id")["date"]
        out.insert(0, "date", out["event_id"].map(dates).astype("datetime64[ns]"))
    cols = [c for c in ["date", "provider_country", "recipient_country", "item", "category", "status", "prohibited",
                        "regime", "legal_refs", "evidence", "doc_id", "exchange_id"] if c in out.columns]
    out = out[cols]
    return out.sort_values("date", ascending=False, kind="stable").reset_index(drop=True) if "date" in out else out


def flows(exchanges: pd.DataFrame, *, by_status: bool = True) -> pd.DataFrame:
    """Exchanges aggregated by provider -> recipient and category (and status): count and how many prohibited."""
    keys = ["provider", "recipient", "category"] + (["status"] if by_status else [])
    frame = exchanges.assign(provider=exchanges["provider_country"].fillna(exchanges["provider_code"]),
                             recipient=exchanges["recipient_country"].fillna(exchanges["recipient_code"]))
    if frame.empty:
        return pd.DataFrame({k: pd.Series(dtype="str") for k in keys} |
                            {"n": pd.Series(dtype="int64"), "n_prohibited": pd.Series(dtype="int64")})
    g = frame.groupby(keys, dropna=False)
    return pd.DataFrame({"n": g.size(), "n_prohibited": g["prohibited"].sum().astype("int64")}) \
        .reset_index().sort_values(["n", "provider", "recipient"], ascending=[False, True, True]) \
        .reset_index(drop=True)


def timeline(exchanges: pd.DataFrame, events: pd.DataFrame, regimes: Regimes | None = None) -> pd.DataFrame:
    """Exchanges by date beside the regime's own events (vetoes, the panel's expiry).

    Returns:
        Columns: date, kind ("exchange" or the regime event's kind), label, category, status, prohibited.
    """
    regimes = regimes or load_regimes()
    dates = events.set_index("event_id")["date"] if len(events) else pd.Series(dtype="datetime64[ns]")
    ex = exchanges.assign(date=exchanges["event_id"].map(dates))
    rows = pd.DataFrame({
        "date": ex["date"], "kind": "exchange",
        "label": ex["provider_country"].fillna("?") + " -> " + ex["recipient_country"].fillna("?") + ": " + ex["item"],
        "category": ex["category"], "status": ex["status"], "prohibited": ex["prohibited"]})
    reg = regimes.events.assign(label=regimes.events["regime"] + ": " + regimes.events["kind"].str.replace("_", " "),
                                category=None, status=None, prohibited=None)[rows.columns]
    out = pd.concat([rows, reg], ignore_index=True)
    out["date"] = out["date"].astype("datetime64[ns]")
    return out.dropna(subset=["date"]).sort_values("date", kind="stable").reset_index(drop=True)
