"""How fast is knowledge-base search at 100,000 articles, next to the raw SQL it runs?

Seeds a scratch database with 100,000 published articles in English, German, French and
Spanish (each about four support words of its language's list, with function words, other
support words now and then and product names from a long tail, so each language has a
vocabulary of some 20,000 words), fills the search vocabulary as the service does, then
alternates, query by query:
- API: `GET /v1/articles/search?q=&locale=` through HTTP on a served app (typo correction,
  ranking, excerpts, serialisation);
- SQL: the anchor, the ranked full-text query with its excerpts run directly with asyncpg
  (the words as given: no vocabulary lookup, no HTTP, no JSON).
The queries are one to three support words of an article's title (a third with two letters
swapped), in the four languages. Prints p50/p95
of each, their ratio, and the plan of the slowest query.

    .venv/bin/python -m bench.kb_search --server-url postgresql+asyncpg://postgres@127.0.0.1:5432/postgres
    .venv/bin/python -m bench.kb_search --reuse   # keep the seeded database of a previous run
"""

import argparse
import asyncio
import random
import statistics
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import asyncpg
import httpx

from app.kb.languages import search_config
from app.kb.repository import HEADLINE_OPTIONS, RANK_NORMALISATION
from app.kb.search import KEPT_WORD, VARIANTS_OF
from app.kit.db import asyncpg_dsn, with_database
from bench._common import DEFAULT_SERVER_URL, run_cli, served_app
from tests.support.database import recreate_database

SCRATCH_DATABASE = "aftercare_bench_kb"
SEED = 19
BATCH = 5_000

WORDS = {
    "en": """order parcel delivery shipping return refund payment invoice account password
    address tracking package carrier courier warehouse stock size colour exchange voucher
    discount coupon gift card subscription cancel cancellation damaged missing late early
    express standard international customs duty tax price charge bank transfer credit debit
    wallet checkout basket cart product item quantity label printer email message phone chat
    support agent team hours weekend holiday christmas sale newsletter login register profile
    settings language currency country region postcode street city door neighbour signature
    pickup locker store branch opening closing time days weeks business working receive send
    change update check confirm verify reset open close choose select enter print attach
    upload download follow contact reply wait arrive deliver ship pack return replace repair
    warranty guarantee fault broken defect battery charger cable screen manual instructions
    assembly installation size guide fit small large medium wash care material cotton leather
    wool fabric shoe shirt jacket trousers dress bag watch phone laptop headphones speaker""",
    "de": """bestellung paket lieferung versand rücksendung rückerstattung zahlung rechnung
    konto passwort adresse sendungsverfolgung zusteller spediteur lager bestand größe farbe
    umtausch gutschein rabatt geschenkkarte abonnement stornierung beschädigt fehlend verspätet
    express standard international zoll steuer preis gebühr überweisung kreditkarte lastschrift
    kasse warenkorb produkt artikel menge etikett drucker nachricht telefon kundendienst
    mitarbeiter öffnungszeiten wochenende feiertag weihnachten angebot anmeldung registrierung
    profil einstellungen sprache währung land region postleitzahl straße stadt haustür nachbar
    unterschrift abholung packstation filiale werktage wochen erhalten senden ändern prüfen
    bestätigen zurücksetzen öffnen schließen wählen eingeben drucken hochladen herunterladen
    antworten warten ankommen liefern verpacken ersetzen reparieren garantie gewährleistung
    defekt akku ladegerät kabel bildschirm anleitung montage größentabelle passform waschen
    pflege material baumwolle leder wolle stoff schuh hemd jacke hose kleid tasche uhr""",
    "fr": """commande colis livraison expédition retour remboursement paiement facture compte
    motdepasse adresse suivi transporteur entrepôt stock taille couleur échange bon réduction
    carte cadeau abonnement annulation endommagé manquant retard express standard douane taxe
    prix frais virement crédit débit panier produit article quantité étiquette imprimante
    message téléphone service client conseiller horaires weekend férié noël soldes inscription
    profil paramètres langue devise pays région codepostal rue ville porte voisin signature
    retrait relais magasin jours ouvrés semaines recevoir envoyer modifier vérifier confirmer
    réinitialiser ouvrir fermer choisir saisir imprimer télécharger répondre attendre arriver
    livrer emballer remplacer réparer garantie défaut cassé batterie chargeur câble écran
    notice montage guide tailles laver entretien matière coton cuir laine tissu chaussure
    chemise veste pantalon robe sac montre casque enceinte ordinateur portable""",
    "es": """pedido paquete entrega envío devolución reembolso pago factura cuenta contraseña
    dirección seguimiento transportista almacén existencias talla color cambio vale descuento
    tarjeta regalo suscripción cancelación dañado perdido retraso urgente estándar aduana
    impuesto precio cargo transferencia crédito débito cesta carrito producto artículo cantidad
    etiqueta impresora mensaje teléfono atención cliente agente horario finde festivo navidad
    rebajas registro perfil ajustes idioma moneda país región código postal calle ciudad
    puerta vecino firma recogida tienda sucursal días laborables semanas recibir enviar cambiar
    comprobar confirmar restablecer abrir cerrar elegir introducir imprimir descargar responder
    esperar llegar entregar embalar sustituir reparar garantía defecto roto batería cargador
    cable pantalla manual montaje guía tallas lavar cuidado material algodón cuero lana tela
    zapato camisa chaqueta pantalón vestido bolso reloj auriculares altavoz portátil""",
}
FILLERS = {
    "en": [
        "the",
        "a",
        "to",
        "of",
        "and",
        "in",
        "your",
        "you",
        "we",
        "is",
        "for",
        "it",
        "on",
        "with",
        "this",
        "be",
        "can",
        "are",
        "not",
        "if",
    ],
    "de": [
        "der",
        "die",
        "das",
        "und",
        "ist",
        "nicht",
        "ein",
        "eine",
        "zu",
        "mit",
        "auf",
        "für",
        "sie",
        "wir",
        "ihr",
        "im",
        "den",
        "bitte",
    ],
    "fr": [
        "le",
        "la",
        "les",
        "de",
        "des",
        "et",
        "est",
        "pas",
        "un",
        "une",
        "pour",
        "avec",
        "vous",
        "nous",
        "votre",
        "sur",
        "dans",
        "au",
    ],
    "es": [
        "el",
        "la",
        "los",
        "las",
        "de",
        "y",
        "es",
        "no",
        "un",
        "una",
        "para",
        "con",
        "usted",
        "su",
        "en",
        "por",
        "al",
        "se",
    ],
}
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "ve",
    "to",
    "nu",
    "xe",
    "bri",
    "stor",
    "fen",
    "gal",
    "hor",
    "tri",
    "ven",
    "zul",
    "mar",
    "pel",
    "dro",
    "sin",
]
PRODUCT_NAMES_PER_LANGUAGE = 20_000
TYPO_SHARE = 3  # one query in three has a typo


TOPIC_WORDS = 4  # the support words an article is about


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    fillers: list[str]
    words: list[str]
    names: list[str]


def languages(rng: random.Random) -> list[Language]:
    return [
        Language(
            code,
            FILLERS[code],
            text.split(),
            sorted({_name(rng) for _ in range(PRODUCT_NAMES_PER_LANGUAGE)}),
        )
        for code, text in WORDS.items()
    ]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4)))


def sentence(rng: random.Random, language: Language, topic: list[str], length: int) -> str:
    """Words as an article about `topic` uses them: function words, its topic's words, now
    and then another support word or a product name."""
    words = []
    for _ in range(length):
        draw = rng.random()
        if draw < 0.45:
            words.append(rng.choice(language.fillers))
        elif draw < 0.80:
            words.append(rng.choice(topic))
        elif draw < 0.92:
            words.append(rng.choice(language.words))
        else:
            words.append(rng.choice(language.names))
    return " ".join(words).capitalize() + "."


def article_rows(count: int, rng: random.Random) -> Iterator[tuple[object, ...]]:
    langs = languages(rng)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for index in range(count):
        language = langs[index % len(langs)]
        topic = rng.sample(language.words, TOPIC_WORDS)
        title = sentence(rng, language, topic, rng.randint(3, 8)).rstrip(".")
        summary = sentence(rng, language, topic, rng.randint(10, 20))
        body = " ".join(sentence(rng, language, topic, rng.randint(6, 16)) for _ in range(12))
        article_id = uuid.uuid4()
        at = start + timedelta(minutes=index)
        yield (
            article_id,
            article_id,
            language.code,
            language.code,
            search_config(language.code),
            title,
            summary,
            body,
            f"<p>{body}</p>",
            body,
            "published",
            1,
            at,
            at,
            at,
        )


STAGING_COLUMNS = (
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
    "status",
    "version",
    "published_at",
    "created_at",
    "updated_at",
)
INSERT_ARTICLES = """
INSERT INTO articles (id, translation_group_id, locale, language, search_config, title, summary,
    body, body_html, body_text, status, version, published_at, created_at, updated_at,
    tags, products, service_levels, notice_order_refs, notice_products)
SELECT id, translation_group_id, locale, language, search_config, title, summary, body,
    body_html, body_text, status, version, published_at, created_at, updated_at,
    '{}', '{}', '{}', '{}', '{}'
FROM bench_staging
"""
# As app/kb/repository.py writes them (search_vector there).
INSERT_SEARCH = """
INSERT INTO article_search (article_id, language, status, search_head, search_vector)
SELECT id, language, status, head, head || setweight(to_tsvector(config, body_text), 'C')
FROM (
    SELECT id, language, status, body_text, search_config::regconfig AS config,
           setweight(to_tsvector(search_config::regconfig, title), 'A')
           || setweight(to_tsvector(search_config::regconfig, summary), 'B') AS head
    FROM articles
) AS texts
"""
FILL_VOCABULARY = f"""
INSERT INTO article_words (language, word)
SELECT DISTINCT a.language, w.word
FROM articles AS a,
     unnest(tsvector_to_array(to_tsvector('simple',
         a.title || ' ' || coalesce(a.summary, '') || ' ' || a.body_text))) AS w(word)
WHERE {KEPT_WORD.format(word="w.word")}
"""
FILL_VARIANTS = f"""
INSERT INTO article_word_variants (language, variant, word)
SELECT DISTINCT w.language, v.variant, w.word
FROM article_words AS w, LATERAL {VARIANTS_OF.format(word="w.word")} AS v(variant)
"""
# The anchor: what the service's search statement does, written by hand.
ANCHOR_SQL = f"""
WITH best AS (
    SELECT article_id AS id, ts_rank_cd(search_vector, query, {RANK_NORMALISATION}) AS rank
    FROM article_search, plainto_tsquery($1::regconfig, $2) AS query
    WHERE language = $3 AND status = 'published' AND search_vector @@ query
    ORDER BY rank DESC, article_id LIMIT 10
)
SELECT a.id, a.title, best.rank,
       ts_headline($1::regconfig, a.body_text, plainto_tsquery($1::regconfig, $2), $4)
FROM best JOIN articles AS a USING (id)
ORDER BY best.rank DESC, a.id
"""


async def seed(connection: asyncpg.Connection, count: int) -> None:
    rng = random.Random(SEED)
    await connection.execute(
        "CREATE UNLOGGED TABLE bench_staging AS SELECT "
        + ", ".join(STAGING_COLUMNS)
        + " FROM articles WITH NO DATA"
    )
    rows = article_rows(count, rng)
    started = time.perf_counter()
    while batch := [row for _, row in zip(range(BATCH), rows, strict=False)]:
        await connection.copy_records_to_table(
            "bench_staging", records=batch, columns=STAGING_COLUMNS
        )
    await connection.execute(INSERT_ARTICLES)
    await connection.execute(INSERT_SEARCH)
    await connection.execute("DROP TABLE bench_staging")
    await connection.execute(FILL_VOCABULARY)
    await connection.execute(FILL_VARIANTS)
    for table in ("articles", "article_search", "article_words", "article_word_variants"):
        await connection.execute(f"VACUUM ANALYZE {table}")
    words = await connection.fetchval("SELECT count(*) FROM article_words")
    print(
        f"seeded {count:,} articles, {words:,} vocabulary words "
        f"in {time.perf_counter() - started:.0f} s"
    )


async def queries(connection: asyncpg.Connection, count: int) -> list[tuple[str, str]]:
    """(locale, q): one to three support words of an article's title, as a reader looking for
    it would type them; a third with two letters swapped in the first word."""
    rng = random.Random(SEED + 1)
    titles = await connection.fetch(
        "SELECT language, title FROM articles ORDER BY md5(id::text) LIMIT $1", count * 2
    )
    result: list[tuple[str, str]] = []
    for language, title in titles:
        support = set(WORDS[language].split())
        words = [word for word in dict.fromkeys(title.lower().split()) if word in support]
        if not words:
            continue
        chosen = rng.sample(words, min(len(words), rng.choice((1, 1, 2, 2, 3))))
        if len(result) % TYPO_SHARE == 0:
            chosen[0] = _typo(chosen[0], rng)
        result.append((language, " ".join(chosen)))
    return result[:count]


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    at = rng.randrange(1, len(word) - 2)
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]  # two letters swapped


def quantiles(latencies: Sequence[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(sorted(latencies), n=100, method="inclusive")
    return cuts[49] * 1000, cuts[94] * 1000


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server-url", default=DEFAULT_SERVER_URL)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--reuse", action="store_true", help="keep a previous run's database")
    args = parser.parse_args()

    url = with_database(args.server_url, SCRATCH_DATABASE)
    if not args.reuse:
        url = await recreate_database(args.server_url, SCRATCH_DATABASE)
        run_cli(url, "migrate")
        connection = await asyncpg.connect(asyncpg_dsn(url))
        try:
            await seed(connection, args.articles)
        finally:
            await connection.close()
    key = run_cli(url, "keys", "create", "--name", "bench", "--scopes", "kb:read")
    connection = await asyncpg.connect(asyncpg_dsn(url))
    cases = await queries(connection, args.queries)
    api: list[float] = []
    anchor: list[float] = []
    slowest: tuple[float, str, str] = (0.0, "", "")
    hits = 0
    async with (
        served_app(url, args.port, worker=False) as base_url,
        httpx.AsyncClient(base_url=base_url, headers={"Authorization": f"Bearer {key}"}) as client,
    ):
        for locale, q in cases[:20]:  # warm-up
            await client.get("/v1/articles/search", params={"q": q, "locale": locale})
        for locale, q in cases:
            config = search_config(locale)
            started = time.perf_counter()
            await connection.fetch(ANCHOR_SQL, config, q, locale, HEADLINE_OPTIONS)
            anchor.append(time.perf_counter() - started)
            started = time.perf_counter()
            response = await client.get("/v1/articles/search", params={"q": q, "locale": locale})
            elapsed = time.perf_counter() - started
            assert response.status_code == 200, response.text
            hits += len(response.json()["items"]) > 0
            api.append(elapsed)
            slowest = max(slowest, (elapsed, locale, q))
    api_p50, api_p95 = quantiles(api)
    sql_p50, sql_p95 = quantiles(anchor)
    print(f"{len(cases)} searches over {args.articles:,} articles ({hits} found something)")
    print(f"API  GET /v1/articles/search   p50 {api_p50:6.2f} ms   p95 {api_p95:6.2f} ms")
    print(f"SQL  ranked query + excerpts   p50 {sql_p50:6.2f} ms   p95 {sql_p95:6.2f} ms")
    print(
        f"ratio API / SQL                p50 {api_p50 / sql_p50:6.2f}     p95 "
        f"{api_p95 / sql_p95:6.2f}"
    )
    _, locale, q = slowest
    print(f"\nslowest API query: q={q!r} locale={locale}; the anchor's plan:")
    plan = await connection.fetch(
        f"EXPLAIN (ANALYZE, COSTS OFF) {ANCHOR_SQL}",
        search_config(locale),
        q,
        locale,
        HEADLINE_OPTIONS,
    )
    print("\n".join(row[0] for row in plan))
    await connection.close()


if __name__ == "__main__":
    asyncio.run(main())
