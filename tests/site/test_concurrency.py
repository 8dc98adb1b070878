"""Writes at the same moment on SQLite, the database of `make run` and `make serve`: each gets the
answer it would get alone, or the normal conflict answer (the version check), never a 500.

Real concurrent requests need a database that several connections share: each test runs in a fresh
process on a SQLite file, with threads sending requests through the whole WSGI stack at once.
"""

import json
import tempfile

from django.test import SimpleTestCase

from tests.site.environment import run_python

SETUP = """
import json, threading
from django.core.management import call_command
from django.test import Client
from django.test.utils import setup_test_environment
from events.models import Meeting
from tests.factories import admin_form_data, admin_url, make_meeting, make_staff, make_token

setup_test_environment()  # The test client's response.context, which admin_form_data() reads.
call_command("migrate", verbosity=0)

def at_once(count, send):
    '''send(i) from `count` threads released together; their answers' status codes.'''
    barrier = threading.Barrier(count)
    statuses = [None] * count
    def run(i):
        barrier.wait()
        statuses[i] = send(i)
    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses
"""


class SqliteConcurrencyTests(SimpleTestCase):
    def run_script(self, code):
        with tempfile.TemporaryDirectory() as folder:
            output = run_python(
                SETUP + code,
                DJANGO_DEBUG="1",
                DJANGO_ALLOWED_HOSTS="testserver",
                DATABASE_URL=f"sqlite:///{folder}/db.sqlite3",
                DJANGO_MEDIA_ROOT=f"{folder}/media",
                DJANGO_SHARED_CACHE_DIR=f"{folder}/cache",
                DJANGO_LOG_LEVEL="CRITICAL",
            )
        return json.loads(output.splitlines()[-1])

    def test_twenty_api_changes_from_one_version(self):
        statuses = self.run_script(
            """
meeting = make_meeting()
token = make_token(make_staff("Publishers"))
def patch(i):
    return Client(raise_request_exception=False).patch(
        f"/api/v1/meetings/{meeting.pk}/",
        json.dumps({"summary": f"Edit {i}", "version": meeting.version}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    ).status_code
print(json.dumps(at_once(20, patch)))
"""
        )
        self.assertEqual(sorted(statuses), [200] + [409] * 19)

    def test_two_admins_saving_the_same_meeting(self):
        rounds = self.run_script(
            """
meeting = make_meeting()
clients = [Client(raise_request_exception=False) for _ in range(2)]
for client in clients:
    client.force_login(make_staff("Publishers"))
url = admin_url(Meeting, "change", meeting.pk)
rounds = []
for round in range(5):
    forms = [admin_form_data(client.get(url)) for client in clients]
    def save(i):
        response = clients[i].post(url, {**forms[i], "summary_en": f"Round {round}, admin {i}"})
        conflict = response.status_code == 200 and "after you opened it" in response.content.decode()
        return "conflict" if conflict else response.status_code
    rounds.append(sorted(at_once(2, save), key=str))
print(json.dumps(rounds))
"""
        )
        self.assertEqual(rounds, [[302, "conflict"]] * 5)
