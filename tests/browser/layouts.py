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


def at_width(page: Page, width: int) -> None:
    """Resize the page and let the charts lay themselves out again."""
    page.set_viewport_size({"width": width, "height": 1000})
    page.wait_for_timeout(1500)  # Streamlit re-renders the columns, Plotly relayouts on the resize


# Streamlit scrolls inside its own main area, so a screenshot shows the whole page only in a window that tall.
_PAGE_HEIGHT = """() => Math.max(...[...document.querySelectorAll('[data-testid="stMain"], section.main, .main')]
                                 .map(e => e.scrollHeight), document.body.scrollHeight)"""
MAX_SHOT_PX = 12_000


def check_layout(page: Page, out_dir: Path, stem: str) -> dict[int, list[str]]:
    """The clipped chart texts at a laptop's and at a phone's width, with a screenshot of the whole page at each."""
    found = {}
    for width in (LAPTOP, PHONE):
        at_width(page, width)
        found[width] = clipped_chart_text(page)
        page.set_viewport_size({"width": width, "height": min(MAX_SHOT_PX, int(page.evaluate(_PAGE_HEIGHT)))})
        page.wait_for_timeout(500)
        page.screenshot(path=str(out_dir / f"layout_{stem}_{width}.png"))
    at_width(page, LAPTOP)
    return found
