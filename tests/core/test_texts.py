"""`required_text`: the one check of free text a person must write."""

import pytest

from maeul.core.errors import RuleViolation
from maeul.core.texts import required_text


def test_required_text_is_stripped():
    assert required_text("  답변입니다 \n", field="text", missing="Write it.") == "답변입니다"


def test_empty_text_is_refused_about_its_field():
    with pytest.raises(RuleViolation) as refused:
        required_text("   ", field="note", code="text", missing="Write it.")

    assert (refused.value.message, refused.value.code, refused.value.field) == (
        "Write it.",
        "text",
        "note",
    )


def test_too_long_text_is_refused():
    with pytest.raises(RuleViolation) as refused:
        required_text("가" * 11, field="item", missing="Write it.", most=10, too_long="Shorter.")

    assert (refused.value.message, refused.value.field) == ("Shorter.", "item")
    assert required_text("가" * 10, field="item", missing="Write it.", most=10) == "가" * 10


def test_a_resident_registration_number_is_refused_about_its_field():
    with pytest.raises(RuleViolation) as refused:
        required_text("주민번호 900101-1234567", field="reasons", missing="Write it.")

    assert (refused.value.code, refused.value.field) == ("resident_number", "reasons")
