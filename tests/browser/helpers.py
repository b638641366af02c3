"""What the browser tests share besides fixtures: the Chromium they drive,
viewport sizes, axe-core, layout and focus checks, and signing a browser in."""
from pathlib import Path

from django.conf import settings
from django.test import Client

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]



# --- axe-core ---------------------------------------------------------------


def run_axe(page):
    """Run axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={
        "runOnly": {"type": "tag", "values": WCAG_TAGS},
        "resultTypes": ["violations"],
    })
    return results.response["violations"]


def describe_violations(violations, url=""):
    """Violations as a readable list: rule, impact, selectors, help, link."""
    lines = [f"{len(violations)} axe violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"][:10]:
            target = " ".join(str(part) for part in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    at {target}\n       {node['html'][:160]}\n       {summary[:300]}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


# --- layout -------------------------------------------------------------------

OVERFLOW_JS = """() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + [...el.classList].map(c => '.' + c).join('');
    return [...document.body.querySelectorAll('*')]
        .filter(el => el.getBoundingClientRect().right > width + 1)
        .map(el => `${name(el)} (right edge ${Math.round(el.getBoundingClientRect().right)}px)`)
        .slice(0, 10);
}"""


def horizontal_overflow(page):
    """The elements that stick out past the right edge of the viewport, making
    the page scroll sideways ([] when it does not)."""
    return page.evaluate(OVERFLOW_JS)


# --- signing in and focus -----------------------------------------------------


def sign_in_browser(page, user, site_url):
    """Give the page's browser context a signed-in session for `user`, as
    the login form would (for tests about the pages, not about signing in)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": site_url,
    }])


FOCUS_JS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.name ? '[name=' + el.name + ']' : '');
    const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadowed = style.boxShadow && style.boxShadow !== 'none';
    return {element: name, visible: outlined || shadowed,
            outline: style.outlineStyle + ' ' + style.outlineWidth, boxShadow: style.boxShadow};
}"""


def focused(page):
    """What has the keyboard focus, and whether it shows it: an outline or a
    box-shadow (None when nothing is focused)."""
    return page.evaluate(FOCUS_JS)
