"""Names sort by the alphabet of the visitor's language, in the database (SQLite and PostgreSQL)."""

from django.test import TestCase

from organisation.collation import sort_key
from organisation.models import Country, Membership
from tests.factories import make_country, make_membership

# Each list is in the order its language's alphabet gives; a code-point sort gets each one wrong.
AZERBAIJANI = [
    ["Cibuti", "Çad", "Çin", "Danimarka"],  # Ç after C
    ["Ekvador", "Əfqanıstan", "Fələstin"],  # Ə after E
    ["Bagira", "Bağdad", "Bahar"],  # Ğ after G
    ["Hindistan", "Xorvatiya", "Ilıq"],  # X after H, before I
    ["Ilıq", "İordaniya", "İraq", "İran", "İsrail", "Jurnal"],  # I before İ; Q before N
    ["qır", "qis"],  # ı before i
    ["Kamboca", "Koreya Respublikası", "Küveyt", "Qazaxıstan", "Qətər", "Qırğızıstan", "Laos"],  # Q after K
    ["Oman", "Özbəkistan", "Pakistan"],  # Ö after O
    ["Suriya", "Şri-Lanka", "Tacikistan"],  # Ş after S
    ["Ukrayna", "Ümid", "Vyetnam"],  # Ü after U
]
RUSSIAN = [
    ["Ежевика", "Елена", "Ёлка", "Ель", "Жуков"],  # Ё sorts with Е
    ["Еж", "Ёж", "Ежи"],  # Е before Ё when the words are otherwise the same
    ["все", "всё", "всею", "вся"],  # the same for ё
    ["Объединённые Арабские Эмираты", "Пакистан", "Палестина", "Республика Корея"],
]


def shuffled(names):
    """The names in another order than the expected one."""
    return [*names[1:], names[0]]


class SortKeyTests(TestCase):
    """The key behind SQLite's collations (PostgreSQL uses ICU's)."""

    def test_azerbaijani_alphabet(self):
        for names in AZERBAIJANI:
            with self.subTest(names=names):
                self.assertEqual(sorted(shuffled(names), key=lambda name: sort_key("az", name)), names)

    def test_russian_alphabet(self):
        for names in RUSSIAN:
            with self.subTest(names=names):
                self.assertEqual(sorted(shuffled(names), key=lambda name: sort_key("ru", name)), names)


class DatabaseOrderTests(TestCase):
    """The same orders from the database, whichever it is."""

    def countries(self, language, names):
        for n, name in enumerate(reversed(names)):
            make_country(f"Country {language} {n} {name}", **{f"name_{language}": name})
        return list(Country.objects.order_by_name(language).values_list(f"name_{language}", flat=True))

    def test_azerbaijani(self):
        for names in AZERBAIJANI:
            with self.subTest(names=names):
                self.assertEqual(self.countries("az", names), names)
                Country.objects.all().delete()

    def test_russian(self):
        for names in RUSSIAN:
            with self.subTest(names=names):
                self.assertEqual(self.countries("ru", names), names)
                Country.objects.all().delete()

    def test_member_states_page_in_azerbaijani(self):
        for n, name in enumerate(["Vyetnam", "Çin", "Əfqanıstan", "Azərbaycan", "İraq", "İran"]):
            make_membership(make_country(f"C{n}", name_az=name))
        response = self.client.get("/az/member-states/")
        body = response.content.decode()
        positions = [
            body.index(f">{name}<") for name in ["Azərbaycan", "Çin", "Əfqanıstan", "İraq", "İran", "Vyetnam"]
        ]
        self.assertEqual(positions, sorted(positions))

    def test_api_ordering_by_name_follows_the_language(self):
        for n, name in enumerate(["Vyetnam", "Çin", "Əfqanıstan", "Azərbaycan"]):
            make_country(f"C{n}", name_az=name)
        response = self.client.get("/api/v1/countries/?ordering=name&lang=az")
        self.assertEqual(
            [country["name"] for country in response.json()["results"]],
            ["Azərbaycan", "Çin", "Əfqanıstan", "Vyetnam"],
        )
        response = self.client.get("/api/v1/countries/?ordering=-name&lang=az")
        self.assertEqual(response.json()["results"][0]["name"], "Vyetnam")

    def test_memberships_sort_organisations_by_name_too(self):
        for english, azerbaijani in [
            ("League", "Ərəb Dövlətləri Liqası"),
            ("IOM", "Beynəlxalq Miqrasiya Təşkilatı"),
        ]:
            Membership.objects.create(
                status=Membership.Status.OBSERVER_ORGANISATION,
                organisation_name=english,
                organisation_name_az=azerbaijani,
            )
        names = [m.organisation_name_az for m in Membership.objects.order_by_name(language="az")]
        self.assertEqual(names, ["Beynəlxalq Miqrasiya Təşkilatı", "Ərəb Dövlətləri Liqası"])
