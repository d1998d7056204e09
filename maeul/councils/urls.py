from django.urls import URLPattern, URLResolver

from maeul.councils.agenda_urls import urlpatterns as agenda_urlpatterns

app_name = "councils"

urlpatterns: list[URLPattern | URLResolver] = [
    *agenda_urlpatterns,
]
