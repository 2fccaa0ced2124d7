"""Languages: the message catalogues, the choice of a customer's locale, and dates in their zone.

The catalogues are gettext `.po` files under `app/web/locales/<language>/LC_MESSAGES/`; they
are compiled in memory when the app starts, so there is no build step to forget and no `.mo`
file to keep in step. `make messages` extracts new texts from the code and templates into them.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cache, lru_cache
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from babel.dates import format_datetime, get_datetime_format, match_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALES_DIR = Path(__file__).parent / "locales"
DOMAIN = "messages"
MAX_LOCALE_LENGTH = 35  # BCP 47 tags in practice; longer ones are refused without parsing
MAX_ACCEPT_LANGUAGE_ENTRIES = 20
FALLBACK_LANGUAGE = "en"  # always shipped: the last resort of every choice


@lru_cache(maxsize=1024)
def parse_locale(tag: str) -> Locale:
    """A BCP 47 tag (`de`, `de-CH`, `zh-Hant-TW`) as a Babel locale; ValueError if Babel (CLDR)
    does not know it. `_` is accepted as well as `-`."""
    if not tag or len(tag) > MAX_LOCALE_LENGTH or not re.fullmatch(r"[A-Za-z0-9_-]+", tag):
        raise ValueError(f"{tag!r} is not a BCP 47 language tag, e.g. en, de-CH")
    try:
        return Locale.parse(tag.replace("_", "-"), sep="-")
    except (UnknownLocaleError, ValueError, TypeError):
        raise ValueError(f"{tag!r} is not a known language tag (BCP 47), e.g. en, de-CH") from None


def locale_tag(locale: Locale) -> str:
    """The BCP 47 spelling of a Babel locale: `de-CH`, `zh-Hant-TW`."""
    return "-".join(part for part in (locale.language, locale.script, locale.territory) if part)


def normalise_locale(tag: str) -> str:
    return locale_tag(parse_locale(tag))


def check_time_zone(name: str) -> str:
    """The IANA name, unchanged; ValueError if the time zone database does not know it."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"{name!r} is not an IANA time zone, e.g. Europe/Berlin") from error
    return name


@dataclass(frozen=True, slots=True)
class Catalogues:
    """The compiled translations of every shipped language (`en`, `de`, ...)."""

    translations: dict[str, Translations]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(self.translations))

    def get(self, language: str) -> Translations:
        return self.translations[language]


def compile_po(po_file: Path) -> Translations:
    with po_file.open("rb") as source:
        catalog = read_po(source, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(fp=compiled, domain=DOMAIN)


@cache
def load_catalogues(directory: Path = LOCALES_DIR) -> Catalogues:
    """Every `<language>/LC_MESSAGES/messages.po` under directory, compiled (once a process)."""
    found = {
        po_file.parent.parent.name: compile_po(po_file)
        for po_file in sorted(directory.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    }
    return Catalogues(found)


def accept_language_tags(header: str | None) -> list[str]:
    """The tags of an Accept-Language header, most wanted first (RFC 9110 q-values); `*` and
    q=0 entries dropped."""
    if not header:
        return []
    weighted: list[tuple[float, int, str]] = []
    for position, entry in enumerate(header.split(",")[:MAX_ACCEPT_LANGUAGE_ENTRIES]):
        tag, _, parameters = entry.strip().partition(";")
        quality = _quality(parameters)
        if tag and tag != "*" and quality > 0:
            weighted.append((-quality, position, tag.strip()))
    return [tag for _, _, tag in sorted(weighted)]


def _quality(parameters: str) -> float:
    match = re.fullmatch(r"\s*q\s*=\s*([01](?:\.[0-9]{0,3})?)\s*", parameters)
    if parameters.strip() and match is None:
        return 0.0
    return float(match.group(1)) if match else 1.0


def choose_locale(candidates: Iterable[str | None], languages: Iterable[str]) -> Locale | None:
    """The first candidate tag that parses and whose language has a catalogue. The locale keeps
    its region (dates of `en-GB` are written the British way) while the texts are `en`'s."""
    available = set(languages)
    for candidate in candidates:
        if not candidate:
            continue
        try:
            locale = parse_locale(candidate)
        except ValueError:
            continue
        if locale.language in available:
            return locale
    return None


@dataclass(frozen=True, slots=True)
class LanguageDefaults:
    """The locale and time zone of customers who have none (the settings')."""

    locale: str = FALLBACK_LANGUAGE
    time_zone: str = "UTC"


def N_(message: str) -> str:
    """Marks a text for the catalogues where it is written down, translated where it is used."""
    return message


@dataclass(frozen=True)
class Wording:
    """Texts and dates in one locale: what a sentence for a customer is made with."""

    locale: Locale
    translations: Translations

    @property
    def tag(self) -> str:
        return locale_tag(self.locale)

    def gettext(self, message: str, **values: str) -> str:
        """The translation of message (a catalogue msgid), with `%(name)s` filled from values."""
        translated = str(self.translations.gettext(message))
        return translated % values if values else translated

    def format_instant(self, instant: datetime, time_zone: str) -> str:
        return format_instant(instant, self.locale, time_zone)


def wording_for(candidates: Iterable[str | None], catalogues: Catalogues | None = None) -> Wording:
    """The wording of the first candidate locale with a catalogue; English if none has."""
    shipped = catalogues or load_catalogues()
    locale = choose_locale([*candidates, FALLBACK_LANGUAGE], shipped.languages)
    assert locale is not None, "English is shipped"
    return Wording(locale, shipped.get(locale.language))


def format_instant(instant: datetime, locale: Locale, time_zone: str) -> str:
    """Weekday, day, month and time, as the locale writes them, in the time zone:
    `Tuesday, December 2, 10:00 AM` (en), `Tuesday 2 December, 10:00` (en-GB),
    `Dienstag, 2. Dezember, 10:00` (de)."""
    local = instant.astimezone(ZoneInfo(time_zone)).replace(second=0, microsecond=0)
    return _formatted_minute(local, locale, time_zone)


@lru_cache(maxsize=4096)
def _formatted_minute(minute: datetime, locale: Locale, time_zone: str) -> str:
    # The pattern shows minutes: one text per local minute, locale and zone (Babel takes about
    # 20 µs), however many tickets fall due in it. Aware datetimes compare as instants, so the
    # zone is part of the key.
    pattern = _instant_pattern(locale)
    return format_datetime(minute, pattern, tzinfo=ZoneInfo(time_zone), locale=locale)


@cache
def _instant_pattern(locale: Locale) -> str:
    """One CLDR pattern per locale: its date-time glue ("{1}, {0}", "{1} 'à' {0}") around its
    weekday-day-month pattern and its short time."""
    glue = str(get_datetime_format("medium", locale=locale))
    time = str(locale.time_formats["short"].pattern)
    return glue.replace("{1}", _weekday_day_month(locale)).replace("{0}", time)


@cache
def _weekday_day_month(locale: Locale) -> str:
    # CLDR has no skeleton with the full weekday for every locale: take the locale's pattern for
    # weekday-day-month and write the weekday out in full.
    skeletons = locale.datetime_skeletons
    skeleton = match_skeleton("MMMMEd", skeletons)
    if skeleton is None:
        return "EEEE d MMMM"
    return re.sub(r"E+|c+", "EEEE", str(skeletons[skeleton].pattern))
