from django.urls import reverse

from tests.resources.helpers import make_page


def test_coordinators_see_every_page_with_its_state(client, quinn):
    make_page("english-only", title="Lonely", title_fr="", body_fr="")
    client.force_login(quinn)
    content = client.get(reverse("resources:manage")).content.decode()
    assert "Frequently asked questions" in content
    assert "translation to check" in content


def test_the_manage_list_runs_a_fixed_number_of_queries(
    client, quinn, django_assert_max_num_queries
):
    client.force_login(quinn)
    # 11: the site versions of every listed page are one query.
    with django_assert_max_num_queries(11) as few:
        client.get(reverse("resources:manage"))
    for number in range(60):
        make_page(f"extra-{number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("resources:manage"))
    assert "Page 1 of 2" in response.content.decode()


def test_coordinators_get_an_edit_link_in_the_menu_and_staff_do_not(client, quinn, carol):
    client.force_login(quinn)
    assert reverse("resources:manage") in client.get(reverse("home")).content.decode()
    client.force_login(carol)
    assert reverse("resources:manage") not in client.get(reverse("home")).content.decode()


def test_pages_are_listed_in_the_order_staff_meet_them(client, quinn):
    client.force_login(quinn)
    content = client.get(reverse("resources:manage")).content.decode()
    titles = ["The support pathway", "Emotional first aid", "Feedback and lessons", "For managers"]
    positions = [content.index(title) for title in titles]
    assert positions == sorted(positions)
