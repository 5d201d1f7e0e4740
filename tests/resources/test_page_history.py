from django.urls import reverse

URL = reverse("resources:page_history", kwargs={"slug": "faq"})


def test_coordinators_see_who_changed_what(client, quinn):
    client.force_login(quinn)
    edit = reverse("resources:page_edit", kwargs={"slug": "faq"})
    client.post(
        edit,
        {
            "draft_title_en": "Questions and answers",
            "draft_title_fr": "Questions",
            "draft_body_en": "text",
            "draft_body_fr": "texte",
        },
    )
    content = client.get(URL).content.decode()
    assert "Questions and answers" in content
    assert "Quinn Moreau" in content


def test_staff_cannot_see_the_history(client, carol):
    client.force_login(carol)
    assert client.get(URL).status_code == 403


def test_the_history_runs_a_fixed_number_of_queries(client, quinn, django_assert_max_num_queries):
    from resources.models import Page

    client.force_login(quinn)
    page = Page.objects.get(slug="faq")
    page.draft_title_en = "First change"
    page.save()
    with django_assert_max_num_queries(12) as few:
        client.get(URL)
    for number in range(40):
        page.draft_title_en = f"Version {number}"
        page.save()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert "Page 1 of 2" in response.content.decode()
