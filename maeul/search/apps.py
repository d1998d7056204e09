from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "maeul.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        # Each app that has public rows registers them in its own `search.py`.
        autodiscover_modules("search")
