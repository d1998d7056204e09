"""The JSON API at /api/ (OpenAPI at /api/openapi.json): one router per app."""

from ninja import NinjaAPI

from maeul.api import places, proposals

api = NinjaAPI(
    title="Maeul API",
    version="1",
    description="마을 공개 API: 구·동, 제안, 투표, 사업의 공개 데이터 (open data of Maeul).",
    urls_namespace="api",
)
api.add_router("/", places.router)
api.add_router("/", proposals.router)
