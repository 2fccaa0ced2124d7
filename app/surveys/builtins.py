"""The survey templates shipped with the service, in English, German, French and Spanish.

A migration stores each version as data; tests/surveys/test_templates.py checks that the
database holds what this module defines.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

from app.surveys.questions import DEFAULT_TEXT_MAX_LENGTH, QuestionSpec, validate_template_questions
from app.surveys.texts import QuestionText, TemplateTranslation, complete_translation

NBSP = "\u00a0"  # French sets a (non-breaking) space before ? and :


@dataclass(frozen=True, slots=True)
class BuiltinTemplate:
    """A survey template shipped with the service; its questions and translations are checked
    on creation."""

    slug: str
    version: int  # the version a migration stored; a change ships as the next version
    name: str
    description: str
    questions: tuple[QuestionSpec, ...]
    locale: str = "en"
    translations: Mapping[str, TemplateTranslation] = field(default_factory=dict)

    def __post_init__(self) -> None:
        validate_template_questions(self.questions)
        for locale, translation in self.translations.items():
            complete_translation(locale, self.questions, translation)


def _texts(
    name: str, description: str, questions: dict[str, tuple[str, tuple[str, ...] | None]]
) -> TemplateTranslation:
    return TemplateTranslation(
        name=name,
        description=description,
        questions={
            key: QuestionText(prompt=prompt, options=options)
            for key, (prompt, options) in questions.items()
        },
    )


POST_PURCHASE_TEMPLATE: Final = BuiltinTemplate(
    slug="post-purchase",
    version=2,  # version 1 offered "Satisfied" and "Dissatisfied" (its answers keep them)
    name="Post-purchase satisfaction",
    description="Satisfaction, website ease, quality, expectations and likelihood to recommend.",
    questions=(
        QuestionSpec(
            key="satisfaction",
            type="csat",
            prompt="How satisfied are you with our product/service?",
            required=True,
            options=(
                "Very satisfied",
                "Somewhat satisfied",
                "Neutral",
                "Somewhat dissatisfied",
                "Very dissatisfied",
            ),
            counts_as="csat",
        ),
        QuestionSpec(
            key="website_ease",
            type="likert",
            prompt="How easy was it to find what you needed on our website?",
            required=False,
            options=(
                "Very easy",
                "Easy",
                "Neither easy nor difficult",
                "Difficult",
                "Very difficult",
            ),
        ),
        QuestionSpec(
            key="quality",
            type="rating",
            prompt="How would you rate the quality of our product/service?",
            required=False,
            options=("Excellent", "Good", "Fair", "Poor"),
        ),
        QuestionSpec(
            key="expectations_met",
            type="yes_no",
            prompt="Have we met your expectations regarding our product/service?",
            required=True,
            counts_as="expectations_met",
        ),
        QuestionSpec(
            key="improvement",
            type="text",
            prompt="What do you think we could do better?",
            required=False,
            max_length=DEFAULT_TEXT_MAX_LENGTH,
        ),
        QuestionSpec(
            key="recommend",
            type="nps",
            prompt="How likely are you to recommend us to a friend or colleague?",
            required=False,
            counts_as="nps",
        ),
    ),
    translations={
        "de": _texts(
            "Zufriedenheit nach dem Kauf",
            "Zufriedenheit, Bedienbarkeit der Website, Qualität, Erwartungen und"
            " Weiterempfehlung.",
            {
                "satisfaction": (
                    "Wie zufrieden sind Sie mit unserem Produkt bzw. unserer Dienstleistung?",
                    ("Sehr zufrieden", "Eher zufrieden", "Neutral", "Eher unzufrieden",
                     "Sehr unzufrieden"),
                ),
                "website_ease": (
                    "Wie leicht war es, auf unserer Website zu finden, was Sie gesucht haben?",
                    ("Sehr leicht", "Leicht", "Weder leicht noch schwer", "Schwer",
                     "Sehr schwer"),
                ),
                "quality": (
                    "Wie bewerten Sie die Qualität unseres Produkts bzw. unserer"
                    " Dienstleistung?",
                    ("Ausgezeichnet", "Gut", "Befriedigend", "Schlecht"),
                ),
                "expectations_met": (
                    "Haben wir Ihre Erwartungen an unser Produkt bzw. unsere Dienstleistung"
                    " erfüllt?",
                    None,
                ),
                "improvement": ("Was könnten wir Ihrer Meinung nach besser machen?", None),
                "recommend": (
                    "Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen"
                    " empfehlen?",
                    None,
                ),
            },
        ),
        "es": _texts(
            "Satisfacción después de la compra",
            "Satisfacción, facilidad de uso del sitio web, calidad, expectativas y probabilidad"
            " de recomendación.",
            {
                "satisfaction": (
                    "¿Qué tan satisfecho/a está con nuestro producto o servicio?",
                    ("Muy satisfecho/a", "Algo satisfecho/a", "Neutral", "Algo insatisfecho/a",
                     "Muy insatisfecho/a"),
                ),
                "website_ease": (
                    "¿Qué tan fácil le resultó encontrar lo que necesitaba en nuestro sitio web?",
                    ("Muy fácil", "Fácil", "Ni fácil ni difícil", "Difícil", "Muy difícil"),
                ),
                "quality": (
                    "¿Cómo valoraría la calidad de nuestro producto o servicio?",
                    ("Excelente", "Buena", "Regular", "Mala"),
                ),
                "expectations_met": (
                    "¿Hemos cumplido sus expectativas con respecto a nuestro producto o"
                    " servicio?",
                    None,
                ),
                "improvement": ("¿Qué cree que podríamos hacer mejor?", None),
                "recommend": (
                    "¿Qué probabilidad hay de que nos recomiende a un amigo o colega?",
                    None,
                ),
            },
        ),
        "fr": _texts(
            "Satisfaction après achat",
            "Satisfaction, facilité d'utilisation du site, qualité, attentes et probabilité de"
            " recommandation.",
            {
                "satisfaction": (
                    f"Dans quelle mesure êtes-vous satisfait(e) de notre produit ou service{NBSP}?",
                    ("Très satisfait(e)", "Plutôt satisfait(e)", "Neutre",
                     "Plutôt insatisfait(e)", "Très insatisfait(e)"),
                ),
                "website_ease": (
                    "Dans quelle mesure a-t-il été facile de trouver ce dont vous aviez besoin"
                    f" sur notre site{NBSP}?",
                    ("Très facile", "Facile", "Ni facile ni difficile", "Difficile",
                     "Très difficile"),
                ),
                "quality": (
                    f"Comment évaluez-vous la qualité de notre produit ou service{NBSP}?",
                    ("Excellente", "Bonne", "Passable", "Mauvaise"),
                ),
                "expectations_met": (
                    "Avons-nous répondu à vos attentes concernant notre produit ou"
                    f" service{NBSP}?",
                    None,
                ),
                "improvement": (f"Selon vous, que pourrions-nous améliorer{NBSP}?", None),
                "recommend": (
                    "Quelle est la probabilité que vous nous recommandiez à un ami ou à un"
                    f" collègue{NBSP}?",
                    None,
                ),
            },
        ),
    },
)

SUPPORT_CSAT_TEMPLATE: Final = BuiltinTemplate(
    slug="support-csat",
    version=1,
    name="Support satisfaction",
    description="Customer satisfaction with a support interaction, with an optional comment.",
    questions=(
        QuestionSpec(
            key="support_satisfaction",
            type="csat",
            prompt="How satisfied are you with the support you received?",
            required=True,
            counts_as="csat",
        ),
        QuestionSpec(
            key="comment",
            type="text",
            prompt="Is there anything else you would like to tell us?",
            required=False,
        ),
    ),
    translations={
        "de": _texts(
            "Zufriedenheit mit dem Kundenservice",
            "Kundenzufriedenheit mit einer Anfrage beim Kundenservice, mit optionalem"
            " Kommentar.",
            {
                "support_satisfaction": (
                    "Wie zufrieden sind Sie mit der Unterstützung, die Sie erhalten haben?",
                    ("Sehr zufrieden", "Zufrieden", "Neutral", "Unzufrieden",
                     "Sehr unzufrieden"),
                ),
                "comment": ("Möchten Sie uns noch etwas mitteilen?", None),
            },
        ),
        "es": _texts(
            "Satisfacción con la atención al cliente",
            "Satisfacción del cliente con una consulta de atención al cliente, con un"
            " comentario opcional.",
            {
                "support_satisfaction": (
                    "¿Qué tan satisfecho/a está con la atención que recibió?",
                    ("Muy satisfecho/a", "Satisfecho/a", "Neutral", "Insatisfecho/a",
                     "Muy insatisfecho/a"),
                ),
                "comment": ("¿Hay algo más que quiera decirnos?", None),
            },
        ),
        "fr": _texts(
            "Satisfaction concernant l'assistance",
            "Satisfaction du client après un échange avec l'assistance, avec un commentaire"
            " facultatif.",
            {
                "support_satisfaction": (
                    "Dans quelle mesure êtes-vous satisfait(e) de l'assistance que vous avez"
                    f" reçue{NBSP}?",
                    ("Très satisfait(e)", "Satisfait(e)", "Neutre", "Insatisfait(e)",
                     "Très insatisfait(e)"),
                ),
                "comment": (f"Souhaitez-vous nous dire autre chose{NBSP}?", None),
            },
        ),
    },
)

BUILTIN_TEMPLATES: Final[Mapping[str, BuiltinTemplate]] = MappingProxyType(
    {template.slug: template for template in (POST_PURCHASE_TEMPLATE, SUPPORT_CSAT_TEMPLATE)}
)
