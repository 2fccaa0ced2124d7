"""Customer pages: what the service shows people rather than programs.

- `pages.py`: `PageDep` for a route (language choice, `wants_html`, `render(template, context)`),
  Jinja2 templates in `templates/` (autoescaped; extend `base.html`, which has the language
  switch), assets in `static/` served at /static with a content hash in their URL.
- `i18n.py`: the gettext catalogues in `locales/` (compiled in memory at start), locale
  negotiation (`?lang=` > the customer's locale > Accept-Language > `default_locale`), and
  `Wording` for sentences and instants in a locale and time zone (Babel).
- `middleware.py`: security headers on everything under /v1/public/, and errors as pages in
  the visitor's language for browsers (never a trace).
- `negotiation.py`: whether a client asked for HTML or JSON.

A new page: a route under /v1/public/ taking `page: PageDep` (see pages.py), a template
extending base.html, texts marked with `_()` / `{% trans %}` (in Python, `N_()` where written
and `wording.gettext()` where used), then `make messages` and translate in each `.po` file;
tests/web/test_catalogues.py fails until every text is translated. Browser tests go in
tests/browser/ (fixtures `open_tab`, `assert_accessible`, `screenshot`).
"""
