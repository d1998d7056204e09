from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from maeul.api.root import api
from maeul.core import media
from maeul.places import views as place_views

# Korean error pages (JSON under /api/); allauth looks up handler429 here too.
handler400 = "maeul.core.error_pages.bad_request"
handler403 = "maeul.core.error_pages.permission_denied"
handler404 = "maeul.core.error_pages.page_not_found"
handler429 = "maeul.core.error_pages.too_many_requests"
handler500 = "maeul.core.error_pages.server_error"

urlpatterns = [
    path("", place_views.home, name="home"),
    path("", include("maeul.places.urls")),
    path("", include("maeul.accounts.urls")),
    path("proposals/feeds/", include("maeul.proposals.feed_urls")),
    path("", include("maeul.proposals.urls")),
    path("", include("maeul.voting.urls")),
    path("", include("maeul.councils.urls")),
    path("", include("maeul.plans.urls")),
    path("", include("maeul.grants.urls")),
    path("", include("maeul.spaces.urls")),
    path("", include("maeul.courses.urls")),
    path("", include("maeul.consultations.urls")),
    path("", include("maeul.archive.urls")),
    path("", include("maeul.volunteering.urls")),
    path("", include("maeul.search.urls")),
    path("", include("maeul.privacy.urls")),
    path("", include("maeul.core.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

if settings.MAEUL_SERVE_MEDIA:
    urlpatterns.append(
        path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media.serve_public, name="media")
    )
