"""Survey templates carry their texts per locale: a template's own language (`locale`) and the
translations of its name, description, prompts and option labels; a response records the
language it was read in. The built-in templates get German, French and Spanish.

Adding texts to a built-in version changes no question, key, order or value, so the answers
given to it keep their meaning: the versions are completed in place rather than republished.

Revision ID: d81f4b2c6e93
Revises: a3c9e4f1b257
Create Date: 2026-11-30 10:15:00+00:00
"""

import uuid
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = 'd81f4b2c6e93'
down_revision: str | None = 'a3c9e4f1b257'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here as data: a migration must not change when the code's definition does.
TRANSLATIONS: dict[str, dict[str, Any]] = {
    # post-purchase v1
    "01a20aa4-9894-7bdc-98a3-b7332c80f247": {
        "de": {
            "name": "Zufriedenheit nach dem Kauf",
            "description": "Zufriedenheit, Bedienbarkeit der Website, Qualität, Erwartungen und Weiterempfehlung.",
            "questions": {
                "satisfaction": {
                    "prompt": "Wie zufrieden sind Sie mit unserem Produkt bzw. unserer Dienstleistung?",
                    "options": [
                        "Sehr zufrieden",
                        "Zufrieden",
                        "Neutral",
                        "Unzufrieden",
                        "Sehr unzufrieden"
                    ]
                },
                "website_ease": {
                    "prompt": "Wie leicht war es, auf unserer Website zu finden, was Sie gesucht haben?",
                    "options": [
                        "Sehr leicht",
                        "Leicht",
                        "Weder leicht noch schwer",
                        "Schwer",
                        "Sehr schwer"
                    ]
                },
                "quality": {
                    "prompt": "Wie bewerten Sie die Qualität unseres Produkts bzw. unserer Dienstleistung?",
                    "options": [
                        "Ausgezeichnet",
                        "Gut",
                        "Befriedigend",
                        "Schlecht"
                    ]
                },
                "expectations_met": {
                    "prompt": "Haben wir Ihre Erwartungen an unser Produkt bzw. unsere Dienstleistung erfüllt?",
                    "options": None
                },
                "improvement": {
                    "prompt": "Was könnten wir Ihrer Meinung nach besser machen?",
                    "options": None
                },
                "recommend": {
                    "prompt": "Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen empfehlen?",
                    "options": None
                }
            }
        },
        "es": {
            "name": "Satisfacción después de la compra",
            "description": "Satisfacción, facilidad de uso del sitio web, calidad, expectativas y probabilidad de recomendación.",
            "questions": {
                "satisfaction": {
                    "prompt": "¿Qué tan satisfecho/a está con nuestro producto o servicio?",
                    "options": [
                        "Muy satisfecho/a",
                        "Satisfecho/a",
                        "Neutral",
                        "Insatisfecho/a",
                        "Muy insatisfecho/a"
                    ]
                },
                "website_ease": {
                    "prompt": "¿Qué tan fácil le resultó encontrar lo que necesitaba en nuestro sitio web?",
                    "options": [
                        "Muy fácil",
                        "Fácil",
                        "Ni fácil ni difícil",
                        "Difícil",
                        "Muy difícil"
                    ]
                },
                "quality": {
                    "prompt": "¿Cómo valoraría la calidad de nuestro producto o servicio?",
                    "options": [
                        "Excelente",
                        "Buena",
                        "Regular",
                        "Mala"
                    ]
                },
                "expectations_met": {
                    "prompt": "¿Hemos cumplido sus expectativas con respecto a nuestro producto o servicio?",
                    "options": None
                },
                "improvement": {
                    "prompt": "¿Qué cree que podríamos hacer mejor?",
                    "options": None
                },
                "recommend": {
                    "prompt": "¿Qué probabilidad hay de que nos recomiende a un amigo o colega?",
                    "options": None
                }
            }
        },
        "fr": {
            "name": "Satisfaction après achat",
            "description": "Satisfaction, facilité d'utilisation du site, qualité, attentes et probabilité de recommandation.",
            "questions": {
                "satisfaction": {
                    "prompt": "Dans quelle mesure êtes-vous satisfait(e) de notre produit ou service\u00a0?",
                    "options": [
                        "Très satisfait(e)",
                        "Satisfait(e)",
                        "Neutre",
                        "Insatisfait(e)",
                        "Très insatisfait(e)"
                    ]
                },
                "website_ease": {
                    "prompt": "Dans quelle mesure a-t-il été facile de trouver ce dont vous aviez besoin sur notre site\u00a0?",
                    "options": [
                        "Très facile",
                        "Facile",
                        "Ni facile ni difficile",
                        "Difficile",
                        "Très difficile"
                    ]
                },
                "quality": {
                    "prompt": "Comment évaluez-vous la qualité de notre produit ou service\u00a0?",
                    "options": [
                        "Excellente",
                        "Bonne",
                        "Passable",
                        "Mauvaise"
                    ]
                },
                "expectations_met": {
                    "prompt": "Avons-nous répondu à vos attentes concernant notre produit ou service\u00a0?",
                    "options": None
                },
                "improvement": {
                    "prompt": "Selon vous, que pourrions-nous améliorer\u00a0?",
                    "options": None
                },
                "recommend": {
                    "prompt": "Quelle est la probabilité que vous nous recommandiez à un ami ou à un collègue\u00a0?",
                    "options": None
                }
            }
        }
    },
    # post-purchase v2
    "01a228e9-2de0-7c31-9d2e-5b7f0c1e2a90": {
        "de": {
            "name": "Zufriedenheit nach dem Kauf",
            "description": "Zufriedenheit, Bedienbarkeit der Website, Qualität, Erwartungen und Weiterempfehlung.",
            "questions": {
                "satisfaction": {
                    "prompt": "Wie zufrieden sind Sie mit unserem Produkt bzw. unserer Dienstleistung?",
                    "options": [
                        "Sehr zufrieden",
                        "Eher zufrieden",
                        "Neutral",
                        "Eher unzufrieden",
                        "Sehr unzufrieden"
                    ]
                },
                "website_ease": {
                    "prompt": "Wie leicht war es, auf unserer Website zu finden, was Sie gesucht haben?",
                    "options": [
                        "Sehr leicht",
                        "Leicht",
                        "Weder leicht noch schwer",
                        "Schwer",
                        "Sehr schwer"
                    ]
                },
                "quality": {
                    "prompt": "Wie bewerten Sie die Qualität unseres Produkts bzw. unserer Dienstleistung?",
                    "options": [
                        "Ausgezeichnet",
                        "Gut",
                        "Befriedigend",
                        "Schlecht"
                    ]
                },
                "expectations_met": {
                    "prompt": "Haben wir Ihre Erwartungen an unser Produkt bzw. unsere Dienstleistung erfüllt?",
                    "options": None
                },
                "improvement": {
                    "prompt": "Was könnten wir Ihrer Meinung nach besser machen?",
                    "options": None
                },
                "recommend": {
                    "prompt": "Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen empfehlen?",
                    "options": None
                }
            }
        },
        "es": {
            "name": "Satisfacción después de la compra",
            "description": "Satisfacción, facilidad de uso del sitio web, calidad, expectativas y probabilidad de recomendación.",
            "questions": {
                "satisfaction": {
                    "prompt": "¿Qué tan satisfecho/a está con nuestro producto o servicio?",
                    "options": [
                        "Muy satisfecho/a",
                        "Algo satisfecho/a",
                        "Neutral",
                        "Algo insatisfecho/a",
                        "Muy insatisfecho/a"
                    ]
                },
                "website_ease": {
                    "prompt": "¿Qué tan fácil le resultó encontrar lo que necesitaba en nuestro sitio web?",
                    "options": [
                        "Muy fácil",
                        "Fácil",
                        "Ni fácil ni difícil",
                        "Difícil",
                        "Muy difícil"
                    ]
                },
                "quality": {
                    "prompt": "¿Cómo valoraría la calidad de nuestro producto o servicio?",
                    "options": [
                        "Excelente",
                        "Buena",
                        "Regular",
                        "Mala"
                    ]
                },
                "expectations_met": {
                    "prompt": "¿Hemos cumplido sus expectativas con respecto a nuestro producto o servicio?",
                    "options": None
                },
                "improvement": {
                    "prompt": "¿Qué cree que podríamos hacer mejor?",
                    "options": None
                },
                "recommend": {
                    "prompt": "¿Qué probabilidad hay de que nos recomiende a un amigo o colega?",
                    "options": None
                }
            }
        },
        "fr": {
            "name": "Satisfaction après achat",
            "description": "Satisfaction, facilité d'utilisation du site, qualité, attentes et probabilité de recommandation.",
            "questions": {
                "satisfaction": {
                    "prompt": "Dans quelle mesure êtes-vous satisfait(e) de notre produit ou service\u00a0?",
                    "options": [
                        "Très satisfait(e)",
                        "Plutôt satisfait(e)",
                        "Neutre",
                        "Plutôt insatisfait(e)",
                        "Très insatisfait(e)"
                    ]
                },
                "website_ease": {
                    "prompt": "Dans quelle mesure a-t-il été facile de trouver ce dont vous aviez besoin sur notre site\u00a0?",
                    "options": [
                        "Très facile",
                        "Facile",
                        "Ni facile ni difficile",
                        "Difficile",
                        "Très difficile"
                    ]
                },
                "quality": {
                    "prompt": "Comment évaluez-vous la qualité de notre produit ou service\u00a0?",
                    "options": [
                        "Excellente",
                        "Bonne",
                        "Passable",
                        "Mauvaise"
                    ]
                },
                "expectations_met": {
                    "prompt": "Avons-nous répondu à vos attentes concernant notre produit ou service\u00a0?",
                    "options": None
                },
                "improvement": {
                    "prompt": "Selon vous, que pourrions-nous améliorer\u00a0?",
                    "options": None
                },
                "recommend": {
                    "prompt": "Quelle est la probabilité que vous nous recommandiez à un ami ou à un collègue\u00a0?",
                    "options": None
                }
            }
        }
    },
    # support-csat v1
    "01a20aa4-9894-7fee-ae9a-b46e58ab2421": {
        "de": {
            "name": "Zufriedenheit mit dem Kundenservice",
            "description": "Kundenzufriedenheit mit einer Anfrage beim Kundenservice, mit optionalem Kommentar.",
            "questions": {
                "support_satisfaction": {
                    "prompt": "Wie zufrieden sind Sie mit der Unterstützung, die Sie erhalten haben?",
                    "options": [
                        "Sehr zufrieden",
                        "Zufrieden",
                        "Neutral",
                        "Unzufrieden",
                        "Sehr unzufrieden"
                    ]
                },
                "comment": {
                    "prompt": "Möchten Sie uns noch etwas mitteilen?",
                    "options": None
                }
            }
        },
        "es": {
            "name": "Satisfacción con la atención al cliente",
            "description": "Satisfacción del cliente con una consulta de atención al cliente, con un comentario opcional.",
            "questions": {
                "support_satisfaction": {
                    "prompt": "¿Qué tan satisfecho/a está con la atención que recibió?",
                    "options": [
                        "Muy satisfecho/a",
                        "Satisfecho/a",
                        "Neutral",
                        "Insatisfecho/a",
                        "Muy insatisfecho/a"
                    ]
                },
                "comment": {
                    "prompt": "¿Hay algo más que quiera decirnos?",
                    "options": None
                }
            }
        },
        "fr": {
            "name": "Satisfaction concernant l'assistance",
            "description": "Satisfaction du client après un échange avec l'assistance, avec un commentaire facultatif.",
            "questions": {
                "support_satisfaction": {
                    "prompt": "Dans quelle mesure êtes-vous satisfait(e) de l'assistance que vous avez reçue\u00a0?",
                    "options": [
                        "Très satisfait(e)",
                        "Satisfait(e)",
                        "Neutre",
                        "Insatisfait(e)",
                        "Très insatisfait(e)"
                    ]
                },
                "comment": {
                    "prompt": "Souhaitez-vous nous dire autre chose\u00a0?",
                    "options": None
                }
            }
        }
    },
}


def upgrade() -> None:
    op.add_column(
        'survey_templates',
        sa.Column('locale', sa.String(length=35), server_default=sa.text("'en'"),
                  nullable=False),
    )
    op.add_column(
        'survey_templates',
        sa.Column('translations', postgresql.JSONB(astext_type=sa.Text()),
                  server_default=sa.text("'{}'::jsonb"), nullable=False),
    )
    op.add_column('survey_responses', sa.Column('locale', sa.String(length=35)))
    templates = sa.table(
        'survey_templates',
        sa.column('id', sa.Uuid()),
        sa.column('translations', postgresql.JSONB()),
    )
    for template_id, translations in TRANSLATIONS.items():
        op.get_bind().execute(
            templates.update()
            .where(templates.c.id == uuid.UUID(template_id))
            .values(translations=translations)
        )


def downgrade() -> None:
    op.drop_column('survey_responses', 'locale')
    op.drop_column('survey_templates', 'translations')
    op.drop_column('survey_templates', 'locale')
