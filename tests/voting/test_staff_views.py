"""Staff pages of votes: settings, the desk, uploads, paper-ballot entry, confirmation, count.

New page strings are not in locale/ko yet, so these tests check status codes, the database
and the services' Korean messages that the catalogue already holds.
"""

import io
from datetime import UTC, datetime, timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from maeul.accounts import phone as phones
from maeul.core.dates import local_date
from maeul.places.models import Dong
from maeul.voting.ballots import Choices
from maeul.voting.identity import PaperVoter
from maeul.voting.models import (
    Ballot,
    BallotType,
    Channel,
    Option,
    PaperBatch,
    Participation,
    Vote,
    VoteResult,
    VoteStatus,
)
from maeul.voting.services.casting import cast_ballot
from maeul.voting.services.paper import enter_paper_ballot
from maeul.voting.tabular import OPTION_COLUMNS, POSTAL_COLUMNS
from tests.korean import korean
from tests.proposals.factories import ProposalFactory
from tests.voting.conftest import PB_OPTIONS, add_options, make_vote, option_ids

pytestmark = pytest.mark.django_db

IP = "203.0.113.7"
RRN = "900101-1234567"
NO_RRN = "Please remove the resident registration number. Maeul must not store it."


# --- helpers ----------------------------------------------------------------------------
def login(client, user):
    client.force_login(user)
    return client


def xlsx(rows: list[list[object]], name: str = "upload.xlsx") -> io.BytesIO:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    out.name = name
    return out


def header_of(response) -> list[str]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [cell.value for cell in sheet[1]]


def error_messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"] if m.level_tag == "error"]


@pytest.fixture
def draft_vote(geumcheon, now):
    return make_vote(
        geumcheon,
        now,
        title="2027 금천구 주민참여예산",
        status=VoteStatus.DRAFT,
        opens_at=now + timedelta(days=10),
        closes_at=now + timedelta(days=20),
    )


@pytest.fixture
def closed_vote(pb_vote, now):
    """`pb_vote`, closed a minute ago (the views read the real clock)."""
    Vote.objects.filter(pk=pb_vote.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    pb_vote.refresh_from_db()
    return pb_vote


def vote_form_data(**changes) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "2027 금천구 주민참여예산 주민투표",
        "description": "우리 동네 사업을 골라 주세요.",
        "dong": "",
        "ballot_type": BallotType.APPROVAL,
        "max_choices": "3",
        "min_choices": "0",
        "budget": "100000000",
        "rule": "greedy",
        "quorum": "0",
        "opens_at": "2030-05-01T09:00",
        "closes_at": "2030-05-14T18:00",
        "online": "on",
        "on_site": "on",
        "allow_lives": "on",
        "allow_works": "on",
        "min_age": "14",
        "require_verified": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def voter_data(vote: Vote, dong: Dong, **changes) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "홍길동",
        "birth_date": "1960-03-15",
        "dong": dong.pk,
        "phone": "",
        "tie": "lives",
        "option": list(option_ids(vote, 1, 3)),
    }
    data.update(changes)
    return data


# --- permissions ------------------------------------------------------------------------
def staff_urls(vote: Vote, batch: PaperBatch) -> list[str]:
    return [
        reverse("voting:staff_list"),
        reverse("voting:staff_create"),
        reverse("voting:staff_desk", args=[vote.pk]),
        reverse("voting:staff_edit", args=[vote.pk]),
        reverse("voting:staff_batch", args=[batch.pk]),
        reverse("voting:staff_options_template", args=[vote.pk]),
    ]


def test_a_resident_gets_403_on_every_staff_page(client, resident, pb_vote, batch):
    login(client, resident)
    for url in staff_urls(pb_vote, batch):
        assert client.get(url).status_code == 403, url


def test_post_only_urls_refuse_get(client, district_staff, pb_vote, batch):
    login(client, district_staff)
    for name, arg in [
        ("voting:staff_add_option", pb_vote.pk),
        ("voting:staff_import_options", pb_vote.pk),
        ("voting:staff_publish", pb_vote.pk),
        ("voting:staff_open_batch", pb_vote.pk),
        ("voting:staff_import_postal", pb_vote.pk),
    ]:
        assert client.get(reverse(name, args=[arg])).status_code == 405, name


def test_other_district_staff_cannot_open_the_desk(client, other_district_staff, pb_vote):
    login(client, other_district_staff)

    assert client.get(reverse("voting:staff_desk", args=[pb_vote.pk])).status_code == 404
    response = client.post(reverse("voting:staff_publish", args=[pb_vote.pk]))
    assert response.status_code == 404


def test_dong_staff_may_not_change_a_district_vote(client, dong_staff, draft_vote):
    login(client, dong_staff)

    assert client.get(reverse("voting:staff_edit", args=[draft_vote.pk])).status_code == 403
    response = client.post(
        reverse("voting:staff_edit", args=[draft_vote.pk]), vote_form_data(title="바뀐 제목")
    )

    assert response.status_code == 403
    draft_vote.refresh_from_db()
    assert draft_vote.title == "2027 금천구 주민참여예산"


def test_other_dong_staff_cannot_touch_a_batch_of_doksan1(
    client, other_dong_staff, pb_vote, batch, doksan1
):
    login(client, other_dong_staff)
    url = reverse("voting:staff_batch", args=[batch.pk])

    assert client.get(url).status_code == 404
    assert client.post(url, voter_data(pb_vote, doksan1)).status_code == 404
    confirm = client.post(reverse("voting:staff_confirm_batch", args=[batch.pk]))

    assert confirm.status_code == 404
    batch.refresh_from_db()
    assert batch.confirmed_at is None
    assert batch.ballots.count() == 0


# --- list -------------------------------------------------------------------------------
def test_staff_list_shows_the_votes_of_the_district(
    client, district_staff, pb_vote, assembly_vote, yeongdeungpo, now
):
    elsewhere = make_vote(yeongdeungpo, now, title="영등포구 주민투표")
    login(client, district_staff)

    response = client.get(reverse("voting:staff_list"))

    assert response.status_code == 200
    shown = {row["vote"] for row in response.context["rows"]}
    assert shown == {pb_vote, assembly_vote}
    assert elsewhere not in shown


def test_dong_staff_list_has_their_dong_and_the_district_votes(
    client, dong_staff, other_dong_staff, pb_vote, assembly_vote
):
    login(client, dong_staff)
    mine = {row["vote"] for row in client.get(reverse("voting:staff_list")).context["rows"]}
    login(client, other_dong_staff)
    theirs = {row["vote"] for row in client.get(reverse("voting:staff_list")).context["rows"]}

    assert mine == {pb_vote, assembly_vote}
    assert theirs == {pb_vote}


def test_staff_list_counts_turnout_in_bounded_queries(
    client, district_staff, resident, geumcheon, now, django_assert_max_num_queries
):
    for number in range(12):
        vote = make_vote(geumcheon, now, title=f"투표 {number}")
        add_options(vote, PB_OPTIONS)
    cast_ballot(vote=vote, user=resident, choices=Choices(option_ids(vote, 1)), now=now)
    login(client, district_staff)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("voting:staff_list"))

    row = next(row for row in response.context["rows"] if row["vote"] == vote)
    assert (row["vote"].participation_count, row["vote"].ballot_count) == (1, 1)


# --- settings ---------------------------------------------------------------------------
def test_district_staff_create_a_draft_vote_in_korean_time(client, district_staff, geumcheon):
    login(client, district_staff)
    assert client.get(reverse("voting:staff_create")).status_code == 200

    response = client.post(reverse("voting:staff_create"), vote_form_data())

    vote = Vote.objects.get(title="2027 금천구 주민참여예산 주민투표")
    assert response.status_code == 302
    assert response["Location"] == reverse("voting:staff_desk", args=[vote.pk])
    assert (vote.district, vote.dong, vote.status) == (geumcheon, None, VoteStatus.DRAFT)
    assert vote.opens_at == datetime(2030, 5, 1, 0, 0, tzinfo=UTC)  # 09:00 in Seoul
    assert (vote.online, vote.on_site, vote.postal) == (True, True, False)
    assert vote.created_by == district_staff


def test_invalid_vote_settings_change_nothing(client, district_staff):
    login(client, district_staff)

    response = client.post(
        reverse("voting:staff_create"), vote_form_data(closes_at="2030-04-01T09:00")
    )

    assert response.status_code == 400
    assert "투표 마감은 시작보다 늦어야 합니다." in response.content.decode()
    assert not Vote.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"closes_at": "2030-04-01T09:00"}, "closes_at", "The vote must close after it opens."),
        ({"online": None, "on_site": None}, "online", "Allow at least one way of voting."),
        (
            {"allow_lives": None, "allow_works": None},
            "allow_lives",
            "Allow at least one kind of tie to the area.",
        ),
        (
            {"min_choices": "4"},
            "min_choices",
            "The fewest choices cannot exceed the most choices.",
        ),
        (
            {"ballot_type": BallotType.BUDGET, "budget": ""},
            "budget",
            "A budget vote needs a budget.",
        ),
        ({"title": f"주민투표 {RRN}"}, "title", NO_RRN),
    ],
)
def test_a_setting_the_service_refuses_is_shown_at_its_field(
    client, district_staff, changes, field, message
):
    login(client, district_staff)

    response = client.post(reverse("voting:staff_create"), vote_form_data(**changes))

    assert response.status_code == 400
    assert response.context["form"].errors == {field: [korean(message)]}
    assert not Vote.objects.exists()


def test_dong_staff_create_votes_of_their_dong_only(client, dong_staff, doksan1, gasan):
    login(client, dong_staff)

    whole = client.post(reverse("voting:staff_create"), vote_form_data(dong=""))
    other = client.post(reverse("voting:staff_create"), vote_form_data(dong=gasan.pk))
    own = client.post(reverse("voting:staff_create"), vote_form_data(dong=doksan1.pk))

    assert (whole.status_code, other.status_code, own.status_code) == (400, 400, 302)
    vote = Vote.objects.get()
    assert (vote.district, vote.dong) == (doksan1.district, doksan1)


def test_site_admin_picks_the_district(client, site_admin, yeongdeungpo):
    login(client, site_admin)

    response = client.post(reverse("voting:staff_create"), vote_form_data(district=yeongdeungpo.pk))

    assert response.status_code == 302
    assert Vote.objects.get().district == yeongdeungpo


def test_staff_change_a_draft_vote(client, district_staff, draft_vote):
    login(client, district_staff)
    url = reverse("voting:staff_edit", args=[draft_vote.pk])
    assert client.get(url).status_code == 200

    response = client.post(url, vote_form_data(title="고친 제목"))

    assert response.status_code == 302
    draft_vote.refresh_from_db()
    assert draft_vote.title == "고친 제목"


def test_settings_of_an_open_vote_are_read_only(client, district_staff, pb_vote):
    login(client, district_staff)
    url = reverse("voting:staff_edit", args=[pb_vote.pk])

    page = client.get(url)
    response = client.post(url, vote_form_data(title="고친 제목", max_choices="5"))

    assert page.status_code == 200
    assert all(field.disabled for field in page.context["form"].fields.values())
    assert response.status_code == 400
    assert (
        "투표가 시작되어 설정, 투표 자격, 항목을 더 바꿀 수 없습니다." in response.content.decode()
    )
    pb_vote.refresh_from_db()
    assert (pb_vote.title, pb_vote.max_choices) == ("2026 나풀나풀 온라인 주민투표", 3)


# --- desk: options and publishing -------------------------------------------------------
def test_desk_renders_for_district_and_dong_staff(client, district_staff, dong_staff, pb_vote):
    for user in (district_staff, dong_staff):
        login(client, user)
        response = client.get(reverse("voting:staff_desk", args=[pb_vote.pk]))
        assert response.status_code == 200
        assert response.context["reconciliation"]["balanced"]
    # Dong staff enter paper ballots, nothing more: no settings, no publishing.
    assert reverse("voting:staff_edit", args=[pb_vote.pk]) not in response.content.decode()


def test_staff_add_an_option_from_a_proposal(client, district_staff, draft_vote, doksan1):
    proposal = ProposalFactory.create(dong=doksan1, title="독산1동 골목 가로등")
    login(client, district_staff)
    url = reverse("voting:staff_add_option", args=[draft_vote.pk])

    response = client.post(url, {"proposal": proposal.pk, "cost": "15000000"})

    assert response.status_code == 302
    option = draft_vote.options.get()
    assert (option.number, option.title, option.cost) == (1, "독산1동 골목 가로등", 15_000_000)
    assert (option.proposal, option.dong) == (proposal, doksan1)


def test_an_invalid_option_is_not_added(client, district_staff, draft_vote, dangsan1):
    elsewhere = ProposalFactory.create(dong=dangsan1)
    login(client, district_staff)
    url = reverse("voting:staff_add_option", args=[draft_vote.pk])

    untitled = client.post(url, {"cost": "1000"})
    foreign = client.post(url, {"proposal": elsewhere.pk})

    assert (untitled.status_code, foreign.status_code) == (400, 400)
    assert error_messages(untitled) and error_messages(foreign)
    assert not draft_vote.options.exists()


@pytest.mark.parametrize("field", ["title", "proposer", "category", "description"])
def test_an_option_with_a_resident_number_is_refused_at_its_field(
    client, district_staff, draft_vote, field
):
    login(client, district_staff)
    data = {"title": "골목 화단", "cost": "1000", field: f"홍길동 {RRN}"}

    response = client.post(reverse("voting:staff_add_option", args=[draft_vote.pk]), data)

    assert response.status_code == 400
    assert response.context["option_form"].errors == {field: [korean(NO_RRN)]}
    assert not draft_vote.options.exists()


def test_options_xlsx_import_replaces_the_options(client, district_staff, draft_vote):
    add_options(draft_vote, [("옛 사업", 1_000)])
    login(client, district_staff)
    upload = xlsx(
        [
            list(OPTION_COLUMNS),
            [1, "독산1동 어린이공원 그늘막", "", "30,000,000", "독산1동", "환경", "주민"],
            [2, "가산동 보행로 조명", "", "40000천원", "가산동", "안전", ""],
        ]
    )

    response = client.post(
        reverse("voting:staff_import_options", args=[draft_vote.pk]), {"file": upload}
    )

    assert response.status_code == 302
    assert list(draft_vote.options.values_list("title", "cost")) == [
        ("독산1동 어린이공원 그늘막", 30_000_000),
        ("가산동 보행로 조명", 40_000_000),
    ]


def test_options_import_with_a_bad_line_imports_nothing(client, district_staff, draft_vote):
    add_options(draft_vote, [("옛 사업", 1_000)])
    login(client, district_staff)
    upload = xlsx(
        [
            list(OPTION_COLUMNS),
            [1, "독산1동 어린이공원 그늘막", "", 30_000_000, "독산1동", "", ""],
            [2, "가산동 보행로 조명", "", "비쌈", "가산동", "", ""],
        ]
    )

    response = client.post(
        reverse("voting:staff_import_options", args=[draft_vote.pk]), {"file": upload}
    )

    assert response.status_code == 400
    errors = response.context["report"]["errors"]
    assert [(error.line, error.column) for error in errors] == [(3, "비용")]
    assert str(errors[0]) in response.content.decode()
    assert list(draft_vote.options.values_list("title", flat=True)) == ["옛 사업"]


def test_options_template_round_trips(client, district_staff, pb_vote, draft_vote):
    login(client, district_staff)

    template = client.get(reverse("voting:staff_options_template", args=[pb_vote.pk]))
    template_file = io.BytesIO(template.content)
    template_file.name = "options.xlsx"
    client.post(
        reverse("voting:staff_import_options", args=[draft_vote.pk]), {"file": template_file}
    )

    assert template["Content-Type"].startswith("application/vnd.openxmlformats")
    assert header_of(template) == list(OPTION_COLUMNS)
    assert list(draft_vote.options.values_list("title", "cost")) == PB_OPTIONS


def test_staff_publish_a_draft_with_options(client, district_staff, draft_vote):
    login(client, district_staff)
    url = reverse("voting:staff_publish", args=[draft_vote.pk])

    refused = client.post(url)
    add_options(draft_vote, PB_OPTIONS[:2])
    published = client.post(url)

    assert refused.status_code == 400
    assert "투표를 공개하기 전에 항목을 추가하세요." in error_messages(refused)
    assert published.status_code == 302
    draft_vote.refresh_from_db()
    assert draft_vote.status == VoteStatus.PUBLISHED


# --- desk: paper batches ----------------------------------------------------------------
def test_dong_staff_open_a_batch_of_their_dong(client, dong_staff, pb_vote, doksan1, gasan):
    login(client, dong_staff)
    url = reverse("voting:staff_open_batch", args=[pb_vote.pk])

    other = client.post(url, {"dong": gasan.pk, "channel": Channel.ON_SITE, "label": "가산동"})
    own = client.post(url, {"dong": doksan1.pk, "channel": Channel.ON_SITE, "label": "투표함 2"})

    assert other.status_code == 400
    batch = PaperBatch.objects.get()
    assert (batch.dong, batch.label, batch.created_by) == (doksan1, "투표함 2", dong_staff)
    assert own["Location"] == reverse("voting:staff_batch", args=[batch.pk])


def test_a_batch_label_with_a_resident_number_is_refused_at_its_field(
    client, dong_staff, pb_vote, doksan1
):
    login(client, dong_staff)
    data = {"dong": doksan1.pk, "channel": Channel.ON_SITE, "label": RRN}

    response = client.post(reverse("voting:staff_open_batch", args=[pb_vote.pk]), data)

    assert response.status_code == 400
    assert response.context["batch_form"].errors == {"label": [korean(NO_RRN)]}
    assert not PaperBatch.objects.exists()


def postal_file(vote: Vote, rows: list[list[object]]) -> io.BytesIO:
    return xlsx([[*POSTAL_COLUMNS, "선택"], *rows], name="postal.xlsx")


def test_postal_upload_enters_one_batch(client, dong_staff, pb_vote, doksan1):
    login(client, dong_staff)
    upload = postal_file(
        pb_vote,
        [
            ["김영희", "1971-04-02", "독산1동", "", "1, 3"],
            ["박철수", "19850911", "가산동", "", "2"],
        ],
    )

    response = client.post(
        reverse("voting:staff_import_postal", args=[pb_vote.pk]),
        {"dong": doksan1.pk, "file": upload},
    )

    assert response.status_code == 302
    batch = PaperBatch.objects.get()
    assert (batch.channel, batch.source_name, batch.ballots.count()) == (
        Channel.POSTAL,
        "postal.xlsx",
        2,
    )
    assert Participation.objects.filter(vote=pb_vote, batch=batch).count() == 2


def test_postal_upload_with_a_bad_line_enters_nothing(client, dong_staff, pb_vote, doksan1):
    login(client, dong_staff)
    upload = postal_file(
        pb_vote,
        [
            ["김영희", "1971-04-02", "독산1동", "", "1, 3"],
            ["박철수", "19850911", "가산동", "", "9"],
        ],
    )

    response = client.post(
        reverse("voting:staff_import_postal", args=[pb_vote.pk]),
        {"dong": doksan1.pk, "file": upload},
    )

    assert response.status_code == 400
    assert [error.line for error in response.context["report"]["errors"]] == [3]
    assert not PaperBatch.objects.exists()
    assert not Ballot.objects.exists()


def test_postal_template_has_the_columns_the_import_reads(client, dong_staff, pb_vote):
    login(client, dong_staff)
    response = client.get(reverse("voting:staff_postal_template", args=[pb_vote.pk]))
    assert header_of(response) == [*POSTAL_COLUMNS, "선택"]


# --- paper-ballot entry (현장투표) ---------------------------------------------------------
def test_dong_staff_enter_a_paper_ballot(client, dong_staff, pb_vote, batch, doksan1):
    login(client, dong_staff)
    url = reverse("voting:staff_batch", args=[batch.pk])
    assert client.get(url).status_code == 200

    response = client.post(url, voter_data(pb_vote, doksan1), follow=True)

    ballot = Ballot.objects.get(batch=batch)
    assert response.redirect_chain == [(url, 302)]
    assert ballot.receipt in response.content.decode()
    assert response.context["ballot_count"] == 1
    participation = Participation.objects.get(batch=batch)
    assert (participation.channel, participation.entered_by) == (Channel.ON_SITE, dong_staff)


def test_an_invalid_paper_entry_stores_nothing(client, dong_staff, pb_vote, batch, doksan1):
    login(client, dong_staff)
    url = reverse("voting:staff_batch", args=[batch.pk])

    no_name = client.post(url, voter_data(pb_vote, doksan1, name=""))
    bad_date = client.post(url, voter_data(pb_vote, doksan1, birth_date="3월 15일"))

    assert (no_name.status_code, bad_date.status_code) == (400, 400)
    assert korean("Enter the birth date as 1990-03-15.") in bad_date.content.decode()
    assert not Ballot.objects.exists()


def test_a_paper_birth_date_in_the_future_is_refused_as_on_sign_up(
    client, dong_staff, pb_vote, batch, doksan1
):
    login(client, dong_staff)
    url = reverse("voting:staff_batch", args=[batch.pk])
    tomorrow = local_date(timezone.now()) + timedelta(days=1)

    for birth_date in ("2099-01-01", f"{tomorrow:%Y%m%d}"):
        response = client.post(url, voter_data(pb_vote, doksan1, birth_date=birth_date))

        assert response.status_code == 400
        assert response.context["form"].errors == {
            "birth_date": [korean("A birth date cannot be in the future.")]
        }
    assert batch.participations.count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"phone": "02-123-4567"}, "phone", "Enter a mobile phone number such as 010-1234-5678."),
    ],
)
def test_a_paper_voter_the_service_refuses_is_shown_at_its_field(
    client, dong_staff, pb_vote, batch, doksan1, changes, field, message
):
    login(client, dong_staff)
    url = reverse("voting:staff_batch", args=[batch.pk])

    response = client.post(url, voter_data(pb_vote, doksan1, **changes))

    assert response.status_code == 400
    assert response.context["form"].errors == {field: [korean(message)]}
    assert batch.participations.count() == 0


def test_a_person_who_voted_online_is_refused_on_paper(
    client, dong_staff, resident, pb_vote, batch, doksan1, now
):
    resident.phone_hmac = phones.lookup_hash("01012345678")
    resident.save()
    cast_ballot(vote=pb_vote, user=resident, choices=Choices(option_ids(pb_vote, 2)), now=now)
    login(client, dong_staff)

    response = client.post(
        reverse("voting:staff_batch", args=[batch.pk]),
        voter_data(pb_vote, doksan1, name="독산 주민", phone="010-1234-5678"),
    )

    assert response.status_code == 400
    assert "이미 온라인으로 투표했습니다" in response.content.decode()
    assert Ballot.objects.filter(vote=pb_vote).count() == 1
    assert not batch.ballots.exists()


def test_the_same_paper_voter_cannot_vote_twice(client, dong_staff, pb_vote, batch, doksan1):
    login(client, dong_staff)
    url = reverse("voting:staff_batch", args=[batch.pk])

    first = client.post(url, voter_data(pb_vote, doksan1))
    second = client.post(url, voter_data(pb_vote, doksan1, name="홍 길동"))

    assert (first.status_code, second.status_code) == (302, 400)
    assert "이미 현장에서 투표했습니다" in second.content.decode()
    assert batch.ballots.count() == 1


def test_yes_no_paper_ballot_is_read_per_item(client, dong_staff, assembly_vote, doksan1, now):
    batch = PaperBatch.objects.create(
        vote=assembly_vote,
        dong=doksan1,
        channel=Channel.ON_SITE,
        label="주민총회 현장투표",
        created_by=dong_staff,
        created_at=now,
    )
    items = list(
        zip(assembly_vote.options.order_by("number"), ["yes", "no", "abstain"], strict=True)
    )
    answers = {f"answer_{item.pk}": answer for item, answer in items}
    login(client, dong_staff)

    response = client.post(
        reverse("voting:staff_batch", args=[batch.pk]),
        {**voter_data(assembly_vote, doksan1, option=[]), **answers},
    )

    assert response.status_code == 302
    ballot = batch.ballots.get()
    assert ballot.content == ",".join(f"{item.pk}:{answer}" for item, answer in items)


def test_a_confirmed_batch_takes_no_more_ballots(
    client, dong_staff, second_dong_staff, pb_vote, batch, doksan1
):
    PaperBatch.objects.filter(pk=batch.pk).update(
        confirmed_at=timezone.now(), confirmed_by=second_dong_staff
    )
    login(client, dong_staff)
    url = reverse("voting:staff_batch", args=[batch.pk])

    page = client.get(url)
    response = client.post(url, voter_data(pb_vote, doksan1))

    assert page.status_code == 200
    assert "확정된 묶음입니다." in page.content.decode()
    assert response.status_code == 403
    assert not batch.ballots.exists()


# --- confirmation and count -------------------------------------------------------------
def enter_one(batch: PaperBatch, staff, dong: Dong, now) -> None:
    enter_paper_ballot(
        batch=batch,
        voter=PaperVoter(
            name="김영희", birth_date=datetime(1971, 4, 2, tzinfo=UTC).date(), dong=dong
        ),
        choices=Choices(option_ids(batch.vote, 1)),
        staff=staff,
        now=now,
        ip=IP,
    )


def test_a_batch_is_confirmed_by_another_staff_member(
    client, dong_staff, second_dong_staff, batch, doksan1, now
):
    enter_one(batch, dong_staff, doksan1, now)
    url = reverse("voting:staff_confirm_batch", args=[batch.pk])

    by_creator = login(client, dong_staff).post(url)
    batch.refresh_from_db()
    assert by_creator.status_code == 403
    assert "직접 입력한 묶음은 다른 담당자가 확정해야 합니다." in error_messages(by_creator)
    assert batch.confirmed_at is None

    by_colleague = login(client, second_dong_staff).post(url)
    batch.refresh_from_db()
    assert by_colleague.status_code == 302
    assert batch.confirmed_by == second_dong_staff


def test_count_waits_for_every_batch(
    client, district_staff, dong_staff, second_dong_staff, batch, doksan1, now
):
    enter_one(batch, dong_staff, doksan1, now)
    vote = batch.vote
    Vote.objects.filter(pk=vote.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    login(client, district_staff)
    url = reverse("voting:staff_count", args=[vote.pk])

    refused = client.post(url, {"confirmed": "on"})
    assert refused.status_code == 400
    assert any(
        "개표하기 전에 종이 투표지 묶음을 모두 확정하세요" in m for m in error_messages(refused)
    )
    assert not VoteResult.objects.exists()

    login(client, second_dong_staff).post(reverse("voting:staff_confirm_batch", args=[batch.pk]))
    counted = login(client, district_staff).post(url, {"confirmed": "on"})

    assert counted.status_code == 302
    vote.refresh_from_db()
    assert vote.status == VoteStatus.COUNTED
    assert VoteResult.objects.get(vote=vote).ballot_count == 1


def test_dong_staff_cannot_count_a_district_vote(client, dong_staff, closed_vote):
    login(client, dong_staff)

    response = client.post(
        reverse("voting:staff_count", args=[closed_vote.pk]), {"confirmed": "on"}
    )

    assert response.status_code == 403
    closed_vote.refresh_from_db()
    assert closed_vote.status == VoteStatus.PUBLISHED


def test_the_desk_never_shows_a_result_before_the_count(client, district_staff, closed_vote):
    login(client, district_staff)
    response = client.get(reverse("voting:staff_desk", args=[closed_vote.pk]))
    assert response.status_code == 200
    assert reverse("voting:result", args=[closed_vote.pk]) not in response.content.decode()
    assert Option.objects.filter(vote=closed_vote).count() == 5
