"""Report-ready images of a chart: title, filters, data date, source and synthetic mark, drawn by kaleido.

Rendering uses Debian's chromium with MathJax off and the offline map topology, so nothing is fetched
from the internet. One browser stays open for the whole process: starting chromium takes about a
second, a warm render a small fraction of that.
"""

from __future__ import annotations

import asyncio
import atexit
import html
import textwrap
import threading
from dataclasses import dataclass
from functools import cached_property
from datetime import date
from typing import TYPE_CHECKING, Literal

import kaleido
import pandas as pd
import plotly.graph_objects as go

from socieux.chart_data import chart_data_in_words
from socieux.exports import date_stamp, file_stem, to_csv_bytes, to_xlsx_bytes
from socieux.figures import FONT_FAMILY, TEMPLATE_NAME
from socieux.geometry import OFFLINE_TOPOJSON_URL, embed_geometry

if TYPE_CHECKING:
    from socieux.charts import Chart

CHROMIUM = "/usr/bin/chromium"
EXPORT_WIDTH, EXPORT_HEIGHT, PNG_SCALE = 1200, 700, 3
RENDER_TIMEOUT_SECONDS = 60
RENDER_TABS = 2  # images rendered side by side (the PNG and SVG of a chart, or two users' clicks)
RELOAD_EVERY = 25  # renders per browser tab between two page reloads
SYNTHETIC_MARK = "Synthetic demo data"

_TITLE_SIZE, _SUBTITLE_SIZE, _FOOTER_SIZE = 22, 15, 13
_MUTED, _SYNTHETIC_COLOUR = "#555555", "#B03A00"
_FOOTER_LINE_PX = 19
_FOOTER_CHARS = 115  # footer line length: fits beside the widest axis labels at 1200 px
_EDGE_PX = 24  # title and footer start this far from the image's left edge
_BOTTOM_AXIS_PX = 70  # room under the plot for tick labels and the axis title
_MIME = {"png": "image/png", "svg": "image/svg+xml"}
_DATA_MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
}

ImageFormat = Literal["png", "svg"]


def export_size(fig: go.Figure) -> tuple[int, int]:
    """Width and height (CSS pixels) of a chart's image: tall charts (many bars) keep their height."""
    own_height = fig.layout.height or 0
    return EXPORT_WIDTH, max(EXPORT_HEIGHT, int(own_height) + 160)


def _plain_title(fig: go.Figure) -> str:
    # a chart's totals follow its title as small lines (socieux/figures.py with_totals): not part of its name
    text = (fig.layout.title.text or "").split("<br><span")[0]
    # the figure's title is Plotly text (escaped data, <br> breaks): the export re-escapes the plain words
    return " ".join(html.unescape(text.replace("<br>", " ")).split())


def figure_title(fig: go.Figure, fallback: str) -> str:
    """The title the figure function gave (it may name the chosen options), else ``fallback``."""
    return _plain_title(fig) or fallback


def chart_file_stem(page: str, title: str, filters_text: str, as_of: date | str | None) -> str:
    """File name stem of a chart's image or data: page, chart, filters in words, data date."""
    return file_stem(page, title[:70], file_stem(filters_text)[:60], date_stamp(as_of))


def _as_of_words(as_of: date | str | None) -> str:
    if as_of is None or as_of == "":
        return "unknown"
    return f"{pd.Timestamp(as_of):%d %b %Y}"


def _wrapped(text: str, width: int) -> str:
    return "<br>".join(html.escape(line, quote=False) for line in textwrap.wrap(text, width)) or ""


def footer_text(*, as_of: date | str | None, source: str, synthetic: bool, note: str = "") -> str:
    """The footer of an exported chart, as plotly rich text: provenance first, then the chart's note."""
    lines = _wrapped(f"Data as of {_as_of_words(as_of)} · Source: {source}", _FOOTER_CHARS).split("<br>")
    if synthetic:
        lines[0] = f"<b><span style='color:{_SYNTHETIC_COLOUR}'>{SYNTHETIC_MARK}</span></b> · {lines[0]}"
    if note:
        lines.append(_wrapped(note, _FOOTER_CHARS))
    return "<br>".join(lines)


def decorate(
    fig: go.Figure,
    *,
    title: str,
    filters_text: str,
    as_of: date | str | None,
    source: str,
    synthetic: bool,
    note: str = "",
    width: int = EXPORT_WIDTH,
    height: int = EXPORT_HEIGHT,
) -> go.Figure:
    """A copy of ``fig`` laid out for a report: title, the filters in words, and a footer with provenance."""
    out = go.Figure(fig)
    footer = footer_text(as_of=as_of, source=source, synthetic=synthetic, note=note)
    footer_px = _FOOTER_LINE_PX * (footer.count("<br>") + 1) + 12
    has_axes = any(trace.type not in ("choropleth", "scattergeo", "pie") for trace in out.data)
    bottom_gap = _BOTTOM_AXIS_PX if has_axes else 10
    title_lines = _wrapped(title, 95).count("<br>") + 1
    left = max(out.layout.margin.l or 0, 70)
    top = 40 + _TITLE_SIZE * title_lines + 8 + _SUBTITLE_SIZE * 2 + 10
    out.update_layout(
        template=TEMPLATE_NAME,
        width=width,
        height=height,
        paper_bgcolor="white",
        plot_bgcolor="white",
        font_family=FONT_FAMILY,
        title=dict(
            text=f"<b>{_wrapped(title, 95)}</b>",
            font=dict(size=_TITLE_SIZE, color="#222222"),
            subtitle=dict(text=_wrapped(f"Filters: {filters_text}", 130),
                          font=dict(size=_SUBTITLE_SIZE, color=_MUTED)),
            x=0.0, xanchor="left", xref="container", pad=dict(l=_EDGE_PX, t=_EDGE_PX),
            y=1.0, yanchor="top", yref="container", automargin=True,
        ),
        margin=dict(t=top, b=bottom_gap + footer_px, l=left),
    )
    # On screen the template's legend is under the chart (it fits a phone); a 1200 px image has it beside the
    # chart, clear of the footer.
    if out.layout.legend.yref is None:
        out.update_layout(legend=dict(orientation="v", yref="paper", y=1.0, yanchor="top", xanchor="left", x=1.02))

    out.add_annotation(
        text=footer,
        xref="paper", yref="paper", x=0.0, y=0.0, xanchor="left", yanchor="top",
        xshift=_EDGE_PX - left, yshift=-bottom_gap, align="left", showarrow=False,
        font=dict(size=_FOOTER_SIZE, color=_MUTED, family=FONT_FAMILY),
    )
    return out


class _ReusingKaleido(kaleido.Kaleido):
    """Kaleido that reloads a tab every ``RELOAD_EVERY`` renders instead of after each one.

    kaleido 1.5 reloads the whole page (plotly.js included) before a tab takes the next figure; that
    reload takes longer than a render, while plotly.js's ``toImage`` already draws each figure in a
    fresh element that it removes. The occasional reload keeps the tab's memory bounded.
    """

    async def _return_kaleido_tab(self, tab) -> None:
        renders = getattr(tab, "_renders_since_reload", 0) + 1
        if renders >= RELOAD_EVERY:
            tab._renders_since_reload = 0
            await super()._return_kaleido_tab(tab)
        else:
            tab._renders_since_reload = renders
            await self.tabs_ready.put(tab)


class _WarmKaleido:
    """One kaleido browser for the process, driven from its own event loop thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido: kaleido.Kaleido | None = None

    def _start(self) -> None:
        loop = asyncio.new_event_loop()
        threading.Thread(target=loop.run_forever, name="kaleido", daemon=True).start()

        async def open_browser() -> kaleido.Kaleido:
            browser = _ReusingKaleido(n=RENDER_TABS, path=CHROMIUM, mathjax=False, timeout=RENDER_TIMEOUT_SECONDS)
            await browser.open()
            return browser

        try:
            self._kaleido = asyncio.run_coroutine_threadsafe(open_browser(), loop).result(RENDER_TIMEOUT_SECONDS)
        except BaseException:
            loop.call_soon_threadsafe(loop.stop)
            raise
        self._loop = loop

    def stop(self) -> None:
        with self._lock:
            self._stop_unlocked()

    def _stop_unlocked(self) -> None:
        loop, browser = self._loop, self._kaleido
        self._loop, self._kaleido = None, None
        if loop is None:
            return
        try:
            if browser is not None:
                asyncio.run_coroutine_threadsafe(browser.close(), loop).result(15)
        except Exception:  # noqa: BLE001 - a browser that already died needs no closing
            pass
        finally:
            loop.call_soon_threadsafe(loop.stop)

    def render(self, jobs: list[tuple[go.Figure, dict]]) -> list[bytes]:
        """Render figures with their kaleido options, side by side on the open tabs.

        If the browser has died, a new one is started and the renders tried once more.
        """
        for attempt in (1, 2):
            with self._lock:
                if self._kaleido is None:
                    self._start()
                loop, browser = self._loop, self._kaleido

            async def render_all() -> list[bytes]:
                return await asyncio.gather(
                    *(browser.calc_fig(embed_geometry(fig), opts=opts, topojson=OFFLINE_TOPOJSON_URL) for fig, opts in jobs)
                )

            future = asyncio.run_coroutine_threadsafe(render_all(), loop)
            try:
                return future.result(RENDER_TIMEOUT_SECONDS * len(jobs) + 5)
            except Exception:
                future.cancel()
                if attempt == 2:
                    raise
                with self._lock:
                    if self._kaleido is browser:
                        self._stop_unlocked()
        raise AssertionError("unreachable")


_renderer = _WarmKaleido()
atexit.register(_renderer.stop)


def _kaleido_options(fmt: ImageFormat, width: int, height: int, scale: float) -> dict:
    if fmt not in _MIME:
        raise ValueError(f"Unknown image format {fmt!r}: use 'png' or 'svg'.")
    return {"format": fmt, "width": width, "height": height, "scale": scale if fmt == "png" else 1}


def render_image(fig: go.Figure, *, fmt: ImageFormat, width: int, height: int, scale: float) -> bytes:
    """The figure as PNG or SVG bytes, exactly as given (no decoration)."""
    return _renderer.render([(fig, _kaleido_options(fmt, width, height, scale))])[0]


# The keywords of decorate() again, on purpose: each caller names every piece of provenance it exports.
def export_figure(
    fig: go.Figure,
    *,
    title: str,
    filters_text: str,
    as_of: date | str | None,
    source: str,
    synthetic: bool,
    fmt: ImageFormat,
    width: int = EXPORT_WIDTH,
    height: int = EXPORT_HEIGHT,
    scale: float = PNG_SCALE,
    note: str = "",
) -> bytes:
    """A report-ready image of ``fig``: PNG of width*scale x height*scale pixels, or SVG; ``fig`` is untouched."""
    decorated = decorate(fig, title=title, filters_text=filters_text, as_of=as_of, source=source,
                         synthetic=synthetic, note=note, width=width, height=height)
    return render_image(decorated, fmt=fmt, width=width, height=height, scale=scale)


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, read from the PNG's IHDR chunk."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("Not a PNG image.")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


@dataclass(frozen=True)
class ChartExport:
    """One drawn chart and everything its downloads need: images, data, names, context lines."""

    spec: Chart
    fig: go.Figure
    df: pd.DataFrame
    filters_text: str
    as_of: date | str | None
    source: str

    @cached_property  # asked for by each of the four downloads' names at every draw
    def title(self) -> str:
        return figure_title(self.fig, self.spec.title)

    @cached_property
    def stem(self) -> str:
        return chart_file_stem(self.spec.page, self.title, self.filters_text, self.as_of)

    @property
    def size(self) -> tuple[int, int]:
        return export_size(self.fig)

    def context(self) -> list[str]:
        """Lines heading the data sheet: what it is, for which filters, as of when, from where."""
        lines = [self.title, f"Filters: {self.filters_text}", f"Data as of {_as_of_words(self.as_of)}",
                 f"Source: {self.source}"]
        if self.spec.source_note:
            lines.append(self.spec.source_note)
        if self.spec.synthetic:
            lines.append(SYNTHETIC_MARK)
        return lines

    def camera_options(self) -> dict:
        """plotly.js ``toImageButtonOptions``: the modebar camera gives the same size and name as PNG."""
        width, height = self.size
        return {"format": "png", "filename": self.stem, "width": width, "height": height, "scale": PNG_SCALE}

    def file_name(self, fmt: str) -> str:
        return f"{self.stem}.{fmt}"

    @staticmethod
    def mime_type(fmt: str) -> str:
        return {**_MIME, **_DATA_MIME}[fmt]

    @property
    def table(self) -> pd.DataFrame:
        """The chart's data as its files carry it: columns in words, no internal ones, shares in per cent."""
        return chart_data_in_words(self.df)

    def images(self, formats: tuple[ImageFormat, ...]) -> list[bytes]:
        """The report-ready images in each format, rendered side by side (none asked: no browser is started)."""
        if not formats:
            return []
        width, height = self.size
        decorated = decorate(self.fig, title=self.title, filters_text=self.filters_text, as_of=self.as_of,
                             source=self.source, synthetic=self.spec.synthetic, note=self.spec.source_note,
                             width=width, height=height)
        return _renderer.render([(decorated, _kaleido_options(fmt, width, height, PNG_SCALE)) for fmt in formats])

    def image(self, fmt: ImageFormat) -> bytes:
        return self.images((fmt,))[0]

    def file_bytes(self, fmt: str) -> bytes:
        """The file for one download: png, svg, xlsx or csv."""
        if fmt in _MIME:
            return self.image(fmt)  # type: ignore[arg-type]
        if fmt == "xlsx":
            return to_xlsx_bytes({self.title[:31]: self.table}, self.context())
        if fmt == "csv":
            return to_csv_bytes(self.table)
        raise ValueError(f"Unknown download format {fmt!r}.")
