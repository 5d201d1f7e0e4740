from django.urls import reverse

from resources.models import Page
from tests.resources.helpers import make_page


def test_a_page_shows_its_text_as_safe_html(client, carol):
    make_page("unsafe", body="**Hello** <script>alert(1)</script> [x](javascript:alert(1))")
    client.force_login(carol)
    content = client.get(reverse("resources:page", kwargs={"slug": "unsafe"})).content.decode()
    assert "<strong>Hello</strong>" in content
    assert "<script>alert(1)" not in content
    assert 'href="javascript' not in content.lower()
    assert content.count("<h1") == 1


def test_a_page_never_published_does_not_exist_for_readers(client, carol, quinn):
    Page.objects.create(slug="draft-only", section="guidance", draft_title_en="Soon")
    url = reverse("resources:page", kwargs={"slug": "draft-only"})
    for user in (carol, quinn):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_a_missing_translation_falls_back_with_a_notice(client, carol):
    make_page("english-only", title="Only in English", title_fr="", body_fr="")
    client.force_login(carol)
    url = reverse("resources:page", kwargs={"slug": "english-only"})
    content = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Only in English" in content
    assert "pas encore traduit" in content
    assert '<article lang="en">' in content


def test_the_24_7_page_lists_the_lines_the_qro_maintains(client, carol):
    client.force_login(carol)
    content = client.get(reverse("resources:page", kwargs={"slug": "help-24-7"})).content.decode()
    assert "MOTS" in content and 'href="tel:0608282589"' in content
    assert "SPS" in content and "0 805 23 23 36" in content


def test_stage_2_links_to_the_directory_and_the_request_form(client, carol):
    client.force_login(carol)
    content = client.get("/resources/pages/stage-2-meet-a-peer/").content.decode()
    assert f'href="{reverse("peers:directory")}"' in content
    assert f'href="{reverse("requests:new")}"' in content


def test_a_page_runs_a_fixed_number_of_queries(client, carol, django_assert_max_num_queries):
    client.force_login(carol)
    url = reverse("resources:page", kwargs={"slug": "faq"})
    # 11: the site versions of the reader's site are one query.
    with django_assert_max_num_queries(11) as few:
        client.get(url)
    for number in range(30):
        make_page(f"extra-{number}", position=number)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_pathway_pages_link_to_the_next_step(client, carol):
    client.force_login(carol)
    url = reverse("resources:page", kwargs={"slug": "stage-1-debriefing"})
    content = client.get(url).content.decode()
    assert reverse("resources:page", kwargs={"slug": "emotional-first-aid"}) in content
    assert reverse("resources:page", kwargs={"slug": "stage-2-meet-a-peer"}) in content
