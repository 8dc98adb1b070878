"""What the API tests share: a TestCase that starts each test with fresh throttle counters."""

from django.core.cache import cache
from django.test import TestCase


class ApiTestCase(TestCase):
    def setUp(self):
        # Throttle counters and remembered Last-Modified dates live in the cache.
        cache.clear()

    def get_json(self, url, **kwargs):
        response = self.client.get(url, **kwargs)
        self.assertEqual(response.status_code, 200, response.content[:500])
        return response.json()

    def results(self, url, **kwargs):
        return self.get_json(url, **kwargs)["results"]

    def ids(self, url, **kwargs):
        return [item["id"] for item in self.results(url, **kwargs)]

    def auth(self, token):
        return {"HTTP_AUTHORIZATION": f"Token {token.key}"}

    def assertBadRequest(self, url, parameter, **kwargs):
        """A 400 whose errors name `parameter`."""
        response = self.client.get(url, **kwargs)
        self.assertEqual(response.status_code, 400, response.content[:500])
        body = response.json()
        self.assertIn(parameter, body["errors"])
        self.assertIn(parameter, body["detail"])
        return body
