"""The site's e-mail: notifications through Django's mail framework, sent by a background worker
and retried with backoff while the mail server is down, so that no action waits for mail or fails
because of it, and no message is lost.

    send_notification(to, subject, "mail/contact_message.txt", {"message": message})

renders the message now, in the language active now, and stores it as a task in the database, in
the caller's transaction: if the action rolls back, nothing is sent; if it commits, the message is
kept until it is sent. The worker (`manage.py db_worker`, which `make serve` starts) sends it. A
failed attempt schedules the next one, later each time (RETRY_DELAYS), and is kept as a failed task
with its error, visible in the admin under "Task results"; after the last attempt the message stays
there with its text.

Which backend sends is Django's EMAIL_BACKEND (settings.py): the console under `make run`, SMTP in
production, the in-memory outbox in tests (`django.core.mail.outbox`, after
tests.factories.run_tasks()).
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# Seconds before each retry: within minutes for a short outage, then hourly for about two days.
RETRY_DELAYS = (60, 5 * 60, 15 * 60, 60 * 60, *[3 * 60 * 60] * 16)


def send_notification(to, subject, template_name, context=None, *, reply_to=()):
    """Send a plain-text e-mail to the addresses `to`, soon, from DEFAULT_FROM_EMAIL.

    `subject` is a string (translated by the caller); the body is `template_name` (a plain-text
    template under templates/mail/) rendered with `context`. Returns the task's id. Nothing is
    sent if `to` is empty.
    """
    recipients = [to] if isinstance(to, str) else [address for address in to if address]
    if not recipients:
        return None
    message = {
        "to": recipients,
        # One line: a header cannot span lines, whatever the subject came from.
        "subject": " ".join(str(subject).split()),
        "body": render_to_string(template_name, context or {}),
        "reply_to": [reply_to] if isinstance(reply_to, str) else list(reply_to),
    }
    return deliver.enqueue(message).id


@task()
def deliver(message, attempt=1):
    """Send one message; on a failure of the mail server, schedule the next attempt and fail this one."""
    email = EmailMessage(
        subject=message["subject"],
        body=message["body"],
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=message["to"],
        reply_to=message["reply_to"],
    )
    try:
        email.send()
    except (OSError, smtplib.SMTPException):
        if attempt <= len(RETRY_DELAYS):
            delay = datetime.timedelta(seconds=RETRY_DELAYS[attempt - 1])
            deliver.using(run_after=timezone.now() + delay).enqueue(message, attempt=attempt + 1)
            logger.warning(
                "Could not send “%s” (attempt %d); trying again in %s.", message["subject"], attempt, delay
            )
        else:
            logger.error("Could not send “%s” after %d attempts; giving up.", message["subject"], attempt)
        raise
