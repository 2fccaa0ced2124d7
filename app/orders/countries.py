"""ISO 3166-1 alpha-2 country codes, from pycountry's copy of the standard (read once, at
import, so that no request reads a file)."""

from typing import Final

import pycountry

COUNTRY_CODES: Final = frozenset(country.alpha_2 for country in pycountry.countries)


def is_country_code(code: str) -> bool:
    return code in COUNTRY_CODES
