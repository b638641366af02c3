"""/favicon.ico: browsers, feed readers and bookmark tools ask for it whatever
the page's <link rel="icon"> says. Send them to the static icon (a hashed,
long-cached name in production) instead of a 404 from the page tree."""
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

FAVICON = "icons/favicon.ico"


@require_safe
@cache_control(public=True, max_age=24 * 60 * 60)
def favicon_ico(request):
    # Temporary, not permanent: the hashed name changes when the icon does.
    return redirect(static(FAVICON))
