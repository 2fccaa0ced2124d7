"""Which PostgreSQL text-search configuration reads an article's language (pure logic).

Each configuration stems the words of its language (`Rückerstattungen` and `Rückerstattung`
match in `german`) and drops its stop words; a language PostgreSQL has no configuration for is
read with `simple` (lower-cased words, no stemming), so its articles are still found word for
word. Every configuration named here ships with PostgreSQL 15 and later.
"""

from typing import Final

from app.web.i18n import parse_locale

FALLBACK_CONFIG: Final = "simple"
SEARCH_CONFIGS: Final[dict[str, str]] = {
    "ar": "arabic",
    "ca": "catalan",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "ne": "nepali",
    "nl": "dutch",
    "nn": "norwegian",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}


def language_of(locale: str) -> str:
    """The language subtag of a valid BCP 47 tag: `de` of `de-CH`."""
    return parse_locale(locale).language


def search_config(language: str) -> str:
    return SEARCH_CONFIGS.get(language, FALLBACK_CONFIG)
