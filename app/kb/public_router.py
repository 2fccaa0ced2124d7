"""The help centre: published articles for readers without a key, as pages and as JSON.

A browser (`Accept: text/html`) gets pages; any other client the same data as JSON. Votes post
as JSON or as the article page's ordinary form (then a 303 back to the article); like every
public route they need no CSRF token (no cookie, no ambient credential: see
app/tickets/public_router.py) and are rate limited per client address.
"""

import uuid
from typing import Annotated, Any, Literal

from babel.dates import format_date
from fastapi import APIRouter, Query, Request, Response, status
from fastapi.responses import RedirectResponse
from pydantic import ValidationError

from app.kb import reading, service
from app.kb.public_schemas import (
    MAX_COMMENT_LENGTH,
    PUBLIC_ARTICLES_PATH,
    HelpCentre,
    PublicArticle,
    VoteCreate,
    VoteReceipt,
    public_article_path,
)
from app.kb.schemas import Category
from app.kit.clock import ClockDep
from app.kit.db import SessionDep
from app.kit.enums import EnumName
from app.kit.errors import MalformedJSON, RequestInvalid, validation_errors
from app.kit.inputs import QueryCheckedRoute
from app.kit.rate_limit import PublicRateLimit
from app.web.i18n import N_, parse_locale
from app.web.pages import LanguageChoice, PageDep, PageRequest

router = APIRouter(
    prefix=PUBLIC_ARTICLES_PATH, tags=["public help centre"], route_class=QueryCheckedRoute
)

PROBLEMS: dict[int | str, dict[str, Any]] = {
    429: {"description": "too many requests from this address; see Retry-After"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "no published article has this id (drafts and archived ones neither)"},
}
HTML_TOO = {"text/html": {"schema": {"type": "string"}}}
FORM = "application/x-www-form-urlencoded"
VOTE_SCHEMA = VoteCreate.model_json_schema()
FORM_VOTE_SCHEMA = {
    "type": "object",
    "required": ["helpful"],
    "properties": {
        "helpful": {"$ref": "#/components/schemas/VoteAnswer"},
        "comment": {"type": "string", "maxLength": MAX_COMMENT_LENGTH},
    },
    "additionalProperties": False,
}
Voted = Annotated[Literal["yes", "no"], EnumName("VoteAnswer")]

MAX_QUERY_LENGTH = 200
CHOOSE_AN_ANSWER = N_("Please choose Yes or No.")
LONG_COMMENT = N_("Your comment is too long: at most 2,000 characters.")


@router.get("", response_model=HelpCentre, responses={**PROBLEMS, 200: {"content": HTML_TOO}})
async def get_help_centre(
    _: PublicRateLimit,
    page: PageDep,
    session: SessionDep,
    category: Annotated[Category | None, Query(description="only this category")] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=MAX_QUERY_LENGTH,
            description="search: the articles matching every word (typos tolerated), best"
            " first; blank: the index",
        ),
    ] = None,
) -> Response | HelpCentre:
    """The help centre: published articles in the reader's language (`lang`, else
    Accept-Language, else the default), by category, or those matching `q`. A page for a
    browser, JSON otherwise."""
    query = q.strip() if q else ""
    if query:
        centre = await reading.search_help_centre(session, query, page.locale_tag)
    else:
        centre = await reading.help_centre(session, page.language, category=category)
    if not page.wants_html:
        return centre
    context = {"centre": centre, "category": category, "query": query}
    return page.render("help_centre.html", context)


@router.get(
    "/{article_id}",
    response_model=PublicArticle,
    responses={
        **PROBLEMS,
        **NOT_FOUND,
        200: {"content": HTML_TOO},
        303: {"description": "a page in another language (`lang`): its published translation"},
    },
)
async def get_public_article(
    _: PublicRateLimit,
    page: PageDep,
    article_id: uuid.UUID,
    session: SessionDep,
    clock: ClockDep,
    voted: Annotated[
        Voted | None, Query(description="the page after a vote: thanks the reader")
    ] = None,
) -> Response | PublicArticle:
    """A published article with its published translations. Each reading is counted (in
    article_views), except the page a vote returns to. For a browser, the page is in the
    article's language; `lang` asks for its translation in that language when there is one."""
    translation = await _translation_asked_for(page, session, article_id)
    if translation is not None:
        return RedirectResponse(translation, status_code=status.HTTP_303_SEE_OTHER)
    article = await reading.read_article(
        session, article_id, now=clock.now(), count_view=voted is None
    )
    if not page.wants_html:
        return article
    return _article_page(page, article, voted=voted)


async def _translation_asked_for(
    page: PageRequest, session: SessionDep, article_id: uuid.UUID
) -> str | None:
    """The path of the article's published translation in the `lang` a browser asked for,
    when that is another article."""
    if not page.wants_html or page.explicit is None:
        return None
    try:
        wanted = parse_locale(page.explicit).language
    except ValueError:
        return None
    article = await service.get_published_article(session, article_id)
    if article.language == wanted:
        return None
    for other in await reading.published_translations(session, article):
        if other.language == wanted:
            return public_article_path(other.id)
    return None


def _article_page(
    page: PageRequest,
    article: PublicArticle,
    *,
    voted: Voted | None = None,
    comment: str = "",
    error: str | None = None,
    status_code: int = status.HTTP_200_OK,
) -> Response:
    page = page.for_customer(article.locale)
    return page.render(
        "article.html",
        {
            "article": article,
            "updated_text": format_date(article.updated_at, format="long", locale=page.locale),
            "languages": _language_switch(article),
            "voted": voted,
            "comment": comment,
            "error": error,
            "max_comment": MAX_COMMENT_LENGTH,
            "vote_action": page.url(article.votes_url),
            "help_centre": page.url(PUBLIC_ARTICLES_PATH, lang=page.language),
        },
        status_code=status_code,
    )


def _language_switch(article: PublicArticle) -> list[LanguageChoice]:
    """The article's published languages, this one current."""
    choices = [(article.locale, public_article_path(article.id), True)] + [
        (other.locale, other.url, False) for other in article.translations
    ]
    return [
        LanguageChoice(code=locale, name=_language_name(locale), url=url, current=current)
        for locale, url, current in sorted(choices)
    ]


def _language_name(locale: str) -> str:
    parsed = parse_locale(locale)
    name = parsed.get_display_name(parsed) or locale
    return name[:1].upper() + name[1:]  # CLDR writes some in lower case (français)


@router.post(
    "/{article_id}/votes",
    status_code=status.HTTP_201_CREATED,
    response_model=VoteReceipt,
    responses={
        **PROBLEMS,
        **NOT_FOUND,
        303: {"description": "voted from the page's form: back to the article, thanked"},
        422: {"description": "no `helpful`, or a comment over 2,000 characters"},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": VOTE_SCHEMA},
                FORM: {"schema": FORM_VOTE_SCHEMA},
            },
        }
    },
)
async def create_article_vote(
    _: PublicRateLimit,
    page: PageDep,
    article_id: uuid.UUID,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
) -> Response | VoteReceipt:
    """Did this article answer your question? JSON `{"helpful": false, "comment": "..."}`, or
    the article page's form (`helpful` yes/no, `comment`). A negative vote with a comment also
    becomes a feedback item (source `knowledge_base`), whose id the receipt carries."""
    is_form = request.headers.get("content-type", "").startswith(FORM)
    raw = _vote_from_form(dict(await request.form())) if is_form else await _json_body(request)
    try:
        body = VoteCreate.model_validate(raw)
    except ValidationError as invalid:
        if is_form and page.wants_html:
            return await _vote_form_again(page, session, article_id, clock, raw, invalid)
        located = [{**error, "loc": ("body", *error["loc"])} for error in invalid.errors()]
        errors = validation_errors(located)
        raise RequestInvalid(errors[0]["detail"], errors=errors) from None
    vote = await reading.vote(
        session,
        article_id,
        body,
        now=clock.now(),
        reader_locale=lambda locale: page.for_customer(locale).locale_tag,
    )
    if is_form and page.wants_html:
        voted = "yes" if vote.helpful else "no"
        target = page.url(public_article_path(article_id), voted=voted)
        return RedirectResponse(target + "#vote", status_code=status.HTTP_303_SEE_OTHER)
    return VoteReceipt.from_model(vote)


def _vote_from_form(fields: dict[str, Any]) -> dict[str, Any]:
    """The form's strings as the JSON body: `helpful` yes/no becomes true/false (anything else
    stays as sent, and is refused as not a boolean)."""
    vote: dict[str, Any] = {name: value for name, value in fields.items() if isinstance(value, str)}
    helpful = vote.get("helpful")
    if helpful in ("yes", "no"):
        vote["helpful"] = helpful == "yes"
    return vote


async def _vote_form_again(
    page: PageRequest,
    session: SessionDep,
    article_id: uuid.UUID,
    clock: ClockDep,
    raw: dict[str, Any],
    invalid: ValidationError,
) -> Response:
    """The article page again, with the error beside the vote and the comment kept."""
    article = await reading.read_article(session, article_id, now=clock.now(), count_view=False)
    failed = {str(error["loc"][0]) for error in invalid.errors() if error["loc"]}
    message = CHOOSE_AN_ANSWER if "helpful" in failed else LONG_COMMENT
    reader_page = page.for_customer(article.locale)
    comment = raw.get("comment")
    return _article_page(
        page,
        article,
        comment=comment if isinstance(comment, str) else "",
        error=reader_page.gettext(message),
        status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
    )


async def _json_body(request: Request) -> Any:
    try:
        return await request.json()
    except ValueError:
        raise MalformedJSON(
            'The body must be JSON {"helpful": true} or a form with a `helpful` field.'
        ) from None
