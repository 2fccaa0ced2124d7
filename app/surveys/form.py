"""A survey answered through an HTML form: every field arrives as a string.

Pure logic, no I/O. The fields become the answers `validate_answers` reads, so a form goes
through exactly the validation of the JSON route: a scale answer written in digits becomes its
number (anything else stays text and is read as an option label, whatever its case), a yes/no
answer becomes true or false, an empty field is no answer, and a field sent twice stays a list
(refused as not one answer).
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

from app.surveys.questions import SCALE_BOUNDS, QuestionSpec

YES_WORDS: Final = frozenset({"yes", "true", "1", "on"})
NO_WORDS: Final = frozenset({"no", "false", "0", "off"})
_INTEGER = re.compile(r"[+-]?[0-9]{1,9}")


def answers_from_form(
    questions: Sequence[QuestionSpec],
    fields: Iterable[tuple[str, str]],
    *,
    yes_no_words: Mapping[bool, Iterable[str]] | None = None,
) -> dict[str, object]:
    """Form fields as answers. `yes_no_words` adds the words of the page's language (Ja,
    Nein...) to yes/true/1/on and no/false/0/off, all matched whatever their case."""
    by_key = {spec.key: spec for spec in questions}
    grouped: dict[str, list[str]] = {}
    for name, value in fields:
        grouped.setdefault(name, []).append(value)
    yes = YES_WORDS | {word.casefold() for word in (yes_no_words or {}).get(True, ())}
    no = NO_WORDS | {word.casefold() for word in (yes_no_words or {}).get(False, ())}
    answers: dict[str, object] = {}
    for name, values in grouped.items():
        spec = by_key.get(name)
        if len(values) > 1 or spec is None:
            answers[name] = values if len(values) > 1 else values[0]
        else:
            answers[name] = _typed(spec, values[0], yes, no)
    return answers


def _typed(spec: QuestionSpec, value: str, yes: frozenset[str], no: frozenset[str]) -> object:
    if not value.strip():
        return None
    if spec.type in SCALE_BOUNDS and _INTEGER.fullmatch(value.strip()):
        return int(value)
    if spec.type == "yes_no":
        word = value.strip().casefold()
        return True if word in yes else False if word in no else value
    return value


def form_values(fields: Iterable[tuple[str, str]]) -> dict[str, str]:
    """What the customer entered, by field (the first value of each), to show it again."""
    values: dict[str, str] = {}
    for name, value in fields:
        values.setdefault(name, value)
    return values
