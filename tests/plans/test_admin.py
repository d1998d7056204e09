"""The back office lists plans, projects and spending; spending cannot be edited there."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_site_admins_see_the_plan_pages(client, site_admin, project):
    client.force_login(site_admin)
    for name in (
        "plans_autonomyplan",
        "plans_project",
        "plans_spendingentry",
        "plans_progressupdate",
    ):
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200
    assert client.get(reverse("admin:plans_project_change", args=[project.pk])).status_code == 200


def test_spending_cannot_be_added_in_the_back_office(client, site_admin, project):
    client.force_login(site_admin)
    assert client.get(reverse("admin:plans_spendingentry_add")).status_code == 403
