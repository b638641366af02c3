"""Who the lockout after wrong passwords is about: django-axes locks a
username at an address, and both come from what a client sent.

The address.

Behind a reverse proxy every request arrives from the proxy's address, so
the lockout would be per username only, and anyone could lock any account
for everyone. A proxy says who its client was in X-Forwarded-For, each one
on the way appending the address it saw; but a client can send that header
too, with anything in it. So it is trusted only as far as the deployment
says: DJANGO_TRUSTED_PROXY_COUNT (settings TRUSTED_PROXY_COUNT) is how many
proxies of its own stand in front of the app server, and the client is the
address the outermost of them saw: that many entries from the right of
X-Forwarded-For. With no proxy (0, the default) the header is ignored.

The username. Django's login form shows a 150-character limit but does not
enforce it, so whatever was typed reaches the authentication signal, and
axes stores it in a 255-character column: on PostgreSQL a longer name was a
server error on every login screen. No account's name is longer than the
user model allows, so the lockout keys on at most that many characters."""
from django.conf import settings
from django.contrib.auth import get_user_model


def client_address(request):
    direct = request.META.get("REMOTE_ADDR")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return direct
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        # Fewer entries than proxies: the request did not come through all of them.
        return direct
    return forwarded[-count]


def login_username(request, credentials=None):
    field = getattr(settings, "AXES_USERNAME_FORM_FIELD", "username")
    source = credentials if credentials else getattr(request, "POST", {})
    typed = str(source.get(field) or "")
    limit = get_user_model()._meta.get_field(get_user_model().USERNAME_FIELD).max_length
    return typed[:limit]
