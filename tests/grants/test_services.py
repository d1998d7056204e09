"""Grant services: calls, groups, drafts, submission and withdrawal, and their refusals."""

from datetime import timedelta

import pytest
from django.utils import translation

from maeul.core.errors import RuleViolation
from maeul.core.models import AuditEntry
from maeul.grants.models import (
    Application,
    ApplicationStatus,
    AttachmentKind,
    BudgetLine,
    CommunityGroup,
    ExpenseKind,
    GrantCall,
    GroupKind,
    Programme,
)
from maeul.grants.services import applications, calls, groups
from tests.grants.conftest import NOW, PHONE, hwp, hwpx, make_group, png, write_draft, xlsx
from tests.korean import HANGUL

pytestmark = pytest.mark.django_db


def korean(refusal: pytest.ExceptionInfo[RuleViolation]) -> str:
    assert HANGUL.search(refusal.value.message), refusal.value.message
    return refusal.value.message


# --- Calls ------------------------------------------------------------------------------
def _call_fields(**overrides):
    fields = {
        "programme": Programme.OPEN_ALLEYS,
        "year": 2026,
        "title": "2026 탁트인 골목",
        "total_budget": 70_000_000,
        "min_amount": 1_000_000,
        "max_amount": 10_000_000,
        "required_attachments": [AttachmentKind.PLAN, AttachmentKind.BUDGET],
        "notice": "골목을 함께 가꿀 공동체를 찾습니다.",
        "announced_on": NOW.date(),
        "opens_at": NOW + timedelta(days=5),
        "closes_at": NOW + timedelta(days=20),
    }
    fields.update(overrides)
    return fields


def test_district_staff_create_and_publish_a_call(district_staff, geumcheon):
    call = calls.create_call(
        district=geumcheon, staff=district_staff, now=NOW, ip=None, **_call_fields()
    )
    calls.add_category(
        call=call,
        kind=ExpenseKind.PROJECT,
        name="행사비",
        cap_percent=30,
        cap_won=None,
        staff=district_staff,
        now=NOW,
        ip=None,
    )
    calls.publish_call(call=call, staff=district_staff, now=NOW, ip=None)

    call.refresh_from_db()
    assert call.is_published and not call.is_open(NOW)
    assert call.is_open(NOW + timedelta(days=6))
    assert AuditEntry.objects.filter(action="grants.call_publish").count() == 1


def test_dong_staff_cannot_create_a_call(dong_staff, geumcheon):
    with translation.override("ko"), pytest.raises(RuleViolation) as refused:
        calls.create_call(district=geumcheon, staff=dong_staff, now=NOW, ip=None, **_call_fields())
    assert refused.value.code == "forbidden"
    korean(refused)
    assert not GrantCall.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"min_amount": 6_000_000, "max_amount": 5_000_000}, "min_amount"),
        ({"max_amount": 80_000_000}, "max_amount"),
        ({"closes_at": NOW + timedelta(days=1)}, "closes_at"),
        ({"title": "   "}, "title"),
        ({"notice": "연락처 900101-1234567"}, "notice"),
    ],
)
def test_a_bad_call_is_refused_in_korean(district_staff, geumcheon, change, field):
    with translation.override("ko"), pytest.raises(RuleViolation) as refused:
        calls.create_call(
            district=geumcheon, staff=district_staff, now=NOW, ip=None, **_call_fields(**change)
        )
    assert refused.value.field == field
    korean(refused)
    assert not GrantCall.objects.exists()


def test_the_rules_of_an_opened_call_stay_as_published(call, district_staff):
    with pytest.raises(RuleViolation) as refused:
        calls.change_call(call=call, staff=district_staff, now=NOW, ip=None, max_amount=9_000_000)
    assert refused.value.code == "frozen"
    call.refresh_from_db()
    assert call.max_amount == 5_000_000
    calls.change_call(call=call, staff=district_staff, now=NOW, ip=None, notice="설명회 안내")
    assert GrantCall.objects.get().notice == "설명회 안내"


# --- Groups -----------------------------------------------------------------------------
def test_a_groups_contact_is_stored_encrypted_with_a_hash(group):
    stored = CommunityGroup.objects.filter(pk=group.pk).values()[0]
    assert "6789" not in stored["contact_enc"] and stored["contact_hmac"]
    assert group.masked_contact == "010-****-6789"


def test_an_unverified_resident_cannot_register_a_group(unverified_resident, doksan1):
    with translation.override("ko"), pytest.raises(RuleViolation) as refused:
        groups.register_group(
            name="새 모임",
            kind=GroupKind.RESIDENT_CIRCLE,
            dong=doksan1,
            contact=PHONE,
            representative=unverified_resident,
            now=NOW,
        )
    korean(refused)
    assert not CommunityGroup.objects.exists()


def test_a_member_needs_consent_and_no_resident_number(group, resident):
    with pytest.raises(RuleViolation):
        groups.add_member(
            group=group, name="최넷", tie="resident", consent=False, user=resident, now=NOW
        )
    with pytest.raises(RuleViolation) as refused:
        groups.add_member(
            group=group,
            name="최넷 850101-2345678",
            tie="resident",
            consent=True,
            user=resident,
            now=NOW,
        )
    assert refused.value.code == "resident_number"
    assert group.members.count() == 3


# --- Drafts and submission --------------------------------------------------------------
def test_the_representative_submits_a_draft(draft, resident):
    matches = applications.submit_application(application=draft, user=resident, now=NOW)

    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED and draft.submitted_at == NOW
    assert matches == []


def test_submission_after_the_deadline_is_refused(draft, resident, call):
    late = call.closes_at + timedelta(seconds=1)
    with translation.override("ko"), pytest.raises(RuleViolation) as refused:
        applications.submit_application(application=draft, user=resident, now=late)
    assert refused.value.code == "closed"
    assert "기간" in korean(refused)
    assert Application.objects.get().status == ApplicationStatus.DRAFT


def test_submission_before_opening_is_refused(draft, resident, call):
    with pytest.raises(RuleViolation) as refused:
        applications.submit_application(
            application=draft, user=resident, now=call.opens_at - timedelta(seconds=1)
        )
    assert refused.value.code == "closed"


def test_a_budget_row_over_its_cap_is_refused(draft, resident, call):
    food = call.categories.get(name="식비")  # at most 10 % of 3,000,000 = 300,000, all used
    with translation.override("ko"), pytest.raises(RuleViolation) as refused:
        applications.add_budget_line(
            application=draft, category=food, item="도시락", amount=1, user=resident, now=NOW
        )
    assert refused.value.code == "over_cap"
    assert "식비" in korean(refused)
    assert BudgetLine.objects.filter(application=draft).count() == 2


def test_lowering_the_amount_puts_a_category_over_its_cap_at_submission(draft, resident):
    applications.change_draft(application=draft, user=resident, now=NOW, amount=2_000_000)
    materials = draft.budget_lines.get(item="모종과 흙")
    materials.amount = 1_700_000
    materials.save()
    with pytest.raises(RuleViolation) as refused:  # 식비 300,000 > 10 % of 2,000,000
        applications.submit_application(application=draft, user=resident, now=NOW)
    assert refused.value.code == "over_cap"


def test_unbalanced_budget_and_out_of_range_amounts_are_refused(draft, resident):
    applications.change_draft(application=draft, user=resident, now=NOW, amount=2_900_000)
    with pytest.raises(RuleViolation) as refused:
        applications.submit_application(application=draft, user=resident, now=NOW)
    assert refused.value.code == "budget_total"
    applications.change_draft(application=draft, user=resident, now=NOW, amount=9_000_000)
    with pytest.raises(RuleViolation) as refused:
        applications.submit_application(application=draft, user=resident, now=NOW)
    assert refused.value.code == "amount"


def test_a_group_too_small_or_missing_files_cannot_submit(call, resident, doksan1):
    small = groups.register_group(
        name="두 사람",
        kind=GroupKind.RESIDENT_CIRCLE,
        dong=doksan1,
        contact=PHONE,
        representative=resident,
        now=NOW,
    )
    draft = applications.start_application(
        call=call,
        group=small,
        title="작은 모임",
        description="",
        place="",
        dong=doksan1,
        amount=1_000_000,
        user=resident,
        now=NOW,
    )
    with translation.override("ko"), pytest.raises(RuleViolation) as refused:
        applications.submit_application(application=draft, user=resident, now=NOW)
    assert refused.value.code == "not_eligible"
    korean(refused)


def test_a_file_lying_about_its_type_is_refused(draft, resident):
    from django.core.files.uploadedfile import SimpleUploadedFile

    liar = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf")
    fake_hwp = SimpleUploadedFile("plan.hwp", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    fake_xlsx = SimpleUploadedFile("budget.xlsx", b"PK\x03\x04not really a zip")
    for upload in (liar, fake_hwp, fake_xlsx):
        with translation.override("ko"), pytest.raises(RuleViolation) as refused:
            applications.attach_file(
                application=draft, kind=AttachmentKind.OTHER, upload=upload, user=resident, now=NOW
            )
        assert refused.value.code == "bad_type"
        korean(refused)
    assert draft.attachments.count() == 1


@pytest.mark.parametrize("upload", [hwp, hwpx, xlsx, png], ids=lambda f: f.__name__)
def test_real_office_files_and_pictures_are_accepted(draft, resident, upload):
    attached = applications.attach_file(
        application=draft, kind=AttachmentKind.OTHER, upload=upload(), user=resident, now=NOW
    )
    extension = {"png": "jpg"}.get(upload.__name__, upload.__name__)  # pictures re-encoded
    assert attached.file.name.endswith("." + extension)


def test_another_representative_cannot_touch_a_draft(draft, neighbour):
    with pytest.raises(RuleViolation) as refused:
        applications.change_draft(application=draft, user=neighbour, now=NOW, title="가로채기")
    assert refused.value.code == "forbidden"
    assert Application.objects.get().title != "가로채기"


def test_a_resident_number_in_the_text_is_refused(call, group, resident, doksan1):
    with pytest.raises(RuleViolation) as refused:
        applications.start_application(
            call=call,
            group=group,
            title="텃밭",
            description="대표 800101-1234567",
            place="",
            dong=doksan1,
            amount=1_000_000,
            user=resident,
            now=NOW,
        )
    assert refused.value.code == "resident_number"
    assert not Application.objects.exists()


def test_one_application_per_group_and_call(draft, call, group, resident, doksan1):
    with pytest.raises(RuleViolation) as refused:
        write_draft(call, group, resident, title="다른 사업", description="")
    assert refused.value.code == "duplicate"


def test_withdraw_before_the_deadline_only(draft, resident, call):
    applications.submit_application(application=draft, user=resident, now=NOW)
    with pytest.raises(RuleViolation) as refused:
        applications.withdraw_application(application=draft, user=resident, now=call.closes_at)
    assert refused.value.code == "closed"
    applications.withdraw_application(application=draft, user=resident, now=NOW)
    assert Application.objects.get().status == ApplicationStatus.WITHDRAWN
    # A withdrawn application leaves room for a new one.
    write_draft(call, draft.group, resident, title="새 신청", description="")


def test_a_draft_cannot_change_after_submission(draft, resident):
    applications.submit_application(application=draft, user=resident, now=NOW)
    with pytest.raises(RuleViolation) as refused:
        applications.change_draft(application=draft, user=resident, now=NOW, title="바꾸기")
    assert refused.value.code == "frozen"


def test_nonprofit_only_calls_refuse_a_residents_circle(geumcheon, resident, doksan1):
    from tests.grants.conftest import make_call

    call = make_call(
        geumcheon, programme=Programme.NONPROFIT_SUBSIDY, title="비영리", nonprofit_required=True
    )
    group = make_group(resident, doksan1, "주민 모임")
    draft = write_draft(call, group, resident, title="봉사", description="")
    with pytest.raises(RuleViolation) as refused:
        applications.submit_application(application=draft, user=resident, now=NOW)
    assert refused.value.code == "not_eligible"


def test_a_used_or_frozen_category_cannot_be_removed(call, draft, district_staff):
    food = call.categories.get(name="식비")
    with pytest.raises(RuleViolation) as refused:  # the call has opened
        calls.remove_category(category=food, staff=district_staff, now=NOW, ip=None)
    assert refused.value.code == "frozen"
    early = call.opens_at - timedelta(days=1)
    with pytest.raises(RuleViolation) as refused:  # 독산 텃밭모임's budget uses it
        calls.remove_category(category=food, staff=district_staff, now=early, ip=None)
    assert refused.value.code == "in_use"
    unused = call.categories.get(name="행사비")
    calls.remove_category(category=unused, staff=district_staff, now=early, ip=None)
    assert call.categories.count() == 2


def test_a_zip_bomb_or_a_docx_named_hwpx_is_refused(draft, resident):
    import io
    import zipfile

    from django.core.files.uploadedfile import SimpleUploadedFile

    many = io.BytesIO()
    with zipfile.ZipFile(many, "w") as archive:
        archive.writestr("mimetype", b"application/hwp+zip")
        for n in range(10_001):
            archive.writestr(f"x/{n}", b"")
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", b"<x/>")
        archive.writestr("word/document.xml", b"<x/>")
    for name, data in (("bomb.hwpx", many.getvalue()), ("plan.hwpx", docx.getvalue())):
        with pytest.raises(RuleViolation) as refused:
            applications.attach_file(
                application=draft,
                kind=AttachmentKind.OTHER,
                upload=SimpleUploadedFile(name, data),
                user=resident,
                now=NOW,
            )
        assert refused.value.code == "bad_type"
    assert draft.attachments.count() == 1
