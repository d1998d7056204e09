from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from maeul.places.models import District, Dong


def home(request: HttpRequest) -> HttpResponse:
    """The site's front page: every district with its dongs."""
    districts = District.objects.select_related("city").prefetch_related(
        Prefetch("dongs", queryset=Dong.objects.order_by("code"))
    )
    return render(request, "places/home.html", {"districts": districts})


def district(request: HttpRequest, code: str) -> HttpResponse:
    """A district's home page: its dongs and their offices."""
    found = get_object_or_404(District.objects.select_related("city"), code=code)
    dongs = Dong.objects.in_district(found).order_by("code")
    return render(request, "places/district.html", {"district": found, "dongs": dongs})
