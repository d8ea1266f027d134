"""Sanctions regimes and the analyses of exchanges against them: legal assessment, ledger, flows, timeline.

The regimes are data: ``analystkit/reference/sanctions/*.yaml``, one file per regime (layout in that folder's
README.md): the UN Security Council's regimes since 2006 and the EU's, the United States' and the United
Kingdom's measures on Russia, Belarus, Iran and the DPRK. Each regime has a target (a state, or named groups) and,
resolution by resolution (or instrument by instrument), dated bans: a direction (to_target, from_target, both),
the parties on the target's side it covers (any, state, non_state, named groups), the item classes it covers
(``covers``: categories and tags of ``lexicons/items.jsonl``), an optional end and cap.

A transfer falls under a regime when one of its items is covered by a ban in force on its date, in the ban's
direction between a party the ban covers and anyone outside it. ``prohibited`` means banned under a UN regime
(binding on every state); ``regimes`` lists every regime, UN or jurisdictional, it falls under, so "banned for EU
exporters" stands apart from "banned under UN sanctions". An analyst adds a regime as a file of the same layout
(``extra=``); every file is validated and errors name the file and line.

Examples:
    >>> regimes = load_regimes()
    >>> assess("RUS", "PRK", ["limousine"], dt.date(2024, 2, 1), item_bans={"limousine": ("luxury",)},
    ...        regimes=regimes).prohibited
    True
    >>> a = assess("ERI", Party("SOM", "REB", "al-Shabaab"), ["rifles"], dt.date(2024, 2, 1), item_bans={},
    ...            item_tags={"rifles": ("arms", "small_arms")}, regimes=regimes)
    >>> a.prohibited, a.regime
    (True, 'UNSC 751/2713 Somalia')
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd
import yaml

from .lexicon import ITEM_CLASSES

JURISDICTIONS = ("UN", "EU", "US", "UK")
DIRECTIONS = frozenset({"to_target", "from_target", "both"})
PARTIES = frozenset({"any", "state", "non_state", "groups"})
BINDS = {
    "EU": ("AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL", "ITA",
           "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE"),
    "US": ("USA",), "UK": ("GBR",)}
"""Whom a jurisdiction's measures bind by default (its member states' exporters and importers); a regime's own
``binds`` list, or a ban's ``binds: any`` (services such as shipping under a price cap), overrides it. UN measures
bind every state."""
STATE_ROLES = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
"""Roles of a state's own organs; a country named bare (no role) is the state too. Every other role (rebels,
opposition, gangs, companies ...) is non-state."""


class Party(NamedTuple):
    """One side of a transfer: its country, role and canonical name (from the actor lexicon)."""

    country: str | None
    role: str | None = None
    name: str | None = None

    @property
    def is_state(self) -> bool:
        return self.role is None or self.role in STATE_ROLES


class Ban(NamedTuple):
    regime: str
    target: str | None
    resolution: str
    effective: dt.date
    key: str
    direction: str
    categories: tuple[str, ...]  # descriptive kinds of goods (the DPRK file's fine-grained bans)
    cap: Mapping[str, Any] | None
    covers: tuple[str, ...] = ()  # item classes it covers (categories, tags, "all")
    parties: str = "any"
    groups: frozenset[str] = frozenset()
    ends: dt.date | None = None  # first day it no longer applies
    jurisdiction: str = "UN"
    binds: frozenset[str] | None = None  # countries whose side of the transfer it binds (None: every state)
    basis: str | None = None  # the regime's founding resolution, cited with every ban of it


@dataclass(frozen=True)
class Regimes:
    bans: tuple[Ban, ...]
    events: pd.DataFrame  # date, regime, kind, actor, note
    resolutions: pd.DataFrame = field(default_factory=pd.DataFrame)  # regime, jurisdiction, target, number, ...


class Assessment(NamedTuple):
    prohibited: bool
    regime: str | None
    legal_refs: str | None
    regimes: str | None = None  # every regime it falls under, UN first, "; "-joined


class _Mapping(dict):  # type: ignore[type-arg]
    """A YAML mapping that remembers its line."""

    line = 0


class _Loader(yaml.SafeLoader):
    """Safe YAML whose mappings keep their line and whose dates stay text (checked with their line)."""

    yaml_implicit_resolvers = {k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
                               for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _mapping(loader: _Loader, node: yaml.MappingNode) -> _Mapping:
    out = _Mapping(loader.construct_mapping(node, deep=True))
    out.line = node.start_mark.line + 1
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


class _Checker:
    """Reads one regimes file and says what is wrong in it, with its file and line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, node: Any, message: str) -> None:
        raise ValueError(f"{self.path}:{getattr(node, 'line', 0)}: {message}")

    def need(self, node: Any, *keys: str) -> None:
        if not isinstance(node, dict):
            self.fail(node, f"expected a mapping with {', '.join(keys)}, got {type(node).__name__}")
        for k in keys:
            if node.get(k) in (None, ""):
                self.fail(node, f"missing {k!r}")

    def date(self, node: Any, key: str, optional: bool = False) -> dt.date | None:
        value = node.get(key)
        if value is None and optional:
            return None
        try:
            return _date(value)
        except (TypeError, ValueError):
            self.fail(node, f"{key} {value!r} is not a date (YYYY-MM-DD)")
        return None

    def items(self, node: Any, key: str) -> list[Any]:
        value = node.get(key) or []
        if not isinstance(value, list):
            self.fail(node, f"{key} must be a list")
        return value


def _read(path: Path) -> list[Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}  # noqa: S506 - safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ValueError(f"{where}: cannot read sanctions file: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict) or not isinstance(data.get("regimes"), list):
        raise ValueError(f"{path}: a sanctions file needs a list 'regimes'")
    return data["regimes"]


def _files(extra: tuple[str, ...]) -> list[Path]:
    shipped = Path(str(resources.files("analystkit").joinpath("reference", "sanctions")))
    return sorted(shipped.glob("*.yaml")) + [Path(p) for p in extra]


@functools.lru_cache(maxsize=4)
def _load(extra: tuple[str, ...]) -> Regimes:
    bans: list[Ban] = []
    events: list[dict[str, Any]] = []
    resolutions: list[dict[str, Any]] = []
    keys: dict[str, str] = {}
    ids: dict[str, str] = {}
    for path in _files(extra):
        check = _Checker(path)
        for regime in _read(path):
            check.need(regime, "id", "name", "resolutions")
            name, rid = str(regime["name"]), str(regime["id"])
            if rid in ids:
                check.fail(regime, f"regime id {rid!r} already defined in {ids[rid]}")
            ids[rid] = f"{path.name}:{regime.line}"
            jurisdiction = regime.get("jurisdiction", "UN")
            if jurisdiction not in JURISDICTIONS:
                check.fail(regime, f"jurisdiction {jurisdiction!r} is not one of {', '.join(JURISDICTIONS)}")
            target = regime.get("target")
            if target is not None and not (isinstance(target, str) and len(target) == 3 and target.isupper()):
                check.fail(regime, f"target {target!r} is not an ISO 3166-1 alpha-3 code or null")
            ended = check.date(regime, "ended", optional=True)
            # the founding resolution: "basis", or the number in a UN regime's id (UNSC-2127-CAF)
            basis = str(regime.get("basis") or "") or next(
                (part for part in rid.split("-")[1:2] if part.isdigit() and rid.startswith("UNSC-")), None)
            binds = regime.get("binds", BINDS.get(jurisdiction))
            if binds is not None and not (isinstance(binds, list | tuple) and all(
                    isinstance(c, str) and len(c) == 3 for c in binds)):
                check.fail(regime, "binds must be a list of ISO 3166-1 alpha-3 codes")
            for res in check.items(regime, "resolutions"):
                check.need(res, "number", "adopted")
                number = str(res["number"])
                adopted = check.date(res, "adopted")
                effective = check.date(res, "effective", optional=True) or adopted
                resolutions.append({"regime": name, "jurisdiction": jurisdiction, "target": target, "number": number,
                                    "adopted": pd.Timestamp(adopted), "summary": str(res.get("summary") or ""),
                                    "source": str(res.get("source") or "")})
                for ban in check.items(res, "bans"):
                    bans.append(_ban(check, ban, keys, Ban(name, target, number, effective, "", "", (), None,
                                                           jurisdiction=jurisdiction, ends=ended, basis=basis,
                                                           binds=None if binds is None else frozenset(binds))))
            for ev in check.items(regime, "events"):
                check.need(ev, "date", "kind")
                events.append({"date": pd.Timestamp(check.date(ev, "date")), "regime": name, "kind": ev["kind"],
                               "actor": ev.get("actor"), "note": ev.get("note", "")})
    frame = pd.DataFrame(events, columns=["date", "regime", "kind", "actor", "note"])
    frame["date"] = frame["date"].astype("datetime64[ns]")
    res_frame = pd.DataFrame(resolutions, columns=["regime", "jurisdiction", "target", "number", "adopted", "summary",
                                                   "source"])
    res_frame["adopted"] = res_frame["adopted"].astype("datetime64[ns]")
    return Regimes(tuple(bans), frame.sort_values("date", kind="stable").reset_index(drop=True),
                   res_frame.sort_values("adopted", kind="stable").reset_index(drop=True))


def _ban(check: _Checker, ban: Any, keys: dict[str, str], regime: Ban) -> Ban:
    """One ban, checked; ``regime`` holds what it takes from its regime and resolution (name, target, number,
    effective date, jurisdiction, the regime's end, founding resolution and whom it binds)."""
    check.need(ban, "key", "direction")
    target = regime.target
    key = str(ban["key"])
    if key in keys:
        check.fail(ban, f"ban key {key!r} already used in {keys[key]}")
    keys[key] = f"{check.path.name}:{ban.line}"
    if ban["direction"] not in DIRECTIONS:
        check.fail(ban, f"direction {ban['direction']!r} is not one of {', '.join(sorted(DIRECTIONS))}")
    covers = tuple(check.items(ban, "covers"))
    unknown = [c for c in covers if c not in ITEM_CLASSES]
    if unknown:
        check.fail(ban, f"covers {unknown} are not item classes (see reference/sanctions/README.md)")
    parties = ban.get("parties") or "any"
    if parties not in PARTIES:
        check.fail(ban, f"parties {parties!r} is not one of {', '.join(sorted(PARTIES))}")
    groups = frozenset(str(g).casefold() for g in check.items(ban, "groups"))
    if parties == "groups" and not groups:
        check.fail(ban, "parties: groups needs a list 'groups' of actor names")
    if parties != "groups" and target is None:
        check.fail(ban, f"parties {parties!r} needs the regime's target country")
    cap = ban.get("cap")
    if cap is not None and not (isinstance(cap, dict) and ("amount" in cap or "price" in cap or "level" in cap)):
        check.fail(ban, "cap must be null or a mapping with amount (and unit, per) or price (and unit)")
    ends = [d for d in (check.date(ban, "ends", optional=True), regime.ends) if d]
    return regime._replace(
        resolution=str(ban.get("refs") or regime.resolution),  # a measure reimposed later cites the one that made it
        key=key, direction=ban["direction"], categories=tuple(ban.get("categories") or ()), cap=cap, covers=covers,
        parties=parties, groups=groups, ends=min(ends) if ends else None,
        binds=None if ban.get("binds") == "any" else regime.binds)


def load_regimes(extra: str | Path | Sequence[str | Path] | None = None) -> Regimes:
    """The shipped regimes plus an analyst's own file(s) in the same layout."""
    extras = [] if extra is None else [extra] if isinstance(extra, (str, Path)) else list(extra)
    return _load(tuple(str(p) for p in extras))


def _party(value: Party | str | None) -> Party:
    return value if isinstance(value, Party) else Party(value)


def _covered_party(ban: Ban, party: Party) -> bool:
    """Whether a party is on the ban's target side: its country and kind, or its group by name."""
    if ban.parties == "groups":
        return bool(party.name) and party.name.casefold() in ban.groups
    if party.country != ban.target:
        return False
    return ban.parties == "any" or (ban.parties == "state") == party.is_state


def _applies(ban: Ban, provider: Party, recipient: Party) -> bool:
    """The ban's direction between a covered party and someone outside the target (a country's own forces arming
    its own forces is no import)."""
    def outside(party: Party) -> bool:  # and bound by the ban (a jurisdiction's own exporters and importers)
        return not _covered_party(ban, party) and (ban.parties == "groups" or party.country != ban.target) \
            and (ban.binds is None or party.country in ban.binds)
    to_target = _covered_party(ban, recipient) and outside(provider)
    from_target = _covered_party(ban, provider) and outside(recipient)
    return (ban.direction in {"to_target", "both"} and to_target) or \
        (ban.direction in {"from_target", "both"} and from_target)


def _over_cap(cap: Mapping[str, Any] | None, quantity: float | None, price: float | None) -> bool:
    """An uncapped ban, or a stated quantity (or price) above the cap."""
    if not cap:
        return True
    if "price" in cap:
        return price is not None and price > float(cap["price"])
    if "amount" in cap:
        return quantity is not None and quantity > float(cap["amount"])
    return False  # a cap with no figure ("what was supplied the year before") cannot be judged from a sentence


def _resolution_order(number: str) -> tuple[int, str]:
    return (int(number), "") if number.isdigit() else (10**9, number)


def assess(provider: Party | str | None, recipient: Party | str | None, items: Sequence[str], date: dt.date | None,
           *, item_bans: Mapping[str, Sequence[str]], item_tags: Mapping[str, Sequence[str]] | None = None,
           quantity: float | None = None, price: float | None = None,
           regimes: Regimes | None = None) -> Assessment:
    """Whether a transfer of ``items`` from ``provider`` to ``recipient`` on ``date`` falls under a regime.

    ``provider`` and ``recipient`` are :class:`Party` (country, role, canonical name) or bare country codes.
    ``item_bans`` maps each item to the ban keys naming it, ``item_tags`` to its category and tags (both from the
    items lexicon). ``quantity`` (barrels) and ``price`` (per barrel) are what the sentence states, for capped
    bans. Without a date nothing is assessed.
    """
    regimes = regimes or load_regimes()
    if date is None:
        return Assessment(False, None, None, None)
    giver, taker = _party(provider), _party(recipient)
    keys = {k for item in items for k in item_bans.get(item, ())}
    classes = {c for item in items for c in (item_tags or {}).get(item, ())} | {"all"}
    hits = [b for b in regimes.bans
            if (b.key in keys or classes & set(b.covers)) and b.effective <= date
            and (b.ends is None or date < b.ends) and _applies(b, giver, taker) and _over_cap(b.cap, quantity, price)]
    if not hits:
        return Assessment(False, None, None, None)
    un = [b for b in hits if b.jurisdiction == "UN"]
    names = sorted({b.regime for b in un}) + sorted({b.regime for b in hits if b.jurisdiction != "UN"})
    if not un:
        return Assessment(False, None, None, "; ".join(names))
    # the regime aimed at the recipient names the breach first ("Iranian missiles to the Houthis": Yemen)
    regime = min(un, key=lambda b: (not _covered_party(b, taker), b.regime)).regime
    order = [regime] + [n for n in names if n != regime and n in {b.regime for b in un}]
    refs = [r for name in order for r in sorted({b.resolution for b in un if b.regime == name} |
                                                 {b.basis for b in un if b.regime == name and b.basis},
                                                 key=_resolution_order)]
    return Assessment(True, regime, "; ".join(dict.fromkeys(refs)), "; ".join(names))


def ledger(exchanges: pd.DataFrame, events: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per exchange with its legal basis and evidence, newest first; with ``events``, its date."""
    out = exchanges.copy()
    if events is not None and len(out):
        dates = events.set_index("event_id")["date"]
        out.insert(0, "date", out["event_id"].map(dates).astype("datetime64[ns]"))
    cols = [c for c in ["date", "provider_country", "recipient_country", "item", "category", "status", "prohibited",
                        "regime", "legal_refs", "regimes", "evidence", "doc_id", "exchange_id"] if c in out.columns]
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


def _listed(exchanges: pd.DataFrame) -> pd.Series:
    """The set of regimes each exchange falls under (``regimes``, or ``regime`` in frames that predate it)."""
    listed = exchanges["regimes"] if "regimes" in exchanges else exchanges["regime"]
    return listed.map(lambda names: set(names.split("; ")) if isinstance(names, str) else set())


def regimes_of(exchanges: pd.DataFrame) -> set[str]:
    """Every regime the exchanges fall under."""
    return set().union(*_listed(exchanges))


def under(exchanges: pd.DataFrame, regime: str) -> pd.Series:
    """Which exchanges fall under a regime (by name): a boolean mask over the frame."""
    return _listed(exchanges).map(lambda names: regime in names).astype(bool)


def summary(exchanges: pd.DataFrame | None = None, regimes: Regimes | None = None) -> pd.DataFrame:
    """One row per loaded regime: its jurisdiction, target, resolutions (count, first and last dates) and, with
    ``exchanges``, how many exchanges fall under it and how many of those are prohibited (UN)."""
    regimes = regimes or load_regimes()
    res = regimes.resolutions
    g = res.groupby("regime", sort=False)
    out = pd.DataFrame({"jurisdiction": g["jurisdiction"].first(), "target": g["target"].first(),
                        "resolutions": g.size(), "first": g["adopted"].min(), "last": g["adopted"].max()})
    if exchanges is not None:
        out["exchanges"] = [int(under(exchanges, r).sum()) if len(exchanges) else 0 for r in out.index]
        out["prohibited"] = [int((under(exchanges, r) & exchanges["prohibited"]).sum()) if len(exchanges) else 0
                             for r in out.index]
    order = out.assign(un=out["jurisdiction"] != "UN").sort_values(["un", "jurisdiction"], kind="stable")
    return order.drop(columns="un").rename_axis("regime").reset_index()


def timeline(exchanges: pd.DataFrame, events: pd.DataFrame, regimes: Regimes | None = None, *,
             regime: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Exchanges by date beside the regimes' resolutions and events (vetoes, the panel's expiry).

    ``regime`` (a name or names) picks the regimes shown; by default those the exchanges fall under.

    Returns:
        Columns: date, kind ("exchange", "resolution" or the regime event's kind), regime, label, category, status,
        prohibited.
    """
    regimes = regimes or load_regimes()
    dates = events.set_index("event_id")["date"] if len(events) else pd.Series(dtype="datetime64[ns]")
    ex = exchanges.assign(date=exchanges["event_id"].map(dates))
    rows = pd.DataFrame({
        "date": ex["date"], "kind": "exchange", "regime": ex["regime"],
        "label": ex["provider_country"].fillna("?") + " -> " + ex["recipient_country"].fillna("?") + ": " + ex["item"],
        "category": ex["category"], "status": ex["status"], "prohibited": ex["prohibited"]})
    chosen = regimes_of(exchanges) if regime is None else {regime} if isinstance(regime, str) else set(regime)
    res = regimes.resolutions[regimes.resolutions["regime"].isin(chosen)]
    res = pd.DataFrame({"date": res["adopted"], "kind": "resolution", "regime": res["regime"],
                        "label": res["regime"] + ": " + res["number"], "category": None, "status": None,
                        "prohibited": None})
    reg = regimes.events[regimes.events["regime"].isin(chosen)]
    reg = reg.assign(label=reg["regime"] + ": " + reg["kind"].str.replace("_", " "), category=None, status=None,
                     prohibited=None)[rows.columns]
    out = pd.concat([frame for frame in (rows, res, reg) if len(frame)] or [rows], ignore_index=True)
    out["date"] = out["date"].astype("datetime64[ns]")
    return out.dropna(subset=["date"]).sort_values("date", kind="stable").reset_index(drop=True)
