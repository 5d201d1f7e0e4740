from django.urls import reverse

from tests.resources.helpers import make_page


def search(client, query, **headers):
    return client.get(reverse("resources:search"), {"q": query}, **headers)


def test_search_ignores_accents_and_case_in_both_languages(client, carol):
    client.force_login(carol)
    assert "Frequently asked questions" in search(client, "PAIR AIDANT").content.decode()
    content = search(client, "debriefing").content.decode()
    assert "Stage 1: debriefing" in content
    # "débriefing" typed with a combining accent (e + U+0301).
    assert "Stage 1: debriefing" in search(client, "de\u0301briefing").content.decode()


def test_every_word_must_match(client, carol):
    make_page("alpha", title="Alpha", body="apple banana")
    make_page("beta", title="Beta", body="apple cherry")
    client.force_login(carol)
    content = search(client, "apple cherry").content.decode()
    assert "Beta" in content and ">Alpha<" not in content


def test_sql_wildcards_and_quotes_match_literally(client, carol):
    make_page("percent", title="Hundred", body="100% sure")
    client.force_login(carol)
    assert "Hundred" in search(client, "100%").content.decode()
    for query in ["%", "_", "' OR 1=1--"]:
        response = search(client, query)
        assert response.status_code == 200
        assert "Hundred" not in response.content.decode() or query == "%"


def test_a_nul_byte_or_an_overlong_query_gives_a_form_error(client, carol):
    client.force_login(carol)
    response = search(client, "abc\x00def")
    assert response.status_code == 200
    assert "Null characters are not allowed" in response.content.decode()
    response = search(client, "x" * 500)
    assert response.status_code == 200
    assert "at most 100 characters" in response.content.decode()


def test_results_are_paginated_and_keep_the_query(client, carol, django_assert_max_num_queries):
    for number in range(25):
        make_page(f"many-{number}", title=f"Many {number}", body="zebra")
    client.force_login(carol)
    with django_assert_max_num_queries(10):
        content = search(client, "zebra").content.decode()
    assert "Page 1 of 2" in content
    assert "?q=zebra&amp;page=2" in content
