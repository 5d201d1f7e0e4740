from django.urls import reverse


def test_the_poster_has_the_steps_the_lines_and_a_qr_code(client, carol):
    client.force_login(carol)
    content = client.get(reverse("resources:poster")).content.decode()
    assert content.count("<h1") == 1
    assert "Emotional first aid" in content
    assert "0 805 23 23 36" in content
    assert "<svg" in content and "QR code of the pathway" in content
    assert "http://testserver/resources/" in content
    assert "style=" not in content.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert 'media="print"' in content
