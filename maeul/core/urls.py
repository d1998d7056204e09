from django.urls import path

from maeul.core import views

app_name = "core"

urlpatterns = [
    path("me/notifications/", views.notifications, name="notifications"),
    path("me/notifications/read/", views.mark_notifications_read, name="notifications_read"),
    path("staff/", views.staff_home, name="staff_home"),
]
