import pytest

from app.kb.languages import SEARCH_CONFIGS, language_of, search_config
from app.kit.db import Database


@pytest.mark.parametrize(
    ("locale", "config"),
    [
        ("de-CH", "german"),
        ("en", "english"),
        ("pt-BR", "portuguese"),
        ("nb", "norwegian"),
        ("ja", "simple"),
        ("zh-Hant-TW", "simple"),
    ],
)
def test_a_locale_is_searched_in_its_languages_configuration(locale: str, config: str) -> None:
    assert search_config(language_of(locale)) == config


async def test_every_configuration_named_exists_in_postgresql(database: Database) -> None:
    async with database.engine.connect() as connection:
        rows = await connection.exec_driver_sql("SELECT cfgname FROM pg_ts_config")
        existing = {row[0] for row in rows}
    assert set(SEARCH_CONFIGS.values()) | {"simple"} <= existing
