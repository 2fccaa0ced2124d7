"""Rendering customer pages: Jinja2 templates (autoescaped) in the customer's language.

A page route takes `page: PageDep`, finds out whose page it is, and renders:

    @router.get("/v1/public/things/{token}", response_model=ThingView)
    async def show_thing(page: PageDep, token: str, ...) -> Response | ThingView:
        view = await service.thing_view(...)
        page = page.for_customer(view.locale)          # the customer's own locale, if any
        if not page.wants_html:
            return view                                  # the same thing as JSON
        return page.render("thing.html", {"thing": view})

The language is the first of: `?lang=` (the page's language switch), the customer's locale,
Accept-Language, the `default_locale` setting, English. Templates extend `base.html` and mark
texts with `{% trans %}...{% endtrans %}` or `_("...")`; `make messages` puts new texts into
the catalogues (app/web/locales), whose translations a test requires to be complete.
"""

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from babel import Locale
from fastapi import Depends, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from app.web.i18n import (
    FALLBACK_LANGUAGE,
    MAX_LOCALE_LENGTH,
    Catalogues,
    Wording,
    accept_language_tags,
    choose_locale,
    format_instant,
    load_catalogues,
    locale_tag,
)
from app.web.negotiation import prefers_html

WEB_DIR = Path(__file__).parent
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"
STATIC_PATH = "/static"


def _static_versions() -> dict[str, str]:
    # A content hash in each asset URL: browsers may cache assets, and a new release is fetched.
    return {
        path.relative_to(STATIC_DIR).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        for path in STATIC_DIR.rglob("*")
        if path.is_file()
    }


class Pages:
    """One Jinja2 environment per shipped language, built once when the app starts."""

    def __init__(self, catalogues: Catalogues | None = None) -> None:
        self.catalogues = catalogues or load_catalogues()
        versions = _static_versions()
        self.environments = {
            language: self._environment(language, versions)
            for language in self.catalogues.languages
        }

    def _environment(self, language: str, versions: dict[str, str]) -> Environment:
        environment = Environment(
            loader=FileSystemLoader(TEMPLATES_DIR),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            extensions=["jinja2.ext.i18n"],
            trim_blocks=True,
            lstrip_blocks=True,
        )
        environment.install_gettext_translations(  # type: ignore[attr-defined]
            self.catalogues.get(language), newstyle=True
        )

        def static_url(name: str) -> str:
            return f"{STATIC_PATH}/{name}?v={versions[name]}"

        environment.globals["static_url"] = static_url
        return environment

    @property
    def languages(self) -> tuple[str, ...]:
        return self.catalogues.languages

    def render(self, language: str, template: str, context: Mapping[str, Any]) -> str:
        return self.environments[language].get_template(template).render(context)


@dataclass(frozen=True, slots=True)
class LanguageChoice:
    code: str
    name: str  # in its own language: Deutsch, Français...
    url: str
    current: bool


@dataclass(frozen=True)
class PageRequest:
    """What a page route needs: the request, the chosen locale, and rendering in it."""

    request: Request
    pages: Pages
    explicit: str | None
    customer_locale: str | None
    default_locale: str

    @cached_property
    def locale(self) -> Locale:
        candidates = [
            self.explicit, self.customer_locale,
            *accept_language_tags(self.request.headers.get("accept-language")),
            self.default_locale, FALLBACK_LANGUAGE,
        ]
        chosen = choose_locale(candidates, self.pages.languages)
        assert chosen is not None, "the fallback language has a catalogue"
        return chosen

    @property
    def wording(self) -> Wording:
        return Wording(self.locale, self.pages.catalogues.get(self.language))

    @property
    def language(self) -> str:
        """The catalogue the texts come from (`de` for a `de-CH` customer)."""
        return self.locale.language

    @property
    def locale_tag(self) -> str:
        return locale_tag(self.locale)

    @property
    def wants_html(self) -> bool:
        return prefers_html(self.request.headers.get("accept"))

    def for_customer(self, customer_locale: str | None) -> "PageRequest":
        """The same request, with the locale of the customer the page belongs to."""
        return replace(self, customer_locale=customer_locale)

    def gettext(self, message: str, **values: str) -> str:
        return self.wording.gettext(message, **values)

    def format_instant(self, instant: datetime, time_zone: str) -> str:
        return format_instant(instant, self.locale, time_zone)

    def url(self, path: str | None = None, **query: str) -> str:
        """A link to path (default: this page) that keeps an explicit language choice."""
        parameters = {"lang": self.explicit, **query} if self.explicit else query
        target = path if path is not None else self.request.url.path
        return f"{target}?{urlencode(parameters)}" if parameters else target

    def language_choices(self) -> list[LanguageChoice]:
        path = self.request.url.path
        return [
            LanguageChoice(
                code=code,
                name=_capitalised(Locale.parse(code).get_display_name(code) or code),
                url=f"{path}?{urlencode({'lang': code})}",
                current=code == self.language,
            )
            for code in self.pages.languages
        ]

    def html(self, template: str, context: Mapping[str, Any]) -> str:
        """The template rendered in this page's language; base.html's needs come with it."""
        full_context = {
            "page": self,
            "lang": self.locale_tag,
            "languages": self.language_choices(),
            **context,
        }
        return self.pages.render(self.language, template, full_context)

    def render(
        self, template: str, context: Mapping[str, Any], *, status_code: int = 200
    ) -> HTMLResponse:
        return HTMLResponse(
            self.html(template, context),
            status_code=status_code,
            headers={"Content-Language": self.locale_tag},
        )


def _capitalised(name: str) -> str:
    # CLDR writes some language names in lower case (français); a menu item starts with a capital.
    return name[:1].upper() + name[1:]


def page_request(
    request: Request,
    lang: Annotated[
        str | None,
        Query(
            max_length=MAX_LOCALE_LENGTH,
            description="the language the customer chose on the page (en, de, fr, es); an"
            " unknown one is ignored",
        ),
    ] = None,
) -> PageRequest:
    settings = request.app.state.settings
    return PageRequest(
        request=request,
        pages=request.app.state.pages,
        explicit=lang,
        customer_locale=None,
        default_locale=settings.default_locale,
    )


PageDep = Annotated[PageRequest, Depends(page_request)]
