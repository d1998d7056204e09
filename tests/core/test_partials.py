"""The shared form pieces in core/partials: a filter's select and a form's fields."""

from django import forms
from django.template.loader import render_to_string


def _select(**context: object) -> str:
    base = {"id": "f-year", "name": "year", "label": "Year"}
    return render_to_string("core/partials/filter_select.html", base | context)


def test_a_filter_marks_the_chosen_value_whether_it_came_as_text_or_number():
    from_query = _select(values=[2026, 2025], selected="2025")
    from_filter = _select(values=[2026, 2025], selected=2025)

    for html in (from_query, from_filter):
        assert '<option value="2025" selected>2025</option>' in html
        assert '<option value="2026">2026</option>' in html


def test_a_filter_offers_no_narrowing_first_and_marks_nothing_when_nothing_is_chosen():
    html = _select(all="All", choices=[("a", "A"), ("b", "B")], selected=None)

    assert html.index('<option value="">All</option>') < html.index('value="a"')
    assert " selected" not in html
    assert '<label for="f-year">Year</label>' in html
    assert '<select id="f-year" name="year">' in html


class _Form(forms.Form):
    name = forms.CharField(label="Name", help_text="As others see it.")
    days = forms.MultipleChoiceField(
        label="Days", choices=[("mon", "Mon")], widget=forms.CheckboxSelectMultiple
    )
    token = forms.CharField(widget=forms.HiddenInput)
    agree = forms.BooleanField(label="Agree", required=False)

    def clean(self) -> dict[str, object]:
        raise forms.ValidationError("Not on a holiday.")


def test_fields_show_errors_beside_each_field_a_group_as_a_fieldset_and_hidden_ones_bare():
    form = _Form({"name": "", "token": "x"})
    form.is_valid()

    html = render_to_string("core/partials/fields.html", {"form": form})

    assert '<div class="message message-error" role="alert">' in html
    assert "Not on a holiday." in html
    assert '<div class="field"><label for="id_name">' in html
    assert '<span class="helptext" id="id_name_helptext">As others see it.</span>' in html
    assert '<fieldset class="field"><legend>' in html
    assert '<input type="hidden" name="token" value="x" id="id_token">' in html
    assert 'for="id_token"' not in html
    box = html.index('<input type="checkbox" name="agree"')
    assert box < html.index('<label for="id_agree">')  # the box before its label
