"""Migrations that change a column keep what it holds, on SQLite and PostgreSQL alike."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TransactionTestCase


class TimeZoneFieldMigrationTests(TransactionTestCase):
    before = [("events", "0006_meeting_list_indexes_in_order")]
    after = [("events", "0007_meeting_time_zone_field")]

    def migrate(self, targets):
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(targets)
        return executor.loader.project_state(targets).apps

    def tearDown(self):
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    def test_stored_time_zones_survive_the_change_to_a_time_zone_field(self):
        old_apps = self.migrate(self.before)
        OldMeeting = old_apps.get_model("events", "Meeting")
        common = {"kind": "experts", "start_date": "2030-05-01", "end_date": "2030-05-01", "version": 1}
        OldMeeting.objects.create(title="Timed", slug="timed", time_zone="Asia/Baku", **common)
        OldMeeting.objects.create(title="Untimed", slug="untimed", time_zone="", **common)

        # The model as the migration leaves it: today's has columns later migrations add.
        NewMeeting = self.migrate(self.after).get_model("events", "Meeting")

        self.assertEqual(str(NewMeeting.objects.get(slug="timed").time_zone), "Asia/Baku")
        self.assertIsNone(NewMeeting.objects.get(slug="untimed").time_zone)
        with connection.cursor() as cursor:
            cursor.execute("SELECT slug, time_zone FROM events_meeting")
            self.assertEqual(dict(cursor.fetchall()), {"timed": "Asia/Baku", "untimed": ""})
