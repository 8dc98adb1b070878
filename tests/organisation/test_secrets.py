"""Secrets stay secret: no admin page shows an API token, a session key, a password hash or a
preview link's address to staff, Editors or Publishers, and the latest changes, history and lists
show only what the viewer may see."""

from django.contrib import admin
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.admin.utils import quote
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.test import Client, TestCase
from django.urls import NoReverseMatch, reverse
from reversion.models import Version

from organisation.models import ApiToken, PendingVersion, PreviewLink, Relation
from tests.factories import (
    admin_form_data,
    admin_url,
    load_seed,
    make_meeting,
    make_relation,
    make_staff,
    make_token,
)


def admin_pages(client):
    """The address of every admin page a signed-in user can open: the front page, each model's
    list, add form, a change form and its history, each pending version's review, a compare of
    two revisions, the translation overview."""
    urls = [reverse("admin:index"), reverse("translation-overview")]
    for model in admin.site._registry:
        opts = model._meta
        urls.append(reverse(admin_urlname(opts, "changelist")))
        urls.append(reverse(admin_urlname(opts, "add")))
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            urls.append(reverse(admin_urlname(opts, "change"), args=[quote(obj.pk)]))
            urls.append(reverse(admin_urlname(opts, "history"), args=[quote(obj.pk)]))
            try:
                compare = reverse(admin_urlname(opts, "compare"), args=[quote(obj.pk)])
            except NoReverseMatch:
                continue  # Not a model with revisions.
            versions = Version.objects.get_for_object(obj)[:2]
            if len(versions) == 2:
                urls.append(f"{compare}?version={versions[0].pk}&version={versions[1].pk}")
    for pending in PendingVersion.objects.all():
        urls.append(admin_url(pending.content_type.model_class(), "pending", pending.object_id))
    for link in PreviewLink.objects.all():  # The items with preview links.
        urls.append(admin_url(type(link.content_object), "change", link.object_id))
    return urls


class SecretsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()
        cls.editor = make_staff("Editors", username="elif")
        cls.publisher = make_staff("Publishers", username="pavel")
        cls.superuser = User.objects.create_superuser("root", password="a-long-root-password")
        cls.tokens = [make_token(user, name=f"Client of {user}") for user in (cls.editor, cls.publisher)]
        cls.draft = make_relation(published=False)
        cls.link = PreviewLink.objects.create(content_object=cls.draft, created_by=cls.editor)
        make_meeting("A meeting with a history")

    def setUp(self):
        # An Editor's pending version and a preview link of it, sessions of three people.
        self.clients = {}
        for user in (self.editor, self.publisher, self.superuser):
            self.clients[user.username] = Client()
            self.clients[user.username].force_login(user)
        relation = Relation.objects.filter(status="published").first()
        editor = self.clients["elif"]
        url = admin_url(Relation, "change", relation.pk)
        editor.post(url, admin_form_data(editor.get(url)) | {"lead_en": "A pending lead."})
        editor.post(admin_url(Relation, "preview_link", relation.pk))
        # The one page that shows the new link's address, once (its message): read now.
        editor.get(reverse("admin:index"))

    def secrets(self):
        found = {}
        for token in self.tokens:
            found[f"token of {token.user}"] = token.key
        for token in ApiToken.objects.all():
            # Its first characters, kept to find it. (The digest is a one-way hash: the admin
            # addresses a token by it, and it opens nothing.)
            found[f"token key of {token.user}"] = token.token_key
        for session in Session.objects.all():
            found[f"session {session.pk[:4]}"] = session.session_key
        for user in User.objects.all():
            found[f"password hash of {user}"] = user.password
        for link in PreviewLink.objects.all():
            # The address's signed part carries the time it was signed: its payload does not.
            found[f"preview link {link.pk}"] = link.token().split(":")[0]
            found[f"preview link nonce {link.pk}"] = link.nonce
        self.assertGreaterEqual(len(found), 10)
        return found

    def test_no_admin_page_shows_a_secret_to_editors_or_publishers(self):
        secrets = self.secrets()
        for name in ("elif", "pavel"):
            client = self.clients[name]
            urls = admin_pages(client)
            self.assertGreater(len(urls), 60)
            for url in urls:
                response = client.get(url)
                if response.status_code != 200:
                    continue
                content = response.content.decode()
                for label, secret in secrets.items():
                    with self.subTest(user=name, url=url, secret=label):
                        self.assertNotIn(secret, content)

    def test_the_latest_changes_list_only_what_the_viewer_may_see(self):
        self.clients["root"].post(admin_url(ApiToken, "add"), {"name": "Root's import", "days": 30})
        nobody = make_staff(username="nobody")
        client = Client()
        client.force_login(nobody)
        content = client.get(reverse("admin:index")).content.decode()
        self.assertNotIn(str(self.draft), content)
        self.assertNotIn("Preview of", content)
        self.assertNotIn("Root's import", self.clients["elif"].get(reverse("admin:index")).content.decode())

    def test_a_token_is_shown_once_when_made_and_never_again(self):
        client = self.clients["elif"]
        response = client.post(admin_url(ApiToken, "add"), {"name": "Ministry import", "days": 30})
        self.assertEqual(response.status_code, 200)
        self.assertIn("no-store", response["Cache-Control"])
        shown = response.context["secret"]
        self.assertContains(response, shown)
        self.assertFalse(ApiToken.objects.filter(digest=shown).exists())  # Stored hashed.
        api = self.client.get("/api/v1/meetings/", HTTP_AUTHORIZATION=f"Token {shown}")
        self.assertEqual(api.status_code, 200)
        token = ApiToken.objects.get(name="Ministry import")
        for url in (admin_url(ApiToken, "changelist"), admin_url(ApiToken, "change", token.pk)):
            self.assertNotContains(client.get(url), shown)

    def test_each_staff_member_sees_and_revokes_only_their_own_tokens(self):
        editors_token, publishers_token = (
            ApiToken.objects.get(user=self.editor),
            ApiToken.objects.get(user=self.publisher),
        )
        editor = self.clients["elif"]
        listing = editor.get(admin_url(ApiToken, "changelist")).content.decode()
        self.assertIn(editors_token.name, listing)
        self.assertNotIn(publishers_token.name, listing)
        self.assertEqual(editor.get(admin_url(ApiToken, "delete", publishers_token.pk)).status_code, 302)
        self.assertTrue(ApiToken.objects.filter(pk=publishers_token.pk).exists())
        editor.post(admin_url(ApiToken, "delete", editors_token.pk), {"post": "yes"})
        self.assertFalse(ApiToken.objects.filter(pk=editors_token.pk).exists())

    def test_a_publisher_revokes_anyones_token(self):
        token = ApiToken.objects.get(user=self.editor)
        self.clients["pavel"].post(admin_url(ApiToken, "delete", token.pk), {"post": "yes"})
        self.assertFalse(ApiToken.objects.filter(pk=token.pk).exists())
        response = self.client.get("/api/v1/meetings/", HTTP_AUTHORIZATION=f"Token {self.tokens[0].key}")
        self.assertEqual(response.status_code, 401)

    def test_an_expired_token_is_refused(self):
        ApiToken.objects.filter(user=self.editor).update(expiry="2000-01-01T00:00:00Z")
        response = self.client.get("/api/v1/meetings/", HTTP_AUTHORIZATION=f"Token {self.tokens[0].key}")
        self.assertEqual(response.status_code, 401)


class AdminVisibilityTests(TestCase):
    """Each admin model is for the staff who need it: the login records are for superusers."""

    @classmethod
    def setUpTestData(cls):
        cls.users = [make_staff("Editors"), make_staff("Publishers")]
        cls.superuser = User.objects.create_superuser("root", password="a-long-root-password")

    def test_login_records_are_for_superusers_only(self):
        urls = [
            reverse(f"admin:axes_{model}_changelist")
            for model in ("accessattempt", "accesslog", "accessfailurelog")
        ]
        for user in self.users:
            self.client.force_login(user)
            for url in urls:
                with self.subTest(user=user.groups.get().name, url=url):
                    self.assertEqual(self.client.get(url).status_code, 403)
            self.assertNotContains(self.client.get(reverse("admin:index")), "/admin/axes/")
        self.client.force_login(self.superuser)
        for url in urls:
            self.assertEqual(self.client.get(url).status_code, 200)
