"""Maeul's URLs plus `/bench/bare-insert`: a view that does one INSERT and nothing else."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from maeul import urls as maeul_urls
from maeul.urls import urlpatterns as maeul_urlpatterns

TABLE = "bench_bare_insert"
CREATE_TABLE = {
    "postgresql": f"CREATE TABLE IF NOT EXISTS {TABLE} "
    "(id bigserial PRIMARY KEY, n bigint NOT NULL, created_at timestamptz NOT NULL)",
    "sqlite": f"CREATE TABLE IF NOT EXISTS {TABLE} "
    "(id integer PRIMARY KEY AUTOINCREMENT, n bigint NOT NULL, created_at datetime NOT NULL)",
}


def create_table() -> None:
    with connection.cursor() as cursor:
        cursor.execute(CREATE_TABLE[connection.vendor])


@csrf_exempt
def bare_insert(request: HttpRequest) -> HttpResponse:
    if request.method not in ("POST", "DELETE"):
        return HttpResponse(status=405)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (n, created_at) VALUES (%s, %s)",  # noqa: S608 -- constant
            [len(request.body), timezone.now()],
        )
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/bare-insert", bare_insert), *maeul_urlpatterns]
# Maeul's Korean error pages, as in production (a URLconf's handlers are not inherited).
handler400 = maeul_urls.handler400
handler403 = maeul_urls.handler403
handler404 = maeul_urls.handler404
handler429 = maeul_urls.handler429
handler500 = maeul_urls.handler500
