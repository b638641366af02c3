"""Signing in, out, and back in after a forgotten password."""
import re

from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "correct-horse-battery"


def sign_in(client, username, password, next_url="/portal/"):
    return client.post(reverse("login"), {"username": username, "password": password, "next": next_url})


def test_login_page_renders_with_the_site_look(client, db):
    response = client.get(reverse("login"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="/static/css/site.css"' in page
    assert 'class="site-header"' in page and 'class="site-footer"' in page
    assert "<h1>Sign in</h1>" in page
    assert '<label for="id_username">' in page and '<label for="id_password">' in page
    assert "wagtailadmin" not in page


def test_login_with_the_right_password_goes_to_the_portal(client, world):
    # Without ?next=, the login form itself asks to go to the portal afterwards.
    assert '<input type="hidden" name="next" value="/portal/">' in client.get(reverse("login")).content.decode()
    response = sign_in(client, world.a_user.username, PASSWORD, next_url="/portal/")
    assert response.status_code == 302
    assert response["Location"] == "/portal/"
    assert client.get("/portal/").status_code == 200


def test_login_with_a_wrong_password_shows_an_error_summary(client, world):
    response = sign_in(client, world.a_user.username, "wrong-password")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in page and "There is a problem" in page
    assert "<title>Error: Sign in" in page


def test_login_wrong_password_five_times_locks_the_account_out(client, world):
    for _ in range(5):
        sign_in(client, world.a_user.username, "wrong-password")
    response = sign_in(client, world.a_user.username, PASSWORD)
    assert response.status_code == 429
    assert "Signing in is blocked for now" in response.content.decode()
    assert "30 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/portal/").status_code == 302


def test_login_lockout_is_for_that_username_only(client, world):
    for _ in range(5):
        sign_in(client, world.a_user.username, "wrong-password")
    response = sign_in(client, world.b_user.username, PASSWORD)
    assert response.status_code == 302


def test_password_reset_sends_an_email_with_a_working_link(client, world):
    world.a_user.email = "alice@council.example.org"
    world.a_user.save()
    response = client.post(reverse("password_reset"), {"email": "alice@council.example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@council.example.org"]
    assert message.subject == "Reset your password for Leaving Care Peer Learning"
    assert world.a_user.username in message.body
    link = re.search(r"http://testserver(/accounts/reset/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new_password = "a-brand-new-passphrase-2026"
    done = client.post(form_page.redirect_chain[-1][0],
                       {"new_password1": new_password, "new_password2": new_password})
    assert done["Location"] == reverse("password_reset_complete")
    world.a_user.refresh_from_db()
    assert world.a_user.check_password(new_password)


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"}, follow=True)
    assert "Check your email" in response.content.decode()
    assert mail.outbox == []


def test_password_reset_pages_render_with_the_site_look(client, db):
    for name in ("password_reset", "password_reset_done", "password_reset_complete"):
        page = client.get(reverse(name)).content.decode()
        assert 'class="site-header"' in page, name
    expired = client.get(reverse("password_reset_confirm", args=["MQ", "bad-token"]))
    assert "This link has expired" in expired.content.decode()


def test_password_change_page_renders_for_a_participant(login, world):
    response = login(world.a_user).get(reverse("password_change"))
    assert response.status_code == 200
    assert '<label for="id_old_password">' in response.content.decode()


def test_logout_signs_out_and_says_so(login, world):
    client = login(world.a_user)
    response = client.post(reverse("logout"))
    assert response.status_code == 200
    assert "You have signed out" in response.content.decode()
    assert client.get("/portal/").status_code == 302


def test_login_page_is_never_cached(client, db):
    UserFactory(username="someone")
    response = client.get(reverse("login"))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
