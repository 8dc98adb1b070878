"""The seed content that `manage.py load_seed` loads, as plain data.

Every fact comes from the CICA–Azerbaijan relations page the site reproduces or from the public reports
named beside it; where a fact is not known (a joining date, a day of a meeting) it is left out, never
guessed. Objects refer to each other by their natural keys: country code, slug.
"""

import datetime

# The 27 member states named in public reports before Kuwait joined (news.az, 2022-10-13). The relations
# page says "27 members", so Kuwait, admitted at the Sixth Summit, is not loaded. Joining dates are not
# known: memberships are loaded without one.
MEMBER_STATES = [
    ("AF", "Afghanistan", "afghanistan"),
    ("AZ", "Azerbaijan", "azerbaijan"),
    ("BH", "Bahrain", "bahrain"),
    ("BD", "Bangladesh", "bangladesh"),
    ("KH", "Cambodia", "cambodia"),
    ("CN", "China", "china"),
    ("EG", "Egypt", "egypt"),
    ("IN", "India", "india"),
    ("IR", "Iran", "iran"),
    ("IQ", "Iraq", "iraq"),
    ("IL", "Israel", "israel"),
    ("JO", "Jordan", "jordan"),
    ("KZ", "Kazakhstan", "kazakhstan"),
    ("KG", "Kyrgyzstan", "kyrgyzstan"),
    ("MN", "Mongolia", "mongolia"),
    ("PK", "Pakistan", "pakistan"),
    ("PS", "Palestine", "palestine"),
    ("QA", "Qatar", "qatar"),
    ("KR", "Republic of Korea", "republic-of-korea"),
    ("RU", "Russia", "russia"),
    ("LK", "Sri Lanka", "sri-lanka"),
    ("TJ", "Tajikistan", "tajikistan"),
    ("TH", "Thailand", "thailand"),
    ("TR", "Türkiye", "turkiye"),
    ("AE", "United Arab Emirates", "united-arab-emirates"),
    ("UZ", "Uzbekistan", "uzbekistan"),
    ("VN", "Viet Nam", "viet-nam"),
]

# Turkmenistan became an observer state (inform.kz, 2022-10-13, on the Sixth Summit). The report's date
# stands in for the joining date, and the note says so.
OBSERVER_STATES = [
    {
        "country": ("TM", "Turkmenistan", "turkmenistan"),
        "joined_on": datetime.date(2022, 10, 13),
        "note": "Reported as an observer state on 13 October 2022, at the Sixth Summit in Astana.",
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
    "secretariat_city": "Nur-Sultan",
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

COORDINATORS = [
    {"measure": "transportation-corridors", "country": "AZ", "role": "coordinator"},
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
            "<p>This site sets no cookies for visitors. It runs no analytics or trackers, and it loads "
            "nothing from other sites.</p>"
            "<p>Staff who sign in to edit the site get two cookies: a session cookie, which keeps them "
            "signed in, and a CSRF cookie, which protects their forms against forgery. Neither is used "
            "for anything else.</p>"
            "<p>Like most web servers, the server that hosts this site may keep standard access logs of "
            "the requests it receives.</p>"
            "<p>The share links on a page are plain links: they send nothing to any service until you "
            "click one. When you do, you go to that service, and its own privacy policy applies.</p>"
            "<p>Words typed into the search box go only to this site; like any address, they may appear "
            "in the server's access logs.</p>"
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
        "body": (
            "<p>The administrative body of the CICA is the Secretariat, located in Nur-Sultan, "
            "Kazakhstan.</p>"
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

# Russian and Azerbaijani versions of the profile, the Azerbaijan relations page and what that page
# shows (bodies, founding documents, the measure, Azerbaijan's meetings). They are loaded marked as
# translations to be reviewed by staff. Keys: the model's seed list and the object's natural key.
TRANSLATIONS = {
    ("organisation", None): {
        "ru": {
            "name": "Совещание по взаимодействию и мерам доверия в Азии",
            "acronym": "СВМДА",
            "purpose": (
                "Главной целью этой инициативы было создание эффективной и универсальной организации "
                "по обеспечению мира и безопасности в Азии."
            ),
            "initiative_by": "Президентом Казахстана Нурсултаном Назарбаевым",
            "initiative_event": "47-й сессии Генеральной Ассамблеи ООН",
            "secretariat_city": "Нур-Султан",
            "history": (
                "<p>Секретариат, административный орган СВМДА, с 2014 года находится в столице "
                "Казахстана. С 2019 года по сентябрь 2022 года город назывался Нур-Султан, до и после "
                "этого — Астана.</p>"
            ),
        },
        "az": {
            "name": "Asiyada Qarşılıqlı Əməkdaşlıq və Etimad Tədbirləri üzrə Müşavirə",
            "acronym": "AQEM",
            "purpose": (
                "Bu təşəbbüsün əsas məqsədi Asiyada sülh və təhlükəsizlik üçün effektiv və universal "
                "təşkilat yaratmaq idi."
            ),
            "initiative_by": "Qazaxıstan Prezidenti Nursultan Nazarbayev",
            "initiative_event": "BMT Baş Assambleyasının 47-ci sessiyası",
            "secretariat_city": "Nur-Sultan",
            "history": (
                "<p>AQEM-in inzibati orqanı olan Katiblik 2014-cü ildən Qazaxıstanın paytaxtında yerləşir. "
                "Şəhər 2019-cu ildən 2022-ci ilin sentyabrına qədər Nur-Sultan, ondan əvvəl və sonra isə "
                "Astana adlanıb.</p>"
            ),
        },
    },
    ("relations", "AZ"): {
        "ru": {
            "title": (
                "Отношения между Совещанием по взаимодействию и мерам доверия в Азии (СВМДА) и Азербайджаном"
            ),
            "lead": (
                "Азербайджан был одной из первых стран, поддержавших инициативу Первого Президента "
                "Казахстана Его Превосходительства Нурсултана Назарбаева о созыве СВМДА, и в настоящее "
                "время активно участвует в сотрудничестве в рамках СВМДА."
            ),
            "body": (
                "<p>В итоговых декларациях саммитов СВМДА, а также в документах совещаний министров "
                "иностранных дел неизменно осуждался сепаратизм как угроза стабильности, суверенитету "
                "и территориальной целостности государств, и подчёркивалось, что отношения между "
                "государствами-членами должны строиться на уважении территориальной целостности, "
                "суверенитета и международно признанных границ друг друга.</p>"
            ),
        },
        "az": {
            "title": (
                "Asiyada Qarşılıqlı Əməkdaşlıq və Etimad Tədbirləri üzrə Müşavirə (AQEM) ilə Azərbaycan "
                "arasında münasibətlər"
            ),
            "lead": (
                "Azərbaycan Qazaxıstanın ilk Prezidenti Zati-aliləri Nursultan Nazarbayevin AQEM-in "
                "çağırılması təşəbbüsünü dəstəkləyən ilk ölkələrdən biri olub və hazırda AQEM "
                "çərçivəsində əməkdaşlıqda fəal iştirak edir."
            ),
            "body": (
                "<p>AQEM sammitlərinin yekun bəyannamələrində, eləcə də Nazirlər görüşlərinin "
                "sənədlərində separatizm dövlətlərin sabitliyinə, suverenliyinə və ərazi bütövlüyünə "
                "təhdid kimi ardıcıl olaraq pislənib, üzv dövlətlər arasında münasibətlərin bir-birinin "
                "ərazi bütövlüyünə, suverenliyinə və beynəlxalq səviyyədə tanınmış sərhədlərinə hörmət "
                "əsasında qurulmalı olduğu bildirilib.</p>"
            ),
        },
    },
    ("bodies", "summit"): {
        "ru": {
            "name": "Совещание глав государств и правительств",
            "short_name": "Саммит",
            "role": "высший орган",
        },
        "az": {
            "name": "Dövlət və Hökumət Başçılarının Görüşü",
            "short_name": "Sammit",
            "role": "ali orqan",
        },
    },
    ("bodies", "ministerial-meeting"): {
        "ru": {
            "name": "Совещание министров иностранных дел",
            "short_name": "Совещание министров",
            "role": "орган",
            "frequency_note": "в соответствии с Правилами процедуры",
            "description": (
                "<p>После первого совещания в Алматы в 1999 году министры иностранных дел собирались "
                "в Алматы в 2004 и 2008 годах и в Астане в сентябре 2012 года.</p>"
            ),
        },
        "az": {
            "name": "Xarici İşlər Nazirlərinin Görüşü",
            "short_name": "Nazirlər görüşü",
            "role": "orqan",
            "frequency_note": "Prosedur Qaydalarına uyğun olaraq",
            "description": (
                "<p>1999-cu ildə Almatıda keçirilən ilk görüşdən sonra xarici işlər nazirləri 2004 və "
                "2008-ci illərdə Almatıda, 2012-ci ilin sentyabrında isə Astanada toplaşıblar.</p>"
            ),
        },
    },
    ("bodies", "senior-officials-committee"): {
        "ru": {
            "name": "Комитет старших должностных лиц",
            "short_name": "КСДЛ",
            "role": "структура",
            "description": (
                "<p>Комитет старших должностных лиц собирается так часто, как это необходимо, но не "
                "реже одного раза в год. Он курирует специальные рабочие группы, которые обычно "
                "заседают в дни его заседаний.</p>"
            ),
        },
        "az": {
            "name": "Yüksək Vəzifəli Şəxslər Komitəsi",
            "short_name": "YVŞK",
            "role": "struktur",
            "description": (
                "<p>Yüksək Vəzifəli Şəxslər Komitəsi zərurət olduqca, lakin ildə ən azı bir dəfə "
                "toplanır. O, adətən onunla eyni günlərdə toplanan Xüsusi İşçi Qruplara nəzarət edir.</p>"
            ),
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
            "summary": (
                "Один из основных документов, регулирующих деятельность СВМДА; принят 15 государствами-"
                "членами."
            ),
        },
        "az": {
            "title": "AQEM-ə üzv dövlətlər arasında münasibətləri tənzimləyən prinsiplər haqqında Bəyannamə",
            "adopted_in": "Almatı",
            "summary": (
                "AQEM-in fəaliyyətini tənzimləyən əsas sənədlərdən biri; 15 üzv dövlət tərəfindən qəbul "
                "edilib."
            ),
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
            "theme": (
                "Содействие сотрудничеству в целях усиления цифровизации транспортных и логистических "
                "операций"
            ),
        },
        "az": {
            "title": "Nəqliyyat və logistikada rəqəmsallaşma üzrə ekspertlər görüşü",
            "theme": (
                "Nəqliyyat və logistika əməliyyatlarında rəqəmsallaşmanın gücləndirilməsi məqsədilə "
                "əməkdaşlığın təşviqi"
            ),
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
}
