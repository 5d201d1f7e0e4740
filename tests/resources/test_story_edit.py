"""Creating, editing, publishing and withdrawing stories."""

import pytest
from django.urls import reverse

from resources.models import Story
from tests.resources.helpers import audit_entries, make_story

DATA = {
    "draft_title_en": "What helped me",
    "draft_title_fr": "Ce qui m'a aidé",
    "draft_body_en": "Talking.",
    "draft_body_fr": "Parler.",
}


def test_a_new_story_starts_as_a_draft(client, quinn, carol):
    client.force_login(quinn)
    response = client.post(reverse("resources:story_create"), DATA)
    story = Story.objects.get(draft_title_en="What helped me")
    assert response["Location"] == reverse("resources:story_draft", kwargs={"pk": story.pk})
    assert not story.is_published
    assert audit_entries(story, quinn).count() == 1
    client.force_login(carol)
    assert client.get(reverse("resources:story", kwargs={"pk": story.pk})).status_code == 404


def test_editing_changes_the_draft_only(client, quinn):
    story = make_story(title="Before")
    client.force_login(quinn)
    client.post(reverse("resources:story_edit", kwargs={"pk": story.pk}), DATA)
    story.refresh_from_db()
    assert story.title_en == "Before"
    assert story.draft_title_en == "What helped me"


def test_publishing_a_story_shows_it_to_staff(client, quinn, carol):
    client.force_login(quinn)
    client.post(reverse("resources:story_create"), DATA)
    story = Story.objects.get(draft_title_en="What helped me")
    client.post(reverse("resources:story_publish", kwargs={"pk": story.pk}))
    assert audit_entries(story, quinn).count() == 2
    client.force_login(carol)
    assert b"What helped me" in client.get(reverse("resources:stories")).content


def test_withdrawing_a_story_hides_it(client, quinn):
    story = make_story(title="Withdraw me")
    client.force_login(quinn)
    response = client.post(reverse("resources:story_withdraw", kwargs={"pk": story.pk}))
    assert response.status_code == 302
    story.refresh_from_db()
    assert not story.is_published
    assert audit_entries(story, quinn).exists()


@pytest.mark.parametrize(
    "name", ["story_create", "story_edit", "story_publish", "story_withdraw", "story_draft"]
)
def test_staff_cannot_touch_stories(client, carol, name):
    story = make_story(title="Untouched")
    kwargs = {} if name == "story_create" else {"pk": story.pk}
    client.force_login(carol)
    assert client.post(reverse(f"resources:{name}", kwargs=kwargs), DATA).status_code == 403
    story.refresh_from_db()
    assert story.is_published and story.draft_title_en == "Untouched"


@pytest.mark.parametrize("name", ["story_publish", "story_withdraw"])
def test_publishing_or_withdrawing_by_get_is_refused(client, quinn, name):
    story = make_story(title="Untouched")
    client.force_login(quinn)
    assert client.get(reverse(f"resources:{name}", kwargs={"pk": story.pk})).status_code == 405
    story.refresh_from_db()
    assert story.is_published


def test_an_overlong_story_gives_a_form_error(client, quinn):
    client.force_login(quinn)
    response = client.post(
        reverse("resources:story_create"), {**DATA, "draft_body_en": "x" * 30_001}
    )
    assert response.status_code == 200
    assert not Story.objects.filter(draft_title_en="What helped me").exists()


def test_the_story_history_lists_changes(client, quinn):
    story = make_story()
    client.force_login(quinn)
    client.post(reverse("resources:story_edit", kwargs={"pk": story.pk}), DATA)
    content = client.get(reverse("resources:story_history", kwargs={"pk": story.pk})).content
    assert b"What helped me" in content
