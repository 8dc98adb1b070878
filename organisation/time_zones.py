"""The time zone of a country's capital: a meeting's time zone when staff give its host country only.

The zones of each country come from Unicode CLDR, as Babel ships it (`territory_zones`). Most
countries have one; for the few with several, CAPITAL_ZONES names the capital's (Astana keeps
Almaty's zone, Ramallah Hebron's). tests/organisation/test_time_zones.py checks that every country
with several zones in Babel's data has its entry here, so a Babel upgrade cannot leave one out.
"""

import functools
import zoneinfo

from babel.core import get_global

CAPITAL_ZONES = {
    "AR": "America/Argentina/Buenos_Aires",
    "AU": "Australia/Sydney",  # Canberra
    "BR": "America/Sao_Paulo",  # Brasília
    "CA": "America/Toronto",  # Ottawa
    "CD": "Africa/Kinshasa",
    "CL": "America/Santiago",
    "CN": "Asia/Shanghai",  # Beijing
    "CY": "Asia/Nicosia",
    "DE": "Europe/Berlin",
    "EC": "America/Guayaquil",  # Quito
    "ES": "Europe/Madrid",
    "FM": "Pacific/Pohnpei",  # Palikir
    "GL": "America/Nuuk",
    "ID": "Asia/Jakarta",
    "KI": "Pacific/Tarawa",
    "KZ": "Asia/Almaty",  # Astana
    "MH": "Pacific/Majuro",
    "MN": "Asia/Ulaanbaatar",
    "MX": "America/Mexico_City",
    "MY": "Asia/Kuala_Lumpur",
    "NZ": "Pacific/Auckland",  # Wellington
    "PF": "Pacific/Tahiti",  # Papeete
    "PG": "Pacific/Port_Moresby",
    "PS": "Asia/Hebron",  # Ramallah
    "PT": "Europe/Lisbon",
    "RU": "Europe/Moscow",
    "UA": "Europe/Kyiv",
    "UM": "Pacific/Wake",
    "US": "America/New_York",  # Washington
    "UZ": "Asia/Tashkent",
}


def country_zones(code):
    """The time zones CLDR lists for the country with ISO 3166-1 code `code`, that this Python knows."""
    return [zone for zone in get_global("territory_zones").get(code, []) if zone in _available()]


def capital_time_zone(code):
    """The name of the time zone of the capital of the country `code`, or "" when not known."""
    if code in CAPITAL_ZONES:
        return CAPITAL_ZONES[code]
    zones = country_zones(code)
    return zones[0] if len(zones) == 1 else ""


@functools.cache
def _available():
    # Read from the disk's zone database at each call: once is enough.
    return zoneinfo.available_timezones()
