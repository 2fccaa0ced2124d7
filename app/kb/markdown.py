"""Article bodies: Markdown rendered to HTML once, at write time, and sanitised (pure logic).

markdown-it-py parses CommonMark (with tables and strikethrough); raw HTML in the source is
parsed too, and nh3 (ammonia) then keeps only an allow-list of tags, attributes and URL schemes.
So a `<script>`, an `onerror=` or a `javascript:` link in an article is removed, never served;
whatever the Markdown says, the stored `body_html` is safe to place in a page as it is.
"""

import html
import re
from typing import Final

import nh3
from markdown_it import MarkdownIt

_PARSER: Final = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable(
    ["table", "strikethrough"]
)

ALLOWED_TAGS: Final = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "dd",
        "del",
        "details",
        "dl",
        "dt",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "kbd",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
ALLOWED_ATTRIBUTES: Final = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "td": {"align"},
    "th": {"align"},
}
ALLOWED_URL_SCHEMES: Final = frozenset({"http", "https", "mailto", "tel"})
# Content dropped with its tags, not shown as text.
DROPPED_WITH_CONTENT: Final = frozenset({"script", "style", "iframe", "object", "template"})
_BLANK_RUNS = re.compile(r"\s+")
# Private-use characters: search excerpts mark matches with two of them (app/kb/search.py).
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def render_markdown(source: str) -> str:
    """Sanitised HTML of a Markdown text."""
    return sanitise_html(_PARSER.render(source))


def sanitise_html(markup: str) -> str:
    return nh3.clean(
        markup,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def plain_text(body_html: str) -> str:
    """The words of rendered HTML, without markup: what search indexes and excerpts quote."""
    text = nh3.clean(_block_breaks(body_html), tags=set(), clean_content_tags=set())
    return _BLANK_RUNS.sub(" ", _PRIVATE_USE.sub("", html.unescape(text))).strip()


def _block_breaks(body_html: str) -> str:
    # Adjacent cells or items must not run together into one word.
    return re.sub(r"<(/?(?:p|li|td|th|h[1-6]|br|pre|blockquote|dt|dd|tr)\b)", r" <\1", body_html)
