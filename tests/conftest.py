import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def source_language():
    """Each test starts in English, the source language.

    A request in another language leaves that language active in the thread, and model fields
    named without a language (title=…) are written in the active language.
    """
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
