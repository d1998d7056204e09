"""Staff page of a space's photos: add one with its description, remove one."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.desk import RowDesk, served_row
from maeul.core.desk_steps import desk_step
from maeul.core.permissions import Action, staff_required
from maeul.core.requests import acting
from maeul.spaces.forms import PhotoForm
from maeul.spaces.models import Space, SpacePhoto
from maeul.spaces.services import photos
from maeul.spaces.views.staff import staff_space


def _render(request: HttpRequest, space: Space, *, status: int = 200, **forms: Any) -> HttpResponse:
    return render(
        request,
        "spaces/staff/photos.html",
        {
            "space": space,
            "photos": list(SpacePhoto.objects.filter(space=space)),
            "form": forms.get("form") or PhotoForm(),
        },
        status=status,
    )


PHOTO_DESK = RowDesk(page=_render, url_name="spaces:staff_photos", action=Action.MANAGE_SPACE)


@staff_required
def photo_page(request: HttpRequest, pk: int) -> HttpResponse:
    space = staff_space(request, pk)
    if request.method != "POST":
        return _render(request, space)
    now = timezone.now()
    form = PhotoForm(request.POST, request.FILES)

    def act() -> str:
        photos.add_photo(
            space=space,
            upload=form.cleaned_data["image"],
            alt=form.cleaned_data["alt"],
            **acting(request, now),
        )
        return _("The photo was added.")

    return PHOTO_DESK.act(request, space, act, now=now, form=form, form_key="form")


@staff_required
@require_POST
def remove(request: HttpRequest, pk: int) -> HttpResponse:
    photo = served_row(request, SpacePhoto.objects.select_related("space"), pk)
    return desk_step(
        request,
        PHOTO_DESK,
        photo.space,
        photos.remove_photo,
        _("The photo was removed."),
        target=photo,
        photo=photo,
    )
