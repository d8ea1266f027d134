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
        self.selected: tuple[pd.Timestamp, str] | None = None
        self._chart_box = W.Output()
        self._evidence_box = W.HTML()
        self._jchart: Any = None
        for control in self.controls():
            control.observe(lambda _change: self.refresh(), names="value")

    def controls(self) -> list[W.ValueWidget]:
        return [self.granularity, self.grouping, self.types, self.actor, self.start, self.end, self.dedupe]

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
                                  start=self.start.value, end=self.end.value, dedupe=self.dedupe.value)

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
        row2 = W.HBox([self.start, self.end, self.dedupe])
        return W.VBox([row1, row2, self.types, self._jchart, W.HTML("<b>Evidence</b> (click a bar)"),
                       self._evidence_box])


def _html(table: pd.DataFrame, limit: int = 200) -> str:
    shown = table.head(limit)
    more = f"<p>... and {len(table) - limit} more</p>" if len(table) > limit else ""
    return shown.to_html(index=False, escape=True, na_rep="") + more
