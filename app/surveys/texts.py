"""A template's texts in other languages, and the choice of one for a customer.

Pure logic, no I/O. A template is written in one language (its `locale`); `translations` give
its name, description, question prompts and option labels in others. Only texts are
translated: the question keys, their order, types and values are the template's own, so answers
given in any language are the same data (an option is worth its position, whichever language
its label was read in, and the answer stores the template language's label).
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Annotated, Final

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from app.surveys.questions import DEFAULT_CSAT_LABELS, KEY_PATTERN, OptionLabel, QuestionSpec

# language[-Script][-REGION], the BCP 47 tags used in practice (en, de-CH, zh-Hant-TW, es-419).
LOCALE_PATTERN: Final = r"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?$"
MAX_TRANSLATIONS: Final = 40

# The default csat labels (DEFAULT_CSAT_LABELS) in the languages the built-in templates ship in:
# a template that keeps the default labels gets them translated without writing them out.
DEFAULT_CSAT_LABELS_BY_LANGUAGE: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType({
    "en": DEFAULT_CSAT_LABELS,
    "de": ("Sehr zufrieden", "Zufrieden", "Neutral", "Unzufrieden", "Sehr unzufrieden"),
    "fr": (
        "Très satisfait(e)", "Satisfait(e)", "Neutre", "Insatisfait(e)", "Très insatisfait(e)",
    ),
    "es": (
        "Muy satisfecho/a", "Satisfecho/a", "Neutral", "Insatisfecho/a", "Muy insatisfecho/a",
    ),
})


def normalise_locale(tag: str) -> str:
    """The BCP 47 spelling of a tag: `de-ch` -> `de-CH`, `ZH-hant` -> `zh-Hant`; `_` is
    accepted for `-`. ValueError if it is not language[-Script][-Region]."""
    tag = tag.strip().replace("_", "-")
    if not re.fullmatch(LOCALE_PATTERN, tag):
        raise ValueError(f"{tag[:40]!r} is not a language tag (BCP 47), e.g. en, de-CH")
    language, *rest = tag.split("-")
    parts = [language.lower()]
    for part in rest:
        parts.append(part.title() if len(part) == 4 else part.upper())
    return "-".join(parts)


def primary_language(tag: str) -> str:
    return tag.split("-")[0].lower()


def accept_language_tags(header: str | None, limit: int = 20) -> list[str]:
    """The tags of an Accept-Language header, most wanted first (q-values, then order); `*`,
    q=0 and unreadable entries left out."""
    weighted: list[tuple[float, int, str]] = []
    for position, entry in enumerate((header or "").split(",")[:limit]):
        tag, _, parameters = entry.strip().partition(";")
        match = re.fullmatch(r"\s*q\s*=\s*([01](?:\.[0-9]{0,3})?)\s*", parameters)
        quality = float(match.group(1)) if match else 0.0 if parameters.strip() else 1.0
        if tag.strip() and tag.strip() != "*" and quality > 0:
            weighted.append((-quality, position, tag.strip()))
    return [tag for _, _, tag in sorted(weighted)]


LocaleTag = Annotated[
    str,
    StringConstraints(max_length=35, pattern=LOCALE_PATTERN),
    AfterValidator(normalise_locale),
]
Prompt = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
QuestionKey = Annotated[str, StringConstraints(pattern=KEY_PATTERN)]


class QuestionText(BaseModel):
    """One question's texts in another language: its prompt, and its option labels in the
    template's order (most positive first) when the question has options."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    prompt: Prompt
    options: tuple[OptionLabel, ...] | None = None


class TemplateTranslation(BaseModel):
    """A template's texts in one language; every question of the template, by key."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    description: Annotated[
        str, StringConstraints(strip_whitespace=True, max_length=1000)
    ] | None = None
    questions: dict[QuestionKey, QuestionText] = Field(
        description="question key -> its prompt (and option labels); the template's keys, all"
        " of them and no other"
    )


def complete_translation(
    locale: str, questions: Sequence[QuestionSpec], translation: TemplateTranslation
) -> TemplateTranslation:
    """The translation checked against the template's questions, with the default csat labels
    filled in where the question keeps them and the language has them; ValueError naming every
    problem otherwise."""
    problems: list[str] = []
    by_key = {spec.key: spec for spec in questions}
    missing = [key for key in by_key if key not in translation.questions]
    unknown = [key for key in translation.questions if key not in by_key]
    if missing:
        problems.append(f"no text for question(s) {', '.join(missing)}")
    if unknown:
        problems.append(f"unknown question(s) {', '.join(unknown)}")
    completed: dict[str, QuestionText] = {}
    for key, text in translation.questions.items():
        spec = by_key.get(key)
        if spec is None:
            continue
        text = _with_default_options(locale, spec, text)
        problems += [f"{key}: {problem}" for problem in _option_problems(spec, text)]
        completed[key] = text
    if problems:
        raise ValueError(f"translation {locale}: " + "; ".join(problems))
    ordered = {spec.key: completed[spec.key] for spec in questions}
    return translation.model_copy(update={"questions": ordered})


def _with_default_options(locale: str, spec: QuestionSpec, text: QuestionText) -> QuestionText:
    defaults = DEFAULT_CSAT_LABELS_BY_LANGUAGE.get(primary_language(locale))
    if text.options is None and spec.options == DEFAULT_CSAT_LABELS and defaults is not None:
        return text.model_copy(update={"options": defaults})
    return text


def _option_problems(spec: QuestionSpec, text: QuestionText) -> list[str]:
    if spec.options is None:
        return [] if text.options is None else [f"{spec.type} questions take no options"]
    if text.options is None or len(text.options) != len(spec.options):
        given = 0 if text.options is None else len(text.options)
        return [f"needs {len(spec.options)} option labels, as the question has, got {given}"]
    if len({label.casefold() for label in text.options}) != len(text.options):
        return ["option labels must be distinct"]
    return []


@dataclass(frozen=True, slots=True)
class TemplateTexts:
    """Everything of a template that has a language."""

    locale: str
    name: str
    description: str | None
    questions: tuple[QuestionSpec, ...]
    translations: Mapping[str, TemplateTranslation]

    @property
    def locales(self) -> tuple[str, ...]:
        """The template's own language first, then its translations in alphabetical order."""
        return (self.locale, *sorted(self.translations))

    def choose_locale(self, candidates: Iterable[str | None]) -> str:
        """The first candidate the template speaks: the same tag, else the same language
        (`de-CH` reads `de`, `de` reads `de-AT`); the template's own language if none does.
        Candidates that are no language tag are passed over."""
        for candidate in candidates:
            found = self._match(candidate) if candidate else None
            if found is not None:
                return found
        return self.locale

    def _match(self, candidate: str) -> str | None:
        try:
            wanted = normalise_locale(candidate)
        except ValueError:
            return None
        if wanted in self.locales:
            return wanted
        language = primary_language(wanted)
        return next((tag for tag in self.locales if primary_language(tag) == language), None)

    def in_locale(self, locale: str) -> "LocalisedTemplate":
        """The template's texts in one of its locales (its own for an unknown one)."""
        translation = self.translations.get(locale)
        if translation is None:
            return LocalisedTemplate(self.locale, self.name, self.description, self.questions)
        questions = tuple(
            spec.model_copy(update={
                "prompt": translation.questions[spec.key].prompt,
                "options": translation.questions[spec.key].options,
            })
            for spec in self.questions
        )
        return LocalisedTemplate(locale, translation.name, translation.description, questions)

    def label_sets(self, preferred: str) -> dict[str, list[tuple[str, ...]]]:
        """For each question with options, its labels in every language, the preferred locale's
        first and the template's own next: an answer may use any of them."""
        order = [preferred, *[tag for tag in self.locales if tag != preferred]]
        sets: dict[str, list[tuple[str, ...]]] = {}
        for spec in self.questions:
            if spec.options is None:
                continue
            sets[spec.key] = [
                labels for tag in order if (labels := self._options(tag, spec)) is not None
            ]
        return sets

    def _options(self, locale: str, spec: QuestionSpec) -> tuple[str, ...] | None:
        if locale == self.locale:
            return spec.options
        translation = self.translations.get(locale)
        return None if translation is None else translation.questions[spec.key].options


@dataclass(frozen=True, slots=True)
class LocalisedTemplate:
    locale: str
    name: str
    description: str | None
    questions: tuple[QuestionSpec, ...]
