"""A coordinator tidies the departments the directory brought: in Chromium, with axe."""

import pytest
from playwright.sync_api import expect

from organisation.models import Department
from organisation.services import profile_update_from_directory
from tests.organisation.factories import department

pytestmark = pytest.mark.browser


def test_a_coordinator_merges_a_directory_department_into_surgery(
    page, live_server, quinn, dan, log_in, assert_accessible, screenshot
):
    department("Surgery")
    profile_update_from_directory(
        user=dan, site_name="Purpan", department_name="Chirurgie", profession="Physician"
    )
    log_in(quinn)
    page.get_by_role("link", name="Peer registry").click()
    page.get_by_role("link", name="Sites and departments").click()
    expect(page.locator("h1")).to_have_text("Departments")
    assert_accessible()
    screenshot("organisation-departments")
    page.get_by_role("link", name="Merge Chirurgie").click()
    page.get_by_label("Merge into").select_option(label="Surgery")
    assert_accessible()
    page.get_by_role("button", name="Merge").click()
    expect(page.locator("h1")).to_have_text("Surgery")
    expect(page.get_by_text("is merged into “Surgery”")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Chirurgie")).to_be_visible()
    assert_accessible()
    screenshot("organisation-merged")
    dan.staff_profile.refresh_from_db()
    assert dan.staff_profile.department == Department.objects.resolve("chirurgie")
