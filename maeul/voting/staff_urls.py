"""Staff pages of votes (included into the `voting` namespace by `urls.py`)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
