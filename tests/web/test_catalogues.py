"""The message catalogues: every text the code and templates mark is translated in each."""


import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from app.kit.migrations import PROJECT_ROOT
from app.web.i18n import LOCALES_DIR, load_catalogues

SHIPPED = ("de", "en", "es", "fr")
METHOD_MAP = [("app/**.py", "python"), ("app/web/templates/**.html", "jinja2")]
OPTIONS = {"app/web/templates/**.html": {
    "extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true",
}}


def marked_texts() -> set[str]:
    """What `make messages` extracts (the same babel.cfg settings)."""
    found = extract_from_dir(
        PROJECT_ROOT, METHOD_MAP, OPTIONS, keywords={"_": None, "gettext": None, "N_": None}
    )
    return {message if isinstance(message, str) else message[0] for _, _, message, *_ in found}


def catalogue(language: str) -> dict[str, str]:
    with (LOCALES_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return {str(m.id): str(m.string) for m in read_po(po) if m.id}


def test_the_four_languages_are_shipped() -> None:
    assert load_catalogues().languages == SHIPPED


def test_babel_cfg_names_the_sources_this_test_reads() -> None:
    config = (PROJECT_ROOT / "babel.cfg").read_text()
    for pattern, method in METHOD_MAP:
        assert f"[{method}: {pattern}]" in config


@pytest.mark.parametrize("language", [code for code in SHIPPED if code != "en"])
def test_every_marked_text_is_translated(language: str) -> None:
    texts = catalogue(language)
    missing = sorted(marked_texts() - {msgid for msgid, text in texts.items() if text})
    assert missing == [], f"run `make messages` and translate in {language}: {missing}"


def test_no_catalogue_keeps_texts_the_code_no_longer_has() -> None:
    stale = set(catalogue("en")) - marked_texts()
    assert stale == set(), f"run `make messages`: {sorted(stale)}"


def test_placeholders_survive_translation() -> None:
    for language in SHIPPED:
        for msgid, text in catalogue(language).items():
            if text and "%(" in msgid:
                assert sorted(_placeholders(text)) == sorted(_placeholders(msgid)), msgid


def _placeholders(text: str) -> list[str]:
    return [part.split(")")[0] for part in text.split("%(")[1:]]


def test_catalogues_compile_from_po_without_a_build_step() -> None:
    german = load_catalogues().get("de")
    assert german.gettext("Conversation") == "Unterhaltung"
