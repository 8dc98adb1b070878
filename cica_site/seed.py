"""The seed content that `manage.py load_seed` loads, as plain data.

Every fact comes from the CICA–Azerbaijan relations page the site reproduces or from the public reports
named beside it; where a fact is not known (a joining date, a day of a meeting) it is left out, never
guessed. Objects refer to each other by their natural keys: country code, slug.
"""

import datetime

# The registry today (facts.md, "Membership today"): the 28 member states (the 27 named in public reports
# before Kuwait joined, news.az 2022-10-13, and Kuwait, inform.kz 2022-10-13) and the 9 observer states
# (urdupoint.com/Sputnik 2022-10-13; a 2023 study guide). Names are the organisation's official short
# names in each language, set here because CLDR's differ for some (Palestine, Republic of Korea, Viet Nam,
# Кыргызстан, ...): /work/research/content/NOTES.md. Joining dates not in the sources are left unknown;
# the Sixth Summit's report date stands for Kuwait's and Turkmenistan's, and their notes say so.
COUNTRIES = [
    {
        "code": "AF",
        "slug": "afghanistan",
        "status": "member",
        "name": "Afghanistan",
        "name_ru": "Афганистан",
        "name_az": "Əfqanıstan",
        "joined_on": None,
    },
    {
        "code": "AZ",
        "slug": "azerbaijan",
        "status": "member",
        "name": "Azerbaijan",
        "name_ru": "Азербайджан",
        "name_az": "Azərbaycan",
        "joined_on": None,
    },
    {
        "code": "BH",
        "slug": "bahrain",
        "status": "member",
        "name": "Bahrain",
        "name_ru": "Бахрейн",
        "name_az": "Bəhreyn",
        "joined_on": None,
    },
    {
        "code": "BD",
        "slug": "bangladesh",
        "status": "member",
        "name": "Bangladesh",
        "name_ru": "Бангладеш",
        "name_az": "Banqladeş",
        "joined_on": None,
    },
    {
        "code": "KH",
        "slug": "cambodia",
        "status": "member",
        "name": "Cambodia",
        "name_ru": "Камбоджа",
        "name_az": "Kamboca",
        "joined_on": None,
    },
    {
        "code": "CN",
        "slug": "china",
        "status": "member",
        "name": "China",
        "name_ru": "Китай",
        "name_az": "Çin",
        "joined_on": None,
    },
    {
        "code": "EG",
        "slug": "egypt",
        "status": "member",
        "name": "Egypt",
        "name_ru": "Египет",
        "name_az": "Misir",
        "joined_on": None,
    },
    {
        "code": "IN",
        "slug": "india",
        "status": "member",
        "name": "India",
        "name_ru": "Индия",
        "name_az": "Hindistan",
        "joined_on": None,
    },
    {
        "code": "IR",
        "slug": "iran",
        "status": "member",
        "name": "Iran",
        "name_ru": "Иран",
        "name_az": "İran",
        "joined_on": None,
    },
    {
        "code": "IQ",
        "slug": "iraq",
        "status": "member",
        "name": "Iraq",
        "name_ru": "Ирак",
        "name_az": "İraq",
        "joined_on": None,
    },
    {
        "code": "IL",
        "slug": "israel",
        "status": "member",
        "name": "Israel",
        "name_ru": "Израиль",
        "name_az": "İsrail",
        "joined_on": None,
    },
    {
        "code": "JO",
        "slug": "jordan",
        "status": "member",
        "name": "Jordan",
        "name_ru": "Иордания",
        "name_az": "İordaniya",
        "joined_on": None,
    },
    {
        "code": "KZ",
        "slug": "kazakhstan",
        "status": "member",
        "name": "Kazakhstan",
        "name_ru": "Казахстан",
        "name_az": "Qazaxıstan",
        "joined_on": None,
    },
    {
        "code": "KW",
        "slug": "kuwait",
        "status": "member",
        "name": "Kuwait",
        "name_ru": "Кувейт",
        "name_az": "Küveyt",
        "joined_on": datetime.date(2022, 10, 13),
        "note": "Signed the two founding documents on 11 October 2022; admitted as the 28th member "
        "state at the "
        "Sixth Summit in Astana on 13 October 2022.",
    },
    {
        "code": "KG",
        "slug": "kyrgyzstan",
        "status": "member",
        "name": "Kyrgyzstan",
        "name_ru": "Кыргызстан",
        "name_az": "Qırğızıstan",
        "joined_on": None,
    },
    {
        "code": "MN",
        "slug": "mongolia",
        "status": "member",
        "name": "Mongolia",
        "name_ru": "Монголия",
        "name_az": "Monqolustan",
        "joined_on": None,
    },
    {
        "code": "PK",
        "slug": "pakistan",
        "status": "member",
        "name": "Pakistan",
        "name_ru": "Пакистан",
        "name_az": "Pakistan",
        "joined_on": None,
    },
    {
        "code": "PS",
        "slug": "palestine",
        "status": "member",
        "name": "Palestine",
        "name_ru": "Палестина",
        "name_az": "Fələstin",
        "joined_on": None,
    },
    {
        "code": "QA",
        "slug": "qatar",
        "status": "member",
        "name": "Qatar",
        "name_ru": "Катар",
        "name_az": "Qətər",
        "joined_on": None,
    },
    {
        "code": "KR",
        "slug": "republic-of-korea",
        "status": "member",
        "name": "Republic of Korea",
        "name_ru": "Республика Корея",
        "name_az": "Koreya Respublikası",
        "joined_on": None,
    },
    {
        "code": "RU",
        "slug": "russia",
        "status": "member",
        "name": "Russia",
        "name_ru": "Россия",
        "name_az": "Rusiya",
        "joined_on": None,
    },
    {
        "code": "LK",
        "slug": "sri-lanka",
        "status": "member",
        "name": "Sri Lanka",
        "name_ru": "Шри-Ланка",
        "name_az": "Şri-Lanka",
        "joined_on": None,
    },
    {
        "code": "TJ",
        "slug": "tajikistan",
        "status": "member",
        "name": "Tajikistan",
        "name_ru": "Таджикистан",
        "name_az": "Tacikistan",
        "joined_on": None,
    },
    {
        "code": "TH",
        "slug": "thailand",
        "status": "member",
        "name": "Thailand",
        "name_ru": "Таиланд",
        "name_az": "Tailand",
        "joined_on": None,
    },
    {
        "code": "TR",
        "slug": "turkiye",
        "status": "member",
        "name": "Türkiye",
        "name_ru": "Турция",
        "name_az": "Türkiyə",
        "joined_on": None,
    },
    {
        "code": "AE",
        "slug": "united-arab-emirates",
        "status": "member",
        "name": "United Arab Emirates",
        "name_ru": "Объединённые Арабские Эмираты",
        "name_az": "Birləşmiş Ərəb Əmirlikləri",
        "joined_on": None,
    },
    {
        "code": "UZ",
        "slug": "uzbekistan",
        "status": "member",
        "name": "Uzbekistan",
        "name_ru": "Узбекистан",
        "name_az": "Özbəkistan",
        "joined_on": None,
    },
    {
        "code": "VN",
        "slug": "viet-nam",
        "status": "member",
        "name": "Viet Nam",
        "name_ru": "Вьетнам",
        "name_az": "Vyetnam",
        "joined_on": None,
    },
    {
        "code": "BY",
        "slug": "belarus",
        "status": "observer-state",
        "name": "Belarus",
        "name_ru": "Беларусь",
        "name_az": "Belarus",
        "joined_on": None,
    },
    {
        "code": "ID",
        "slug": "indonesia",
        "status": "observer-state",
        "name": "Indonesia",
        "name_ru": "Индонезия",
        "name_az": "İndoneziya",
        "joined_on": None,
    },
    {
        "code": "JP",
        "slug": "japan",
        "status": "observer-state",
        "name": "Japan",
        "name_ru": "Япония",
        "name_az": "Yaponiya",
        "joined_on": None,
    },
    {
        "code": "LA",
        "slug": "laos",
        "status": "observer-state",
        "name": "Laos",
        "name_ru": "Лаос",
        "name_az": "Laos",
        "joined_on": None,
    },
    {
        "code": "MY",
        "slug": "malaysia",
        "status": "observer-state",
        "name": "Malaysia",
        "name_ru": "Малайзия",
        "name_az": "Malayziya",
        "joined_on": None,
    },
    {
        "code": "PH",
        "slug": "philippines",
        "status": "observer-state",
        "name": "Philippines",
        "name_ru": "Филиппины",
        "name_az": "Filippin",
        "joined_on": None,
    },
    {
        "code": "TM",
        "slug": "turkmenistan",
        "status": "observer-state",
        "name": "Turkmenistan",
        "name_ru": "Туркменистан",
        "name_az": "Türkmənistan",
        "joined_on": datetime.date(2022, 10, 13),
        "note": "Reported as an observer state on 13 October 2022, at the Sixth Summit in Astana.",
    },
    {
        "code": "UA",
        "slug": "ukraine",
        "status": "observer-state",
        "name": "Ukraine",
        "name_ru": "Украина",
        "name_az": "Ukrayna",
        "joined_on": None,
    },
    {
        "code": "US",
        "slug": "united-states",
        "status": "observer-state",
        "name": "United States",
        "name_ru": "Соединённые Штаты Америки",
        "name_az": "Amerika Birləşmiş Ştatları",
        "joined_on": None,
    },
]

# The five observer organisations (Azerbaijan's foreign ministry, quoted by vestikavkaza.ru, 2024-03-20).
# TURKPA under the name it has had since June 2022 (its XI plenary session renamed it; facts.md gives the
# former name, which its note keeps). The organisation_name field has no slug: the English name is the key.
OBSERVER_ORGANISATIONS = [
    {
        "slug": "united-nations",
        "organisation_name": "United Nations",
        "organisation_name_ru": "Организация Объединённых Наций",
        "organisation_name_az": "Birləşmiş Millətlər Təşkilatı",
    },
    {
        "slug": "osce",
        "organisation_name": "Organization for Security and Co-operation in Europe",
        "organisation_name_ru": "Организация по безопасности и сотрудничеству в Европе",
        "organisation_name_az": "Avropada Təhlükəsizlik və Əməkdaşlıq Təşkilatı",
    },
    {
        "slug": "league-of-arab-states",
        "organisation_name": "League of Arab States",
        "organisation_name_ru": "Лига арабских государств",
        "organisation_name_az": "Ərəb Dövlətləri Liqası",
    },
    {
        "slug": "turkpa",
        "organisation_name": "Parliamentary Assembly of Turkic States",
        "organisation_name_ru": "Парламентская ассамблея тюркских государств",
        "organisation_name_az": "Türk Dövlətləri Parlament Assambleyası",
        "note": "Named Parliamentary Assembly of Turkic-speaking Countries until June 2022.",
        "note_ru": "До июня 2022 года называлась «Парламентская ассамблея тюркоязычных стран».",
        "note_az": "2022-ci ilin iyununadək “Türkdilli Ölkələrin Parlament Assambleyası” adlanırdı.",
    },
    {
        "slug": "iom",
        "organisation_name": "International Organization for Migration",
        "organisation_name_ru": "Международная организация по миграции",
        "organisation_name_az": "Beynəlxalq Miqrasiya Təşkilatı",
    },
]

# The Secretariat's city, under its names over time (facts.md: Astana until March 2019, Nur-Sultan until
# September 2022, Astana since; the days are the renaming decrees'). Pages show the name in use today.
SECRETARIAT_PLACE = {
    "slug": "astana",
    "country": "KZ",
    "names": [
        {
            "name": "Astana",
            "name_ru": "Астана",
            "name_az": "Astana",
            "used_from": None,
            "used_until": datetime.date(2019, 3, 23),
        },
        {
            "name": "Nur-Sultan",
            "name_ru": "Нур-Султан",
            "name_az": "Nur-Sultan",
            "used_from": datetime.date(2019, 3, 23),
            "used_until": datetime.date(2022, 9, 17),
        },
        {
            "name": "Astana",
            "name_ru": "Астана",
            "name_az": "Astana",
            "used_from": datetime.date(2022, 9, 17),
            "used_until": None,
        },
    ],
}

# The chairmanship since its beginning (facts.md, "Chairmanship"): dates as precisely as reported, a term's
# end the successor's first day; Azerbaijan's end (2026) is the planned one. Meetings are seed slugs where a
# source says the chairmanship changed hands there.
CHAIR_TERMS = [
    {
        "country": "KZ",
        "start": None,
        "start_precision": "day",
        "end": datetime.date(2010, 6, 1),
        "end_precision": "month",
        "end_is_planned": False,
        "start_meeting": None,
        "end_meeting": "summit-istanbul-2010",
        "note": "First Chair of the CICA; handed over the chairmanship to Türkiye at the Third Summit in "
        "Istanbul in June 2010.",
        "note_ru": "Первый Председатель СВМДА; передал председательство Турции на третьем саммите в "
        "Стамбуле в "
        "июне 2010 года.",
        "note_az": "AQEM-in ilk sədri; sədrliyi 2010-cu ilin iyununda İstanbulda keçirilən Üçüncü Sammitdə "
        "Türkiyəyə təhvil verib.",
    },
    {
        "country": "TR",
        "start": datetime.date(2010, 6, 1),
        "start_precision": "month",
        "end": datetime.date(2014, 5, 1),
        "end_precision": "month",
        "end_is_planned": False,
        "start_meeting": "summit-istanbul-2010",
        "end_meeting": None,
        "note": "Took over the chairmanship at the Third Summit in Istanbul in June 2010.",
        "note_ru": "Приняла председательство на третьем саммите в Стамбуле в июне 2010 года.",
        "note_az": "Sədrliyi 2010-cu ilin iyununda İstanbulda keçirilən Üçüncü Sammitdə qəbul edib.",
    },
    {
        "country": "CN",
        "start": datetime.date(2014, 5, 1),
        "start_precision": "month",
        "end": datetime.date(2018, 1, 1),
        "end_precision": "year",
        "end_is_planned": False,
        "start_meeting": None,
        "end_meeting": None,
        "note": "Chairmanship-in-Office from May 2014 to 2018.",
        "note_ru": "Председательство в СВМДА с мая 2014 года по 2018 год.",
        "note_az": "2014-cü ilin mayından 2018-ci ilədək AQEM-də sədrlik edib.",
    },
    {
        "country": "TJ",
        "start": datetime.date(2018, 1, 1),
        "start_precision": "year",
        "end": datetime.date(2020, 1, 1),
        "end_precision": "year",
        "end_is_planned": False,
        "start_meeting": None,
        "end_meeting": None,
        "note": "Chair from 2018 to 2020; hosted the Fifth Summit in Dushanbe on 15 June 2019.",
        "note_ru": "Председательствовал в СВМДА с 2018 по 2020 год; принимал пятый саммит в Душанбе 15 "
        "июня 2019 "
        "года.",
        "note_az": "2018–2020-ci illərdə AQEM-ə sədrlik edib; 15 iyun 2019-cu ildə Düşənbədə keçirilən "
        "Beşinci "
        "Sammitə ev sahibliyi edib.",
    },
    {
        "country": "KZ",
        "start": datetime.date(2020, 1, 1),
        "start_precision": "year",
        "end": datetime.date(2024, 12, 17),
        "end_precision": "day",
        "end_is_planned": False,
        "start_meeting": None,
        "end_meeting": "ministerial-council-7-2024",
        "note": "Chair from 2020; hosted the Sixth Summit in Astana on 12–13 October 2022; handed over the "
        "chairmanship to Azerbaijan at the opening of the Seventh Meeting of the Ministerial Council, "
        "held online on 17 December 2024.",
        "note_ru": "Председательствовал в СВМДА с 2020 года; принимал шестой саммит в Астане 12–13 "
        "октября 2022 "
        "года; передал председательство Азербайджану при открытии седьмого заседания Совета министров "
        "иностранных дел, состоявшегося в онлайн-формате 17 декабря 2024 года.",
        "note_az": "2020-ci ildən AQEM-ə sədrlik edib; 12–13 oktyabr 2022-ci ildə Astanada keçirilən Altıncı "
        "Sammitə ev sahibliyi edib; sədrliyi 17 dekabr 2024-cü ildə onlayn formatda keçirilən Xarici "
        "İşlər Nazirləri Şurasının yeddinci iclasının açılışında Azərbaycana təhvil verib.",
    },
    {
        "country": "AZ",
        "start": datetime.date(2024, 12, 17),
        "start_precision": "day",
        "end": datetime.date(2026, 1, 1),
        "end_precision": "year",
        "end_is_planned": True,
        "start_meeting": "ministerial-council-7-2024",
        "end_meeting": None,
        "note": "Elected Chair for 2024–2026 by the Ministerial Council on 19 March 2024; took over the "
        "chairmanship at the opening of the Seventh Meeting of the Ministerial Council, held online on "
        "17 December 2024; to host the Summit in 2026.",
        "note_ru": "Избран Председателем СВМДА на 2024–2026 годы решением Совета министров иностранных "
        "дел от 19 "
        "марта 2024 года; принял председательство при открытии седьмого заседания Совета министров "
        "иностранных дел, состоявшегося в онлайн-формате 17 декабря 2024 года; примет саммит в 2026 "
        "году.",
        "note_az": "Xarici İşlər Nazirləri Şurasının 19 mart 2024-cü il tarixli qərarı ilə 2024–2026-cı "
        "illər "
        "üzrə AQEM sədri seçilib; sədrliyi 17 dekabr 2024-cü ildə onlayn formatda keçirilən Xarici "
        "İşlər Nazirləri Şurasının yeddinci iclasının açılışında qəbul edib; 2026-cı ildə Sammitə ev "
        "sahibliyi edəcək.",
        "decided_on": datetime.date(2024, 3, 19),
        "decided_by": "Ministerial Council (decision of 19 March 2024)",
        "decided_by_ru": "Совет министров иностранных дел (решение от 19 марта 2024 года)",
        "decided_by_az": "Xarici İşlər Nazirləri Şurası (19 mart 2024-cü il tarixli qərar)",
    },
]

ORGANISATION = {
    "name": "Conference on Interaction and Confidence Building Measures in Asia",
    "acronym": "CICA",
    "slug": "cica",
    "purpose": (
        "The main purpose of this initiative was to establish an effective and universal organisation "
        "for peace and security in Asia."
    ),
    "initiative_date": datetime.date(1992, 10, 5),
    "initiative_by": "the President of Kazakhstan, Nursultan Nazarbayev",
    "initiative_event": "the 47th session of the UN General Assembly",
    "secretariat_country": "KZ",
    # news.az and urdupoint.com.
    "history": (
        "<p>The Secretariat, the administrative body of the CICA, has been headquartered in the capital "
        "of Kazakhstan since 2014. The city was named Nur-Sultan from 2019 to September 2022, and Astana "
        "before and after.</p>"
    ),
}

BODIES = [
    {
        "slug": "summit",
        "name": "Meeting of Heads of State and Government",
        "short_name": "Summit",
        "role": "the supreme authority",
        "meets_every_months": 48,
        "order": 1,
    },
    {
        "slug": "ministerial-meeting",
        "name": "Meeting of Foreign Ministers",
        "short_name": "Ministerial Meeting",
        "role": "the body",
        "meets_every_months": 24,
        "frequency_note": "in accordance with the Rules of procedure",
        # cicaistanbul.org. Only the 1999 meeting has a known day, so only it is in the meeting table.
        "description": (
            "<p>After the first meeting in Almaty in 1999, the Foreign Ministers met in Almaty in 2004 "
            "and 2008, and in Astana in September 2012.</p>"
        ),
        "order": 2,
    },
    {
        "slug": "senior-officials-committee",
        "name": "Senior Officials Committee",
        "short_name": "SOC",
        "role": "the structure",
        "meets_every_months": 12,
        "meets_at_least": True,
        # cicaistanbul.org.
        "description": (
            "<p>The Senior Officials Committee meets as often as necessary, and not less than once a year. "
            "It oversees the Special Working Groups, which usually meet back to back with it.</p>"
        ),
        "order": 3,
    },
]

# The relations page does not say which area of the catalogue this measure belongs to: no area.
MEASURES = [
    {
        "slug": "transportation-corridors",
        "name": "Development of secure and effective systems of transportation corridors",
    },
]

# Azerbaijan coordinates it, with China and India as co-coordinators (s-cica.org press release on
# Azerbaijan's chairmanship).
COORDINATORS = [
    {"measure": "transportation-corridors", "country": "AZ", "role": "coordinator"},
    {"measure": "transportation-corridors", "country": "CN", "role": "co-coordinator"},
    {"measure": "transportation-corridors", "country": "IN", "role": "co-coordinator"},
]

# Summits: beijingreview.com.cn, cicaistanbul.org, news.tj, urdupoint.com, inform.kz. The meetings of
# Foreign Ministers of 2004, 2008 and 2012 are known by year or month only, so they are not here.
MEETINGS = [
    {
        "slug": "experts-transportation-corridors-baku-2011",
        "title": "Meeting of experts on transportation corridors",
        "kind": "experts",
        "start_date": datetime.date(2011, 4, 20),
        "end_date": datetime.date(2011, 4, 21),
        "format": "in-person",
        "city": "Baku",
        "host_country": "AZ",
        "measure": "transportation-corridors",
    },
    {
        "slug": "experts-transport-digitalization-2021",
        "title": "Meeting of experts on digitalization in transport and logistics",
        "kind": "experts",
        "start_date": datetime.date(2021, 9, 23),
        "end_date": datetime.date(2021, 9, 23),
        "format": "virtual",
        "organising_country": "AZ",
        "measure": "transportation-corridors",
        "theme": (
            "Promoting cooperation in order to strengthen the digitalization in the transport and "
            "logistics operations"
        ),
    },
    {
        "slug": "youth-council-conference-baku-2018",
        "title": "Third Conference of the CICA Youth Council",
        "kind": "youth-council",
        "ordinal": 3,
        "start_date": datetime.date(2018, 4, 13),
        "end_date": datetime.date(2018, 4, 14),
        "format": "in-person",
        "city": "Baku",
        "host_country": "AZ",
        "theme": "International Youth Cooperation in the context of Peace, Security and Sustainability",
    },
    {
        "slug": "ministerial-meeting-almaty-1999",
        "title": "First CICA Ministerial Meeting",
        "kind": "ministerial",
        "body": "ministerial-meeting",
        "ordinal": 1,
        "start_date": datetime.date(1999, 9, 14),
        "end_date": datetime.date(1999, 9, 14),
        "format": "in-person",
        "city": "Almaty",
        "host_country": "KZ",
    },
    *[
        {
            "slug": f"summit-{city.lower()}-{start.year}",
            "title": f"{word} CICA Summit",
            "kind": "summit",
            "body": "summit",
            "ordinal": ordinal,
            "start_date": start,
            "end_date": end,
            "format": "in-person",
            "city": city,
            "host_country": host,
        }
        for ordinal, word, start, end, city, host in [
            (1, "First", datetime.date(2002, 6, 4), datetime.date(2002, 6, 4), "Almaty", "KZ"),
            (2, "Second", datetime.date(2006, 6, 17), datetime.date(2006, 6, 17), "Almaty", "KZ"),
            (3, "Third", datetime.date(2010, 6, 7), datetime.date(2010, 6, 8), "Istanbul", "TR"),
            (4, "Fourth", datetime.date(2014, 5, 20), datetime.date(2014, 5, 21), "Shanghai", "CN"),
            (5, "Fifth", datetime.date(2019, 6, 15), datetime.date(2019, 6, 15), "Dushanbe", "TJ"),
            (6, "Sixth", datetime.date(2022, 10, 12), datetime.date(2022, 10, 13), "Astana", "KZ"),
        ]
    ],
]

FOUNDING_DOCUMENTS = [
    {
        "slug": "declaration-on-principles-guiding-relations",
        "title": "Declaration on the Principles Guiding Relations between the CICA Member States",
        "adopted_on": datetime.date(1999, 9, 14),
        "adopted_in": "Almaty",
        "adopted_at": "ministerial-meeting-almaty-1999",
        "summary": (
            "One of the main documents regulating the activities of the CICA, adopted with 15 member states."
        ),
        "order": 1,
    },
    {
        "slug": "almaty-act",
        "title": "Almaty Act",
        "adopted_on": datetime.date(2002, 6, 4),
        "adopted_in": "Almaty",
        "adopted_at": "summit-almaty-2002",
        "summary": "One of the main documents regulating the activities of the CICA.",
        "order": 2,
    },
]

# The organisation's background, Azerbaijan's coordinator role and its meetings are not typed here: the
# public page derives them from the profile, bodies, documents, registry and meeting table.
RELATIONS = [
    {
        "country": "AZ",
        "slug": "azerbaijan",
        "title": (
            "Relations between the Conference on Interaction and Confidence Building Measures in Asia "
            "(CICA) and Azerbaijan"
        ),
        "lead": (
            "Azerbaijan was one of the first countries to support the initiative of the first President of "
            "Kazakhstan, His Excellency Nursultan Nazarbayev, to convene the CICA, and is currently "
            "actively participating in cooperation within the CICA."
        ),
        # The text was published in 2021 (facts.md): it says so, rather than the day it was loaded.
        "source_date": datetime.date(2021, 1, 1),
        "source_date_precision": "year",
        "body": (
            "<p>The final declarations of the CICA Summits, as well as the documents of the Ministerial "
            "Meetings, have consistently condemned separatism as a threat to the stability, sovereignty "
            "and territorial integrity of states, and stated that relationships among Member States "
            "should be based on respect for each other’s territorial integrity, sovereignty and "
            "internationally recognised borders.</p>"
        ),
    },
]

# Bodies are HTML templates for format_html(): {contact_url} is the contact page's address.
POLICY_PAGES = [
    {
        "slug": "privacy",
        "title": "Privacy policy",
        "order": 1,
        "body": (
            "<p>This site sets no cookies for visitors, except a CSRF cookie on the contact page, which "
            "protects its form against forgery and is used for nothing else. It runs no analytics or "
            "trackers, and it loads nothing from other sites.</p>"
            "<p>Staff who sign in to edit the site get two cookies: a session cookie, which keeps them "
            "signed in, and a CSRF cookie, which protects their forms against forgery. Neither is used "
            "for anything else.</p>"
            "<p>Like most web servers, the server that hosts this site may keep standard access logs of "
            "the requests it receives.</p>"
            "<p>The share links on a page are plain links: they send nothing to any service until you "
            "click one. When you do, you go to that service, and its own privacy policy applies.</p>"
            "<p>Words typed into the search box go only to this site; like any address, they may appear "
            "in the server's access logs.</p>"
            "<p>Messages sent through the contact form (your name, e-mail address, subject and message, and "
            "the page's language) are kept in the site's database so that the Secretariat's staff can answer "
            "them, and sent to the Secretariat by e-mail. They are deleted 12 months after they were "
            "received. Your IP address is not kept: only a keyed hash of it, to limit how many messages one "
            "address can send in an hour, which is deleted with the message.</p>"
            '<p>Questions about this policy go to the Secretariat: see <a href="{contact_url}">Contact</a>.'
            "</p>"
        ),
    },
    {
        "slug": "copyright",
        "title": "Copyright and licensing",
        "order": 2,
        "body": (
            '<p>All rights reserved. <a href="{contact_url}">Contact us</a> to use any licensed material.</p>'
        ),
    },
    {
        "slug": "contact",
        "title": "Contact",
        "order": 3,
        # The Secretariat's city and details are shown beside this text, from the profile.
        "body": (
            "<p>Requests to use licensed material from this site, and requests for documents in an "
            "accessible format, go to the Secretariat.</p>"
        ),
    },
    {
        "slug": "accessibility",
        "title": "Accessibility statement",
        "order": 4,
        "body": (
            "<p>This site aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. "
            "Every type of page is checked automatically with axe-core in a browser on each change. Pages "
            "have a skip link, landmarks, one main heading, visible keyboard focus and text alternatives "
            "for images. The language of each page, and of any passage shown in English for want of a "
            "translation, is marked. The site works without JavaScript and from 320 pixels wide, and "
            "pages print without navigation.</p>"
            "<p>Known limitations: automated checks find only some barriers, and the site has not been "
            "reviewed by people with disabilities or an independent auditor. Published PDF documents may "
            'not be accessible: ask for an accessible format through <a href="{contact_url}">Contact</a>. '
            "Pages not yet translated are shown in English, marked as such.</p>"
            '<p>If you meet a barrier, tell the Secretariat through <a href="{contact_url}">Contact</a>.</p>'
        ),
    },
]

# The Seventh Meeting of the Ministerial Council: announced for Baku on 11 November 2024 (alongside COP29),
# held online on 17 December 2024 (trend.az, 2024-12-14), where Kazakhstan handed the chairmanship over to
# Azerbaijan. Its announced change is kept as the meeting page shows such changes; the change's date is the
# report's (when it was known by), as the day it was decided is not.
NEW_MEETINGS = [
    {
        "slug": "ministerial-council-7-2024",
        "title": "Seventh Meeting of the CICA Ministerial Council",
        "kind": "ministerial",
        "body": "ministerial-meeting",
        "ordinal": 7,
        "start_date": datetime.date(2024, 12, 17),
        "end_date": datetime.date(2024, 12, 17),
        "format": "virtual",
        "summary": "First announced for Baku on 11 November 2024, to be held alongside COP29, the "
        "meeting was "
        "held online on 17 December 2024. At its opening Kazakhstan handed over the chairmanship of "
        "the CICA to Azerbaijan.",
    }
]

MEETING_CHANGES = {
    "ministerial-council-7-2024": [
        {
            "changed_at": datetime.date(2024, 12, 14),
            "previous_status": "planned",
            "previous_start_date": datetime.date(2024, 11, 11),
            "previous_end_date": datetime.date(2024, 11, 11),
            "previous_format": "in-person",
            "previous_city": "Baku",
            "previous_city_ru": "Баку",
            "previous_city_az": "Bakı",
            "previous_host_country": "AZ",
            "note": "First announced for Baku on 11 November 2024, alongside COP29; "
            "held online on 17 December 2024.",
            "note_ru": "Первоначально было объявлено о проведении в Баку 11 ноября "
            "2024 года на полях COP29; проведено в онлайн-формате 17 "
            "декабря 2024 года.",
            "note_az": "Əvvəlcə 11 noyabr 2024-cü ildə Bakıda COP29 çərçivəsində "
            "keçirilməsi elan edilmişdi; 17 dekabr 2024-cü ildə onlayn "
            "formatda keçirilib.",
        }
    ]
}

# The Sixth Summit's outcome (inform.kz; vestikavkaza.ru, 2024-03-20, quoting Azerbaijan's foreign ministry).
MEETING_SUMMARIES = {
    "summit-astana-2022": "The Summit adopted the Astana Statement on the Transformation of CICA. Kuwait was "
    "admitted as the 28th member state, and Turkmenistan became an observer state."
}

# When the facts of each panel were last checked, against which reports (facts.md names them by publisher,
# title and date; the links are left for staff to add, not guessed).
FACT_CHECKS = [
    {
        "panel": "key-facts",
        "checked_on": datetime.date(2026, 12, 6),
        "sources": [
            "inform.kz, report on the Sixth CICA Summit in Astana, 13 October 2022",
            "urdupoint.com (Sputnik), “one of nine CICA observer states”, 13 October 2022",
            "vestikavkaza.ru, quoting Azerbaijan's foreign ministry on CICA's observers, 20 March 2024",
            "trend.az, Kazakhstan's 2020–2024 chairmanship and the Seventh Ministerial Council, 14 "
            "December 2024",
        ],
    },
    {
        "panel": "member-states",
        "checked_on": datetime.date(2026, 12, 6),
        "sources": [
            "news.az, “CICA Astana summit approves Kuwait's bid to join organization”, 13 October 2022",
            "inform.kz, report on the Sixth CICA Summit in Astana, 13 October 2022",
            "urdupoint.com (Sputnik), “one of nine CICA observer states”, 13 October 2022",
            "vestikavkaza.ru, quoting Azerbaijan's foreign ministry on CICA's observers, 20 March 2024",
        ],
    },
    {
        "panel": "chairmanship",
        "checked_on": datetime.date(2026, 12, 6),
        "sources": [
            "s-cica.org, press release on Azerbaijan's chairmanship",
            "mfa.kz, Conference on Interaction and Confidence Building Measures in Asia (CICA)",
            "news.az, Azerbaijan to chair CICA and host the Summit in 2026, 25 July 2024",
            "trend.az, Kazakhstan's 2020–2024 chairmanship and the Seventh Ministerial Council, 14 "
            "December 2024",
        ],
    },
    {
        "panel": "relation",
        "relation": "AZ",
        "checked_on": datetime.date(2026, 12, 6),
        "sources": [
            "s-cica.org, press release on Azerbaijan's chairmanship",
            "trend.az, Kazakhstan's 2020–2024 chairmanship and the Seventh Ministerial Council, 14 "
            "December 2024",
        ],
    },
]

# Russian and Azerbaijani versions of every public text above, loaded marked as translations to be
# reviewed by staff (drafts by the content researcher: /work/research/content/NOTES.md says what is
# uncertain). Keys: the seed list and the object's natural key (memberships: the country code). Country
# names and the chair terms carry theirs beside the English. Policy page bodies are format_html() templates.
TRANSLATIONS = {
    ("organisation", None): {
        "ru": {
            "name": "Совещание по взаимодействию и мерам доверия в Азии",
            "acronym": "СВМДА",
            "purpose": "Главной целью этой инициативы было создание эффективной и "
            "универсальной организации по обеспечению мира и безопасности "
            "в Азии.",
            "initiative_by": "Президентом Казахстана Нурсултаном Назарбаевым",
            "initiative_event": "47-й сессии Генеральной Ассамблеи ООН",
            "history": "<p>Секретариат, административный орган СВМДА, с 2014 года "
            "находится в столице Казахстана. С 2019 года по сентябрь 2022 "
            "года город назывался Нур-Султан, до и после этого — "
            "Астана.</p>",
        },
        "az": {
            "name": "Asiyada Qarşılıqlı Fəaliyyət və Etimad Tədbirləri üzrə Müşavirə",
            "acronym": "AQEM",
            "purpose": "Bu təşəbbüsün əsas məqsədi Asiyada sülh və təhlükəsizlik üçün "
            "effektiv və universal təşkilat yaratmaq idi.",
            "initiative_by": "Qazaxıstan Prezidenti Nursultan Nazarbayev",
            "initiative_event": "BMT Baş Assambleyasının 47-ci sessiyası",
            "history": "<p>AQEM-in inzibati orqanı olan Katiblik 2014-cü ildən "
            "Qazaxıstanın paytaxtında yerləşir. Şəhər 2019-cu ildən "
            "2022-ci ilin sentyabrına qədər Nur-Sultan, ondan əvvəl və "
            "sonra isə Astana adlanıb.</p>",
        },
    },
    ("relations", "AZ"): {
        "ru": {
            "title": "Отношения между Совещанием по взаимодействию и мерам доверия в "
            "Азии (СВМДА) и Азербайджаном",
            "lead": "Азербайджан был одной из первых стран, поддержавших инициативу "
            "Первого Президента Казахстана Его Превосходительства Нурсултана "
            "Назарбаева о созыве СВМДА, и в настоящее время активно участвует в "
            "сотрудничестве в рамках СВМДА.",
            "body": "<p>В итоговых декларациях саммитов СВМДА, а также в документах "
            "совещаний министров иностранных дел неизменно осуждался сепаратизм "
            "как угроза стабильности, суверенитету и территориальной целостности "
            "государств, и подчёркивалось, что отношения между "
            "государствами-членами должны строиться на уважении территориальной "
            "целостности, суверенитета и международно признанных границ друг "
            "друга.</p>",
        },
        "az": {
            "title": "Asiyada Qarşılıqlı Fəaliyyət və Etimad Tədbirləri üzrə Müşavirə "
            "(AQEM) ilə Azərbaycan arasında münasibətlər",
            "lead": "Azərbaycan Qazaxıstanın ilk Prezidenti Zati-aliləri Nursultan "
            "Nazarbayevin AQEM-in çağırılması təşəbbüsünü dəstəkləyən ilk "
            "ölkələrdən biri olub və hazırda AQEM çərçivəsində əməkdaşlıqda fəal "
            "iştirak edir.",
            "body": "<p>AQEM sammitlərinin yekun bəyannamələrində, eləcə də Nazirlər "
            "görüşlərinin sənədlərində separatizm dövlətlərin sabitliyinə, "
            "suverenliyinə və ərazi bütövlüyünə təhdid kimi ardıcıl olaraq "
            "pislənib, üzv dövlətlər arasında münasibətlərin bir-birinin ərazi "
            "bütövlüyünə, suverenliyinə və beynəlxalq səviyyədə tanınmış "
            "sərhədlərinə hörmət əsasında qurulmalı olduğu bildirilib.</p>",
        },
    },
    ("bodies", "summit"): {
        "ru": {
            "name": "Совещание глав государств и правительств",
            "short_name": "Саммит",
            "role": "высший орган",
        },
        "az": {"name": "Dövlət və Hökumət Başçılarının Görüşü", "short_name": "Sammit", "role": "ali orqan"},
    },
    ("bodies", "ministerial-meeting"): {
        "ru": {
            "name": "Совещание министров иностранных дел",
            "short_name": "Совещание министров",
            "role": "орган",
            "frequency_note": "в соответствии с Правилами процедуры",
            "description": "<p>После первого совещания в Алматы в 1999 "
            "году министры иностранных дел собирались в "
            "Алматы в 2004 и 2008 годах и в Астане в "
            "сентябре 2012 года.</p>",
        },
        "az": {
            "name": "Xarici İşlər Nazirlərinin Görüşü",
            "short_name": "Nazirlər görüşü",
            "role": "orqan",
            "frequency_note": "Prosedur Qaydalarına uyğun olaraq",
            "description": "<p>1999-cu ildə Almatıda keçirilən ilk "
            "görüşdən sonra xarici işlər nazirləri 2004 və "
            "2008-ci illərdə Almatıda, 2012-ci ilin "
            "sentyabrında isə Astanada toplaşıblar.</p>",
        },
    },
    ("bodies", "senior-officials-committee"): {
        "ru": {
            "name": "Комитет старших должностных лиц",
            "short_name": "КСДЛ",
            "role": "структура",
            "description": "<p>Комитет старших должностных лиц "
            "собирается так часто, как это "
            "необходимо, но не реже одного раза в "
            "год. Он курирует специальные рабочие "
            "группы, которые обычно заседают в дни "
            "его заседаний.</p>",
        },
        "az": {
            "name": "Yüksək Vəzifəli Şəxslər Komitəsi",
            "short_name": "YVŞK",
            "role": "struktur",
            "description": "<p>Yüksək Vəzifəli Şəxslər Komitəsi "
            "zərurət olduqca, lakin ildə ən azı bir "
            "dəfə toplanır. O, adətən onunla eyni "
            "günlərdə toplanan Xüsusi İşçi Qruplara "
            "nəzarət edir.</p>",
        },
    },
    ("measures", "transportation-corridors"): {
        "ru": {"name": "Развитие безопасных и эффективных систем транспортных коридоров"},
        "az": {"name": "Təhlükəsiz və səmərəli nəqliyyat dəhlizləri sistemlərinin inkişafı"},
    },
    ("founding_documents", "declaration-on-principles-guiding-relations"): {
        "ru": {
            "title": "Декларация о принципах, регулирующих отношения между государствами — членами СВМДА",
            "adopted_in": "Алматы",
            "summary": "Один из "
            "основных "
            "документов, "
            "регулирующих "
            "деятельность "
            "СВМДА; принят "
            "15 "
            "государствами-членами.",
        },
        "az": {
            "title": "AQEM üzv dövlətləri arasında münasibətlərin rəhbəredici prinsipləri haqqında Bəyannamə",
            "adopted_in": "Almatı",
            "summary": "AQEM-in "
            "fəaliyyətini "
            "tənzimləyən "
            "əsas "
            "sənədlərdən "
            "biri; 15 üzv "
            "dövlət "
            "tərəfindən "
            "qəbul "
            "edilib.",
        },
    },
    ("founding_documents", "almaty-act"): {
        "ru": {
            "title": "Алматинский акт",
            "adopted_in": "Алматы",
            "summary": "Один из основных документов, регулирующих деятельность СВМДА.",
        },
        "az": {
            "title": "Almatı Aktı",
            "adopted_in": "Almatı",
            "summary": "AQEM-in fəaliyyətini tənzimləyən əsas sənədlərdən biri.",
        },
    },
    ("meetings", "experts-transportation-corridors-baku-2011"): {
        "ru": {"title": "Совещание экспертов по транспортным коридорам", "city": "Баку"},
        "az": {"title": "Nəqliyyat dəhlizləri üzrə ekspertlər görüşü", "city": "Bakı"},
    },
    ("meetings", "experts-transport-digitalization-2021"): {
        "ru": {
            "title": "Совещание экспертов по цифровизации в транспорте и логистике",
            "theme": "Содействие сотрудничеству в "
            "целях усиления цифровизации "
            "транспортных и логистических "
            "операций",
        },
        "az": {
            "title": "Nəqliyyat və logistikada rəqəmsallaşma üzrə ekspertlər görüşü",
            "theme": "Nəqliyyat və logistika "
            "əməliyyatlarında "
            "rəqəmsallaşmanın gücləndirilməsi "
            "məqsədilə əməkdaşlığın təşviqi",
        },
    },
    ("meetings", "youth-council-conference-baku-2018"): {
        "ru": {
            "title": "Третья конференция Молодёжного совета СВМДА",
            "city": "Баку",
            "theme": "Международное молодёжное сотрудничество в контексте мира, безопасности и устойчивости",
        },
        "az": {
            "title": "AQEM Gənclər Şurasının üçüncü konfransı",
            "city": "Bakı",
            "theme": "Sülh, təhlükəsizlik və davamlılıq kontekstində beynəlxalq gənclər əməkdaşlığı",
        },
    },
    ("meetings", "ministerial-meeting-almaty-1999"): {
        "ru": {"title": "Первое совещание министров иностранных дел СВМДА", "city": "Алматы"},
        "az": {"title": "Birinci AQEM Nazirlər Görüşü", "city": "Almatı"},
    },
    ("meetings", "summit-almaty-2002"): {
        "ru": {"title": "Первый саммит СВМДА", "city": "Алматы"},
        "az": {"title": "Birinci AQEM Sammiti", "city": "Almatı"},
    },
    ("meetings", "summit-almaty-2006"): {
        "ru": {"title": "Второй саммит СВМДА", "city": "Алматы"},
        "az": {"title": "İkinci AQEM Sammiti", "city": "Almatı"},
    },
    ("meetings", "summit-istanbul-2010"): {
        "ru": {"title": "Третий саммит СВМДА", "city": "Стамбул"},
        "az": {"title": "Üçüncü AQEM Sammiti", "city": "İstanbul"},
    },
    ("meetings", "summit-shanghai-2014"): {
        "ru": {"title": "Четвёртый саммит СВМДА", "city": "Шанхай"},
        "az": {"title": "Dördüncü AQEM Sammiti", "city": "Şanxay"},
    },
    ("meetings", "summit-dushanbe-2019"): {
        "ru": {"title": "Пятый саммит СВМДА", "city": "Душанбе"},
        "az": {"title": "Beşinci AQEM Sammiti", "city": "Düşənbə"},
    },
    ("meetings", "summit-astana-2022"): {
        "ru": {
            "title": "Шестой саммит СВМДА",
            "city": "Астана",
            "summary": "Саммит принял Астанинское заявление по "
            "трансформации СВМДА. Кувейт был принят в качестве "
            "28-го государства-члена, а Туркменистан получил "
            "статус государства-наблюдателя.",
        },
        "az": {
            "title": "Altıncı AQEM Sammiti",
            "city": "Astana",
            "summary": "Sammitdə “AQEM-in Transformasiyasına dair Astana "
            "Bəyanatı” qəbul edilib. Küveyt 28-ci üzv dövlət "
            "kimi qəbul olunub, Türkmənistan isə müşahidəçi "
            "dövlət statusu alıb.",
        },
    },
    ("memberships", "TM"): {
        "ru": {
            "note": "По сообщениям, получил статус государства-наблюдателя 13 октября "
            "2022 года на шестом саммите в Астане."
        },
        "az": {
            "note": "Məlumatlara görə, 13 oktyabr 2022-ci ildə Astanada keçirilən "
            "Altıncı Sammitdə müşahidəçi dövlət statusu alıb."
        },
    },
    ("memberships", "KW"): {
        "ru": {
            "note": "Подписал оба основополагающих документа 11 октября 2022 года; "
            "принят в качестве 28-го государства-члена на шестом саммите в "
            "Астане 13 октября 2022 года."
        },
        "az": {
            "note": "11 oktyabr 2022-ci ildə iki təsis sənədini imzalayıb; 13 oktyabr "
            "2022-ci ildə Astanada keçirilən Altıncı Sammitdə 28-ci üzv dövlət "
            "kimi qəbul edilib."
        },
    },
    ("policy_pages", "privacy"): {
        "ru": {
            "title": "Политика конфиденциальности",
            "body": "<p>Этот сайт не устанавливает посетителям файлов cookie, "
            "кроме CSRF-cookie на странице «Контакты», который защищает "
            "её форму от подделки запросов и ни для чего другого не "
            "используется. На нём не используются средства веб-аналитики "
            "и отслеживания, и он ничего не загружает с других "
            "сайтов.</p><p>Сотрудники, входящие в систему для "
            "редактирования сайта, получают два файла cookie: сеансовый, "
            "благодаря которому они остаются в системе, и CSRF-cookie, "
            "который защищает отправляемые ими формы от подделки "
            "запросов. Ни один из них не используется ни для каких иных "
            "целей.</p><p>Как и большинство веб-серверов, сервер, на "
            "котором размещён этот сайт, может вести стандартные журналы "
            "доступа, фиксирующие поступающие к нему "
            "запросы.</p><p>Ссылки «Поделиться» на странице — обычные "
            "ссылки: они ничего не передают никаким сервисам, пока вы не "
            "нажмёте на одну из них. После этого вы переходите на "
            "соответствующий сервис, и на вас распространяется его "
            "собственная политика конфиденциальности.</p><p>Слова, "
            "введённые в поле поиска, передаются только этому сайту; как "
            "и любой адрес, они могут отражаться в журналах доступа "
            "сервера.</p><p>Сообщения, отправленные через форму обратной "
            "связи (ваше имя, адрес электронной почты, тема и текст "
            "сообщения, а также язык страницы), хранятся в базе данных "
            "сайта, чтобы сотрудники Секретариата могли на них ответить, "
            "и направляются в Секретариат по электронной почте. Они "
            "удаляются через 12 месяцев после получения. Ваш IP-адрес не "
            "сохраняется: хранится только его хеш, вычисленный с "
            "секретным ключом, чтобы ограничить число сообщений с одного "
            "адреса в час; он удаляется вместе с сообщением.</p><p>С "
            "вопросами об этой политике обращайтесь в Секретариат: см. "
            'раздел <a href="{contact_url}">Контакты</a>.</p>',
        },
        "az": {
            "title": "Məxfilik siyasəti",
            "body": "<p>Bu sayt ziyarətçilər üçün kuki (cookie) faylı "
            "yerləşdirmir; yalnız “Əlaqə” səhifəsində onun formasını "
            "saxtalaşdırmadan qoruyan və başqa məqsədlə istifadə "
            "edilməyən CSRF kukisi yerləşdirilir. Saytda heç bir "
            "analitika və ya izləmə vasitəsi işləmir və sayt digər "
            "saytlardan heç nə yükləmir.</p><p>Saytı redaktə etmək üçün "
            "sistemə daxil olan əməkdaşlara iki kuki faylı verilir: "
            "onların sistemdə qalmasını təmin edən sessiya kukisi və "
            "göndərdikləri formaları saxtalaşdırmadan qoruyan CSRF "
            "kukisi. Bu kukilərdən heç biri başqa məqsədlə istifadə "
            "edilmir.</p><p>Əksər veb-serverlər kimi, bu saytın "
            "yerləşdiyi server də qəbul etdiyi sorğuların standart giriş "
            "jurnallarını saxlaya bilər.</p><p>Səhifədəki paylaşım "
            "keçidləri adi keçidlərdir: onlardan birinə klikləməyincə "
            "heç bir xidmətə heç nə göndərilmir. Kliklədikdə siz həmin "
            "xidmətə keçirsiniz və onun öz məxfilik siyasəti tətbiq "
            "olunur.</p><p>Axtarış xanasına yazılan sözlər yalnız bu "
            "sayta göndərilir; istənilən ünvan kimi, onlar da serverin "
            "giriş jurnallarında qeydə alına bilər.</p><p>Əlaqə forması "
            "vasitəsilə göndərilən mesajlar (adınız, e-poçt ünvanınız, "
            "mesajın mövzusu və mətni, habelə səhifənin dili) Katibliyin "
            "əməkdaşlarının onlara cavab verə bilməsi üçün saytın "
            "verilənlər bazasında saxlanılır və Katibliyə e-poçtla "
            "göndərilir. Onlar alındıqdan 12 ay sonra silinir. IP "
            "ünvanınız saxlanılmır: bir ünvandan bir saat ərzində "
            "göndərilən mesajların sayını məhdudlaşdırmaq üçün yalnız "
            "onun gizli açarla hesablanmış heşi saxlanılır və mesajla "
            "birlikdə silinir.</p><p>Bu siyasətlə bağlı suallarınızı "
            'Katibliyə ünvanlayın: <a href="{contact_url}">Əlaqə</a> '
            "bölməsinə baxın.</p>",
        },
    },
    ("policy_pages", "copyright"): {
        "ru": {
            "title": "Авторское право и лицензирование",
            "body": "<p>Все права защищены. Для использования любых "
            "лицензированных материалов <a "
            'href="{contact_url}">свяжитесь с нами</a>.</p>',
        },
        "az": {
            "title": "Müəllif hüququ və lisenziyalaşdırma",
            "body": "<p>Bütün hüquqlar qorunur. Lisenziyalı materiallardan "
            'istifadə etmək üçün <a href="{contact_url}">bizimlə əlaqə '
            "saxlayın</a>.</p>",
        },
    },
    ("policy_pages", "contact"): {
        "ru": {
            "title": "Контакты",
            "body": "<p>Запросы на использование лицензированных материалов "
            "этого сайта, а также запросы на получение документов в "
            "доступном формате направляются в Секретариат.</p>",
        },
        "az": {
            "title": "Əlaqə",
            "body": "<p>Bu saytın lisenziyalı materiallarından istifadəyə dair "
            "müraciətlər, habelə sənədlərin əlçatan formatda təqdim "
            "edilməsinə dair sorğular Katibliyə ünvanlanır.</p>",
        },
    },
    ("policy_pages", "accessibility"): {
        "ru": {
            "title": "Заявление о доступности",
            "body": "<p>Этот сайт стремится соответствовать Руководству по "
            "обеспечению доступности веб-контента (WCAG) 2.2 на "
            "уровне AA. При каждом изменении каждый тип страниц "
            "автоматически проверяется в браузере с помощью "
            "axe-core. На страницах есть ссылка для перехода к "
            "основному содержанию, ориентиры (landmarks), один "
            "главный заголовок, видимый фокус при навигации с "
            "клавиатуры и текстовые альтернативы для изображений. "
            "Язык каждой страницы, а также любого фрагмента, "
            "показанного на английском языке за отсутствием "
            "перевода, указан в разметке. Сайт работает без "
            "JavaScript и при ширине экрана от 320 пикселей, а "
            "страницы печатаются без элементов "
            "навигации.</p><p>Известные ограничения: "
            "автоматические проверки выявляют лишь часть барьеров, "
            "и сайт не проверялся людьми с инвалидностью или "
            "независимым аудитором. Опубликованные документы в "
            "формате PDF могут быть недоступны: запросите "
            "доступный формат через раздел <a "
            'href="{contact_url}">Контакты</a>. Ещё не '
            "переведённые страницы показываются на английском "
            "языке с соответствующей пометкой.</p><p>Если вы "
            "столкнулись с барьером, сообщите об этом в "
            "Секретариат через раздел <a "
            'href="{contact_url}">Контакты</a>.</p>',
        },
        "az": {
            "title": "Əlçatanlıq bəyanatı",
            "body": "<p>Bu sayt Veb Məzmunun Əlçatanlığı üzrə Təlimatların "
            "(WCAG) 2.2 versiyasının AA səviyyəsinə uyğun olmağı "
            "hədəfləyir. Hər dəyişiklikdə səhifələrin hər bir növü "
            "brauzerdə axe-core vasitəsilə avtomatik yoxlanılır. "
            "Səhifələrdə əsas məzmuna keçid, orientir bölgələri "
            "(landmarks), bir əsas başlıq, görünən klaviatura "
            "fokusu və təsvirlər üçün mətn alternativləri var. Hər "
            "səhifənin, eləcə də tərcümə olmadığı üçün ingilis "
            "dilində göstərilən hər bir mətn hissəsinin dili "
            "işarələnib. Sayt JavaScript olmadan və 320 piksel "
            "enindən başlayaraq işləyir, səhifələr isə naviqasiya "
            "elementləri olmadan çap olunur.</p><p>Məlum "
            "məhdudiyyətlər: avtomatik yoxlamalar maneələrin "
            "yalnız bir hissəsini aşkar edir və sayt əlilliyi olan "
            "şəxslər və ya müstəqil auditor tərəfindən "
            "yoxlanılmayıb. Dərc olunmuş PDF sənədləri əlçatan "
            "olmaya bilər: əlçatan formatı <a "
            'href="{contact_url}">Əlaqə</a> bölməsi vasitəsilə '
            "istəyin. Hələ tərcümə edilməmiş səhifələr ingilis "
            "dilində, müvafiq qeydlə göstərilir.</p><p>Hər hansı "
            "maneə ilə qarşılaşsanız, <a "
            'href="{contact_url}">Əlaqə</a> bölməsi vasitəsilə '
            "Katibliyə bildirin.</p>",
        },
    },
    ("meetings", "ministerial-council-7-2024"): {
        "ru": {
            "title": "Седьмое заседание Совета министров иностранных дел СВМДА",
            "summary": "Заседание, первоначально объявленное в "
            "Баку на 11 ноября 2024 года на полях "
            "COP29, состоялось в онлайн-формате 17 "
            "декабря 2024 года. При его открытии "
            "Казахстан передал председательство в "
            "СВМДА Азербайджану.",
        },
        "az": {
            "title": "AQEM Xarici İşlər Nazirləri Şurasının yeddinci iclası",
            "summary": "Əvvəlcə 11 noyabr 2024-cü ildə Bakıda "
            "COP29 çərçivəsində keçirilməsi elan "
            "edilmiş iclas 17 dekabr 2024-cü ildə "
            "onlayn formatda keçirilib. İclasın "
            "açılışında Qazaxıstan AQEM-də sədrliyi "
            "Azərbaycana təhvil verib.",
        },
    },
}
