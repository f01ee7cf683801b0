"""Accessible plotly charts: every chart carries a title, labelled axes and a text alternative.

The text alternative is stored in ``layout.meta.alt``. :mod:`coproduce.plotly_mime` shows it as
the chart's caption on the built site and the strict build fails for a chart without one. Every
tool builds its figures with these helpers (the palette, the layouts and the text alternative),
so its charts look and read alike.

plotly is imported only for type hints: a tool's computing modules may use
:func:`chart_layout`'s neighbours in this package without loading plotly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import plotly.graph_objects as go

#: Okabe-Ito colours: distinguishable with the common forms of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]
#: The plotly template of every chart: a white background with a light grid.
TEMPLATE = "plotly_white"


def new_figure() -> go.Figure:
    """An empty figure in the guide's template; every chart starts here (or at :func:`subplots`).

    The template is set the way plotly sets its own default template on a new figure: as a
    registered template, already valid, without checking it again. Setting it like any other
    property (``update_layout(template=...)``) copies and checks all of it, about 11 ms a
    chart, and a figure made without it first gets plotly's default template, which plotly
    loads only to replace it. Together that cost a report of seven charts about a fifth of a
    second.
    """
    import plotly.graph_objects as go
    import plotly.io as pio

    fig = go.Figure(layout={"template": {}})
    layout = fig.layout
    layout._validate = False
    try:
        layout.template = pio.templates[TEMPLATE]
    finally:
        layout._validate = True
    return fig


def subplots(**options: Any) -> go.Figure:
    """``plotly.subplots.make_subplots(**options)`` on a figure from :func:`new_figure`."""
    from plotly.subplots import make_subplots

    return make_subplots(figure=new_figure(), **options)


def with_text_alternative(fig: go.Figure, alt: str) -> go.Figure:
    """Attach ``alt`` to ``fig`` as its text alternative and return the figure."""
    text = " ".join(alt.split())
    if not text:
        raise ValueError("A chart's text alternative cannot be empty.")
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    fig.update_layout(meta={**meta, "alt": text})
    return fig


def text_alternative(fig: go.Figure) -> str:
    """Return the text alternative attached with :func:`with_text_alternative`."""
    meta = fig.layout.meta
    if isinstance(meta, dict) and meta.get("alt"):
        return str(meta["alt"])
    raise ValueError("This chart has no text alternative; use with_text_alternative().")


def base_layout(title: str, x_title: str, y_title: str) -> dict:
    """Layout shared by the guide's charts: readable fonts, titled axes, legend below.

    The template is not part of it: it comes with the figure (:func:`new_figure`).
    """
    return {
        "title": {"text": title},
        "xaxis": {"title": {"text": x_title}},
        "yaxis": {"title": {"text": y_title}},
        "font": {"size": 15},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0},
        "margin": {"t": 70, "b": 40},
    }


def chart_layout(title: str, subtitle: str, x_title: str, y_title: str) -> dict[str, Any]:
    """The guide's chart layout with a subtitle naming the data (e.g. SYNTHETIC) and room below.

    Titles stay short so they fit a phone screen; the subtitle carries what the data are.
    """
    layout = base_layout(title, x_title, y_title)
    layout["title"] = {"text": title, "subtitle": {"text": subtitle}}
    layout["legend"] = {**layout["legend"], "y": -0.3}
    layout["margin"] = {"t": 90, "b": 60}
    layout["height"] = 500
    return layout


def labelled_bars(
    x: Sequence[Any],
    y: Sequence[Any],
    text: Sequence[Any],
    *,
    name: str,
    colour: str,
    hovertemplate: str,
    layout: dict[str, Any],
    orientation: str | None = None,
) -> go.Figure:
    """One series of bars, each labelled with its value outside the bar, and no legend.

    ``layout`` is usually :func:`chart_layout`'s; ``orientation="h"`` lays the bars down. The
    caller adds the text alternative (:func:`with_text_alternative`).
    """
    fig = new_figure()
    fig.add_bar(
        x=list(x),
        y=list(y),
        text=list(text),
        textposition="outside",
        marker_color=colour,
        hovertemplate=hovertemplate,
        name=name,
        **({"orientation": orientation} if orientation else {}),
    )
    fig.update_layout(**layout, showlegend=False)
    return fig
