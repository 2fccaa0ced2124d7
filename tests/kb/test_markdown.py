"""Article bodies are rendered once and sanitised: whatever an editor (or a stolen key) writes,
the stored HTML carries no script, no event handler and no dangerous URL."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from app.kb.markdown import ALLOWED_TAGS, ALLOWED_URL_SCHEMES, plain_text, render_markdown

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    '<iframe src="https://evil.example"></iframe>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p onclick="alert(1)">hi</p>',
    "<details open ontoggle=alert(1)>",
    '<form action="https://evil.example"><input name=q></form>',
    '<object data="x.swf"></object><embed src="x.swf">',
    "<style>body{display:none}</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<!--<script>alert(1)</script>-->",
    "<scr<script>ipt>alert(1)</script>",
    '<base href="https://evil.example/"><meta http-equiv=refresh content=0>',
]


class Markup(HTMLParser):
    """Every tag and attribute of a piece of HTML, as a browser's parser would see them."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str]] = []
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.extend((name, value or "") for name, value in attrs)


def assert_safe(rendered: str) -> None:
    markup = Markup(rendered)
    assert markup.tags <= ALLOWED_TAGS, rendered
    for name, value in markup.attributes:
        assert not name.startswith("on"), rendered
        assert name != "style", rendered
        if name in {"href", "src"}:
            scheme = urlsplit(value.strip()).scheme.lower()
            assert scheme in ALLOWED_URL_SCHEMES | {""}, rendered


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_unsafe_markup_is_removed_never_rendered(payload: str) -> None:
    rendered = render_markdown(f"Before\n\n{payload}\n\nAfter")
    assert_safe(rendered)
    assert "<p>Before</p>" in rendered
    assert "alert(1)</" not in rendered  # no script's text shown either


def test_markdown_renders_to_html() -> None:
    rendered = render_markdown(
        "## Returns\n\n1. Print the **label**\n2. Drop it at `any` shop\n\n"
        "| Carrier | Days |\n|---|---|\n| DHL | 2 |\n\n~~old~~ [policy](https://shop.example/returns)"
    )
    assert "<h2>Returns</h2>" in rendered
    assert "<li>Print the <strong>label</strong></li>" in rendered
    assert "<code>any</code>" in rendered
    assert "<td>DHL</td>" in rendered
    assert "<s>old</s>" in rendered or "<del>old</del>" in rendered
    assert (
        '<a href="https://shop.example/returns" rel="noopener noreferrer nofollow">policy</a>'
        in rendered
    )


def test_safe_inline_html_is_kept() -> None:
    assert render_markdown("Press <kbd>Ctrl</kbd>") == "<p>Press <kbd>Ctrl</kbd></p>\n"


def test_html_in_code_is_shown_as_text() -> None:
    rendered = render_markdown("```\n<script>alert(1)</script>\n```")
    assert rendered == "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>\n"


def test_plain_text_keeps_the_words_apart_and_unescaped() -> None:
    rendered = render_markdown(
        "# Tom & Jerry\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>x</script>"
    )
    assert plain_text(rendered) == "Tom & Jerry a b 1 2"
