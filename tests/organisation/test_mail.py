"""E-mail through organisation.mail: sent by the worker, kept and retried while the server is down."""

import datetime

from aiosmtpd.controller import Controller
from django.core import mail
from django.db import transaction
from django.test import TestCase, override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from organisation.mail import RETRY_DELAYS, deliver, send_notification
from tests.factories import run_tasks
from tests.smtp import SMTP, Sink, free_port

# What the contact form's message template reads (any template under templates/mail/ would do).
CONTEXT = {"message": {"name": "Aysel", "email": "aysel@example.org", "subject": "Hello", "message": "Hi"}}


class SendNotificationTests(TestCase):
    def test_the_worker_sends_the_message(self):
        send_notification(
            ["staff@example.org"], "New message\nfrom the site", "mail/contact_message.txt", CONTEXT
        )
        self.assertEqual(mail.outbox, [])  # Nothing is sent while the action runs.
        run_tasks()
        [message] = mail.outbox
        self.assertEqual(message.to, ["staff@example.org"])
        self.assertEqual(message.subject, "New message from the site")
        self.assertIn("Aysel", message.body)

    def test_nothing_is_sent_when_the_action_rolls_back(self):
        with self.assertRaises(RuntimeError), transaction.atomic():
            send_notification("staff@example.org", "Subject", "mail/contact_message.txt", CONTEXT)
            raise RuntimeError("the action failed")
        run_tasks()
        self.assertEqual(mail.outbox, [])

    def test_no_recipient_sends_nothing(self):
        self.assertIsNone(send_notification([], "Subject", "mail/contact_message.txt", CONTEXT))
        self.assertFalse(DBTaskResult.objects.exists())


class SmtpTests(TestCase):
    """A real SMTP exchange with a sink on loopback, and a mail server that refuses connections."""

    def test_a_message_reaches_the_smtp_server(self):
        sink = Sink()
        controller = Controller(sink, hostname="127.0.0.1", port=free_port())
        controller.start()
        self.addCleanup(controller.stop)
        with override_settings(**SMTP, EMAIL_PORT=controller.port):
            send_notification(["staff@example.org"], "Subject", "mail/contact_message.txt", CONTEXT)
            run_tasks()
        [envelope] = sink.envelopes
        self.assertEqual(envelope.rcpt_tos, ["staff@example.org"])
        self.assertIn(b"Aysel", envelope.content)

    def test_a_refused_message_is_kept_and_sent_on_a_later_attempt(self):
        port = free_port()
        with override_settings(**SMTP, EMAIL_PORT=port):
            send_notification(["staff@example.org"], "Subject", "mail/contact_message.txt", CONTEXT)
            run_tasks()  # The server refuses the connection.
            failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
            retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
            self.assertIn("Connection refused", failed.traceback)
            self.assertEqual(retry.args_kwargs["kwargs"]["attempt"], 2)
            self.assertGreater(retry.run_after, timezone.now() + datetime.timedelta(seconds=30))
            run_tasks()  # Not due yet: nothing happens.
            self.assertEqual(DBTaskResult.objects.filter(status=TaskResultStatus.READY).count(), 1)

            sink = Sink()
            controller = Controller(sink, hostname="127.0.0.1", port=port)
            controller.start()
            self.addCleanup(controller.stop)
            DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
            run_tasks()
        [envelope] = sink.envelopes
        self.assertIn(b"Aysel", envelope.content)
        self.assertEqual(DBTaskResult.objects.get(pk=retry.pk).status, TaskResultStatus.SUCCESSFUL)

    def test_attempts_end_after_the_last_retry_and_the_message_stays(self):
        with override_settings(**SMTP, EMAIL_PORT=free_port()):
            last = len(RETRY_DELAYS) + 1
            deliver.enqueue(
                {"to": ["a@example.org"], "subject": "S", "body": "B", "reply_to": []}, attempt=last
            )
            run_tasks()
        self.assertFalse(DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists())
        failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
        self.assertEqual(failed.args_kwargs["args"][0]["body"], "B")
