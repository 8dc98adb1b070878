"""What the API tests share: a TestCase that reads JSON answers, sends tokens and expects 400s.

Each test starts with empty caches, so with fresh throttle counters and no remembered
Last-Modified date: tests/conftest.py empties them before every test of the suite.
"""

from django.test import TestCase


class ApiTestCase(TestCase):
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
