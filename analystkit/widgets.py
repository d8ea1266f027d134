"""ipywidgets explorers: controls wired to analysis functions and charts, with no logic of their own.

Each explorer exposes, in Python, what it shows: ``counts()`` (the frame behind the chart), ``chart()`` (the
Altair chart) and ``evidence()`` (the sentences behind the selected bar), so tests set the controls and check
those. In a notebook, ``explorer.view()`` returns the widget box; clicking a bar fills the evidence table.

Examples:
    >>> import pandas as pd
    >>> ev = pd.DataFrame({"event_id": ["a"], "doc_id": ["d"], "date": pd.to_datetime(["2024-01-03"]),
    ...     "plover": ["ASSAULT"], "incident_type": ["border_incident"], "source_code": ["PRK"],
    ...     "source_country": ["PRK"], "target_code": ["KOR"], "target_country": ["KOR"], "goldstein": [-10.0],
    ...     "evidence": ["North Korea shelled the island."], "trigger": ["shelled"], "modality": ["asserted"]})
    >>> x = FrequencyExplorer(ev)
    >>> x.granularity.value = "week"
    >>> x.counts()[["period", "value"]].values.tolist()
    [[Timestamp('2024-01-01 00:00:00'), 1.0]]
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as W
import pandas as pd

from . import charts
from .frequency import GROUPINGS, drill_down, group_values, incident_frequency

SCOPE_OPTIONS = ["all", "international", "domestic", "unknown"]
EVIDENCE_COLUMNS = ["date", "source_code", "trigger", "target_code", "plover", "modality", "evidence"]


class FrequencyExplorer:
    """Incident frequency over an events frame: granularity, grouping, type, actor, date range, dedupe."""

    def __init__(self, events: pd.DataFrame, *, freq: str = "month", by: str = "incident_type",
                 start: Any = None, end: Any = None) -> None:
        self.events = events
        dated = events["date"].dropna()
        lo = pd.Timestamp(start).date() if start is not None else (dated.min().date() if len(dated) else
                                                                    dt.date(2000, 1, 1))
        hi = pd.Timestamp(end).date() if end is not None else (dated.max().date() if len(dated) else lo)
        self.granularity = W.Dropdown(options=["day", "week", "month", "quarter", "year"], value=freq,
                                      description="Period")
        self.grouping = W.Dropdown(options=[g for g in GROUPINGS if g != "target_country"], value=by,
                                   description="Colour by")
        types = sorted(group_values(events, "plover").unique()) if len(events) else []
        self.types = W.SelectMultiple(options=types, value=tuple(types), description="PLOVER", rows=6)
        actors = sorted(set(group_values(events, "actor")) | set(group_values(events, "target"))) \
            if len(events) else []
        self.actor = W.Dropdown(options=["(any)", *actors], value="(any)", description="Actor")
        self.start = W.DatePicker(value=lo, description="From")
        self.end = W.DatePicker(value=hi, description="To")
        self.dedupe = W.Checkbox(value=False, description="Count each event once")
        self.scope = W.Dropdown(options=SCOPE_OPTIONS, value="all", description="Scope")
        self.selected: tuple[pd.Timestamp, str] | None = None
        self._chart_box = W.Output()
        self._evidence_box = W.HTML()
        self._jchart: Any = None
        for control in self.controls():
            control.observe(lambda _change: self.refresh(), names="value")

    def controls(self) -> list[W.ValueWidget]:
        return [self.granularity, self.grouping, self.types, self.actor, self.start, self.end, self.dedupe,
                self.scope]

    def filtered(self) -> pd.DataFrame:
        """The events the controls let through (types, actor as source or target)."""
        ev = self.events
        if len(ev) and set(self.types.value) != set(self.types.options):
            ev = ev[group_values(ev, "plover").isin(self.types.value)]
        if self.actor.value != "(any)":
            ev = ev[(group_values(ev, "actor") == self.actor.value) | (group_values(ev, "target") == self.actor.value)]
        return ev

    def counts(self) -> pd.DataFrame:
        """The frame behind the chart for the current controls."""
        return incident_frequency(self.filtered(), freq=self.granularity.value, by=self.grouping.value,
                                  start=self.start.value, end=self.end.value, dedupe=self.dedupe.value,
                                  scope=None if self.scope.value == "all" else self.scope.value)

    def chart(self) -> Any:
        return charts.frequency_chart(self.counts(), label=self.grouping.value,
                                      title=f"Events per {self.granularity.value}")

    def select(self, period: Any, group: str) -> pd.DataFrame:
        """Select one bar (as a click does) and return the evidence behind it."""
        self.selected = (pd.Timestamp(period), str(group))
        table = self.evidence()
        self._evidence_box.value = _html(table)
        return table

    def evidence(self) -> pd.DataFrame:
        """The events and sentences behind the selected bar (all shown events when nothing is selected)."""
        ev = self.filtered()
        ev = ev[(ev["date"] >= pd.Timestamp(self.start.value)) & (ev["date"] <= pd.Timestamp(self.end.value))]
        if self.selected is None:
            table = drill_down(ev, dedupe=self.dedupe.value)
        else:
            period, group = self.selected
            table = drill_down(ev, period=period, freq=self.granularity.value, by=self.grouping.value,
                               group=group, dedupe=self.dedupe.value)
        return table[[c for c in EVIDENCE_COLUMNS if c in table.columns]]

    def refresh(self) -> None:
        self.selected = None
        self._evidence_box.value = _html(self.evidence())
        if self._jchart is not None:
            self._jchart.chart = self.chart()

    def _on_pick(self, change: Any) -> None:
        """A click on the chart: the selection's value is a list of {period (ms), group}."""
        value = getattr(change["new"], "value", None) or []
        if value:
            self.select(pd.Timestamp(value[0]["period"], unit="ms"), value[0]["group"])

    def view(self) -> W.VBox:
        """The explorer as a widget: controls, the interactive chart, the evidence table."""
        import altair as alt

        self._jchart = alt.JupyterChart(self.chart())
        self._jchart.selections.observe(self._on_pick, names=[charts.SELECTION])
        self.refresh()
        row1 = W.HBox([self.granularity, self.grouping, self.actor])
        row2 = W.HBox([self.start, self.end, self.dedupe, self.scope])
        return W.VBox([row1, row2, self.types, self._jchart, W.HTML("<b>Evidence</b> (click a bar)"),
                       self._evidence_box])


def _busiest_dyad(events: pd.DataFrame, level: str, actors: list[str]) -> tuple[str | None, str | None]:
    """The pair among ``actors`` with the most events between them (the default dyad to show)."""
    from .alignment import dyad_table

    table = dyad_table(events, level=level, actors=actors) if actors else None
    if table is None or table.empty:
        return (actors[0] if actors else None, actors[1] if len(actors) > 1 else None)
    top = table.sort_values(["n_events", "source", "target"], ascending=[False, True, True]).iloc[0]
    return str(top["source"]), str(top["target"])


def _html(table: pd.DataFrame, limit: int = 200) -> str:
    shown = table.head(limit)
    more = f"<p>... and {len(table) - limit} more</p>" if len(table) > limit else ""
    return shown.to_html(index=False, escape=True, na_rep="") + more


class AlignmentExplorer:
    """Actor alignment: actor set, measure, time window, actor level and minimum evidence drive the heatmap and
    the network; two actor pickers choose the dyad whose sentences are listed."""

    def __init__(self, events: pd.DataFrame, *, measure: str = "direct", level: str = "country", top: int = 12,
                 min_evidence: int = 3, start: Any = None, end: Any = None) -> None:
        from .alignment import MEASURES, _directed, _universe

        self.events = events
        dated = events["date"].dropna()
        lo = pd.Timestamp(start).date() if start is not None else (dated.min().date() if len(dated) else
                                                                    dt.date(2000, 1, 1))
        hi = pd.Timestamp(end).date() if end is not None else (dated.max().date() if len(dated) else lo)
        self.level = W.Dropdown(options=["country", "role"], value=level, description="Level")
        self.measure = W.Dropdown(options=list(MEASURES), value=measure, description="Measure")
        self.min_evidence = W.IntSlider(value=min_evidence, min=1, max=20, description="Min events")
        self.start = W.DatePicker(value=lo, description="From")
        self.end = W.DatePicker(value=hi, description="To")
        self.scope = W.Dropdown(options=SCOPE_OPTIONS, value="international", description="Scope")
        everyone = _universe(_directed(events, level), None, 10_000) if len(events) else []
        default = _universe(_directed(events, level), None, top) if len(events) else []
        self.actors = W.SelectMultiple(options=everyone, value=tuple(default), description="Actors", rows=8)
        first, second = _busiest_dyad(events, level, default)
        self.a = W.Dropdown(options=list(default), value=first, description="Dyad A")
        self.b = W.Dropdown(options=list(default), value=second, description="Dyad B")
        self._evidence_box = W.HTML()
        self._heat = W.Output()
        self._jcharts: list[Any] = []
        for control in [self.level, self.measure, self.min_evidence, self.start, self.end, self.actors, self.scope]:
            control.observe(lambda _c: self.refresh(), names="value")
        for control in [self.a, self.b]:
            control.observe(lambda _c: self._show_evidence(), names="value")
        self.level.observe(lambda _c: self._relevel(top), names="value")

    def _relevel(self, top: int) -> None:
        from .alignment import _directed, _universe

        d = _directed(self.events, self.level.value)
        self.actors.options = _universe(d, None, 10_000)
        self.actors.value = tuple(_universe(d, None, top))

    def window(self) -> pd.DataFrame:
        ev = self.events
        return ev[(ev["date"] >= pd.Timestamp(self.start.value)) &
                  (ev["date"] <= pd.Timestamp(self.end.value) + pd.Timedelta(days=1) - pd.Timedelta(1))]

    def matrix(self) -> pd.DataFrame:
        """The long alignment frame for the current controls (a, b, value, n_events, sufficient)."""
        from .alignment import alignment

        return alignment(self.window(), measure=self.measure.value, level=self.level.value,
                         actors=list(self.actors.value), min_evidence=self.min_evidence.value,
                         scope=None if self.scope.value == "all" else self.scope.value)

    def charts(self) -> tuple[Any, Any]:
        """(heatmap, network) for the current controls."""
        from .alignment import blocs, network_layout

        long = self.matrix()
        b = blocs(long)
        nodes, edges = network_layout(long, b)
        name = {"direct": "direct relations", "s": "shared stance (S)", "kappa": "shared stance (kappa)",
                "pi": "shared stance (pi)"}[self.measure.value]
        return (charts.alignment_heatmap(long, b["actor"].tolist(), title=f"Alignment: {name}"),
                charts.network_chart(nodes, edges))

    def evidence(self) -> pd.DataFrame:
        """The sentences behind the chosen dyad (both directions) in the time window."""
        from .alignment import dyad_evidence

        if not self.a.value or not self.b.value:
            return pd.DataFrame(columns=EVIDENCE_COLUMNS)
        table = dyad_evidence(self.window(), self.a.value, self.b.value, level=self.level.value)
        return table[[c for c in EVIDENCE_COLUMNS if c in table.columns]]

    def _show_evidence(self) -> None:
        self._evidence_box.value = _html(self.evidence())

    def refresh(self) -> None:
        chosen = list(self.actors.value)
        for picker in (self.a, self.b):
            keep = picker.value if picker.value in chosen else None
            picker.options = chosen
            picker.value = keep if keep is not None else (chosen[0] if chosen and picker is self.a else
                                                          (chosen[1] if len(chosen) > 1 else None))
        if self._jcharts:
            heat, net = self.charts()
            self._jcharts[0].chart, self._jcharts[1].chart = heat, net
        self._show_evidence()

    def view(self) -> W.VBox:
        import altair as alt

        heat, net = self.charts()
        self._jcharts = [alt.JupyterChart(heat), alt.JupyterChart(net)]
        self._show_evidence()
        controls = W.VBox([W.HBox([self.level, self.measure, self.min_evidence]),
                           W.HBox([self.start, self.end, self.scope]),
                           self.actors])
        return W.VBox([controls, W.HBox(self._jcharts), W.HBox([self.a, self.b]),
                       W.HTML("<b>Evidence</b> for the chosen dyad"), self._evidence_box])


class SanctionsExplorer:
    """Sanction-related exchanges: regime, category, status, actor and date range drive the flow view, the timeline
    and the ledger (one row per exchange with its legal basis and sentence). The regime selector lists every loaded
    regime (UN and jurisdictional), those the exchanges fall under first; picking one keeps its exchanges and shows
    its resolutions on the timeline."""

    def __init__(self, exchanges: pd.DataFrame, events: pd.DataFrame, *, start: Any = None, end: Any = None
                 ) -> None:
        from .reference import MODALITIES

        self.events = events
        dates = exchanges["event_id"].map(events.set_index("event_id")["date"]) if len(exchanges) else \
            pd.Series(dtype="datetime64[ns]")
        self.exchanges = exchanges.assign(date=pd.to_datetime(dates))
        known = self.exchanges["date"].dropna()
        lo = pd.Timestamp(start).date() if start is not None else (known.min().date() if len(known) else
                                                                    dt.date(2000, 1, 1))
        hi = pd.Timestamp(end).date() if end is not None else (known.max().date() if len(known) else lo)
        categories = sorted(self.exchanges["category"].dropna().unique())
        self.category = W.SelectMultiple(options=categories, value=tuple(categories), description="Category")
        self.status = W.SelectMultiple(options=list(MODALITIES), value=tuple(MODALITIES), description="Status")
        actors = sorted(set(self.exchanges["provider_country"].dropna()) |
                        set(self.exchanges["recipient_country"].dropna()))
        self.actor = W.Dropdown(options=["(any)", *actors], value="(any)", description="Actor")
        from .sanctions import load_regimes, regimes_of

        self.regimes = load_regimes()
        hit = sorted(regimes_of(self.exchanges))
        rest = sorted(set(self.regimes.resolutions["regime"]) - set(hit))
        self.regime = W.Dropdown(options=["(any)", *hit, *rest], value="(any)", description="Regime")
        self.only_prohibited = W.Checkbox(value=False, description="Prohibited only")
        self.start = W.DatePicker(value=lo, description="From")
        self.end = W.DatePicker(value=hi, description="To")
        self._ledger_box = W.HTML()
        self._jcharts: list[Any] = []
        for control in [self.regime, self.category, self.status, self.actor, self.only_prohibited, self.start,
                        self.end]:
            control.observe(lambda _c: self.refresh(), names="value")

    def filtered(self) -> pd.DataFrame:
        ex = self.exchanges
        keep = ex["category"].isin(self.category.value) & ex["status"].isin(self.status.value)
        keep &= ex["date"].isna() | ((ex["date"] >= pd.Timestamp(self.start.value)) &
                                     (ex["date"] < pd.Timestamp(self.end.value) + pd.Timedelta(days=1)))
        if self.actor.value != "(any)":
            keep &= (ex["provider_country"] == self.actor.value) | (ex["recipient_country"] == self.actor.value)
        if self.only_prohibited.value:
            keep &= ex["prohibited"]
        if self.regime.value != "(any)":
            from .sanctions import under

            keep &= under(ex, self.regime.value)
        return ex[keep.fillna(False)].drop(columns=["date"])

    def flows(self) -> pd.DataFrame:
        from .sanctions import flows

        return flows(self.filtered())

    def ledger(self) -> pd.DataFrame:
        from .sanctions import ledger

        return ledger(self.filtered(), self.events)

    def charts(self) -> tuple[Any, Any]:
        from .sanctions import timeline

        regime = None if self.regime.value == "(any)" else self.regime.value
        return charts.flow_chart(self.flows()), charts.exchange_timeline(
            timeline(self.filtered(), self.events, self.regimes, regime=regime))

    def refresh(self) -> None:
        self._ledger_box.value = _html(self.ledger())
        if self._jcharts:
            self._jcharts[0].chart, self._jcharts[1].chart = self.charts()

    def view(self) -> W.VBox:
        import altair as alt

        self._jcharts = [alt.JupyterChart(c) for c in self.charts()]
        self.refresh()
        return W.VBox([W.HBox([self.regime, self.category, self.status]), W.HBox([self.actor, self.only_prohibited]),
                       W.HBox([self.start, self.end]), self._jcharts[0], self._jcharts[1],
                       W.HTML("<b>Ledger</b>"), self._ledger_box])
