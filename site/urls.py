from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from programme.portal.views_account import AdminSignOutView, SignOutView
from resources import views as resource_views
from resources.favicon import favicon_ico

urlpatterns = [
    # Before the admin's and the accounts' own: signing out ends the session whatever the method.
    path("admin/logout/", AdminSignOutView.as_view()),
    path("accounts/logout/", SignOutView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", resource_views.search, name="search"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", resource_views.robots_txt, name="robots_txt"),
    path("favicon.ico", favicon_ico, name="favicon_ico"),
    path("calendar/", include("programme.sessions.calendar_urls")),
    path("portal/", include("programme.portal.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving catches every other path, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
