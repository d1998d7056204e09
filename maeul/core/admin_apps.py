from django.contrib.admin.apps import AdminConfig


class MaeulAdminConfig(AdminConfig):
    """Django's admin app, with our site class (whose permission check asks `permissions`)."""

    default_site = "maeul.core.admin_site.MaeulAdminSite"
