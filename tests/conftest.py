import contextlib
import tempfile

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from django.utils import translation

from organisation.models import cache_tags


@pytest.fixture(autouse=True)
def source_language():
    """Each test starts in English, the source language.

    A request in another language leaves that language active in the thread, and model fields
    named without a language (title=…) are written in the active language.
    """
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session", autouse=True)
def private_shared_cache(tmp_path_factory):
    """Without Redis the `shared` cache is a folder every process of the machine uses (var/cache):
    a test run of its own, so that another run clearing it cannot change this one's results."""
    shared = settings.CACHES["shared"]
    if not shared["BACKEND"].endswith("FileBasedCache"):
        yield
        return
    location = str(tmp_path_factory.mktemp("shared-cache"))
    with override_settings(CACHES={**settings.CACHES, "shared": {**shared, "LOCATION": location}}):
        yield


@pytest.fixture(scope="class", autouse=True)
def private_media_root():
    """Uploads go to an empty folder of each test class's own (each module's, for test functions),
    removed after it: never to var/media, and never beside another class's files.

    Class-scoped and used automatically, so that it is in place before setUpClass() and
    setUpTestData() store files."""
    with tempfile.TemporaryDirectory(prefix="media-") as folder, override_settings(MEDIA_ROOT=folder):
        yield


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches: no page, API date or throttle count of another test, and
    no value kept from rows another test changed (its rollback invalidates nothing).

    A cache that does not answer (the tests of Redis being down) holds nothing to empty."""
    for alias in settings.CACHES:
        with contextlib.suppress(Exception):
            caches[alias].clear()
    cache_tags.forget_shared()


@pytest.fixture(autouse=True)
def page_cache_off(request, settings):
    """Tests see what the views render: the page cache is off but in tests marked `page_cache`
    (tests/site/test_cache.py), which test it, and in the CI scripts that run the production server."""
    if request.node.get_closest_marker("page_cache") is None:
        settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def keep_test_connection():
    """Requests through the real WSGI handler close the database connection when they finish, as in
    production, and the test's transaction lives on that connection: keep it, as Django's test
    client does while it runs."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def content_types_cached():
    """Django keeps the content types it has read for the whole process (the change notes need
    them): read them all first, so that a count of queries is the same whichever test ran before."""
    ContentType.objects.get_for_models(*apps.get_models())
