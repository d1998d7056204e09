"""The privacy policy and terms pages, each with the list of its earlier versions."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import select_template
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from maeul.core.legal import Kind, find_version, versions_of

TITLES = {"privacy": _("Privacy policy"), "terms": _("Terms of use")}


def _page(request: HttpRequest, kind: Kind, version: str | None) -> HttpResponse:
    text = find_version(kind, version)
    if text is None:
        raise Http404
    language = (get_language() or "ko").split("-")[0]
    body = select_template(text.templates(language))
    current = versions_of(kind)[0]
    return render(
        request,
        "core/legal/page.html",
        {
            "title": TITLES[kind],
            "kind": kind,
            "text": text,
            "is_current": text == current,
            "current": current,
            "current_url": reverse(f"core:{kind}"),
            "versions": [
                {"text": each, "url": reverse(f"core:{kind}_version", args=[each.version])}
                for each in versions_of(kind)
            ],
            "body": body,
            # The archived Korean text shown to a reader who asked for English.
            "korean_only": language != "ko" and body.origin.template_name.endswith("_ko.html"),
            "operator": settings.MAEUL_OPERATOR,
        },
    )


def privacy_policy(request: HttpRequest, version: str | None = None) -> HttpResponse:
    """개인정보처리방침: the version in force, or an earlier one by its version string."""
    return _page(request, "privacy", version)


def terms(request: HttpRequest, version: str | None = None) -> HttpResponse:
    """이용약관: the version in force, or an earlier one by its version string."""
    return _page(request, "terms", version)
