"""The contact page: the Secretariat's details, a form whose messages are kept before anything else,
then e-mailed to staff; spam kept out without third-party scripts."""

import datetime
import json
import socket
import time

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from organisation.forms import STARTED_SALT
from organisation.models import ContactMessage
from tests.factories import make_organisation, make_policy_page, run_tasks

URL = "/en/contact/"


def started(seconds_ago=10):
    return signing.dumps(time.time() - seconds_ago, salt=STARTED_SALT)


def message_data(**kwargs):
    return {
        "name": "Aysel Məmmədova",
        "email": "aysel@example.org",
        "subject": "A document",
        "document": "",
        "message": "Could I have the Almaty Act in an accessible format?",
        "website": "",
        "started": started(),
    } | kwargs


class ContactPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.organisation = make_organisation(
            contact_address="Dostyk 10\nAstana",
            contact_telephone="+7 7172 000000",
            contact_email="secretariat@example.org",
            contact_hours="Monday to Friday, 9:00–18:00",
        )
        make_policy_page("Contact", slug="contact", body="<p>Requests go to the Secretariat.</p>")

    def test_shows_the_details_and_the_form(self):
        response = self.client.get(URL)
        self.assertContains(response, "<h1>Contact</h1>", html=True)
        self.assertContains(response, '<a href="tel:+77172000000">+7 7172 000000</a>', html=True)
        self.assertContains(response, "Dostyk 10<br>Astana")
        self.assertContains(response, 'name="csrfmiddlewaretoken"')
        self.assertContains(response, '<label for="id_email">E-mail:</label>', html=True)

    def test_details_are_in_json_ld(self):
        response = self.client.get(URL)
        block = (
            response.content.decode().split('<script type="application/ld+json">')[1].split("</script>")[0]
        )
        data = json.loads(block)
        self.assertEqual(data["@type"], "ContactPage")
        self.assertEqual(data["about"]["telephone"], "+7 7172 000000")
        self.assertEqual(data["about"]["email"], "secretariat@example.org")
        self.assertEqual(data["about"]["address"]["streetAddress"], "Dostyk 10\nAstana")

    def test_never_cached(self):
        response = self.client.get(URL)
        self.assertIn("no-store", response["Cache-Control"])
        self.assertIn("private", response["Cache-Control"])

    def test_a_message_is_kept_then_mailed_to_staff(self):
        response = self.client.post(URL, message_data())
        self.assertRedirects(response, "/en/contact/sent/")
        message = ContactMessage.objects.get()
        self.assertEqual((message.name, message.language, message.status), ("Aysel Məmmədova", "en", "new"))
        self.assertNotIn("127.0.0.1", message.address_key)
        run_tasks()
        [email] = mail.outbox
        self.assertEqual(email.to, ["secretariat@example.org"])
        self.assertEqual(email.reply_to, ["aysel@example.org"])
        self.assertEqual(email.subject, "Message from the website: A document")
        self.assertIn("Could I have the Almaty Act", email.body)

    @override_settings(CONTACT_RECIPIENTS=["staff@example.org", "desk@example.org"])
    def test_staff_addresses_from_the_settings(self):
        self.client.post(URL, message_data())
        run_tasks()
        self.assertEqual(mail.outbox[0].to, ["staff@example.org", "desk@example.org"])

    def test_the_confirmation_page(self):
        response = self.client.get("/en/contact/sent/")
        self.assertContains(response, "<h1>Message sent</h1>", html=True)

    def test_a_message_is_kept_when_the_mail_server_refuses_it(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]  # Nothing listens there once closed.
        smtp = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_PORT": port}
        with override_settings(EMAIL_HOST="127.0.0.1", **smtp):
            response = self.client.post(URL, message_data())
            self.assertRedirects(response, "/en/contact/sent/")
            run_tasks()
        self.assertEqual(ContactMessage.objects.count(), 1)
        self.assertEqual(DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count(), 1)
        retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
        self.assertIn("Could I have the Almaty Act", retry.args_kwargs["args"][0]["body"])

    def test_errors_are_listed_and_the_text_kept(self):
        response = self.client.post(URL, message_data(email="not an address"))
        self.assertContains(response, 'role="alert"', status_code=400)
        self.assertContains(
            response,
            '<a href="#id_email">E-mail: Enter a valid email address.</a>',
            html=True,
            status_code=400,
        )
        self.assertContains(response, "Could I have the Almaty Act", status_code=400)
        self.assertFalse(ContactMessage.objects.exists())

    def test_the_hidden_field_filled_in_drops_the_message(self):
        response = self.client.post(URL, message_data(website="http://spam.example"))
        self.assertRedirects(response, "/en/contact/sent/")
        self.assertFalse(ContactMessage.objects.exists())
        self.assertFalse(DBTaskResult.objects.exists())

    def test_a_form_sent_within_seconds_is_refused(self):
        response = self.client.post(URL, message_data(started=started(seconds_ago=0)))
        self.assertContains(response, "within seconds of opening it", status_code=400)
        self.assertFalse(ContactMessage.objects.exists())

    def test_a_forged_start_time_is_refused(self):
        response = self.client.post(URL, message_data(started="12345"))
        self.assertContains(response, "The form has expired", status_code=400)

    @override_settings(CONTACT_MESSAGES_PER_HOUR=2)
    def test_one_address_may_send_a_few_messages_an_hour(self):
        for _n in range(2):
            self.assertEqual(self.client.post(URL, message_data()).status_code, 302)
        response = self.client.post(URL, message_data())
        self.assertContains(response, "Too many messages", status_code=429)
        self.assertEqual(ContactMessage.objects.count(), 2)
        other = self.client.post(URL, message_data(), REMOTE_ADDR="192.0.2.7")
        self.assertEqual(other.status_code, 302)

    def test_asking_for_an_accessible_format_names_the_document(self):
        response = self.client.get(URL, {"document": "Almaty Act"})
        self.assertContains(response, 'value="Almaty Act"')

    def test_in_russian_and_azerbaijani(self):
        for language in ("ru", "az"):
            with self.subTest(language=language):
                response = self.client.post(f"/{language}/contact/", message_data())
                self.assertRedirects(response, f"/{language}/contact/sent/")
        self.assertEqual(sorted(ContactMessage.objects.values_list("language", flat=True)), ["az", "ru"])


class RetentionTests(TestCase):
    def test_the_command_deletes_messages_older_than_the_policy_says(self):
        old = ContactMessage.objects.create(
            name="A", email="a@example.org", subject="S", message="M", language="en", address_key="k"
        )
        ContactMessage.objects.filter(pk=old.pk).update(
            received_at=timezone.now() - datetime.timedelta(days=366)
        )
        recent = ContactMessage.objects.create(
            name="B", email="b@example.org", subject="S", message="M", language="en", address_key="k"
        )
        call_command("delete_old_contact_messages", verbosity=0)
        self.assertEqual(list(ContactMessage.objects.all()), [recent])


@pytest.mark.page_cache
class ContactPageCacheTests(TestCase):
    def test_the_page_cache_never_keeps_the_form(self):
        make_organisation()
        first = self.client.get(URL)
        second = self.client.get(URL)  # The test client sends back the CSRF cookie it was given.
        self.assertNotEqual(second.get("X-Cache"), "hit")
        self.assertIn("csrftoken", second.cookies)
        self.assertNotEqual(first.context["csrf_token"], second.context["csrf_token"])
