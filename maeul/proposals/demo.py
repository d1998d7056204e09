"""Demo proposals for 「금천1번가」: about a hundred proposals across 금천구's ten dongs.

Everything is made deterministically (a fixed random seed and a fixed 2026 timeline) and,
wherever practical, through the services, so the demo obeys the same rules as real use:
proposals are submitted or entered offline, thresholds assign them for review, staff
answer, move, hide, reward and merge them, residents comment and report. Supports are
bulk-inserted for speed and the counter is then set to the exact COUNT of rows; each
threshold is still crossed by one real `support_proposal` call so that assignment and
notifications happen as in production.

No real person appears: residents are `resident001@demo.maeul.kr` … with nicknames such as
"독산동 고양이"; offline proposers are described ("가산동 직장인"), never named.

Idempotent: when the demo proposals already exist, nothing is created or changed.
"""

import itertools
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.cache import cache

from maeul.accounts.demo import DEMO_DISTRICT_CODE
from maeul.accounts.models import DongTie, Role, RoleAssignment, TieKind, User, VerificationMethod
from maeul.accounts.person import person_hash
from maeul.core.dates import SEOUL
from maeul.core.demo_images import demo_upload, has_demo_photo
from maeul.places.demo_departments import load_departments
from maeul.places.models import Department, District, Dong
from maeul.proposals.attachments import CheckedFile, check_upload
from maeul.proposals.models import (
    Category,
    Channel,
    Comment,
    Decision,
    Proposal,
    ProposalPolicy,
    Status,
    Support,
)
from maeul.proposals.services.comments import add_comment, hide_comment, report_comment
from maeul.proposals.services.review import (
    answer_proposal,
    assign_department,
    change_status,
    mark_excellent,
    merge_proposals,
)
from maeul.proposals.services.support import support_proposal
from maeul.proposals.services.writing import (
    enter_offline_proposal,
    submit_proposal,
    withdraw_proposal,
)

SEED = 20260105
# The demo's year: proposals are received from early January to mid-November 2026.
TIMELINE_START = datetime(2026, 1, 5, 9, 0, tzinfo=SEOUL)
TIMELINE_END = datetime(2026, 11, 18, 18, 0, tzinfo=SEOUL)
DEFAULT_RESIDENTS = 640  # two proposals pass 500 supports, so more than 500 people are needed
RESIDENT_EMAIL = "resident{:03d}@demo.maeul.kr"
DEPARTMENT_STAFF_EMAIL = "dept{:02d}@demo.maeul.kr"
DISTRICT_STAFF_EMAIL = "district@demo.maeul.kr"
DONG_STAFF_EMAIL = "dong@demo.maeul.kr"
DEMO_RESIDENT_EMAIL = "resident@demo.maeul.kr"

DONGS = [
    "가산동", "독산1동", "독산2동", "독산3동", "독산4동",
    "시흥1동", "시흥2동", "시흥3동", "시흥4동", "시흥5동",
]  # fmt: skip

# Category → the department that reviews it (the seeds' 협치 sections guided the split).
CATEGORIES = [
    ("안전", "안전총괄과"),
    ("환경", "공원녹지과"),
    ("복지", "복지정책과"),
    ("교통", "교통행정과"),
    ("문화", "문화체육과"),
    ("교육", "교육지원과"),
    ("청년", "일자리정책과"),
    ("경제", "지역경제과"),
    ("기타", "마을자치과"),
]

PREFIXES = [
    "독산동", "가산동", "시흥동", "안양천", "호암산", "금천", "G밸리", "독산역",
    "석수역", "시흥대로", "벽산", "새재미", "박미", "금나래", "골목길", "마을버스",
]  # fmt: skip
SUFFIXES = [
    "고양이", "산책러", "텃밭지기", "자전거", "책벌레", "엄마", "아빠", "할머니", "할아버지",
    "새내기", "직장인", "청년", "주민", "이웃", "강아지 산책", "러너", "등산객", "꽃집 단골",
    "빵집 단골", "도서관 단골", "배드민턴", "탁구 동호회", "학부모", "마을기자", "봉사자",
    "풍물패", "합창단", "바둑 친구", "사진가", "요리 모임", "목공 모임", "야간 근무자",
    "자영업자", "대학생", "신혼부부", "어르신", "반려식물", "뜨개질", "걷기 모임", "캠핑러",
]  # fmt: skip


@dataclass(frozen=True)
class Topic:
    category: str
    title: str  # may hold {dong}; a topic used in several dongs must
    body: str
    dongs: tuple[str | None, ...]  # None: the whole district
    place: str = ""
    department: str = ""  # when not the category's department


T = Topic
TOPICS: list[Topic] = [
    # 교통
    T(
        "교통",
        "{dong} 공영주차장을 늘려 주세요",
        "{dong} 주택가 골목은 저녁만 되면 주차할 곳이 없어 이중주차가 일상입니다. "
        "소방차가 들어오지 못할까 걱정됩니다.\n\n"
        "- 주민센터 뒤 유휴부지에 공영주차장을 만들어 주세요.\n"
        "- 학교와 교회 주차장을 밤에만 개방하는 공유주차도 함께 검토해 주세요.",
        ("독산3동", "시흥4동", "시흥2동"),
        "{dong} 주민센터 주변",
        "주차관리과",
    ),
    T(
        "교통",
        "가산디지털단지 점심시간 보행로를 확보해 주세요",
        "점심시간이면 가산디지털단지역에서 식당가로 가는 길이 직장인으로 가득 찹니다. "
        "인도는 좁고 화물차가 인도 옆에 서 있어서 차도로 걸어야 할 때가 많습니다.\n\n"
        "**제안**\n"
        "1. 점심시간(11시 30분~13시 30분)에는 이면도로 한 구간을 보행자 우선 도로로 운영\n"
        "2. 횡단보도 보행 신호를 점심시간에만 길게\n"
        "3. 화물차 하역은 오전과 오후 시간대로 안내\n\n"
        "G밸리에서 일하는 사람이 많아진 만큼 걷기 편한 길이 필요합니다.",
        ("가산동",),
        "가산디지털단지역 일대",
    ),
    T(
        "교통",
        "{dong} 어린이 통학로에 옐로카펫과 보행 신호 연장",
        "아이들이 초등학교에 가는 길 횡단보도에서 신호가 너무 빨리 바뀝니다. "
        "옐로카펫을 설치하고 등교 시간대 보행 신호를 늘려 주세요. "
        "녹색어머니회 활동을 하며 매일 아찔한 장면을 봅니다.",
        ("독산4동", "시흥5동", "시흥1동"),
        "{dong} 초등학교 앞",
    ),
    T(
        "교통",
        "시흥3동 마을버스 배차 간격을 줄여 주세요",
        "출근 시간에 마을버스를 20분 넘게 기다릴 때가 많습니다. "
        "석수역과 금천구청역으로 나가는 주민이 많으니 아침 7시부터 9시까지만이라도 "
        "배차 간격을 줄여 주세요.",
        ("시흥3동",),
        "시흥3동 마을버스 정류장",
    ),
    T(
        "교통",
        "시흥대로 자전거도로 끊긴 구간을 이어 주세요",
        "안양천 자전거길에서 시흥대로로 올라오면 자전거도로가 중간에 끊깁니다. "
        "차도로 내려가야 해서 위험합니다. 끊긴 구간을 이어 주시고 안내 표지를 달아 주세요.",
        (None,),
        "시흥대로",
    ),
    T(
        "교통",
        "{dong} 버스정류장에 온열의자와 바람막이를 설치해 주세요",
        "겨울 아침 버스를 기다리는 어르신들이 많습니다. 온열의자와 바람막이가 있으면 좋겠습니다.",
        ("독산2동", "시흥4동"),
        "{dong} 버스정류장",
    ),
    T(
        "교통",
        "{dong} 전동킥보드 주차구역을 정해 주세요",
        "전동킥보드가 인도 한가운데 쓰러져 있어 유모차와 휠체어가 지나가기 어렵습니다. "
        "역 주변에 주차구역을 정하고 그 밖에 세운 킥보드는 빨리 치워 주세요.",
        ("가산동", "독산1동"),
        "{dong} 역 주변",
    ),
    # 안전
    T(
        "안전",
        "{dong} 골목길 가로등이 너무 어두워요",
        "밤에 골목길을 지나가면 가로등 사이가 멀어 어두운 구간이 깁니다. "
        "특히 비 오는 날에는 발밑이 잘 보이지 않습니다. LED 가로등으로 바꾸고 "
        "어두운 구간에 보안등을 더 달아 주세요.",
        ("독산2동", "시흥2동", "시흥4동", "독산3동"),
        "{dong} 주택가 골목",
    ),
    T(
        "안전",
        "호암산 등산로 입구에 비상벨을 달아 주세요",
        "호암산 숲길은 아침저녁으로 혼자 걷는 사람이 많습니다. 등산로 입구와 갈림길에 "
        "비상벨과 위치 표지판이 있으면 위급할 때 도움이 될 것 같습니다.",
        ("시흥2동",),
        "호암산 숲길 입구",
    ),
    T(
        "안전",
        "{dong} 빗물받이 정비로 여름 침수를 막아 주세요",
        "지난여름 폭우 때 골목 빗물받이가 낙엽과 쓰레기로 막혀 물이 넘쳤습니다. "
        "장마 전에 빗물받이를 청소하고, 반지하 주택에는 물막이판을 지원해 주세요.\n\n"
        "이웃 몇 집은 아직도 벽지에 곰팡이가 남아 있습니다.",
        ("가산동", "독산1동"),
        "{dong} 저지대 주택가",
        "도로과",
    ),
    T(
        "안전",
        "{dong} 안심귀갓길 표시를 늘려 주세요",
        "늦게 퇴근하는 날이 많은데 역에서 집까지 오는 길이 어둡고 인적이 드뭅니다. "
        "바닥 로고젝터와 안심귀갓길 표시, 그리고 CCTV 안내판을 늘려 주세요.",
        ("독산4동", "시흥1동"),
        "{dong} 역에서 주택가로 가는 길",
    ),
    T(
        "안전",
        "시흥사거리 무단횡단 구간에 중앙 펜스를 설치해 주세요",
        "시흥사거리 근처 시장 앞은 무단횡단이 잦아 사고가 날 뻔한 일이 여러 번 있었습니다.",
        ("시흥1동",),
        "시흥사거리",
    ),
    T(
        "안전",
        "{dong} 어린이공원 놀이기구 안전 점검",
        "어린이공원 미끄럼틀 이음새가 벌어져 있고 그네 줄도 낡았습니다. "
        "정기 점검 결과를 공원 입구에 붙여 주시면 부모들이 안심할 수 있겠습니다.",
        ("독산3동", "시흥3동"),
        "{dong} 어린이공원",
    ),
    # 환경
    T(
        "환경",
        "{dong} 안양천 산책로에 그늘막과 쉼터를 늘려 주세요",
        "안양천 산책로는 여름 한낮에 그늘이 거의 없습니다. 어르신과 아이들이 쉬어 갈 수 있게 "
        "그늘막과 벤치, 음수대를 늘려 주세요. 나무를 심어 주시면 더 좋겠습니다.",
        ("가산동", "독산1동"),
        "안양천 산책로 ({dong} 구간)",
    ),
    T(
        "환경",
        "독산동 우시장 주변 악취 대책을 세워 주세요",
        "독산동 우시장 주변은 여름이면 하수구 냄새와 음식물 냄새가 심해 창문을 열 수 없습니다.\n\n"
        "- 하수구 악취 차단 장치 설치\n"
        "- 새벽 시간 물청소 횟수 늘리기\n"
        "- 상인회와 함께 하는 음식물 처리 방법 안내\n\n"
        "시장 상인분들도 손님이 줄까 걱정하십니다. 상인과 주민이 함께 의논하는 자리가 "
        "있었으면 합니다.",
        ("독산1동",),
        "독산동 우시장 주변",
        "청소행정과",
    ),
    T(
        "환경",
        "{dong} 음식물 쓰레기 거점 수거함을 깨끗하게 관리해 주세요",
        "거점 수거함 주변에 국물이 흘러 냄새가 나고 벌레가 꼬입니다. 세척 주기를 늘려 주세요.",
        ("시흥4동", "독산4동"),
        "{dong} 음식물 쓰레기 거점 수거함",
        "청소행정과",
    ),
    T(
        "환경",
        "{dong} 골목 무단투기를 막는 분리배출 안내판",
        "원룸이 많은 골목에 요일과 상관없이 쓰레기가 쌓입니다. 새로 이사 온 분들이 배출 요일을 "
        "모르는 경우가 많으니 여러 언어로 된 안내판을 붙여 주세요.",
        ("시흥2동", "가산동"),
        "{dong} 원룸 골목",
        "청소행정과",
    ),
    T(
        "환경",
        "호암산 숲길에 맨발 산책로를 만들어 주세요",
        "요즘 맨발 걷기를 하는 주민이 많습니다. 호암산 숲길 한 구간에 황토 맨발길과 "
        "발 씻는 곳을 만들어 주세요.",
        ("시흥5동",),
        "호암산 숲길",
    ),
    T(
        "환경",
        "독산3동 가로수 낙엽 수거 일정을 알려 주세요",
        "가을이면 낙엽이 인도에 쌓여 미끄럽습니다. 수거 일정을 미리 알려 주시면 주민들도 "
        "함께 쓸겠습니다.",
        ("독산3동",),
        "독산3동 가로수길",
        "청소행정과",
    ),
    T(
        "환경",
        "박미마을 빈 화단을 주민이 가꾸는 마을 정원으로",
        "박미사랑마을회관 앞 빈 화단에 쓰레기가 버려집니다. 주민들이 꽃을 심고 가꾸면 "
        "무단투기도 줄고 이웃끼리 인사할 일도 생길 것 같습니다. 모종과 흙만 지원해 주세요.",
        ("시흥3동",),
        "박미사랑마을회관 앞",
    ),
    # 복지
    T(
        "복지",
        "시흥5동 노인 쉼터 냉난방기를 바꿔 주세요",
        "시흥5동 노인 쉼터 냉난방기가 오래되어 여름에는 덥고 겨울에는 춥습니다. "
        "매일 스무 분 넘는 어르신이 오시는 곳입니다. 교체와 함께 정수기도 살펴 주세요.",
        ("시흥5동",),
        "시흥5동 노인 쉼터",
        "어르신복지과",
    ),
    T(
        "복지",
        "{dong} 경로당이 먼 구역에 작은 어르신 사랑방",
        "언덕 위 주택가에서는 경로당까지 걸어가기 힘든 어르신이 많습니다. "
        "빈 점포나 주민센터 공간 일부를 낮 시간 사랑방으로 써 주세요.",
        ("독산4동", "시흥2동"),
        "{dong} 언덕 주택가",
        "어르신복지과",
    ),
    T(
        "복지",
        "{dong} 1인 가구 안부 확인 서비스를 넓혀 주세요",
        "혼자 사는 이웃이 늘고 있습니다. 어르신뿐 아니라 중장년 1인 가구도 원하면 "
        "안부 문자와 방문을 받을 수 있게 해 주세요.",
        ("가산동", "독산2동"),
        "",
    ),
    T(
        "복지",
        "독산2동 주민센터 입구에 경사로를 만들어 주세요",
        "주민센터 입구 계단 옆에 경사로가 없어 휠체어와 유모차는 뒷문으로 돌아가야 합니다.",
        ("독산2동",),
        "독산2동 주민센터",
    ),
    T(
        "복지",
        "무더위쉼터 운영 시간을 저녁까지 늘려 주세요",
        "한여름에는 저녁에도 집 안이 덥습니다. 무더위쉼터를 밤 9시까지 열어 주시고, "
        "어디가 열려 있는지 한눈에 볼 수 있는 지도를 만들어 주세요.",
        (None,),
        "",
    ),
    T(
        "복지",
        "{dong} 우리동네키움센터를 늘려 주세요",
        "맞벌이 가정은 방과 후 아이를 맡길 곳이 부족합니다. 대기 인원이 많아 몇 달을 "
        "기다려야 합니다.",
        ("시흥1동", "독산3동"),
        "",
    ),
    # 문화
    T(
        "문화",
        "{dong} 마을활력소 운영 시간을 저녁과 주말로 늘려 주세요",
        "{dong} 마을활력소는 평일 낮에만 쓸 수 있어 직장에 다니는 주민은 이용하기 어렵습니다. "
        "평일 밤 9시까지, 주말에도 열어 주세요. 주민 운영진이 돌아가며 문을 여는 방법도 "
        "좋겠습니다.",
        ("독산1동", "독산4동", "시흥4동"),
        "{dong} 마을활력소",
        "마을자치과",
    ),
    T(
        "문화",
        "새재미마을활력소에서 주민 영화 상영회를 열어 주세요",
        "한 달에 한 번 저녁에 가족 영화를 함께 보면 이웃과 가까워질 것 같습니다.",
        ("시흥4동",),
        "새재미마을활력소",
    ),
    T(
        "문화",
        "금나래아트홀 공연에 구민 할인을 넓혀 주세요",
        "금나래아트홀 공연이 좋은데 가격이 부담될 때가 있습니다. 구민 할인과 "
        "어르신·청소년 할인을 넓혀 주세요.",
        (None,),
        "금나래아트홀",
    ),
    T(
        "문화",
        "{dong} 작은도서관을 주말에도 열어 주세요",
        "주말에 아이와 갈 곳이 마땅치 않습니다. 작은도서관을 토요일 오후에라도 열어 주세요.",
        ("시흥3동", "독산2동"),
        "{dong} 작은도서관",
    ),
    T(
        "문화",
        "안양천 벚꽃길에서 마을 축제를 열면 어떨까요",
        "봄마다 안양천 벚꽃길에 사람이 많이 모입니다. 동마다 부스를 열고 마을 공동체가 "
        "공연하는 작은 축제를 열면 좋겠습니다.",
        (None,),
        "안양천 벚꽃길",
    ),
    T(
        "문화",
        "공유공간 대관 절차를 간단하게 해 주세요",
        "공유공간을 빌리려면 서류를 들고 직접 가야 합니다. 온라인으로 빈 시간을 보고 바로 "
        "신청할 수 있게 해 주세요.",
        (None,),
        "",
        "마을자치과",
    ),
    T(
        "문화",
        "금천체육공원 배드민턴장에 야간 조명을 달아 주세요",
        "퇴근 후에 운동하는 주민이 많은데 해가 지면 배드민턴장이 어두워 쓸 수 없습니다.",
        ("독산3동",),
        "금천체육공원",
    ),
    # 교육
    T(
        "교육",
        "{dong} 어르신 스마트폰 교실을 열어 주세요",
        "키오스크 주문이나 병원 예약을 못 해서 불편해하시는 어르신이 많습니다. "
        "주민센터에서 한 달에 두 번이라도 스마트폰 교실을 열어 주세요. "
        "청년 자원봉사자와 짝을 지으면 좋겠습니다.",
        ("시흥2동", "독산1동", "가산동"),
        "{dong} 주민센터",
    ),
    T(
        "교육",
        "G밸리 기업과 함께 하는 초등학생 코딩 교실",
        "가산디지털단지 기업에 다니는 개발자들이 재능기부로 초등학생 코딩 교실을 열면 "
        "아이들에게 좋은 경험이 될 것 같습니다.",
        ("가산동",),
        "가산동 주민센터",
        "일자리정책과",
    ),
    T(
        "교육",
        "마을학교 강사로 주민 재능기부를 연결해 주세요",
        "목공, 요리, 악기처럼 가르칠 수 있는 주민이 많습니다. 재능을 등록하고 마을학교와 "
        "연결해 주는 창구가 있으면 좋겠습니다.",
        (None,),
        "",
        "마을자치과",
    ),
    T(
        "교육",
        "{dong} 다문화 가정을 위한 한국어·이중언어 교실",
        "이웃에 다문화 가정이 많습니다. 부모는 한국어를, 아이는 부모 나라 말을 배울 수 있는 "
        "교실을 주말에 열어 주세요.",
        ("가산동", "독산2동"),
        "",
    ),
    # 청년
    T(
        "청년",
        "{dong} 청년 1인 가구 공유주방",
        "원룸에 사는 청년들은 요리할 공간이 좁습니다. 공유주방이 있으면 함께 밥을 해 먹으며 "
        "이웃도 사귈 수 있을 것 같습니다.",
        ("가산동", "독산1동"),
        "",
    ),
    T(
        "청년",
        "G밸리 청년 직장인 동아리 공간",
        "퇴근 후 동아리 모임을 할 공간이 없습니다. 비어 있는 공공시설을 저녁에 빌려 주세요.",
        ("가산동",),
        "가산디지털단지",
    ),
    T(
        "청년",
        "청년 주거 정보를 한곳에서 상담해 주세요",
        "전세 계약이 처음인 청년이 많습니다. 전세 사기 예방과 주거 지원 정보를 한곳에서 "
        "상담받을 수 있으면 좋겠습니다.",
        (None,),
        "",
    ),
    T(
        "청년",
        "청년 마을활동가 활동비를 지원해 주세요",
        "마을 일에 참여하고 싶은 청년이 많지만 생업 때문에 오래 하기 어렵습니다. "
        "작은 활동비라도 있으면 꾸준히 참여할 수 있습니다.",
        (None,),
        "",
        "마을자치과",
    ),
    # 경제
    T(
        "경제",
        "골목상권을 살리는 지역사랑상품권 할인을 늘려 주세요",
        "지역사랑상품권은 발행하자마자 동이 납니다. 발행 규모를 늘리고 골목 가게에서 "
        "쓸 때 추가 혜택을 주면 좋겠습니다.",
        (None,),
        "",
    ),
    T(
        "경제",
        "{dong} 전통시장 공영주차장 1시간 무료",
        "시장에서 장을 보려면 주차가 가장 큰 걱정입니다. 시장에서 물건을 사면 공영주차장 "
        "1시간을 무료로 해 주세요.",
        ("시흥1동", "독산2동"),
        "{dong} 전통시장",
    ),
    T(
        "경제",
        "{dong} 빈 점포를 청년 창업 공간으로",
        "큰길 뒤쪽에 문 닫은 점포가 늘고 있습니다. 구가 빌려서 청년 창업 공간으로 싸게 "
        "내주면 골목도 살아날 것 같습니다.",
        ("시흥4동", "독산3동"),
        "",
        "일자리정책과",
    ),
    T(
        "경제",
        "동네 가게를 위한 공공 배달앱을 만들어 주세요",
        "배달앱 수수료 때문에 동네 식당이 힘들어합니다. 수수료가 낮은 공공 배달앱을 "
        "홍보하고 가맹을 도와주세요.",
        (None,),
        "",
    ),
    # 기타
    T(
        "기타",
        "{dong} 주민센터 민원 대기 순서를 문자로 알려 주세요",
        "주민센터에서 오래 기다리는 날이 있습니다. 번호표를 뽑고 순서가 가까워지면 "
        "문자로 알려 주면 그사이 다른 일을 볼 수 있겠습니다.",
        ("독산4동", "시흥3동"),
        "{dong} 주민센터",
    ),
    T(
        "기타",
        "「금천1번가」 제안 결과를 동 게시판에도 붙여 주세요",
        "인터넷을 쓰지 않는 어르신들은 제안이 어떻게 되었는지 알 수 없습니다. "
        "답변이 나온 제안은 주민센터 게시판에도 붙여 주세요.",
        (None,),
        "",
        "마을자치과",
    ),
    T(
        "기타",
        "{dong} 반려견 놀이터를 만들어 주세요",
        "반려견을 키우는 가구가 많아졌습니다. 목줄을 풀고 뛰놀 수 있는 작은 놀이터가 "
        "있으면 산책로에서 생기는 갈등도 줄 것입니다.",
        ("독산1동", "시흥5동"),
        "",
        "공원녹지과",
    ),
    T(
        "기타",
        "주민총회 안건 자료를 미리 공개해 주세요",
        "주민총회 당일에 처음 안건을 보면 판단하기 어렵습니다. 최소 2주 전에 자료를 "
        "온라인과 주민센터에 공개해 주세요.",
        (None,),
        "",
        "마을자치과",
    ),
]
del T

# Offline proposals: (channel, dong, category, title, one-line body, how the proposer is described)
OFFLINE = [
    (Channel.STREET_BOOTH, "독산1동", "교통", "독산역 앞 자전거 거치대를 늘려 주세요",
     "출근 시간에 자전거를 세울 곳이 없어요.", ""),
    (Channel.STREET_BOOTH, "가산동", "환경", "점심시간에 쉴 공원 벤치가 더 필요해요",
     "가산디지털단지 직장인들이 점심 먹고 쉴 곳이 부족해요.", "가산동 직장인"),
    (Channel.STREET_BOOTH, "시흥4동", "환경", "새재미 골목 화단에 꽃을 심어요",
     "마을 사람들이 함께 가꾸면 좋겠어요.", ""),
    (Channel.STREET_BOOTH, "독산3동", "안전", "놀이터 모래를 바꿔 주세요",
     "모래가 오래되어 아이들 놀기가 걱정돼요.", "독산3동 학부모"),
    (Channel.STREET_BOOTH, "시흥2동", "안전", "경사 심한 골목에 손잡이 난간",
     "비 오는 날 어르신들이 미끄러져요.", ""),
    (Channel.STREET_BOOTH, "독산2동", "교통", "주민센터 앞 횡단보도 신호가 짧아요",
     "걸음이 느린 어르신은 다 못 건너요.", ""),
    (Channel.STREET_BOOTH, None, "기타", "구청 소식지를 큰 글씨로 만들어 주세요",
     "글씨가 작아서 읽기 힘들어요.", "어르신"),
    (Channel.STREET_BOOTH, "시흥3동", "교통", "석수역 가는 길 보도블록 정비",
     "보도블록이 들떠서 유모차가 덜컹거려요.", ""),
    (Channel.STREET_BOOTH, "독산4동", "안전", "골목 모퉁이에 반사경을 달아 주세요",
     "차가 갑자기 나와서 깜짝 놀라요.", ""),
    (Channel.WORKSHOP, "시흥5동", "복지", "마을공동체지원센터에서 이웃 요리교실",
     "워크숍 조별 토론: 이웃과 함께 요리하고 나누는 모임을 열어 주세요.", ""),
    (Channel.WORKSHOP, "시흥3동", "문화", "박미사랑마을회관 오전 프로그램을 늘려 주세요",
     "워크숍 참여 주민들이 오전 프로그램이 부족하다고 했습니다.", ""),
    (Channel.WORKSHOP, None, "기타", "구민제안 발굴 워크숍을 저녁에도 열어 주세요",
     "직장인도 참여할 수 있게 평일 저녁이나 주말에 열었으면 합니다.", ""),
    (Channel.WORKSHOP, "독산4동", "복지", "독산4동 마을활력소에 공유 냉장고",
     "남는 음식을 나누는 공유 냉장고를 두자는 의견이 많았습니다.", ""),
    (Channel.WORKSHOP, None, "교통", "정책공론장 의견: 걷기 좋은 금천",
     "공론장 참가자들이 보행 환경 개선을 가장 많이 꼽았습니다.", ""),
    (Channel.PHONE, "시흥1동", "교통", "금천구청역 엘리베이터가 자주 멈춰요",
     "전화 접수: 휠체어를 쓰는데 엘리베이터가 자주 멈춰 불편합니다.", ""),
    (Channel.PHONE, "독산1동", "안전", "안양천 운동기구가 흔들려요",
     "전화 접수: 철봉 옆 운동기구가 흔들립니다.", ""),
    (Channel.PHONE, "가산동", "환경", "밤늦게까지 공사 소음이 심해요",
     "전화 접수: 밤 10시가 넘어서도 공사를 합니다.", "가산동 주민"),
    (Channel.PHONE, "시흥5동", "복지", "노인 쉼터 점심 배식 시간을 당겨 주세요",
     "전화 접수: 12시 반은 어르신들께 늦다는 의견입니다.", ""),
    (Channel.VISIT, "시흥2동", "안전", "주민센터 계단에 미끄럼 방지 띠",
     "방문 접수: 계단 끝이 닳아 미끄럽습니다.", ""),
    (Channel.VISIT, "독산3동", "복지", "경로당 안마의자 수리",
     "방문 접수: 고장 난 지 두 달이 되었습니다.", "독산3동 어르신"),
]  # fmt: skip

# Proposals that staff hide, with the reason shown publicly.
HIDDEN = [
    ("경제", "가산동", "신축 오피스텔 분양 상담 안내",
     "분양 상담 받으실 분은 모델하우스로 오세요. 선착순 혜택이 있습니다.",
     "광고성 게시물이어서 숨겼습니다 (「금천1번가」 운영원칙: 상업 광고 금지)."),
    ("기타", "독산2동", "옆집 때문에 못 살겠습니다",
     "옆집 사람이 매일 시끄럽게 하는데 그 사람을 동네에서 내보내 주세요.",
     "특정 개인을 비난하는 내용이 있어 숨겼습니다. 층간소음 상담은 주민센터로 문의해 주세요."),
    ("교통", "독산3동", "독산3동 공영주차장을 늘려 주세요 (다시 올립니다)",
     "공영주차장을 늘려 주세요. 공영주차장을 늘려 주세요.",
     "같은 내용이 이미 올라와 있어 숨겼습니다. 기존 제안에 공감해 주세요."),
]  # fmt: skip

DUPLICATE = ("환경", "가산동", "안양천 가산 구간 산책로에 그늘을 만들어 주세요",
             "여름에 안양천을 걸으면 그늘이 하나도 없어요. 그늘막을 설치해 주세요.")  # fmt: skip
DRAFT = ("환경", "시흥4동", "시흥4동 공동 텃밭을 만들면 어떨까요",
         "아직 정리 중입니다. 빈 땅을 찾아보고 있어요.")  # fmt: skip

CLOSINGS = [
    "비슷한 불편을 겪는 이웃이 많습니다. 공감 부탁드립니다.",
    "주민센터에 말씀드렸더니 「금천1번가」에 올려 보라고 하셔서 제안합니다.",
    "작은 변화지만 매일 지나다니는 주민에게는 큰 차이가 될 것입니다.",
    "관련 부서에서 현장을 한번 살펴봐 주시면 감사하겠습니다.",
    "동 주민자치회 분과 회의에서도 여러 번 나온 이야기입니다.",
    "",
    "",
]

COMMENTS = [
    "저도 매일 지나다니는 길이라 정말 공감합니다.",
    "좋은 제안이에요. 꼭 반영되면 좋겠습니다.",
    "예산이 얼마나 드는지도 함께 알려 주시면 좋겠어요.",
    "우리 동네도 같은 문제가 있습니다. 다른 동도 함께 살펴봐 주세요.",
    "아이 키우는 입장에서 꼭 필요한 일입니다.",
    "주민자치회에서도 이 이야기를 해 보면 어떨까요?",
    "작년에도 비슷한 이야기가 있었는데 아직 그대로네요.",
    "저는 조금 생각이 다릅니다. 다른 방법도 함께 검토해 보면 좋겠어요.",
    "어르신들이 특히 불편해하십니다.",
    "주말에 현장을 가 보니 말씀하신 그대로였습니다.",
    "동에 번쩍 행사 때도 같은 의견이 많았어요.",
    "관리만 잘 되면 정말 좋을 것 같아요.",
    "공감 눌렀습니다! 이웃들에게도 알릴게요.",
    "비용이 부담되면 시범 운영부터 해 보면 어떨까요?",
]
REPLIES = [
    "맞아요, 저도 같은 생각입니다.",
    "좋은 의견 감사합니다.",
    "시범 운영 좋네요. 한 구간부터 해 보면 좋겠어요.",
    "저도 다녀왔는데 정말 그렇더라고요.",
    "주민센터에 문의했더니 검토 중이라고 하셨어요.",
]
HEATED = "이런 제안은 쓸데없어요. 올린 사람이 뭘 모르는 거예요."
REPORT_REASONS = ["제안자를 비하하는 표현입니다.", "토론과 관계없는 비난입니다."]

ANSWERS = {
    Decision.ACCEPTED: "제안해 주셔서 감사합니다. {dept}에서 현장을 확인한 결과 필요성이 높아 "
    "내년 상반기 안에 추진하겠습니다. 진행 상황은 이 페이지에서 계속 알려 드리겠습니다.",
    Decision.PARTLY_ACCEPTED: "소중한 제안 감사합니다. {dept}에서 검토한 결과 일부 구간부터 "
    "시범적으로 추진하고, 효과를 본 뒤 확대 여부를 정하겠습니다.",
    Decision.REJECTED: "제안해 주셔서 감사합니다. {dept}에서 검토하였으나 관련 법령과 부지 "
    "여건상 지금은 추진하기 어렵습니다. 대신 비슷한 효과를 낼 수 있는 방법을 찾아 "
    "주민자치회와 함께 의논하겠습니다.",
    Decision.LONG_TERM: "좋은 제안 감사합니다. 예산과 관계 기관 협의가 필요한 사항이어서 "
    "{dept}에서 중장기 과제로 검토하겠습니다. 검토 결과가 나오면 다시 알려 드리겠습니다.",
}
DECISION_CYCLE = [
    Decision.ACCEPTED,
    Decision.PARTLY_ACCEPTED,
    Decision.REJECTED,
    Decision.LONG_TERM,
]


def _nicknames(count: int, rng: random.Random) -> list[str]:
    combos = [f"{p} {s}" for p in PREFIXES for s in SUFFIXES]
    rng.shuffle(combos)
    names = combos[:count]
    for extra in range(len(names), count):  # more residents than combinations
        names.append(f"{combos[extra % len(combos)]} {extra // len(combos) + 1}")
    return names


@contextmanager
def demo_mail_muted() -> Iterator[None]:
    """Keep site notifications for demo accounts but queue no e-mail to their made-up inboxes.

    Wrap the whole transaction that loads the demo, since e-mails are queued on commit.
    """
    from maeul.core import notifications

    class _Muted:
        @staticmethod
        def enqueue(**kwargs: Any) -> None:
            return None

    real = notifications.__dict__["send_notification_email"]
    setattr(notifications, "send_notification_email", _Muted())  # noqa: B010
    try:
        yield
    finally:
        setattr(notifications, "send_notification_email", real)  # noqa: B010


def _setup(district: District) -> tuple[dict[str, Category], dict[str, Department], int]:
    created = load_departments(district)
    departments = {d.name: d for d in Department.objects.filter(district=district)}
    _policy, made = ProposalPolicy.objects.get_or_create(
        district=district,
        defaults={
            "support_days": 30,
            "review_threshold": 50,
            "head_answer_threshold": 500,
            "answer_days": 30,
            "default_department": departments["마을자치과"],
        },
    )
    created += made
    categories = {}
    for order, (name, department) in enumerate(CATEGORIES):
        category, made = Category.objects.get_or_create(
            district=district,
            name=name,
            defaults={"order": order, "department": departments[department]},
        )
        categories[name] = category
        created += made
    # The demo district staff works in 교통행정과, so the demo can answer traffic proposals.
    created += RoleAssignment.objects.filter(
        user__email=DISTRICT_STAFF_EMAIL,
        role=Role.DISTRICT_STAFF,
        district=district,
        department__isnull=True,
    ).update(department=departments["교통행정과"])
    return categories, departments, created


def _department_staff(district: District, departments: dict[str, Department]) -> dict[int, User]:
    """One staff account per department (with no password: the demo signs in as district@)."""
    staff: dict[int, User] = {}
    for index, name in enumerate(sorted(departments), start=1):
        department = departments[name]
        if name == "교통행정과" and User.objects.filter(email=DISTRICT_STAFF_EMAIL).exists():
            staff[department.pk] = User.objects.get(email=DISTRICT_STAFF_EMAIL)
            continue
        user, made = User.objects.get_or_create(
            email=DEPARTMENT_STAFF_EMAIL.format(index),
            defaults={
                "display_name": f"금천구 {name}",
                "password": make_password(None),
                "date_joined": TIMELINE_START - timedelta(days=30),
            },
        )
        if made:
            RoleAssignment.objects.create(
                user=user, role=Role.DISTRICT_STAFF, district=district, department=department
            )
        staff[department.pk] = user
    return staff


# Fictional names on the demo residents' identity cards (kept only as person_hmac).
CARD_SURNAMES = "김이박최정강조윤장임한오서신권황안송류전"
CARD_GIVEN_NAMES = ["민준", "서연", "도윤", "하은", "지호", "수아", "현우", "지유", "준서", "채원",
                    "영수", "순자", "정희", "상철", "미경", "동현"]  # fmt: skip


def _card_identity(index: int, birth_year: int) -> str:
    """A fictional name and birth date for demo resident `index` (no draw from the rng)."""
    name = (
        CARD_SURNAMES[index % len(CARD_SURNAMES)]
        + CARD_GIVEN_NAMES[(index * 7) % len(CARD_GIVEN_NAMES)]
    )
    return person_hash(name, date(birth_year, 1 + index % 12, 1 + (index * 3) % 28))


def _residents(district: District, count: int, rng: random.Random) -> list[User]:
    """Verified residents, each living in one dong since they joined; every third of them
    had the tie confirmed at the dong office."""
    emails = [RESIDENT_EMAIL.format(n) for n in range(1, count + 1)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    names = _nicknames(count, rng)
    dongs = list(Dong.objects.filter(district=district).order_by("code"))
    confirmer = User.objects.filter(email="district@demo.maeul.kr").first()
    new_users, ties = [], []
    for index, email in enumerate(emails):
        joined = datetime(2025, 10, 1, 10, tzinfo=SEOUL) + timedelta(hours=rng.randrange(24 * 90))
        birth = rng.randrange(1942, 2007)
        dong = dongs[rng.randrange(len(dongs))]
        if email in existing:
            continue
        user = User(
            email=email,
            display_name=names[index],
            birth_year=birth,
            password=make_password(None),
            date_joined=joined,
            verified_at=joined,
            verification_method=VerificationMethod.IN_PERSON,
            person_hmac=_card_identity(index, birth),
        )
        new_users.append(user)
        ties.append((user, dong, joined, joined + timedelta(days=3) if index % 3 == 0 else None))
    User.objects.bulk_create(new_users)
    DongTie.objects.bulk_create(
        [
            DongTie(
                user=user, dong=dong, kind=TieKind.LIVES, started_at=joined,
                confirmed_at=confirmed, confirmed_by=confirmer if confirmed else None,
            )
            for user, dong, joined, confirmed in ties
        ]
    )  # fmt: skip
    return list(User.objects.filter(email__in=emails).order_by("email"))


@dataclass
class Plan:
    """What happens to one proposal after it is received."""

    supports: int = 0
    answer: str = ""  # a Decision, or "" for none
    assign: bool = False  # staff assign it for review even below the threshold
    after: tuple[str, ...] = ()  # statuses after the answer: in_progress, done
    excellent: bool = False
    withdraw: bool = False
    comments: int = 0


def _timeline(count: int, rng: random.Random) -> list[datetime]:
    span = (TIMELINE_END - TIMELINE_START).total_seconds()
    moments = []
    for index in range(count):
        at = TIMELINE_START + timedelta(seconds=span * (index + rng.random() * 0.8) / count)
        # Office hours and evenings, the way people actually write.
        at = at.replace(
            hour=rng.choice([8, 9, 10, 12, 13, 15, 19, 21, 22]),
            minute=rng.randrange(60),
            second=rng.randrange(60),
            microsecond=0,
        )
        moments.append(at)
    return sorted(moments)


def _plans(published: list[datetime], kinds: list[str], rng: random.Random) -> list[Plan]:
    """Decide each proposal's fate; older proposals are the ones that can be answered."""
    plans = [
        Plan(supports=rng.choice([0, 1, 2, 3, 5, 8, 12, 17, 24, 31, 38, 44])) for _ in published
    ]
    cutoff = TIMELINE_END - timedelta(days=70)
    old = [i for i, at in enumerate(published) if at < cutoff and kinds[i] != "hidden"]
    rng.shuffle(old)
    online = [i for i in old if kinds[i] == "online"]
    big, review = online[:2], online[2:16]
    small = [i for i in old if i not in big and i not in review][:6]
    for n, i in enumerate(big):
        plans[i].supports = 520 + 90 * n
    for i in review:
        plans[i].supports = rng.randrange(50, 190)
    for i in small:
        plans[i].supports = rng.randrange(15, 45)
    answered = [big[0], *review[:9], *small]
    decisions = iter(DECISION_CYCLE * 6)
    for i in answered:
        plans[i].answer = next(decisions)
        plans[i].assign = plans[i].supports < 50
    done_ready = [
        i for i in answered if plans[i].answer in (Decision.ACCEPTED, Decision.PARTLY_ACCEPTED)
    ]
    for n, i in enumerate(done_ready):
        plans[i].after = ("in_progress", "done") if n % 2 == 0 else ("in_progress",)
    for i in done_ready[::2][:3]:
        plans[i].excellent = True
    recent = [i for i, at in enumerate(published) if at > TIMELINE_END - timedelta(days=28)]
    for i in recent:
        plans[i].supports = min(plans[i].supports, 30)
    quiet = [
        i for i in old if kinds[i] == "online" and not plans[i].answer and plans[i].supports < 50
    ]
    for i in sorted(quiet)[3:5]:
        plans[i].withdraw = True
    for plan in plans:
        plan.comments = rng.choice([0, 0, 1, 2, 3, 4]) + min(plan.supports // 40, 8)
    return plans


def _support_times(start: datetime, count: int, rng: random.Random) -> list[datetime]:
    end = min(start + timedelta(days=29, hours=20), TIMELINE_END)
    span = (end - start).total_seconds()
    # Most supports come in the first days after a proposal is shared.
    return sorted(
        start + timedelta(seconds=int(span * rng.random() ** 2) + 60) for _ in range(count)
    )


def _add_supports(
    proposal: Proposal, supporters: list[User], times: list[datetime], threshold_at: list[int]
) -> None:
    """Insert supports in bulk; the support that crosses each threshold goes through the service."""
    done = 0
    for index in [*threshold_at, len(supporters)]:
        Support.objects.bulk_create(
            [
                Support(proposal=proposal, user=user, created_at=at)
                for user, at in zip(supporters[done:index], times[done:index], strict=True)
            ]
        )
        Proposal.objects.filter(pk=proposal.pk).update(
            support_count=Support.objects.filter(proposal=proposal).count()
        )
        done = index
        if index < len(supporters):
            proposal.refresh_from_db()
            support_proposal(proposal=proposal, user=supporters[index], now=times[index])
            done = index + 1
    proposal.refresh_from_db()


def _add_comments(
    proposal: Proposal, count: int, residents: list[User], rng: random.Random
) -> list[Comment]:
    start = proposal.published_at or TIMELINE_START
    end = min(start + timedelta(days=45), TIMELINE_END)
    made: list[Comment] = []
    if count == 0:
        return made
    moments = sorted(
        start + timedelta(seconds=int((end - start).total_seconds() * rng.random()) + 120)
        for _ in range(count)
    )
    for at in moments:
        author = rng.choice(residents)
        parent = None
        if made and rng.random() < 0.35:
            tops = [c for c in made if c.parent_id is None]
            parent = rng.choice(tops)
        body = rng.choice(REPLIES if parent else COMMENTS)
        made.append(add_comment(author=author, proposal=proposal, body=body, parent=parent, now=at))
    return made


def _staff_work(
    proposal: Proposal,
    plan: Plan,
    topic_department: Department | None,
    staff: User,
    answerers: dict[int, User],
    rng: random.Random,
) -> None:
    later = (proposal.published_at or TIMELINE_START) + timedelta(
        days=31, hours=rng.randrange(0, 72)
    )
    if topic_department is not None or plan.assign:
        department = topic_department or proposal.department or proposal.category.department
        if (
            department is not None
            and proposal.status in (Status.PUBLISHED, Status.REVIEWING)
            and (plan.assign or proposal.department_id is not None)
        ):
            proposal = assign_department(
                staff=staff, proposal=proposal, department=department, ip=None, now=later
            )
    if not plan.answer:
        return
    if proposal.department_id is None:
        return
    answered_at = later + timedelta(days=rng.randrange(5, 25), hours=rng.randrange(8))
    answerer = answerers[proposal.department_id]
    answer_proposal(
        staff=answerer,
        proposal=proposal,
        decision=plan.answer,
        body=ANSWERS[Decision(plan.answer)].format(dept=getattr(proposal.department, "name", "")),
        ip=None,
        now=answered_at,
    )
    at = answered_at
    for status in plan.after:
        at += timedelta(days=rng.randrange(10, 30))
        proposal = change_status(staff=staff, proposal=proposal, status=status, ip=None, now=at)
    if plan.excellent:
        mark_excellent(staff=staff, proposal=proposal, ip=None, now=at + timedelta(days=3))


# A drawn picture for about half the proposals of these categories (first dong only).
SCENE_OF_CATEGORY = {
    "환경": "park",
    "교통": "street",
    "안전": "playground",
    "교육": "library",
    "문화": "library",
    "경제": "market",
    "청년": "market",
}


def _photos(topic: Topic, dong_name: str | None, title: str) -> list[CheckedFile]:
    scene = SCENE_OF_CATEGORY.get(topic.category)
    if scene is None or dong_name != topic.dongs[0] or not has_demo_photo(title, one_in=2):
        return []
    upload, _alt = demo_upload(title, scene=scene)
    return [check_upload(upload)]


def load_proposals(*, residents: int = DEFAULT_RESIDENTS) -> int:
    """Load the demo proposals of 금천구; returns how many rows of note were created.

    Needs the demo places and accounts (load_places, load_accounts) first. `residents` is
    the number of demo resident accounts; it must exceed the largest planned support count
    (610), so the default (640) is the smallest size that keeps every status represented.
    """
    rng = random.Random(SEED)  # noqa: S311 -- reproducible demo data, not security
    district = District.objects.get(code=DEMO_DISTRICT_CODE)
    categories, departments, created = _setup(district)
    answerers = _department_staff(district, departments)
    people = _residents(district, residents, rng)
    titles = {t.title.format(dong=d) for t in TOPICS for d in t.dongs}
    if Proposal.objects.filter(district=district, title__in=titles).exists():
        return created
    dongs = {d.name: d for d in Dong.objects.filter(district=district)}
    staff = User.objects.get(email=DISTRICT_STAFF_EMAIL)
    dong_staff = User.objects.filter(email=DONG_STAFF_EMAIL).first()
    demo_resident = User.objects.filter(email=DEMO_RESIDENT_EMAIL).first()

    # Everything that is received, in one list, then spread over the year.
    items: list[tuple[str, Any]] = [
        ("online", (topic, dong)) for topic in TOPICS for dong in topic.dongs
    ]
    items += [("offline", entry) for entry in OFFLINE]
    items += [("hidden", entry) for entry in HIDDEN]
    rng.shuffle(items)
    published = _timeline(len(items), rng)
    plans = _plans(published, [kind for kind, _entry in items], rng)
    authors = itertools.cycle(rng.sample(people, len(people)))
    by_title: dict[str, Proposal] = {}
    all_comments: list[Comment] = []

    for (kind, entry), at, plan in zip(items, published, plans, strict=True):
        topic_department = None
        if kind == "online":
            topic, dong_name = entry
            dong = dongs[dong_name] if dong_name else None
            body = topic.body.format(dong=dong_name or "금천구")
            closing = rng.choice(CLOSINGS)
            if closing:
                body = f"{body}\n\n{closing}"
            author = next(authors)
            if demo_resident is not None and dong_name == "독산1동" and topic.category == "문화":
                author = demo_resident  # the demo resident sees an answer to their proposal
                if at < TIMELINE_END - timedelta(days=70):
                    plan = Plan(
                        supports=max(plan.supports, 64),
                        answer=Decision.PARTLY_ACCEPTED,
                        comments=plan.comments + 2,
                    )
            title = topic.title.format(dong=dong_name)
            proposal = submit_proposal(
                author=author,
                district=district,
                dong=dong,
                category=categories[topic.category],
                title=title,
                body=body,
                place=topic.place.format(dong=dong_name),
                files=_photos(topic, dong_name, title),
                now=at,
            )
            if topic.department:
                topic_department = departments[topic.department]
        elif kind == "offline":
            channel, dong_name, category, title, body, described = entry
            dong = dongs[dong_name] if dong_name else None
            enterer = dong_staff if dong_staff is not None and dong_name == "독산1동" else staff
            proposal = enter_offline_proposal(
                staff=enterer,
                district=district,
                dong=dong,
                category=categories[category],
                title=title,
                body=body,
                channel=channel,
                author_name=described,
                ip=None,
                now=at,
            )
        else:
            category, dong_name, title, body, reason = entry
            proposal = submit_proposal(
                author=next(authors),
                district=district,
                dong=dongs[dong_name],
                category=categories[category],
                title=title,
                body=body,
                now=at,
            )
            plan = Plan(comments=0)
            change_status(
                staff=staff,
                proposal=proposal,
                status=Status.HIDDEN,
                reason=reason,
                ip=None,
                now=at + timedelta(hours=rng.randrange(2, 30)),
            )
            by_title[proposal.title] = proposal
            continue

        pool = [p for p in people if p.pk != proposal.author_id]
        supporters = rng.sample(pool, min(plan.supports, len(pool)))
        times = _support_times(at, len(supporters), rng)
        thresholds = [n - 1 for n in (50, 500) if len(supporters) >= n]
        _add_supports(proposal, supporters, times, thresholds)
        all_comments += _add_comments(proposal, plan.comments, people, rng)
        if plan.withdraw and proposal.author is not None:
            withdraw_proposal(author=proposal.author, proposal=proposal, now=at + timedelta(days=3))
        else:
            _staff_work(proposal, plan, topic_department, staff, answerers, rng)
        by_title[proposal.title] = proposal

    _finish(district, categories, dongs, staff, people, by_title, all_comments, rng)
    # Leave no rate-limit state behind for the demo accounts (their "hour" was the year 2026).
    writers = [*people, *([demo_resident] if demo_resident else [])]
    cache.delete_many(
        [f"rl:{kind}:{user.pk}:3600" for user in writers for kind in ("proposal", "comment")]
    )
    return created + Proposal.objects.filter(district=district).count()


def _finish(
    district: District,
    categories: dict[str, Category],
    dongs: dict[str, Dong],
    staff: User,
    people: list[User],
    by_title: dict[str, Proposal],
    comments: list[Comment],
    rng: random.Random,
) -> None:
    """A merged duplicate, a draft, and a few reported (one hidden) comments."""
    target = by_title["가산동 안양천 산책로에 그늘막과 쉼터를 늘려 주세요"]
    target.refresh_from_db()
    if target.status not in (Status.PUBLISHED, Status.REVIEWING, Status.ANSWERED):
        target = Proposal.objects.filter(
            district=district, status=Status.PUBLISHED, dong=dongs["가산동"]
        ).earliest("published_at")
    category, dong_name, title, body = DUPLICATE
    at = (target.published_at or TIMELINE_START) + timedelta(days=4)
    duplicate = submit_proposal(
        author=people[-1], district=district, dong=dongs[dong_name],
        category=categories[category], title=title, body=body, now=at,
    )  # fmt: skip
    overlap = list(Support.objects.filter(proposal=target).values_list("user_id", flat=True)[:5])
    fresh = [p for p in people[-40:-1] if p.pk not in overlap][:12]
    chosen = [p for p in people if p.pk in overlap] + fresh
    _add_supports(duplicate, chosen, _support_times(at, len(chosen), rng), [])
    merge_proposals(
        staff=staff, duplicate=duplicate, target=target, ip=None, now=at + timedelta(days=2)
    )
    category, dong_name, title, body = DRAFT
    submit_proposal(
        author=people[-2], district=district, dong=dongs[dong_name],
        category=categories[category], title=title, body=body, publish=False,
        now=TIMELINE_END - timedelta(days=2),
    )  # fmt: skip

    # Two heated comments get reported; staff hide one and leave the other in the queue.
    open_ = [c for c in comments if c.parent_id is None and c.proposal.is_public][::17][:2]
    for n, comment in enumerate(open_):
        proposal = comment.proposal
        heated = add_comment(
            author=people[(n * 37 + 11) % len(people)],
            proposal=proposal,
            body=HEATED,
            parent=comment,
            now=comment.created_at + timedelta(hours=5),
        )
        reporters = [p for p in people[n * 3 : n * 3 + 3] if p.pk != heated.author_id]
        for m, reporter in enumerate(reporters):
            report_comment(
                reporter=reporter,
                comment=heated,
                reason=REPORT_REASONS[m % len(REPORT_REASONS)],
                now=heated.created_at + timedelta(hours=1 + m),
            )
        if n == 0:
            hide_comment(
                staff=staff,
                comment=heated,
                reason="다른 주민을 비하하는 표현이 있어 숨겼습니다.",
                ip=None,
                now=heated.created_at + timedelta(hours=6),
            )


def demo_dates() -> tuple[date, date]:
    """The first and last day of the demo's timeline (for tests and documentation)."""
    return TIMELINE_START.date(), TIMELINE_END.date()
