"""The most dangerous vectors of tests/security/xss_vectors.txt, written into
a plan and a one-page report through the portal's forms, then opened in
Chromium: the participant's own plan and report, another organisation's
draft forms (the text sits inside <textarea>s there), the peer pages and the
public programme report. No alert, confirm or prompt may open and the
`window.__xss` sentinel some vectors set must stay unset, in any frame.

The browser context bypasses the Content-Security-Policy on purpose: the
CSP would block inline script anyway, and this test is about the escaping and
the sanitising underneath it, which must hold on their own (the admin, for
one, is served without a CSP)."""
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.builders import build_cohort
from tests.security.xss_checks import load_vectors

pytestmark = pytest.mark.browser

# Each calls alert/confirm/prompt or sets window.__xss if it ever runs.
DANGEROUS = [
    "<script>alert(1)</script>",
    "<SCRIPT>window.__xss=1</SCRIPT>",
    '"><script>alert(document.domain)</script>',
    "'><script>window.__xss=2</script>",
    "</textarea><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="window.__xss=1">',
    "<svg onload=alert(1)>",
    "<svg/onload=window.__xss=1//",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<details open ontoggle=alert(1)>",
    '<details/open/ontoggle="window.__xss=1">',
    "<input autofocus onfocus=alert(1)>",
    "<video src=x onerror=prompt(1)>",
    '<body onpageshow="window.__xss=1">',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<embed src="data:text/html,<script>alert(1)</script>">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<!--><script>alert(1)</script>-->",
]
PLAN_FIELDS = ["issue", "goal", "success", "first_actions", "team"]
SECTIONS = ["progress", "challenges", "enablers", "next"]


def test_the_dangerous_vectors_come_from_the_corpus():
    corpus = set(load_vectors())
    assert len(DANGEROUS) >= 20
    assert [v for v in DANGEROUS if v not in corpus] == []


def _plan(vectors, action):
    return {
        **{name: "\n".join([f"Plan {name}", *vectors]) for name in PLAN_FIELDS},
        "goal_category": "external", "version": "1", "action": action,
    }


def _report(vectors, action):
    return {**{s: "\n".join([f"Report {s}", *vectors]) for s in SECTIONS}, "goal_progress": "good",
            "version": "1", "action": action}


@pytest.fixture
def written(site_url, home_page):
    """A's plan and report submitted with the vectors; B's plan and report
    saved as drafts with them; a published report page for the cohort."""
    from resources.models import ProgrammeReportIndexPage, ProgrammeReportPage

    world = build_cohort("X")
    world.cohort.sharing_enabled = True
    world.cohort.save()
    world.a.consent_to_publish = True
    world.a.save()
    clients = {}
    for key, user in (("a", world.a_user), ("b", world.b_user)):
        clients[key] = Client()
        clients[key].force_login(user)
    for key, action in (("a", "submit"), ("b", "save")):
        for url, data in ((reverse("portal:plan"), _plan(DANGEROUS, action)),
                          (reverse("portal:report"), _report(DANGEROUS, action))):
            response = clients[key].post(url, data)
            assert response.status_code == 302, response.content.decode()[:2000]
    index = ProgrammeReportIndexPage(title="Programme reports", slug="reports")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    report = ProgrammeReportPage(title="What the cohort learned", slug="learned", cohort=world.cohort,
                                 summary="A summary.")
    index.add_child(instance=report)
    report.save_revision().publish()
    world.report_url = report.url
    world.sessions = {key: client.cookies[settings.SESSION_COOKIE_NAME].value for key, client in clients.items()}
    return world


def _browser_for(new_page, site_url, session=None):
    page = new_page(bypass_csp=True)
    if session:
        page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site_url}])
    page.dialogs = []

    def on_dialog(dialog):
        page.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return page


def _visit(page, url, must_show):
    response = page.goto(url, wait_until="load")
    assert response.status == 200, url
    page.wait_for_load_state("networkidle")
    assert must_show in page.content(), f"{url} does not show the vectors ({must_show!r})"
    fired = [f"{url}: {frame.url or 'frame'} has window.__xss = {value!r}"
             for frame in page.frames
             if (value := frame.evaluate("() => typeof window.__xss === 'undefined' ? null : window.__xss"))
             is not None]
    return fired


def test_no_vector_runs_in_the_portal_or_the_public_report(new_page, site_url, written):
    fired = []
    a = _browser_for(new_page, site_url, written.sessions["a"])
    for url, marker in (("/portal/plan/", "Plan issue"), ("/portal/report/", "Report progress"),
                        ("/portal/", "Your portal")):
        fired += _visit(a, url, marker)
    b = _browser_for(new_page, site_url, written.sessions["b"])
    for url, marker in (("/portal/plan/", "Plan issue"), ("/portal/report/", "Report progress"),
                        ("/portal/peers/", "Other organisations"),
                        (f"/portal/peers/{written.a.pk}/", "Report progress")):
        fired += _visit(b, url, marker)
    visitor = _browser_for(new_page, site_url)
    fired += _visit(visitor, written.report_url, "Report progress")
    assert a.dialogs + b.dialogs + visitor.dialogs == []
    assert fired == []
