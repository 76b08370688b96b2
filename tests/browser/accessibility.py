"""An accessibility audit of a page with axe-core (the npm package, installed by scripts/setup.sh, loaded from disk)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")

_RUN = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
        targets: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
    }));
}"""


def audit(page: Page) -> list[dict]:
    """Every WCAG 2.1 A and AA violation axe-core finds on the page as it stands (id, impact, help, nodes, targets)."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(_RUN, WCAG_21_AA)


def blocking(violations: list[dict]) -> list[dict]:
    """The serious and critical ones: what the audit fails on."""
    return [v for v in violations if v["impact"] in BLOCKING]
