from django.contrib import admin
from django.urls import include, path

from maeul.api.root import api
from maeul.places import views as place_views

urlpatterns = [
    path("", place_views.home, name="home"),
    path("", include("maeul.places.urls")),
    path("", include("maeul.accounts.urls")),
    path("proposals/feeds/", include("maeul.proposals.feed_urls")),
    path("", include("maeul.proposals.urls")),
    path("", include("maeul.voting.urls")),
    path("", include("maeul.councils.urls")),
    path("", include("maeul.plans.urls")),
    path("", include("maeul.privacy.urls")),
    path("", include("maeul.core.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
