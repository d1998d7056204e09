"""Load the demo data: places, accounts, and what later capabilities add. Idempotent."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from maeul.accounts.demo import load_accounts
from maeul.consultations.demo import load_consultations
from maeul.grants.demo import load_grants
from maeul.places.demo import load_places
from maeul.plans.demo import load_cycle
from maeul.plans.demo_trail import load_vote_projects
from maeul.proposals.demo import demo_mail_muted, load_proposals
from maeul.search.demo import load_search
from maeul.spaces.demo import load_spaces
from maeul.voting.demo import load_votes


class Command(BaseCommand):
    help = (
        "데모 데이터(서울특별시 금천구·영등포구, 역할별 데모 계정)를 불러옵니다. "
        "여러 번 실행해도 같습니다."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        # Muted around the whole transaction: notification e-mails are queued on commit.
        with demo_mail_muted(), transaction.atomic():
            places = load_places()
            accounts = load_accounts(now=now)
            proposals = load_proposals()
            votes = load_votes(now=now)
            projects = load_cycle(now=now)
            from_vote = load_vote_projects(now=now)
            grants = load_grants(now=now)
            spaces = load_spaces(now=now)
            consultations = load_consultations(now=now)
            documents = load_search()
        self.stdout.write(
            f"데모 데이터: 장소 {places}건, 계정 {accounts}건, 제안 데이터 {proposals}건, "
            f"투표 {votes}건, 2021년 주민자치 사업 {projects}건, "
            f"투표로 선정한 사업 {from_vote}건, 공모사업 공고 {grants}건, "
            f"마을공간 {spaces}곳, 여론수렴 {consultations}건을 새로 만들었습니다."
        )
        self.stdout.write(f"검색 색인: 문서 {documents}건")
