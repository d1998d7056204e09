"""/api/docs: Swagger UI from our own static files.

Without "ninja" in INSTALLED_APPS django-ninja renders a page that loads Swagger UI from a
CDN, which the site's Content-Security-Policy blocks (and which fails offline). This page
loads the vendored copy (core/static/vendor/swagger-ui/) and starts it from a static file.
"""

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase

if TYPE_CHECKING:
    from ninja import NinjaAPI

SWAGGER_UI_VERSION = "5.35.0"


class OfflineSwagger(DocsBase):
    def render_page(self, request: HttpRequest, api: "NinjaAPI", **kwargs: Any) -> HttpResponse:
        return render(
            request,
            "core/api_docs.html",
            {
                "api": api,
                "openapi_url": self.get_openapi_url(api, kwargs),
                "swagger": f"vendor/swagger-ui/{SWAGGER_UI_VERSION}",
            },
        )
