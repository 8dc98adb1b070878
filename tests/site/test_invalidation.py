"""The tag stores of cica_site/invalidation.py: without Redis (a file in the shared folder) and with
Redis (a throwaway redis-server on loopback; skipped without one, as CI installs it)."""

import shutil
import socket
import subprocess
import tempfile
import time
import unittest
from unittest import mock

from django.test import SimpleTestCase

from cica_site import invalidation


class StoreChecks:
    def make_store(self):
        raise NotImplementedError

    def setUp(self):
        self.store = self.make_store()

    def test_an_entry_is_valid_until_one_of_its_tags_is_invalidated(self):
        seq = self.store.seq()
        self.store.made(seq)
        self.assertTrue(self.store.valid({"meeting:1", "site"}, seq))
        self.store.invalidate({"meeting:2"})
        self.assertTrue(self.store.valid({"meeting:1", "site"}, seq))
        self.store.invalidate({"meeting:1"})
        self.assertFalse(self.store.valid({"meeting:1", "site"}, seq))

    def test_an_entry_made_after_the_invalidation_is_valid(self):
        self.store.invalidate({"meeting:1"})
        seq = self.store.seq()
        self.store.made(seq)
        self.assertTrue(self.store.valid({"meeting:1"}, seq))

    def test_a_rendering_that_began_before_an_invalidation_is_not_valid(self):
        seq = self.store.seq()  # Read before the rendering read the old rows...
        self.store.invalidate({"meeting:1"})  # ...and the change committed meanwhile.
        self.assertFalse(self.store.valid({"meeting:1"}, seq))

    def test_too_many_tags_empty_the_store_and_nothing_before_stays_valid(self):
        seq = self.store.seq()
        self.store.made(seq)
        with mock.patch.object(invalidation, "MAX_TAGS", 3):
            self.store.invalidate({"a", "b", "c", "d"})
        self.assertFalse(self.store.valid({"meeting:1"}, seq))
        later = self.store.seq()
        self.store.made(later)
        self.assertTrue(self.store.valid({"meeting:1"}, later))


class FolderTagsTests(StoreChecks, SimpleTestCase):
    def make_store(self):
        folder = tempfile.mkdtemp(prefix="cache-tags-")
        self.addCleanup(shutil.rmtree, folder)
        return invalidation.FolderTags(folder)

    def test_every_worker_sees_the_change(self):
        other = invalidation.FolderTags(self.store.folder)
        seq = self.store.seq()
        self.assertTrue(other.valid({"meeting:1"}, seq))
        self.store.invalidate({"meeting:1"})
        self.assertFalse(other.valid({"meeting:1"}, seq))


@unittest.skipUnless(shutil.which("redis-server"), "needs redis-server (apt-get install redis-server)")
class RedisTagsTests(StoreChecks, SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with socket.socket() as free:
            free.bind(("127.0.0.1", 0))
            cls.port = free.getsockname()[1]
        cls.redis = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(cls.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", cls.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)

    @classmethod
    def tearDownClass(cls):
        cls.redis.terminate()
        cls.redis.wait(10)
        super().tearDownClass()

    def make_store(self):
        store = invalidation.RedisTags(f"redis://127.0.0.1:{self.port}/0")
        store.redis.flushdb()
        return store

    def test_versions_lost_make_every_entry_out_of_date_until_made_again(self):
        seq = self.store.seq()
        self.store.made(seq)
        self.store.invalidate({"meeting:1"})
        self.store.redis.delete(invalidation.RedisTags.HASH)  # Redis restarted, or evicted it.
        self.assertFalse(self.store.valid({"meeting:2"}, self.store.seq()))
        later = self.store.seq()
        self.store.made(later)
        self.assertTrue(self.store.valid({"meeting:2"}, later))
        self.assertFalse(self.store.valid({"meeting:2"}, seq))

    def test_a_lost_counter_starts_again_beyond_every_number_given_before(self):
        for _ in range(5):
            self.store.invalidate({"meeting:1"})
        before = self.store.seq()
        self.store.redis.delete(invalidation.RedisTags.SEQUENCE)
        self.assertGreater(self.store.seq(), before)
