"""Altair charts over prepared frames. A chart function takes a frame and returns a chart; it computes nothing.

All charts render offline: in notebooks through ``alt.JupyterChart`` (offline mode) or the svg renderer, and as
files through :func:`save` (vl-convert, no network).

Examples:
    >>> import pandas as pd
    >>> counts = pd.DataFrame({"period": pd.to_datetime(["2024-01-01", "2024-02-01"]),
    ...                        "period_end": pd.to_datetime(["2024-02-01", "2024-03-01"]), "group": ["A", "A"],
    ...                        "value": [1.0, 3.0], "n_events": [1, 3]})
    >>> spec = frequency_chart(counts).to_dict()
    >>> spec["mark"]["type"], spec["transform"][0]["stack"], spec["encoding"]["color"]["field"]
    ('bar', 'value', 'group')
"""

from __future__ import annotations

from pathlib import Path

import altair as alt
import pandas as pd

SELECTION = "pick"  # the name of the click selection on frequency charts (period and group)


def enable_offline(*, static: bool = True) -> None:
    """Render charts in notebooks without a network: charts as SVG drawn by vl-convert (static, and kept in the
    saved notebook), and interactive JupyterChart widgets with their bundled JavaScript."""
    alt.JupyterChart.enable_offline()
    if static:
        alt.renderers.enable("svg")


def frequency_chart(counts: pd.DataFrame, *, title: str = "Events per period", label: str = "group",
                    width: int = 640, height: int = 260) -> alt.Chart:
    """Stacked bars of ``value`` per period, coloured by group, each bar as wide as its period; clicking a bar
    selects (period, group). The stacking is a Vega-Lite render transform, not analysis."""
    pick = alt.selection_point(name=SELECTION, fields=["period", "group"], on="click", clear="dblclick")
    return alt.Chart(counts, title=title, width=width, height=height).transform_stack(
        stack="value", groupby=["period"], as_=["stack_lo", "stack_hi"], sort=[alt.SortField("group")],
    ).mark_bar(stroke="white", strokeWidth=0.5).encode(
        x=alt.X("period:T", title=None), x2="period_end:T",
        y=alt.Y("stack_lo:Q", title="events"), y2="stack_hi:Q",
        color=alt.Color("group:N", title=label, scale=alt.Scale(scheme="tableau20")),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35)),
        tooltip=[alt.Tooltip("period:T"), alt.Tooltip("group:N", title=label), alt.Tooltip("value:Q"),
                 alt.Tooltip("n_events:Q", title="events")],
    ).add_params(pick)


def frequency_heatmap(counts: pd.DataFrame, *, title: str = "Events per period and type", label: str = "group",
                      width: int = 640) -> alt.Chart:
    """A calendar-style heatmap: periods across, groups down, colour by value."""
    return alt.Chart(counts, title=title, width=width).mark_rect().encode(
        x=alt.X("period:O", title=None, timeUnit="yearmonthdate", axis=alt.Axis(format="%b %Y", labelAngle=-60)),
        y=alt.Y("group:N", title=label),
        color=alt.Color("value:Q", title="events", scale=alt.Scale(scheme="orangered")),
        tooltip=[alt.Tooltip("period:T"), alt.Tooltip("group:N", title=label), alt.Tooltip("value:Q")],
    )


def spike_chart(counts: pd.DataFrame, spikes: pd.DataFrame, *, title: str = "Spikes against the rolling baseline",
                width: int = 640, height: int = 220) -> alt.LayerChart:
    """A line of values per period and group, with the spike periods marked."""
    line = alt.Chart(counts).mark_line(point=False).encode(
        x=alt.X("period:T", title=None), y=alt.Y("value:Q", title="events"), color=alt.Color("group:N"))
    marks = alt.Chart(spikes).mark_point(shape="triangle-up", size=120, filled=True, color="#d62728").encode(
        x="period:T", y="value:Q",
        tooltip=[alt.Tooltip("period:T"), alt.Tooltip("group:N"), alt.Tooltip("value:Q"),
                 alt.Tooltip("baseline:Q", format=".1f"), alt.Tooltip("score:Q", format=".1f")])
    return alt.layer(line, marks, title=title).properties(width=width, height=height)


def save(chart: alt.TopLevelMixin, path: str | Path) -> Path:
    """Write a chart as PNG, SVG, PDF or HTML (by suffix), offline through vl-convert."""
    path = Path(path)
    if path.suffix.lower() not in {".png", ".svg", ".pdf", ".html", ".json"}:
        raise ValueError(f"{path}: save as .png, .svg, .pdf, .html or .json")
    if path.suffix.lower() == ".html":
        chart.save(str(path), inline=True)
    else:
        chart.save(str(path))
    return path


def alignment_heatmap(long: pd.DataFrame, order: list[str] | None = None, *,
                      title: str = "Alignment", size: int = 420) -> alt.LayerChart:
    """A diverging heatmap of alignment in [-1, 1] (red conflict, blue cooperation), actors in ``order`` (bloc
    order); cells without enough evidence are grey and labelled, not coloured as 0."""
    order = order or sorted(long["a"].unique())
    base = alt.Chart(long).encode(
        x=alt.X("b:N", sort=order, title=None), y=alt.Y("a:N", sort=order, title=None),
        tooltip=[alt.Tooltip("a:N"), alt.Tooltip("b:N"), alt.Tooltip("value:Q", format=".2f"),
                 alt.Tooltip("n_events:Q", title="events")])
    cells = base.mark_rect().encode(
        color=alt.condition("datum.sufficient", alt.Color("value:Q", title="alignment",
                                                          scale=alt.Scale(scheme="redblue", domain=[-1, 1])),
                            alt.value("#dddddd")))
    missing = base.transform_filter("!datum.sufficient").mark_text(fontSize=9, color="#777777").encode(
        text=alt.value("n/e"))
    return alt.layer(cells, missing, title=title).properties(width=size, height=size)


def network_chart(nodes: pd.DataFrame, edges: pd.DataFrame, *, title: str = "Alignment network",
                  size: int = 420) -> alt.LayerChart:
    """Actors on a circle in bloc order; edges coloured by cooperation or conflict, width by evidence."""
    scale = alt.Scale(domain=[-1.25, 1.25])
    lines = alt.Chart(edges).mark_rule(opacity=0.7).encode(
        x=alt.X("x:Q", scale=scale, axis=None), y=alt.Y("y:Q", scale=scale, axis=None), x2="x2:Q", y2="y2:Q",
        color=alt.Color("relation:N", scale=alt.Scale(domain=["cooperation", "conflict"],
                                                      range=["#2166ac", "#b2182b"])),
        strokeWidth=alt.StrokeWidth("n_events:Q", title="events", scale=alt.Scale(range=[0.5, 6])),
        tooltip=[alt.Tooltip("a:N"), alt.Tooltip("b:N"), alt.Tooltip("value:Q", format=".2f"),
                 alt.Tooltip("n_events:Q")])
    points = alt.Chart(nodes).mark_circle(size=260, opacity=1).encode(
        x=alt.X("x:Q", scale=scale, axis=None), y=alt.Y("y:Q", scale=scale, axis=None),
        fill=alt.Fill("bloc:N", title="bloc"), tooltip=[alt.Tooltip("actor:N"), alt.Tooltip("bloc:N")])
    labels = alt.Chart(nodes).mark_text(dy=-16, fontSize=11).encode(
        x=alt.X("x:Q", scale=scale, axis=None), y=alt.Y("y:Q", scale=scale, axis=None), text="actor:N")
    return alt.layer(lines, points, labels, title=title).properties(width=size, height=size)


def trajectory_chart(over_time: pd.DataFrame, *, title: str = "Alignment over time", width: int = 640,
                     height: int = 240) -> alt.Chart:
    """One line per dyad (a-b) across rolling windows; gaps where the evidence is too thin."""
    data = over_time.assign(dyad=over_time["a"] + "-" + over_time["b"])
    return alt.Chart(data, title=title, width=width, height=height).mark_line(point=True).encode(
        x=alt.X("period:T", title=None), y=alt.Y("value:Q", title="alignment", scale=alt.Scale(domain=[-1, 1])),
        color=alt.Color("dyad:N"), tooltip=[alt.Tooltip("dyad:N"), alt.Tooltip("period:T"),
                                            alt.Tooltip("value:Q", format=".2f"), alt.Tooltip("n_events:Q")])


def flow_chart(flow_frame: pd.DataFrame, *, title: str = "Who transfers what to whom", width: int = 520,
               height: int = 320) -> alt.LayerChart:
    """Providers on the left (the axis), recipients on the right (labels); a line per (provider, recipient,
    category, status),
    width by count, colour by category, dashed when the transfer is not asserted (alleged, potential, planned)."""
    rows = flow_frame.assign(left=0.0, right=1.0, asserted=flow_frame["status"] == "asserted",
                             lane=flow_frame["category"] + " (" + flow_frame["status"] + ")")
    y_left = alt.Y("provider:N", title="provider -> recipient", axis=alt.Axis(orient="left"))
    lines = alt.Chart(rows).mark_rule(opacity=0.8).encode(
        x=alt.X("left:Q", axis=None, scale=alt.Scale(domain=[-0.1, 1.1])), x2="right:Q",
        y=y_left, y2=alt.Y2("recipient:N"),
        color=alt.Color("category:N", scale=alt.Scale(scheme="category10")),
        strokeWidth=alt.StrokeWidth("n:Q", title="exchanges", scale=alt.Scale(range=[1, 10])),
        strokeDash=alt.StrokeDash("asserted:N", title="asserted",
                                  scale=alt.Scale(domain=[True, False], range=[[1, 0], [6, 4]])),
        tooltip=["provider:N", "recipient:N", "category:N", "status:N", "n:Q", "n_prohibited:Q"])
    right = alt.Chart(rows).mark_text(align="left", dx=6).encode(x="right:Q", y=alt.Y("recipient:N"),
                                                                 text="recipient:N")
    return alt.layer(lines, right, title=title).resolve_scale(y="shared").properties(width=width,
                                                                                            height=height)


def exchange_timeline(timeline_frame: pd.DataFrame, *, title: str = "Exchanges and the sanctions regime",
                      width: int = 640, height: int = 240) -> alt.LayerChart:
    """Exchanges as points by date and category (filled when prohibited, colour by status); the regimes'
    resolutions (solid) and events such as vetoes or the panel's expiry (dashed) as labelled vertical rules."""
    ex = timeline_frame[timeline_frame["kind"] == "exchange"]
    reg = timeline_frame[timeline_frame["kind"] != "exchange"]
    points = alt.Chart(ex).mark_point(size=90, filled=True).encode(
        x=alt.X("date:T", title=None), y=alt.Y("category:N", title=None),
        color=alt.Color("status:N", scale=alt.Scale(domain=["asserted", "alleged", "potential", "planned",
                                                            "negated"])),
        shape=alt.Shape("prohibited:N", title="prohibited"),
        tooltip=["date:T", "label:N", "status:N", "prohibited:N"])
    rules = alt.Chart(reg).mark_rule(color="#555555").encode(
        x="date:T", strokeDash=alt.condition(alt.datum.kind == "resolution", alt.value([1, 0]), alt.value([2, 2])),
        tooltip=["date:T", "label:N"])
    labels = alt.Chart(reg).mark_text(angle=270, align="left", dx=4, dy=-4, fontSize=9, color="#555555").encode(
        x="date:T", y=alt.value(4), text="label:N")
    return alt.layer(points, rules, labels, title=title).properties(width=width, height=height)
