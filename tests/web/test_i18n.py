"""Choosing the customer's locale, and writing instants the way it does."""

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.web.i18n import (
    accept_language_tags,
    choose_locale,
    format_instant,
    locale_tag,
    normalise_locale,
    parse_locale,
    wording_for,
)
from app.web.negotiation import prefers_html

SHIPPED = ("de", "en", "es", "fr")
TUESDAY_9_UTC = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("tag", "normalised"),
    [("de", "de"), ("de-CH", "de-CH"), ("en_GB", "en-GB"), ("zh-Hant-TW", "zh-Hant-TW")],
)
def test_bcp47_tags_are_normalised(tag: str, normalised: str) -> None:
    assert normalise_locale(tag) == normalised


@pytest.mark.parametrize("tag", ["", "xx", "english", "de CH", "../etc", "e" * 36])
def test_unknown_or_malformed_tags_are_refused(tag: str) -> None:
    with pytest.raises(ValueError, match="language tag"):
        parse_locale(tag)


def test_accept_language_is_read_by_quality_then_order() -> None:
    header = "fr-CH, fr;q=0.9, en;q=0.8, de;q=0.8, *;q=0.5, it;q=0"
    assert accept_language_tags(header) == ["fr-CH", "fr", "en", "de"]
    assert accept_language_tags("de;q=oops, es") == ["es"]
    assert accept_language_tags(None) == []


@given(st.text(max_size=300))
def test_any_accept_language_header_is_read_without_error(header: str) -> None:
    tags = accept_language_tags(header)
    assert len(tags) <= 20


def test_the_first_candidate_with_a_catalogue_wins_and_keeps_its_region() -> None:
    chosen = choose_locale([None, "it", "nonsense", "de-AT", "fr"], SHIPPED)
    assert chosen is not None
    assert locale_tag(chosen) == "de-AT"
    assert choose_locale(["it", "pt"], SHIPPED) is None


@pytest.mark.parametrize(
    ("locale", "zone", "written"),
    [
        ("en", "UTC", "Tuesday, December 1, 9:00\u202fAM"),
        ("en-GB", "Europe/London", "Tuesday 1 December, 09:00"),
        ("de", "Europe/Berlin", "Dienstag, 1. Dezember, 10:00"),
        ("fr", "America/Montreal", "mardi 1 décembre, 04:00"),
        ("es", "Asia/Tokyo", "martes, 1 de diciembre, 18:00"),
    ],
)
def test_instants_are_written_in_the_locale_and_zone(locale: str, zone: str, written: str) -> None:
    assert format_instant(TUESDAY_9_UTC, parse_locale(locale), zone) == written


def test_a_wording_falls_back_to_english() -> None:
    wording = wording_for(["pt-BR", None])
    assert wording.tag == "en"
    assert wording.gettext("We'll reply by %(when)s.", when="noon") == "We'll reply by noon."
    assert wording_for(["es-MX"]).gettext("Solved") == "Resuelta"


@pytest.mark.parametrize(
    ("accept", "html"),
    [
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", True),
        ("text/html", True),
        ("application/json", False),
        ("application/json, text/html;q=0.5", False),
        ("*/*", False),
        (None, False),
        ("text/*", False),
        ("text/html;q=0", False),
    ],
)
def test_only_a_client_asking_for_html_gets_a_page(accept: str | None, html: bool) -> None:
    assert prefers_html(accept) is html
