"""Markdown to safe HTML for the content the Quality and Risk Office writes.

Two layers, because either alone has failed somewhere before:
- markdown-it-py (CommonMark, maintained by the Executable Books project) with raw HTML
  switched off, so `<script>` or `<b>` typed in a page shows as text, and its link
  validation, which drops `javascript:`, `vbscript:`, `file:` and `data:` URLs;
- nh3 (bindings to the Rust sanitiser ammonia) on the output, with a short allow-list of
  tags, attributes and URL schemes: whatever a future parser option lets through, the
  browser only ever receives these.

Headings start at level 2 on every page (the page title is the only <h1>): a `#` heading
in the text is shown as a level-2 heading.
"""

import nh3
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "del",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

_parser = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    .enable(["table", "strikethrough"])
    # Images would load from anywhere (and the CSP blocks them anyway): not offered.
    .disable("image")
)


def render_markdown(text):
    """The HTML for Markdown `text`: parsed without raw HTML, then sanitised. Safe to
    insert in a template as it is."""
    tokens = _parser.parse(text or "")
    for token in tokens:
        if token.type in ("heading_open", "heading_close") and token.tag == "h1":
            token.tag = "h2"
        if token.type in ("th_open", "td_open"):
            # Column alignment arrives as a style attribute, which the CSP refuses.
            token.attrs.pop("style", None)
    html = _parser.renderer.render(tokens, _parser.options, {})
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308  (sanitised by nh3 just above)
