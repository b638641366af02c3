"""Which address a request came from, for the lockout after wrong passwords
(django-axes locks a username at an address).

Behind a reverse proxy every request arrives from the proxy's address, so
the lockout would be per username only, and anyone could lock any account
for everyone. A proxy says who its client was in X-Forwarded-For, each one
on the way appending the address it saw; but a client can send that header
too, with anything in it. So it is trusted only as far as the deployment
says: DJANGO_TRUSTED_PROXY_COUNT (settings TRUSTED_PROXY_COUNT) is how many
proxies of its own stand in front of the app server, and the client is the
address the outermost of them saw: that many entries from the right of
X-Forwarded-For. With no proxy (0, the default) the header is ignored."""
from django.conf import settings


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
