"""Layout checks of a drawn page: no chart text outside its chart, at a laptop's and at a phone's width."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

LAPTOP, PHONE = 1440, 390
SLACK_PX = 1  # rounding of text boxes

# Every text of a chart (title, ticks, legend, labels) whose box leaves the chart's own frame: the chart's
# title first, so that a failure says which chart.
_CLIPPED = """(slack) => {
    const out = [];
    document.querySelectorAll('.js-plotly-plot').forEach(plot => {
        const box = plot.getBoundingClientRect();
        if (!box.width) return;
        const title = (plot.querySelector('.gtitle') || {}).textContent || '(untitled chart)';
        plot.querySelectorAll('.main-svg text').forEach(text => {
            const r = text.getBoundingClientRect();
            if (!r.width || !(text.textContent || '').trim()) return;
            if (r.left < box.left - slack || r.right > box.right + slack
                || r.top < box.top - slack || r.bottom > box.bottom + slack)
                out.push(`${title.slice(0, 60)}: '${text.textContent.slice(0, 60)}'`);
        });
    });
    return out;
}"""


def clipped_chart_text(page: Page) -> list[str]:
    """Each chart text drawn outside its chart, as 'chart title: text'."""
    return page.evaluate(_CLIPPED, SLACK_PX)


# The boxes of a chart's toolbar (Plotly's mode bar, where Streamlit puts its full-screen button, and any Streamlit
# element toolbar of the chart) and of its title's lines, in the page's coordinates.
_TOOLBAR_AND_TITLE = """(index) => {
    const plot = document.querySelectorAll('.js-plotly-plot')[index];
    const frame = plot.closest('[data-testid="stElementContainer"]') || plot.parentElement;
    const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    const shown = e => e.getBoundingClientRect().width > 0 && getComputedStyle(e).visibility !== 'hidden';
    const title = plot.querySelector('.gtitle');
    const lines = title ? [...title.querySelectorAll('tspan.line')] : [];
    return {
        title: (title || {}).textContent || '(untitled chart)',
        lines: (lines.length ? lines : title ? [title] : []).filter(shown).map(box),
        toolbars: [...frame.querySelectorAll('.modebar, [data-testid="stElementToolbar"]')].filter(shown).map(box),
    };
}"""
TOOLBAR_CHARTS = 6  # charts hovered per page: the toolbar and the title sit alike on every chart


def _overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] - SLACK_PX and b[0] < a[2] - SLACK_PX and a[1] < b[3] - SLACK_PX and b[1] < a[3] - SLACK_PX


def toolbar_over_titles(page: Page, shot: Path | None = None) -> list[str]:
    """Each of the first charts whose toolbar, shown by a hover, covers a line of its title, as 'title: toolbar
    [boxes] over the title [boxes]'; ``shot``: a screenshot of the page with the first chart hovered."""
    found = []
    plots = page.locator(".js-plotly-plot")
    shown = [index for index in range(plots.count()) if plots.nth(index).is_visible()]  # not in a closed tab
    for index in shown[:TOOLBAR_CHARTS]:
        plot = plots.nth(index)
        plot.evaluate("plot => plot.scrollIntoView({block: 'center'})")  # clear of the app's sticky header
        plot.hover(force=True, timeout=5_000)  # the toolbar shows on any hover of the chart
        boxes = page.evaluate(_TOOLBAR_AND_TITLE, index)
        if any(_overlap(bar, line) for bar in boxes["toolbars"] for line in boxes["lines"]):
            found.append(f"{boxes['title'][:60]}: toolbar {boxes['toolbars']} over the title {boxes['lines']}")
        if shot and index == shown[0]:
            page.wait_for_timeout(300)  # the toolbar fades in
            page.screenshot(path=str(shot))
    return found


def at_width(page: Page, width: int) -> None:
    """Resize the page and let the charts lay themselves out again."""
    page.set_viewport_size({"width": width, "height": 1000})
    page.wait_for_timeout(1500)  # Streamlit re-renders the columns, Plotly relayouts on the resize


# Streamlit scrolls inside its own main area, so a screenshot shows the whole page only in a window that tall.
_PAGE_HEIGHT = """() => Math.max(...[...document.querySelectorAll('[data-testid="stMain"], section.main, .main')]
                                 .map(e => e.scrollHeight), document.body.scrollHeight)"""
MAX_SHOT_PX = 12_000


def check_layout(page: Page, out_dir: Path, stem: str) -> dict[int, list[str]]:
    """The clipped chart texts at a laptop's and at a phone's width, with a screenshot of the whole page at each;
    at a phone's width also the charts whose toolbar covers their title (a screenshot of the first hovered).

    The page is left at a phone's width (the per-page test ends here)."""
    found = {}
    for width in (LAPTOP, PHONE):
        at_width(page, width)
        found[width] = clipped_chart_text(page)
        if width == PHONE:
            found[width] += toolbar_over_titles(page, out_dir / f"toolbar_{stem}_{width}.png")
        page.set_viewport_size({"width": width, "height": min(MAX_SHOT_PX, int(page.evaluate(_PAGE_HEIGHT)))})
        page.wait_for_timeout(500)
        page.screenshot(path=str(out_dir / f"layout_{stem}_{width}.png"))
    return found
