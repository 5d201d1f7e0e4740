"""Reading stories: the list and one story."""

from django.urls import reverse

from resources.models import Story
from tests.resources.helpers import make_story


def test_demo_stories_are_marked_as_examples(client, carol):
    client.force_login(carol)
    content = client.get(reverse("resources:stories")).content.decode()
    assert content.count(">example</span>") == Story.objects.published().count() == 2
    story = Story.objects.first()
    content = client.get(reverse("resources:story", kwargs={"pk": story.pk})).content.decode()
    assert "It did not happen to a real person" in content


def test_withdrawn_or_unpublished_stories_do_not_exist_for_staff(client, carol):
    story = make_story(title="Gone")
    story.withdraw()
    client.force_login(carol)
    assert b"Gone" not in client.get(reverse("resources:stories")).content
    assert client.get(reverse("resources:story", kwargs={"pk": story.pk})).status_code == 404


def test_the_story_list_is_paginated_with_a_fixed_number_of_queries(
    client, carol, django_assert_max_num_queries
):
    client.force_login(carol)
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("resources:stories"))
    for number in range(30):
        make_story(title=f"Story {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("resources:stories"))
    assert "Page 1 of 2" in response.content.decode()
