"""Schemathesis against the app's own OpenAPI document, through a real served process, with every
check and phase: no 500, no schema-valid request refused (but for the rules schemathesis.toml
lists), every answer matches its documented status, content type and schema (problem+json)."""

from app.auth.scopes import Scope
from bench.schema_fuzz import fuzz
from tests.conftest import MakeKey

SUITE_EXAMPLES = 4  # bench/schema_fuzz.py runs the same with hundreds


async def test_every_operation_survives_schema_fuzzing(
    database_url: str, make_key: MakeKey
) -> None:
    api_key = await make_key(Scope.ADMIN, name="fuzz")
    code, output = await fuzz(database_url, api_key, SUITE_EXAMPLES)
    assert code == 0, output[-6000:]
    assert " passed" in output
