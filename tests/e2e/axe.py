"""Run axe-core (shipped inside the axe-playwright-python package, no CDN) on a Playwright page."""

import json
from functools import cache
from importlib import resources

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@cache
def axe_source():
    return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text("utf-8")


def axe_violations(page):
    """The page's WCAG 2.1 A/AA violations as axe reports them.

    The script is injected with ``page.evaluate`` rather than ``add_script_tag``: the site's strict
    Content-Security-Policy (script-src 'self') blocks an injected <script> element, while code run
    through the DevTools protocol is not subject to it.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    results = page.evaluate(f"axe.run(document, {json.dumps(options)})")
    return results["violations"]


def format_violations(violations):
    """One block per rule: id, impact, help text and link, then every failing node."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    {target}: {node['html'][:200]}")
            summary = "; ".join(
                line.strip() for line in node.get("failureSummary", "").splitlines() if line.strip()
            )
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


def assert_no_axe_violations(page):
    violations = axe_violations(page)
    assert not violations, (
        f"axe found {len(violations)} WCAG 2.1 A/AA violation(s) on {page.url}:\n"
        + format_violations(violations)
    )
