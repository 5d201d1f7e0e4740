from django.urls import reverse


def test_the_checklist_is_never_sent_to_the_server(client, carol):
    client.force_login(carol)
    content = client.get(reverse("resources:self_assessment")).content.decode()
    main = content.split("<main", 1)[1].split("</main>", 1)[0]
    assert "<form" not in main
    assert 'type="radio"' in main
    assert "Not yet" in main
    assert "Our next steps" in main


def test_the_checklist_is_in_french_too(client, carol):
    client.force_login(carol)
    response = client.get(reverse("resources:self_assessment"), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Auto-évaluation de la culture juste" in response.content.decode()
