"""Agenda items, meetings and events (included into the `councils` namespace)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
