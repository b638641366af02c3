"""Wagtail's page editor shows its preview in a frame of the admin. The public
pages forbid framing (tests/security/test_headers.py); a preview may be
framed by the site itself, or the preview panel stays blank."""


def test_page_preview_may_be_framed_by_the_site_itself(client, case_study_index):
    preview = case_study_index.make_preview_request()

    assert preview.status_code == 200
    policy = preview["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy
    assert "frame-ancestors 'none'" not in policy
    assert "script-src 'self'" in policy  # the rest of the policy is unchanged


def test_the_published_page_still_may_not_be_framed(client, case_study_index):
    case_study_index.save_revision().publish()

    response = client.get(case_study_index.url)

    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
