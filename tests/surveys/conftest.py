import pytest

from app.auth.scopes import Scope
from tests.conftest import MakeKey
from tests.support.api import bearer


@pytest.fixture
async def survey_headers(make_key: MakeKey) -> dict[str, str]:
    return bearer(await make_key(Scope.SURVEYS_READ, Scope.SURVEYS_WRITE, name="surveys"))
