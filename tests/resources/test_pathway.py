from django.urls import reverse

from resources.models import Page
from tests.resources.helpers import make_page


def test_the_pathway_lists_every_step_in_order(client, carol):
    client.force_login(carol)
    content = client.get(reverse("resources:pathway")).content.decode()
    steps = ["Emotional first aid", "Stage 1", "Stage 2", "Stage 3", "Help day and night"]
    positions = [content.index(step) for step in steps]
    assert positions == sorted(positions)
    assert content.count("<h1") == 1
    assert "For managers" in content


def test_the_pathway_reads_in_french_for_a_french_reader(client, carol):
    client.force_login(carol)
    content = client.get(reverse("resources:pathway"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Le parcours de soutien" in content
    assert "Premiers secours émotionnels" in content


def test_unpublished_pages_stay_out_of_the_pathway(client, carol):
    Page.objects.create(slug="secret", section="pathway", position=99, draft_title_en="Hidden")
    client.force_login(carol)
    assert b"Hidden" not in client.get(reverse("resources:pathway")).content


def test_the_pathway_runs_a_fixed_number_of_queries(client, carol, django_assert_max_num_queries):
    client.force_login(carol)
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("resources:pathway"))
    for number in range(30):
        make_page(f"extra-{number}", section=Page.Section.PATHWAY, position=100 + number)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("resources:pathway"))
    assert b"extra-29" in response.content


def test_the_home_page_links_to_the_pathway_and_its_steps(client, carol):
    client.force_login(carol)
    content = client.get(reverse("home")).content.decode()
    assert reverse("resources:pathway") in content
    assert reverse("resources:page", kwargs={"slug": "emotional-first-aid"}) in content
    assert reverse("resources:page", kwargs={"slug": "stage-2-meet-a-peer"}) in content
