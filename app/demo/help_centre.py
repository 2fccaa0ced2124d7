"""The demo's help centre: a few articles in English, German, French and Spanish (translations
linked), an update notice for recent orders, readings and votes over the last weeks, and agent
replies of the demo tickets citing the article of their topic. Each article's publication is
recorded as the knowledge base records it: an `article.published` event (version 1, by the
service itself; no webhook deliveries, as for the demo's other events).

Pure: `help_centre_rows` builds the rows from the seed; `app.demo.seed` writes them and picks
the orders and replies they refer to. Bodies are rendered and sanitised by the knowledge base's
own Markdown pipeline, so the pages show exactly what the API would have stored.
"""

import json
import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final

from app.demo.generate import ts, uuid7_at
from app.events.types import SystemActor
from app.kb.languages import language_of, search_config
from app.kb.markdown import plain_text, render_markdown
from app.kb.schemas import ArticleOut, ArticlePublishedData, public_path

DAY: Final = 86_400.0
VIEW_DAYS: Final = 42
NOTICE_ORDERS: Final = 8
CITATION_SHARE: Final = 0.3  # of the recent public agent replies on a topic with an article
CITATION_DAYS: Final = 60


@dataclass(frozen=True, slots=True)
class Text:
    title: str
    summary: str
    body: str
    category: str


@dataclass(frozen=True, slots=True)
class Topic:
    """One article and its translations; `tag` is the demo tickets' topic it answers."""

    tag: str | None
    texts: dict[str, Text]  # locale -> text
    popularity: int  # readings a day, about
    helpful_share: float
    notice: bool = False


TOPICS: Final = (
    Topic(
        "delivery",
        {
            "en": Text(
                "Where is my order?",
                "How to follow your parcel, and when to ask us.",
                "Most parcels arrive within **3 working days** of shipping.\n\n"
                "1. Open the email *Your order has shipped*.\n"
                "2. Follow the tracking link: it shows where the parcel is now.\n\n"
                "If the tracking has not moved for 5 working days, write to us and we ask "
                "the carrier for a trace.",
                "Delivery",
            ),
            "de": Text(
                "Wo ist meine Bestellung?",
                "So verfolgen Sie Ihr Paket.",
                "Die meisten Pakete kommen innerhalb von **3 Werktagen** nach dem Versand "
                "an.\n\n1. Öffnen Sie die E-Mail *Ihre Bestellung wurde versandt*.\n"
                "2. Folgen Sie dem Sendungslink.\n\n"
                "Bewegt sich die Sendung 5 Werktage nicht, schreiben Sie uns.",
                "Versand",
            ),
            "fr": Text(
                "Où est ma commande ?",
                "Comment suivre votre colis.",
                "La plupart des colis arrivent sous **3 jours ouvrés**.\n\n"
                "1. Ouvrez l'e-mail *Votre commande a été expédiée*.\n"
                "2. Suivez le lien de suivi.",
                "Livraison",
            ),
            "es": Text(
                "¿Dónde está mi pedido?",
                "Cómo seguir su paquete.",
                "La mayoría de los paquetes llegan en **3 días laborables**.\n\n"
                "1. Abra el correo *Su pedido ha sido enviado*.\n"
                "2. Siga el enlace de seguimiento.",
                "Envíos",
            ),
        },
        40,
        0.72,
    ),
    Topic(
        "returns",
        {
            "en": Text(
                "Returning an item",
                "30 days, free of charge.",
                "You can return any item within **30 days**.\n\n"
                "| Step | What to do |\n|---|---|\n| 1 | Print the label from your account |\n"
                "| 2 | Drop the parcel at any post office |\n\n"
                "We refund within 5 working days of receiving it.",
                "Returns",
            ),
            "de": Text(
                "Artikel zurücksenden",
                "30 Tage, kostenlos.",
                "Sie können jeden Artikel innerhalb von **30 Tagen** zurücksenden. "
                "Drucken Sie das Etikett in Ihrem Konto aus und geben Sie das Paket bei "
                "der Post ab.",
                "Rücksendungen",
            ),
            "fr": Text(
                "Retourner un article",
                "30 jours, gratuitement.",
                "Vous pouvez retourner un article sous **30 jours** : imprimez l'étiquette "
                "depuis votre compte et déposez le colis à la poste.",
                "Retours",
            ),
            "es": Text(
                "Devolver un artículo",
                "30 días, gratis.",
                "Puede devolver cualquier artículo en **30 días**: imprima la etiqueta "
                "desde su cuenta y deje el paquete en correos.",
                "Devoluciones",
            ),
        },
        25,
        0.81,
    ),
    Topic(
        "refund",
        {
            "en": Text(
                "When will I get my refund?",
                "Refunds take 3-5 working days to show.",
                "Once the return reaches us we refund within **5 working days**; your bank "
                "may take another 3-5 days to show it.",
                "Returns",
            ),
            "de": Text(
                "Wann bekomme ich mein Geld zurück?",
                "Erstattungen brauchen 3-5 Werktage.",
                "Sobald die Rücksendung bei uns ist, erstatten wir innerhalb von **5 Werktagen**.",
                "Rücksendungen",
            ),
            "fr": Text(
                "Quand serai-je remboursé ?",
                "Comptez 3 à 5 jours ouvrés.",
                "Dès réception du retour, nous remboursons sous **5 jours ouvrés**.",
                "Retours",
            ),
            "es": Text(
                "¿Cuándo recibiré mi reembolso?",
                "Los reembolsos tardan de 3 a 5 días.",
                "Cuando recibimos la devolución, reembolsamos en **5 días laborables**.",
                "Devoluciones",
            ),
        },
        18,
        0.58,
    ),
    Topic(
        "damaged",
        {
            "en": Text(
                "My item arrived damaged",
                "Send us a photo: we replace it.",
                "Sorry! Reply to your order email with a **photo of the item and the box**; "
                "we send a replacement at once, no need to return the broken one.",
                "Delivery",
            ),
            "de": Text(
                "Mein Artikel kam beschädigt an",
                "Schicken Sie uns ein Foto.",
                "Das tut uns leid! Schicken Sie uns ein **Foto von Artikel und Karton**; "
                "wir senden sofort Ersatz.",
                "Versand",
            ),
            "fr": Text(
                "Mon article est arrivé endommagé",
                "Envoyez-nous une photo.",
                "Désolés ! Envoyez-nous une **photo de l'article et du carton** : nous "
                "expédions un remplacement.",
                "Livraison",
            ),
            "es": Text(
                "Mi artículo llegó dañado",
                "Envíenos una foto.",
                "¡Lo sentimos! Envíenos una **foto del artículo y la caja** y le mandamos otro.",
                "Envíos",
            ),
        },
        10,
        0.66,
    ),
    Topic(
        "address",
        {
            "en": Text(
                "Changing the delivery address",
                "Possible until the order ships.",
                "Write to us **before the order ships** and we change the address. Once "
                "shipped, the carrier's link lets you redirect the parcel.",
                "Orders",
            ),
            "de": Text(
                "Lieferadresse ändern",
                "Möglich, bis die Bestellung versandt ist.",
                "Schreiben Sie uns **vor dem Versand**, dann ändern wir die Adresse.",
                "Bestellungen",
            ),
        },
        8,
        0.75,
    ),
    Topic(
        "payment",
        {
            "en": Text(
                "I was charged twice",
                "A pending authorisation, not a second charge.",
                "The second amount is usually a **card authorisation** that your bank "
                "releases within 7 days. If it stays, write to us with both amounts.",
                "Payments",
            ),
            "de": Text(
                "Mir wurde doppelt abgebucht",
                "Meist nur eine Vormerkung.",
                "Der zweite Betrag ist meist eine **Vormerkung**, die Ihre Bank innerhalb "
                "von 7 Tagen freigibt.",
                "Zahlungen",
            ),
        },
        6,
        0.5,
    ),
    Topic(
        None,
        {
            "en": Text(
                "Strike at our carrier: deliveries 2-3 days late",
                "Orders placed this week may arrive later than promised.",
                "A strike at our main carrier delays parcels by **2-3 days**. Your order "
                "is on its way; there is nothing you need to do.",
                "Notices",
            ),
            "de": Text(
                "Streik beim Paketdienst: Lieferungen 2-3 Tage später",
                "Bestellungen dieser Woche kommen eventuell später an.",
                "Ein Streik verzögert Pakete um **2-3 Tage**. Ihre Bestellung ist "
                "unterwegs; Sie müssen nichts tun.",
                "Hinweise",
            ),
        },
        12,
        0.9,
        notice=True,
    ),
)


@dataclass(slots=True)
class HelpCentreRows:
    articles: list[tuple[Any, ...]] = field(default_factory=list)
    versions: list[tuple[Any, ...]] = field(default_factory=list)
    views: list[tuple[Any, ...]] = field(default_factory=list)
    votes: list[tuple[Any, ...]] = field(default_factory=list)
    feedback: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)  # generate.COLUMNS["events"]
    # topic tag -> the English article's id (what demo replies cite)
    cited_by_topic: dict[str, uuid.UUID] = field(default_factory=dict)
    notice_ids: list[uuid.UUID] = field(default_factory=list)


ARTICLE_COLUMNS: Final = (
    "id",
    "translation_group_id",
    "locale",
    "language",
    "search_config",
    "title",
    "summary",
    "body",
    "body_html",
    "body_text",
    "tags",
    "category",
    "products",
    "service_levels",
    "status",
    "version",
    "published_at",
    "created_at",
    "updated_at",
    "notice_from",
    "notice_until",
    "notice_order_refs",
    "notice_products",
)
VERSION_COLUMNS: Final = (
    "id",
    "article_id",
    "version",
    "locale",
    "title",
    "summary",
    "body",
    "body_html",
    "tags",
    "category",
    "products",
    "service_levels",
    "created_at",
)
VIEW_COLUMNS: Final = ("article_id", "viewed_at", "channel")
VOTE_COLUMNS: Final = (
    "id",
    "article_id",
    "helpful",
    "comment",
    "locale",
    "feedback_id",
    "created_at",
)
# A "no" with a comment became a feedback item, as app.kb.reading makes it.
FEEDBACK_COLUMNS: Final = (
    "id",
    "source",
    "status",
    "text",
    "sentiment",
    "created_at",
    "updated_at",
)
VOTE_COMMENTS: Final = {
    "en": "It does not say what to do if the tracking link does not work.",
    "de": "Was mache ich, wenn der Link nicht funktioniert?",
}
LOCALE_SHARE: Final = {"en": 0.45, "de": 0.3, "fr": 0.15, "es": 0.1}


def help_centre_rows(rng: random.Random, now: float, notice_orders: list[str]) -> HelpCentreRows:
    """The rows at `now` (epoch seconds); timestamps as `generate.ts` writes them."""
    rows = HelpCentreRows()
    written = now - (VIEW_DAYS + 14) * DAY
    for topic in TOPICS:
        group_id: uuid.UUID | None = None
        for locale, text in topic.texts.items():
            article_id = _uuid(rng)
            group_id = group_id or article_id
            _article(rows, topic, locale, text, article_id, group_id, written, now, notice_orders)
            _readings(rows, rng, topic, locale, text, article_id, now)
            if locale == "en" and topic.tag:
                rows.cited_by_topic[topic.tag] = article_id
            if topic.notice:
                rows.notice_ids.append(article_id)
    return rows


def _article(
    rows: HelpCentreRows,
    topic: Topic,
    locale: str,
    text: Text,
    article_id: uuid.UUID,
    group_id: uuid.UUID,
    written: float,
    now: float,
    notice_orders: list[str],
) -> None:
    html = render_markdown(text.body)
    language = language_of(locale)
    tags = [topic.tag] if topic.tag else ["notice"]
    starts, ends = now - 2 * DAY, now + 5 * DAY  # a notice's window
    notice = (ts(starts), ts(ends), notice_orders) if topic.notice else (None, None, [])
    rows.articles.append(
        (
            article_id,
            group_id,
            locale,
            language,
            search_config(language),
            text.title,
            text.summary,
            text.body,
            html,
            plain_text(html),
            tags,
            text.category,
            [],
            [],
            "published",
            1,
            ts(written),
            ts(written),
            ts(written),
            *notice,
            [],
        )
    )
    shown = ArticleOut.model_validate(
        {
            "id": article_id,
            "translation_group_id": group_id,
            "locale": locale,
            "title": text.title,
            "summary": text.summary,
            "tags": tags,
            "category": text.category,
            "applies_to": {"products": [], "service_levels": []},
            "notice": {
                "starts_at": _datetime(starts),
                "ends_at": _datetime(ends),
                "order_refs": notice_orders,
                "products": [],
            }
            if topic.notice
            else None,
            "status": "published",
            "version": 1,
            "published_at": _datetime(written),
            "archived_at": None,
            "created_at": _datetime(written),
            "updated_at": _datetime(written),
            "body": text.body,
            "body_html": html,
        }
    )
    rows.events.append(_published_event(shown, written))
    rows.versions.append(
        (
            uuid.UUID(int=article_id.int ^ 1),
            article_id,
            1,
            locale,
            text.title,
            text.summary,
            text.body,
            html,
            tags,
            text.category,
            [],
            [],
            ts(written),
        )
    )


def _published_event(article: ArticleOut, at: float) -> tuple[Any, ...]:
    """The article.published event of its creation as published, as the knowledge base records
    it (`app.events.service.new_event`); its id is time-ordered, drawn from the article's."""
    data = ArticlePublishedData(
        article=article,
        version=1,
        published_by=SystemActor(type="system"),
        published_at=_datetime(at),
    )
    return (
        uuid7_at(at, random.Random(article.id.int)),  # noqa: S311 demo data, reproducible
        data.event_type,
        ts(at),
        json.dumps(data.model_dump(mode="json", by_alias=True)),
        "article",
        article.id,
        None,
    )


def _datetime(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def _readings(
    rows: HelpCentreRows,
    rng: random.Random,
    topic: Topic,
    locale: str,
    text: Text,
    article_id: uuid.UUID,
    now: float,
) -> None:
    """Readings over the last weeks (more for a popular topic and a common language), and a
    vote from about one reader in eight."""
    daily = topic.popularity * LOCALE_SHARE[locale]
    days = 7 if topic.notice else VIEW_DAYS
    for day in range(days):
        for _ in range(_poisson(rng, daily)):
            seen = now - (day + rng.random()) * DAY
            rows.views.append((article_id, ts(seen), "public"))
            if rng.random() < 0.125:
                helpful = rng.random() < topic.helpful_share
                comment = VOTE_COMMENTS.get(locale) if not helpful and rng.random() < 0.2 else None
                voted = ts(seen + 120)
                feedback_id = _uuid(rng) if comment else None
                if comment:
                    feedback = f"{comment}\n\n— {text.title} ({public_path(article_id)})"
                    rows.feedback.append(
                        (
                            feedback_id,
                            "knowledge_base",
                            "new",
                            feedback,
                            "negative",
                            voted,
                            voted,
                        )
                    )
                rows.votes.append(
                    (_uuid(rng), article_id, helpful, comment, locale, feedback_id, voted)
                )


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _poisson(rng: random.Random, mean: float) -> int:
    # Knuth's method: the means here are small.
    limit, count, product = 2.718281828459045**-mean, 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count
