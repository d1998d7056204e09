"""Amounts typed as people write them: whole won with or without commas, never rounded."""

import pytest
from django import forms

from maeul.plans.forms import SpendingForm, WonField


@pytest.mark.parametrize(
    ("typed", "won"),
    [
        ("1500000", 1_500_000),
        ("1,500,000", 1_500_000),
        ("1,500,000원", 1_500_000),
        (" 1 500 000 ", 1_500_000),
        ("7", 7),
    ],
)
def test_whole_won_are_read(typed, won):
    assert WonField().clean(typed) == won


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("10.5", "fraction"),
        ("1,000.5", "fraction"),
        ("0.0", "fraction"),
        ("-5", "negative"),
        ("-1,000", "negative"),
        ("0", "zero"),
        ("1,50,0", "invalid"),
        ("1.500.000", "invalid"),
        ("1e6", "invalid"),
        ("십만원", "invalid"),
        ("9" * 19, "invalid"),
    ],
)
def test_other_amounts_are_refused_with_the_reason(typed, code):
    with pytest.raises(forms.ValidationError) as refused:
        WonField().clean(typed)
    assert refused.value.code == code


def test_zero_may_be_allowed_for_a_budget():
    assert WonField(allow_zero=True).clean("0") == 0


def test_an_amount_is_shown_back_with_commas():
    assert WonField().prepare_value(1_500_000) == "1,500,000"


def test_the_over_budget_fields_are_only_for_district_staff():
    assert "confirm_over_budget" not in SpendingForm().fields
    assert "over_budget_reason" in SpendingForm(may_confirm=True).fields
