from django.urls import path

from maeul.core import health, legal_pages, views

app_name = "core"

urlpatterns = [
    path("me/notifications/", views.notifications, name="notifications"),
    path("me/notifications/read/", views.mark_notifications_read, name="notifications_read"),
    path("staff/", views.staff_home, name="staff_home"),
    path("privacy/", legal_pages.privacy_policy, name="privacy"),
    path("privacy/<str:version>/", legal_pages.privacy_policy, name="privacy_version"),
    path("terms/", legal_pages.terms, name="terms"),
    path("terms/<str:version>/", legal_pages.terms, name="terms_version"),
    path("health", health.health, name="health"),
]
