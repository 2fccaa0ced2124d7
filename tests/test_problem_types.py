"""Every error cause has its own problem type: each one the app defines is raised somewhere and
listed in the OpenAPI document and the README. (The session fixture in conftest.py checks the
other way: every type an answer carried during the suite is documented.)"""

import ast
import re

import pytest

import app.main  # noqa: F401  imports every domain, so every problem type is registered
from app.kit.errors import AppError, ConflictError
from app.kit.migrations import PROJECT_ROOT
from app.kit.openapi import problem_types
from tests.support.problems import documented_problem_types

README_SECTION = "### Problem types"


def _subclasses(cls: type[AppError]) -> set[type[AppError]]:
    direct = set(cls.__subclasses__())
    return direct.union(*(_subclasses(sub) for sub in direct))


def _names_used_in_app() -> tuple[set[str], set[str]]:
    """(every name app/ reads other than as a base class, every name it calls)."""
    read: set[str] = set()
    called: set[str] = set()
    for path in (PROJECT_ROOT / "app").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bases = {
            id(base) for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
            for base in node.bases
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and id(node) not in bases:
                read.add(node.id)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                called.add(node.func.id)
    return read, called


def test_every_problem_type_is_raised_somewhere() -> None:
    read, _ = _names_used_in_app()
    unused = sorted(cls.__name__ for cls in AppError.registry.values() if cls.__name__ not in read)
    assert unused == [], f"problem types that nothing in app/ raises: {unused}"


def test_no_base_problem_class_is_raised() -> None:
    """A base (ConflictError, NotFoundError, ...) has no type of its own: raise a cause."""
    _, called = _names_used_in_app()
    bases = {cls.__name__ for cls in _subclasses(AppError) if cls not in AppError.registry.values()}
    assert sorted(bases & called) == []
    with pytest.raises(TypeError, match="is a base"):
        ConflictError("Something conflicts.")


def test_a_cause_without_a_docstring_is_refused() -> None:
    with pytest.raises(TypeError, match="needs a docstring"):

        class Undocumented(ConflictError):
            slug = "undocumented"


def test_the_openapi_document_lists_every_problem_type() -> None:
    assert documented_problem_types() == problem_types(), (
        "openapi/openapi.json is stale: run `make openapi` and commit the result"
    )


def _readme_table() -> list[str]:
    text = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(f"\n{README_SECTION}\n", 1)[1].split("\n#", 1)[0]
    return [line for line in section.splitlines() if line.startswith("|")]


def test_the_readme_lists_every_problem_type() -> None:
    expected = ["| type | status | when |", "|---|---|---|"] + [
        f"| `{entry['type']}` | {entry['status']} | {entry['description']} |"
        for entry in problem_types()
    ]
    assert _readme_table() == expected, (
        f"the table under {README_SECTION!r} in README.md should read:\n" + "\n".join(expected)
    )


def test_problem_types_are_readable_urns() -> None:
    for entry in problem_types():
        assert re.fullmatch(r"urn:aftercare:problem:[a-z0-9]+(-[a-z0-9]+)*", entry["type"])

