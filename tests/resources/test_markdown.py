"""Markdown written by coordinators always renders safely."""

from html.parser import HTMLParser

from resources.markdown import render_markdown


def test_a_script_tag_is_shown_as_text_never_run():
    html = render_markdown("Hello <script>alert(1)</script>")
    assert "<script" not in html
    assert "&lt;script&gt;" in html


def test_javascript_links_lose_their_address():
    for text in [
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](java\tscript:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "<javascript:alert(1)>",
    ]:
        html = render_markdown(text).lower()
        assert "href=" not in html, text


def test_raw_html_is_escaped_not_interpreted():
    html = render_markdown('<img src=x onerror=alert(1)> <b onclick="x()">bold</b>')
    assert "<img" not in html
    assert "<b" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_an_html_attribute_injection_in_a_link_title_stays_inert():
    html = render_markdown('[x](https://example.org "a\\" onmouseover=\\"alert(1)")')
    links = LinkAttributes()
    links.feed(html)
    assert links.attributes == [{"href", "title", "rel"}]


class LinkAttributes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.attributes = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.attributes.append({name for name, _value in attrs})


def test_ordinary_formatting_and_safe_links_survive():
    html = render_markdown(
        "## Steps\n\n- **one**\n- *two*\n\n[help](https://example.org) "
        "[call](tel:+33123456789) [page](/resources/faq/)"
    )
    assert "<h2>Steps</h2>" in html
    assert "<strong>one</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer">help</a>' in html
    assert 'href="tel:+33123456789"' in html
    assert 'href="/resources/faq/"' in html


def test_a_level_one_heading_becomes_level_two_so_each_page_keeps_one_h1():
    html = render_markdown("# Big\n\ntext")
    assert "<h1" not in html
    assert "<h2>Big</h2>" in html


def test_tables_render_without_style_attributes_the_csp_would_block():
    html = render_markdown("| a | b |\n|:--|--:|\n| 1 | 2 |")
    assert "<table>" in html
    assert "style" not in html


def test_images_are_not_offered():
    html = render_markdown("![tracker](https://evil.example/pixel.png)")
    assert "<img" not in html
