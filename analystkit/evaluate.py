"""Score coded events against hand-annotated gold (data/gold/*.gold.yaml; format in data/gold/README.md).

Events match on (source country, target country, PLOVER type) within a document, the country falling back to
the actor code for bodies without one (IGOUNO). Two readings are scored side by side:

- lenient: pairs in the same sentence are matched first, then any sentence of the document; a prediction that
  matches any gold event (essential or debatable) is not a false positive;
- strict: only essential gold absorbs a prediction, and only when the gold sentence is contained in the predicted
  one (a dateline or a sentence the splitter left joined may surround it); a domestic gold event (both sides in one
  country) must also match the actors' roles (KENCOP > KENOPP is not KENGOV > KENOPP).

Recall counts the essential gold events in both. On matched pairs, date, modality and CAMEO root are compared.

Exchanges match on (provider country, recipient country, category), same sentence and essential gold first; only
documents whose gold lists exchanges are scored for them (an empty list means "not annotated yet").

Examples:
    >>> gold = [{"sentence": "S.", "source_country": "KOR", "target_country": "PRK", "plover": "THREATEN",
    ...          "cameo": "138", "modality": "asserted", "date": "2024-06-20", "essential": True}]
    >>> pred = [{"evidence": "S.", "source_country": "KOR", "source_code": "KORMIL", "target_country": "PRK",
    ...          "target_code": "PRKMIL", "plover": "THREATEN", "cameo_root": "13", "modality": "asserted",
    ...          "date": "2024-06-20"}]
    >>> s = score_document(gold, pred)
    >>> (s.matched, s.precision, s.recall, s.modality_acc)
    (1, 1.0, 1.0, 1.0)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from .frames import read_frames


class GoldError(ValueError):
    """A gold file is malformed; the message names the file."""


@dataclass
class Score:
    gold_essential: int = 0
    gold_debatable: int = 0
    predicted: int = 0
    matched: int = 0  # predictions matched to any gold event
    matched_essential: int = 0
    date_hits: int = 0
    modality_hits: int = 0
    root_hits: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)  # (kind, description)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched_essential / self.gold_essential if self.gold_essential else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def date_acc(self) -> float:
        return self.date_hits / self.matched if self.matched else float("nan")

    @property
    def modality_acc(self) -> float:
        return self.modality_hits / self.matched if self.matched else float("nan")

    @property
    def root_acc(self) -> float:
        return self.root_hits / self.matched if self.matched else float("nan")

    def add(self, other: Score) -> None:
        for name in ("gold_essential", "gold_debatable", "predicted", "matched", "matched_essential",
                     "date_hits", "modality_hits", "root_hits"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses.extend(other.misses)


def _side(e: Mapping[str, Any], side: str, code_key: str) -> str:
    country = e.get(f"{side}_country")
    if country is None or (isinstance(country, float) and pd.isna(country)) or country == "":
        code = e.get(code_key)
        return "" if code is None or (isinstance(code, float) and pd.isna(code)) else str(code)
    return str(country)


def _gold_key(e: Mapping[str, Any]) -> tuple[str, str, str]:
    return (_side(e, "source", "source"), _side(e, "target", "target"), str(e.get("plover")))


def _pred_key(e: Mapping[str, Any]) -> tuple[str, str, str]:
    return (_side(e, "source", "source_code"), _side(e, "target", "target_code"), str(e.get("plover")))


def _norm(text: Any) -> str:
    return " ".join(str(text or "").split())


def _day(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return pd.Timestamp(value).date()
    except (ValueError, TypeError):
        return None


def _role(code: Any) -> str:
    return str(code)[3:] if isinstance(code, str) else ""


def _strict_hit(g: Mapping[str, Any], p: Mapping[str, Any]) -> bool:
    """The strict reading: the gold sentence inside the predicted one, and for a domestic gold event the roles too."""
    if _gold_key(g) != _pred_key(p) or _norm(g.get("sentence")) not in _norm(p.get("evidence")):
        return False
    if g.get("source_country") and g.get("source_country") == g.get("target_country"):
        return _role(g.get("source")) == _role(p.get("source_code")) and \
            _role(g.get("target")) == _role(p.get("target_code"))
    return True


def case_failures(expected: list[Mapping[str, Any]], events: pd.DataFrame) -> list[str]:
    """What a sentence case's coded ``events`` get wrong, strictly: each expected event (full codes, "KENCOP";
    a bare country "FRA" or an IGO "IGOUNO" where no role is implied) needs one coded event with the same source
    and target countries and PLOVER type, the same roles when both sides are in one country, and the same CAMEO
    root, modality, date and date precision where the case gives them; a coded event left over is a failure too.
    An empty list means the case passes.

    Examples:
        >>> ev = pd.DataFrame([{"source_code": "NGACOP", "source_country": "NGA", "target_code": "NGAOPP",
        ...     "target_country": "NGA", "plover": "ASSAULT", "cameo_root": "18", "modality": "asserted",
        ...     "date": pd.Timestamp("2024-08-01"), "date_precision": "day"}])
        >>> case_failures([{"source": "NGACOP", "target": "NGAOPP", "plover": "ASSAULT", "cameo_root": "18"}], ev)
        []
        >>> case_failures([{"source": "NGAGOV", "target": "NGAOPP", "plover": "ASSAULT"}], ev)
        ['missed NGAGOV>NGAOPP ASSAULT', 'extra NGACOP>NGAOPP ASSAULT (18)']
    """
    def country(code: Any) -> str:
        code = "" if code is None or (isinstance(code, float) and pd.isna(code)) else str(code)
        return code if code.startswith("IGO") or len(code) < 3 else code[:3]

    pool = events.to_dict("records")
    problems = []
    for e in expected:
        src, tgt = country(e.get("source")), country(e.get("target"))
        domestic = bool(src) and src == tgt
        hit = next((p for p in pool if (_side(p, "source", "source_code"), _side(p, "target", "target_code"),
                                         str(p.get("plover"))) == (src, tgt, e["plover"]) and not (
            domestic and (_role(e.get("source")), _role(e.get("target")))
            != (_role(p.get("source_code")), _role(p.get("target_code"))))), None)
        if hit is None:
            problems.append(f"missed {e.get('source')}>{e.get('target') or ''} {e['plover']}")
            continue
        pool.remove(hit)
        for key, got in (("cameo_root", hit.get("cameo_root")), ("modality", hit.get("modality")),
                         ("date", _day(hit.get("date"))), ("date_precision", hit.get("date_precision"))):
            want = e.get(key)
            if want is None:
                continue
            want = _day(want) if key == "date" else str(want)
            if got != want:
                problems.append(f"{e.get('source')}>{e.get('target') or ''} {e['plover']}: {key} {got} not {want}")
    problems += [f"extra {p.get('source_code')}>{p.get('target_code') if isinstance(p.get('target_code'), str) else ''}"
                 f" {p.get('plover')} ({p.get('cameo_root')})" for p in pool]
    return problems


def is_domestic(e: Mapping[str, Any]) -> bool:
    """Both sides in one country (gold or predicted event)."""
    a, b = e.get("source_country"), e.get("target_country")
    return isinstance(a, str) and bool(a) and a == b


def score_document(gold: list[Mapping[str, Any]], pred: list[Mapping[str, Any]], *, strict: bool = False) -> Score:
    """Match one document's predicted events to its gold events and count (``strict``: see the module doc)."""
    if strict:
        gold = [g for g in gold if g.get("essential", True)]
    s = Score(gold_essential=sum(bool(g.get("essential", True)) for g in gold),
              gold_debatable=sum(not g.get("essential", True) for g in gold), predicted=len(pred))
    free_gold = list(range(len(gold)))
    pairs: list[tuple[int, int]] = []
    unmatched_pred = []
    for same_sentence in ((True,) if strict else (True, False)):
        remaining = []
        for pi, p in (enumerate(pred) if same_sentence else unmatched_pred):
            hit = next((gi for gi in free_gold if _strict_hit(gold[gi], p)), None) if strict else \
                next((gi for gi in free_gold if _gold_key(gold[gi]) == _pred_key(p) and (
                    not same_sentence or _norm(gold[gi].get("sentence")) == _norm(p.get("evidence")))), None)
            if hit is None:
                remaining.append((pi, p))
            else:
                free_gold.remove(hit)
                pairs.append((hit, pi))
        unmatched_pred = remaining
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        s.matched += 1
        s.matched_essential += bool(g.get("essential", True))
        s.date_hits += _day(g.get("date")) == _day(p.get("date"))
        s.modality_hits += g.get("modality") == p.get("modality")
        s.root_hits += str(g.get("cameo", ""))[:2] == str(p.get("cameo_root", ""))
    for gi in free_gold:
        g = gold[gi]
        if g.get("essential", True):
            s.misses.append(("missed", f"{'>'.join(_gold_key(g)[:2])} {g.get('plover')} "
                                       f"[{g.get('trigger')}] {_norm(g.get('sentence'))[:100]}"))
    for _, p in unmatched_pred:
        s.misses.append(("spurious", f"{'>'.join(_pred_key(p)[:2])} {p.get('plover')} "
                                     f"[{p.get('trigger')}] {_norm(p.get('evidence'))[:100]}"))
    return s


@dataclass
class ExchangeScore:
    """Exchanges matched on (provider country, recipient country, category) within a document."""

    gold_essential: int = 0
    predicted: int = 0
    matched: int = 0
    matched_essential: int = 0
    status_hits: int = 0
    prohibited_hits: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)

    precision = Score.precision
    recall = Score.recall
    f1 = Score.f1

    def add(self, other: ExchangeScore) -> None:
        for name in ("gold_essential", "predicted", "matched", "matched_essential", "status_hits",
                     "prohibited_hits"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses.extend(other.misses)


def _ex_key(e: Mapping[str, Any], code: str) -> tuple[str, str, str]:
    return (_side(e, "provider", f"provider{code}"), _side(e, "recipient", f"recipient{code}"), str(e.get("category")))


def score_exchanges(gold: list[Mapping[str, Any]], pred: list[Mapping[str, Any]]) -> ExchangeScore:
    """Match one document's predicted exchanges to its gold exchanges and count.

    Examples:
        >>> g = [{"provider_country": "PRK", "recipient_country": "RUS", "category": "arms", "status": "alleged",
        ...       "prohibited": True}]
        >>> p = [{"provider_country": "PRK", "recipient_country": "RUS", "category": "arms", "status": "asserted",
        ...       "prohibited": True}, {"provider_country": "RUS", "recipient_country": "PRK", "category": "fuel"}]
        >>> s = score_exchanges(g, p)
        >>> (s.matched, s.precision, s.recall, s.status_hits, s.prohibited_hits)
        (1, 0.5, 1.0, 0, 1)
    """
    s = ExchangeScore(gold_essential=sum(bool(g.get("essential", True)) for g in gold), predicted=len(pred))
    free = list(range(len(gold)))
    for p in pred:
        same = [gi for gi in free if _ex_key(gold[gi], "") == _ex_key(p, "_code")]
        same.sort(key=lambda gi: (_norm(gold[gi].get("sentence")) != _norm(p.get("evidence")),
                                  not gold[gi].get("essential", True)))  # same sentence, then essential first
        hit = same[0] if same else None
        if hit is None:
            s.misses.append(("spurious exchange", f"{'>'.join(_ex_key(p, '_code')[:2])} {p.get('category')} "
                                                  f"[{p.get('item')}] {_norm(p.get('evidence'))[:90]}"))
            continue
        free.remove(hit)
        g = gold[hit]
        s.matched += 1
        s.matched_essential += bool(g.get("essential", True))
        s.status_hits += g.get("status") == p.get("status")
        s.prohibited_hits += bool(g.get("prohibited")) == bool(p.get("prohibited"))
    for gi in free:
        if gold[gi].get("essential", True):
            g = gold[gi]
            s.misses.append(("missed exchange", f"{'>'.join(_ex_key(g, '')[:2])} {g.get('category')} "
                                                f"[{g.get('item')}] {_norm(g.get('sentence'))[:90]}"))
    return s


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """Gold documents from a file or a folder of ``*.gold.yaml`` files."""
    path = Path(path)
    files = sorted(path.glob("*.gold.yaml")) if path.is_dir() else [path]
    if not files:
        raise GoldError(f"{path}: no *.gold.yaml files")
    docs = []
    for f in files:
        try:
            data = yaml.safe_load(f.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise GoldError(f"{f}: cannot read gold file: {str(exc).splitlines()[0]}") from None
        if not isinstance(data, dict) or "document" not in data or not isinstance(data.get("events"), list):
            raise GoldError(f"{f}: a gold file needs 'document' and a list of 'events'")
        data["_file"] = str(f)
        docs.append(data)
    return docs


def _find_doc(documents: pd.DataFrame, ref: str) -> str | None:
    file, _, record = ref.partition("#")
    file = file.replace("\\", "/")
    for row in documents.itertuples():
        path = str(row.path or "").replace("\\", "/")
        if not path or not (path.endswith(file) or file.endswith(path)):
            continue
        if record and row.doc_id != record:
            continue
        return str(row.doc_id)
    return None


def _frames_of(gold: str | Path | Iterable[dict[str, Any]], pred: str | Path | pd.DataFrame,
               documents: pd.DataFrame | None, exchanges: pd.DataFrame | None
               ) -> tuple[list[dict[str, Any]], pd.DataFrame, pd.DataFrame, pd.DataFrame | None]:
    gold_docs = load_gold(gold) if isinstance(gold, (str, Path)) else list(gold)
    if isinstance(pred, (str, Path)):
        frames = read_frames(pred)
        return gold_docs, frames.events, frames.documents, frames.exchanges
    if documents is None:
        raise ValueError("documents frame needed to locate gold documents")
    return gold_docs, pred, documents, exchanges


def evaluate(gold: str | Path | Iterable[dict[str, Any]], pred: str | Path | pd.DataFrame,
             documents: pd.DataFrame | None = None, exchanges: pd.DataFrame | None = None
             ) -> tuple[pd.DataFrame, Score]:
    """Per-document scores and the overall lenient score; ``total.strict`` is the strict one and
    ``total.exchanges`` the exchanges' score.

    Args:
        gold: a gold file or folder, or loaded gold documents.
        pred: a frames folder, or an events frame (then ``documents`` is needed to find the documents, and
            ``exchanges`` may be given).
    """
    gold_docs, events, documents, exchanges = _frames_of(gold, pred, documents, exchanges)
    rows, total, strict = [], Score(), Score()
    total.exchanges = ExchangeScore()  # type: ignore[attr-defined]
    total.strict = strict  # type: ignore[attr-defined]
    by_doc = {k: g.to_dict("records") for k, g in events.groupby("doc_id")} if len(events) else {}
    ex_by_doc = {k: g.to_dict("records") for k, g in exchanges.groupby("doc_id")} \
        if exchanges is not None and len(exchanges) else {}
    for g in gold_docs:
        doc_id = _find_doc(documents, g["document"])
        predicted = by_doc.get(doc_id, []) if doc_id else []
        s = score_document(g["events"], predicted)
        st = score_document(g["events"], predicted, strict=True)
        if exchanges is not None and g.get("exchanges"):  # only documents annotated for exchanges are scored
            total.exchanges.add(score_exchanges(g.get("exchanges") or [], ex_by_doc.get(doc_id, [])))
        if doc_id is None:
            s.misses.append(("missed", f"document {g['document']} is not in the predictions"))
        total.add(s)
        strict.add(st)
        rows.append({"document": g["document"], "essential": s.gold_essential, "debatable": s.gold_debatable,
                     "predicted": s.predicted, "matched": s.matched, "precision": s.precision,
                     "recall": s.recall, "f1": s.f1, "strict_precision": st.precision, "strict_recall": st.recall,
                     "date_acc": s.date_acc, "modality_acc": s.modality_acc, "root_acc": s.root_acc})
    return pd.DataFrame(rows), total


def breakdown(gold: str | Path | Iterable[dict[str, Any]], pred: str | Path | pd.DataFrame, *, by: str = "scope",
              documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Lenient and strict scores per group: ``by="scope"`` splits events into domestic (both sides in one country)
    and international; any other value groups documents by that top-level field of their gold files (``theatre``).

    Examples:
        >>> gold = [{"document": "a.txt", "theatre": "Kenya", "events": [
        ...     {"sentence": "S.", "source": "KENCOP", "source_country": "KEN", "target": "KENOPP",
        ...      "target_country": "KEN", "plover": "ASSAULT", "essential": True}]}]
        >>> docs = pd.DataFrame({"doc_id": ["d"], "path": ["x/a.txt"]})
        >>> pred = pd.DataFrame([{"doc_id": "d", "evidence": "S.", "source_code": "KENGOV", "source_country": "KEN",
        ...                       "target_code": "KENOPP", "target_country": "KEN", "plover": "ASSAULT"}])
        >>> t = breakdown(gold, pred, documents=docs)
        >>> t[["group", "essential", "predicted", "precision", "strict_precision"]].values.tolist()
        [['domestic', 1, 1, 1.0, 0.0]]
    """
    gold_docs, events, documents, _ = _frames_of(gold, pred, documents, None)
    by_doc = {k: g.to_dict("records") for k, g in events.groupby("doc_id")} if len(events) else {}
    totals: dict[str, tuple[Score, Score]] = {}
    for g in gold_docs:
        doc_id = _find_doc(documents, g["document"])
        predicted = by_doc.get(doc_id, []) if doc_id else []
        if by == "scope":
            parts = {"domestic": ([e for e in g["events"] if is_domestic(e)], [e for e in predicted if is_domestic(e)]),
                     "international": ([e for e in g["events"] if not is_domestic(e)],
                                       [e for e in predicted if not is_domestic(e)])}
        else:
            parts = {str(g.get(by, "unknown")): (g["events"], predicted)}
        for key, (gold_events, pred_events) in parts.items():
            if not gold_events and not pred_events:
                continue
            lenient, strict = totals.setdefault(key, (Score(), Score()))
            lenient.add(score_document(gold_events, pred_events))
            strict.add(score_document(gold_events, pred_events, strict=True))
    return pd.DataFrame([{"group": key, "essential": le.gold_essential, "predicted": le.predicted,
                          "precision": le.precision, "recall": le.recall, "f1": le.f1,
                          "strict_precision": st.precision, "strict_recall": st.recall, "strict_f1": st.f1}
                         for key, (le, st) in sorted(totals.items())])


def report(table: pd.DataFrame, total: Score, *, misses: bool = False) -> str:
    """The text `analystkit evaluate` prints."""
    lines = [table.to_string(index=False, float_format=lambda x: f"{x:.2f}"), "",
             f"overall: precision {total.precision:.3f}  recall {total.recall:.3f}  F1 {total.f1:.3f}  "
             f"(essential gold {total.gold_essential}, debatable {total.gold_debatable}, "
             f"predicted {total.predicted}, matched {total.matched})",
             f"on matched events: date {total.date_acc:.3f}  modality {total.modality_acc:.3f}  "
             f"CAMEO root {total.root_acc:.3f}"]
    st = getattr(total, "strict", None)
    if st is not None:
        lines.insert(3, f"strict:  precision {st.precision:.3f}  recall {st.recall:.3f}  F1 {st.f1:.3f}  "
                        f"(essential gold only, gold sentence inside the predicted one; matched {st.matched})")
    ex = getattr(total, "exchanges", None)
    if ex is not None and (ex.gold_essential or ex.predicted):
        status = ex.status_hits / ex.matched if ex.matched else float("nan")
        banned = ex.prohibited_hits / ex.matched if ex.matched else float("nan")
        lines.append(f"exchanges: precision {ex.precision:.3f}  recall {ex.recall:.3f}  F1 {ex.f1:.3f}  "
                     f"(essential gold {ex.gold_essential}, predicted {ex.predicted}, matched {ex.matched}); "
                     f"status {status:.3f}  prohibited {banned:.3f} on matched")
    if misses:
        lines.append("")
        lines.extend(f"{kind}: {text}" for kind, text in total.misses)
        if st is not None:
            lenient = {text for _, text in total.misses}
            lines.extend(f"strict {kind}: {text}" for kind, text in st.misses if text not in lenient)
        if ex is not None:
            lines.extend(f"{kind}: {text}" for kind, text in ex.misses)
    return "\n".join(lines)
