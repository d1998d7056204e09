"""Load the demo data: places, accounts, and what later capabilities add. Idempotent."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from maeul.accounts.demo import load_accounts
from maeul.archive.demo import load_archive
from maeul.consultations.demo import load_consultations
from maeul.courses.demo import load_courses
from maeul.grants.demo import load_grants
from maeul.places.demo import load_places
from maeul.plans.demo import load_cycle
from maeul.plans.demo_trail import load_vote_projects
from maeul.proposals.demo import demo_mail_muted, load_proposals
from maeul.search.demo import load_search
from maeul.spaces.demo import load_spaces
from maeul.volunteering.demo import load_volunteering
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
            # In the order the data builds on itself; each loader says how many rows it made.
            made = [
                ("장소", load_places(), "건"),
                ("계정", load_accounts(now=now), "건"),
                ("제안 데이터", load_proposals(), "건"),
                ("투표", load_votes(now=now), "건"),
                ("2021년 주민자치 사업", load_cycle(now=now), "건"),
                ("투표로 선정한 사업", load_vote_projects(now=now), "건"),
                ("공모사업 공고", load_grants(now=now), "건"),
                ("마을공간", load_spaces(now=now), "곳"),
                ("여론수렴", load_consultations(now=now), "건"),
                ("교육 과정", load_courses(now=now), "건"),
                ("마을기록", load_archive(now=now), "건"),
                ("자원봉사캠프", load_volunteering(now=now), "곳"),
            ]
            documents = load_search()
        counts = ", ".join(f"{label} {count}{unit}" for label, count, unit in made)
        self.stdout.write(f"데모 데이터: {counts}을 새로 만들었습니다.")
        self.stdout.write(f"검색 색인: 문서 {documents}건")
