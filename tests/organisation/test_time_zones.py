"""The time zone of a country's capital (organisation/time_zones.py), from CLDR's zones of each country."""

import zoneinfo

from babel.core import get_global
from django.test import SimpleTestCase

from organisation.time_zones import CAPITAL_ZONES, capital_time_zone, country_zones

# Not countries: the world (001), Antarctica and "unknown region" (ZZ) have no capital.
NOT_COUNTRIES = {"001", "AQ", "ZZ"}


class CapitalTimeZoneTests(SimpleTestCase):
    def test_a_country_with_one_zone_has_it(self):
        self.assertEqual(capital_time_zone("AZ"), "Asia/Baku")
        self.assertEqual(capital_time_zone("IN"), "Asia/Kolkata")

    def test_a_country_with_several_zones_has_its_capitals(self):
        for code, zone in [("KZ", "Asia/Almaty"), ("RU", "Europe/Moscow"), ("CN", "Asia/Shanghai")]:
            with self.subTest(code):
                self.assertEqual(capital_time_zone(code), zone)

    def test_an_unknown_code_has_none(self):
        self.assertEqual(capital_time_zone("XX"), "")

    def test_every_country_with_several_zones_names_its_capitals(self):
        several = {
            code
            for code, zones in get_global("territory_zones").items()
            if len(zones) > 1 and code not in NOT_COUNTRIES
        }
        self.assertEqual(several - set(CAPITAL_ZONES), set(), "Add the capital's zone to CAPITAL_ZONES.")

    def test_each_capital_zone_is_one_of_its_countrys_and_exists(self):
        for code, zone in CAPITAL_ZONES.items():
            with self.subTest(code):
                self.assertIn(zone, country_zones(code))
                zoneinfo.ZoneInfo(zone)
