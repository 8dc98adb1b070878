"""`manage.py measure_growth`, which `make growth` runs at three sizes for the README's table."""

import io
import re

from django.core.management import call_command
from django.test import TestCase

from tests.factories import days, make_meeting, make_organisation, today


class MeasureGrowthTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_organisation()
        for n in range(4):
            make_meeting(start_date=today() - days(10 + n))

    def test_reports_each_page_cached_and_just_after_a_change(self):
        output = io.StringIO()
        call_command("measure_growth", repeat=2, stdout=output)
        rows = [re.split(r"\s*\|\s*", line.strip("| ")) for line in output.getvalue().splitlines()]
        self.assertEqual(
            [row[1] for row in rows], ["meetings list", "meeting page", "API meetings list", "search"]
        )
        for meetings, _page, steady, steady_queries, changed, changed_queries in rows:
            self.assertEqual(meetings, "4")
            self.assertRegex(steady, r"^\d+ ms$")
            self.assertRegex(changed, r"^\d+ ms$")
            # After a change the fragments are rendered again: never fewer queries.
            self.assertGreaterEqual(int(changed_queries), int(steady_queries))
        self.assertGreater(int(rows[0][5]), int(rows[0][3]))  # The list's filter choices, read again.
