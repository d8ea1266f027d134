"""Altair charts over prepared frames. A chart function takes a frame and returns a chart; it computes nothing.

All charts render offline: in notebooks through ``alt.JupyterChart`` (offline mode) or the svg renderer, and as
files through :func:`save` (vl-convert, no network).

Examples:
    >>> import pandas as pd
    >>> counts = pd.DataFrame({"period": pd.to_datetime(["2024-01-01", "2024-02-01"]), "group": ["A", "A"],
    ...                        "value": [1.0, 3.0], "n_events": [1, 3]})
    >>> spec = frequency_chart(counts).to_dict()
    >>> spec["mark"]["type"], spec["encoding"]["y"]["field"], spec["encoding"]["color"]["field"]
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
                    stacked: bool = True, width: int = 640, height: int = 260) -> alt.Chart:
    """Stacked bars of ``value`` per period, coloured by group; clicking a bar selects (period, group)."""
    pick = alt.selection_point(name=SELECTION, fields=["period", "group"], on="click", clear="dblclick")
    return alt.Chart(counts, title=title, width=width, height=height).mark_bar().encode(
        x=alt.X("period:T", title=None),
        y=alt.Y("value:Q", title="events", stack="zero" if stacked else None),
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
