"""Built-in post-purchase survey, version 2: the satisfaction choices of the survey it follows

"Very satisfied / Somewhat satisfied / Neutral / Somewhat dissatisfied / Very dissatisfied"
instead of "Satisfied" and "Dissatisfied". Version 1 stays: its invitations and answers keep
the labels they were given.

Revision ID: 2f6a9c0d4e18
Revises: 8d41c7a2e6b5
Create Date: 2026-11-29 20:05:00+00:00
"""

import uuid
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '2f6a9c0d4e18'
down_revision: str | None = '8d41c7a2e6b5'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEMPLATE_ID = uuid.UUID("01a228e9-2de0-7c31-9d2e-5b7f0c1e2a90")  # uuid7 of its creation date
# Frozen here as data: a migration must not change when the code's definition does.
QUESTIONS: list[dict[str, Any]] = [
    {
        "key": "satisfaction",
        "type": "csat",
        "prompt": "How satisfied are you with our product/service?",
        "required": True,
        "options": [
            "Very satisfied",
            "Somewhat satisfied",
            "Neutral",
            "Somewhat dissatisfied",
            "Very dissatisfied"
        ],
        "max_length": None,
        "counts_as": "csat"
    },
    {
        "key": "website_ease",
        "type": "likert",
        "prompt": "How easy was it to find what you needed on our website?",
        "required": False,
        "options": [
            "Very easy",
            "Easy",
            "Neither easy nor difficult",
            "Difficult",
            "Very difficult"
        ],
        "max_length": None,
        "counts_as": None
    },
    {
        "key": "quality",
        "type": "rating",
        "prompt": "How would you rate the quality of our product/service?",
        "required": False,
        "options": [
            "Excellent",
            "Good",
            "Fair",
            "Poor"
        ],
        "max_length": None,
        "counts_as": None
    },
    {
        "key": "expectations_met",
        "type": "yes_no",
        "prompt": "Have we met your expectations regarding our product/service?",
        "required": True,
        "options": None,
        "max_length": None,
        "counts_as": "expectations_met"
    },
    {
        "key": "improvement",
        "type": "text",
        "prompt": "What do you think we could do better?",
        "required": False,
        "options": None,
        "max_length": 2000,
        "counts_as": None
    },
    {
        "key": "recommend",
        "type": "nps",
        "prompt": "How likely are you to recommend us to a friend or colleague?",
        "required": False,
        "options": None,
        "max_length": None,
        "counts_as": "nps"
    }
]


def upgrade() -> None:
    templates = sa.table(
        "survey_templates",
        sa.column("id", sa.Uuid()),
        sa.column("slug", sa.String()),
        sa.column("version", sa.Integer()),
        sa.column("name", sa.String()),
        sa.column("description", sa.String()),
        sa.column("builtin", sa.Boolean()),
        sa.column("questions", postgresql.JSONB()),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    op.get_bind().execute(
        templates.insert().values(
            id=TEMPLATE_ID,
            slug="post-purchase",
            version=2,
            name="Post-purchase satisfaction",
            description=(
                "Satisfaction, website ease, quality, expectations and likelihood to recommend."
            ),
            builtin=True,
            questions=QUESTIONS,
            created_at=sa.func.now(),
        )
    )


def downgrade() -> None:
    # Refused while answers or invitations point at version 2 (the foreign keys say so).
    op.execute(f"DELETE FROM survey_templates WHERE id = '{TEMPLATE_ID}'")
