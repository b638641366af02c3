"""Security headers, cookies and CSRF, as a browser or an attacker sees them."""
import os
import subprocess
import sys

import pytest
from django.test import Client

from tests.test_configuration import PRODUCTION, ROOT


@pytest.mark.parametrize("path", ["/", "/case-studies/", "/search/?q=work", "/no-such-page/", "/accounts/login/"])
def test_public_pages_send_a_strict_content_security_policy(client, case_study_index, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy


@pytest.mark.parametrize("path", ["/", "/case-studies/"])
def test_public_pages_send_the_other_security_headers(client, case_study_index, path):
    response = client.get(path)
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_cached_pages_keep_their_security_headers(client, case_study_index):
    client.get(case_study_index.url)
    cached = client.get(case_study_index.url)
    assert cached["X-Page-Cache"] == "hit"
    assert "default-src 'self'" in cached["Content-Security-Policy"]


def test_login_is_refused_without_a_csrf_token(db, django_user_model):
    django_user_model.objects.create_user("jo", password="a-long-password-1")
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/accounts/login/", {"username": "jo", "password": "a-long-password-1"})
    assert response.status_code == 403
    assert "_auth_user_id" not in strict.session


def test_session_cookie_is_http_only_and_same_site(client, db, django_user_model):
    django_user_model.objects.create_user("jo", password="a-long-password-1")
    client.get("/accounts/login/")
    response = client.post("/accounts/login/", {"username": "jo", "password": "a-long-password-1"})
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_production_cookies_are_secure_and_hsts_is_on():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0, s.SECURE_SSL_REDIRECT)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(PRODUCTION)
    result = subprocess.run(
        [sys.executable, "-c", f"import django;django.setup();{code}"], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=60,
    )
    assert result.stdout.split() == ["True", "True", "True", "True"], result.stderr
