import json

from app.cli import OPENAPI_PATH, openapi_document
from app.config import Settings
from app.schema import PROJECT_ROOT


def test_committed_openapi_document_matches_the_app(settings: Settings) -> None:
    committed = (PROJECT_ROOT / OPENAPI_PATH).read_text(encoding="utf-8")
    assert committed == openapi_document(settings), (
        "openapi/openapi.json is stale: run `make openapi` and commit the result"
    )


def test_every_v1_operation_declares_bearer_auth_and_problem_errors(settings: Settings) -> None:
    document = json.loads(openapi_document(settings))
    for path, operations in document["paths"].items():
        if not path.startswith("/v1/") or path.startswith("/v1/public/"):
            continue
        for method, operation in operations.items():
            assert operation.get("security") == [{"HTTPBearer": []}], f"{method} {path}"
