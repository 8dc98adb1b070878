"""The OpenAPI schema and the documentation page."""

import re
import tempfile

from django.contrib.staticfiles import finders
from django.core.management import call_command

from tests.api.base import ApiTestCase

SCHEMA = "/api/v1/schema/"


class SchemaTests(ApiTestCase):
    def schema(self):
        return self.get_json(SCHEMA, HTTP_ACCEPT="application/vnd.oai.openapi+json")

    def test_is_openapi_3(self):
        self.assertTrue(self.schema()["openapi"].startswith("3."))

    def test_describes_every_endpoint(self):
        paths = set(self.schema()["paths"])
        for resource in [
            "bodies",
            "founding-documents",
            "countries",
            "memberships",
            "measures",
            "relations",
            "meetings",
            "policy-pages",
        ]:
            with self.subTest(resource=resource):
                self.assertLessEqual({f"/api/v1/{resource}/", f"/api/v1/{resource}/{{id}}/"}, paths)
        self.assertIn("/api/v1/organisation/", paths)

    def test_a_pending_versions_people_are_documented_as_null_until_their_step(self):
        # An Editor's write answers 202 with a pending version that nobody has submitted yet.
        properties = self.schema()["components"]["schemas"]["PendingVersion"]["properties"]
        for name in ("updated_by", "submitted_by", "reviewed_by"):
            with self.subTest(name=name):
                self.assertIs(properties[name].get("nullable"), True)

    def test_every_operation_documents_its_errors(self):
        for path, operations in self.schema()["paths"].items():
            for method, operation in operations.items():
                with self.subTest(operation=f"{method.upper()} {path}"):
                    self.assertLessEqual({"401", "404", "429"}, set(operation["responses"]))
                    if method != "get":
                        self.assertIn("403", operation["responses"])

    def test_reads_are_open_to_anonymous_clients_and_writes_need_a_token(self):
        operations = self.schema()["paths"]["/api/v1/meetings/"]
        self.assertIn({}, operations["get"]["security"])
        self.assertNotIn({}, operations["post"]["security"])
        self.assertIn({"knoxApiToken": []}, operations["post"]["security"])

    def test_documents_the_filters_with_their_values(self):
        parameters = {p["name"]: p for p in self.schema()["paths"]["/api/v1/meetings/"]["get"]["parameters"]}
        self.assertEqual(parameters["when"]["schema"]["enum"], ["past", "upcoming"])
        self.assertIn("-start_date", parameters["ordering"]["schema"]["items"]["enum"])
        self.assertEqual(parameters["page_size"]["schema"]["maximum"], 100)

    def test_documents_the_csv_export(self):
        content = self.schema()["paths"]["/api/v1/meetings/"]["get"]["responses"]["200"]["content"]
        self.assertEqual(set(content), {"application/json", "text/csv"})

    def component(self, schema, operation):
        ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        return schema["components"]["schemas"][ref.rsplit("/", 1)[1]]

    def test_a_change_requires_the_version_and_a_creation_does_not_take_it(self):
        schema = self.schema()
        for path, operations in schema["paths"].items():
            for method in ("put", "patch"):
                if method in operations and "meetings" in path:
                    with self.subTest(operation=f"{method.upper()} {path}"):
                        self.assertIn("version", self.component(schema, operations[method])["required"])
            if "post" in operations:
                with self.subTest(operation=f"POST {path}"):
                    self.assertNotIn("version", self.component(schema, operations["post"])["properties"])
        organisation = schema["paths"]["/api/v1/organisation/"]
        self.assertIn("version", self.component(schema, organisation["put"])["required"])

    def test_query_parameters_give_their_ranges_and_take_a_blank_value(self):
        parameters = {p["name"]: p for p in self.schema()["paths"]["/api/v1/meetings/"]["get"]["parameters"]}
        self.assertEqual(
            (parameters["year"]["schema"]["minimum"], parameters["year"]["schema"]["maximum"]), (1, 9999)
        )
        self.assertTrue(parameters["start"]["allowEmptyValue"])
        self.assertNotIn("allowEmptyValue", parameters["lang"])

    def test_writes_document_unique_and_cross_field_rules(self):
        description = self.schema()["paths"]["/api/v1/meetings/"]["post"]["responses"]["400"]["description"]
        self.assertIn("`slug` is unique", description)
        self.assertIn("`end_date` is not before `start_date`", description)

    def test_writes_document_the_202_of_a_change_that_waits_for_review(self):
        schema = self.schema()
        for path, operations in schema["paths"].items():
            for method in ("post", "put", "patch"):
                if method not in operations or "/pending/" in path:
                    continue
                with self.subTest(operation=f"{method.upper()} {path}"):
                    accepted = operations[method]["responses"]["202"]
                    self.assertIn("pending version", accepted["description"])
                    body = accepted["content"]["application/json"]["schema"]["allOf"][1]
                    self.assertEqual(body["required"], ["pending_review"])
                    self.assertEqual(
                        body["properties"]["pending_review"]["$ref"], "#/components/schemas/PendingVersion"
                    )

    def test_every_operation_documents_414(self):
        for path, operations in self.schema()["paths"].items():
            for method, operation in operations.items():
                with self.subTest(operation=f"{method.upper()} {path}"):
                    self.assertIn("414", operation["responses"])

    def test_generates_without_warnings_and_validates(self):
        with tempfile.NamedTemporaryFile(suffix=".yaml") as output:
            call_command("spectacular", "--fail-on-warn", "--validate", "--file", output.name)


class DocsPageTests(ApiTestCase):
    def test_is_served(self):
        response = self.client.get("/api/v1/docs/")
        self.assertContains(response, '<div id="swagger-ui">')

    def test_loads_nothing_from_another_site(self):
        html = self.client.get("/api/v1/docs/").content.decode()
        addresses = re.findall(r'(?:src|href)="([^"]+)"', html)
        self.assertTrue(addresses)
        for address in addresses:
            with self.subTest(address=address):
                self.assertRegex(address, r"^/(static|api/v1/docs)/")

    def test_its_assets_are_this_sites_static_files(self):
        for asset in ["swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css"]:
            with self.subTest(asset=asset):
                self.assertIsNotNone(finders.find(f"drf_spectacular_sidecar/swagger-ui-dist/{asset}"))

    def test_its_script_points_at_this_sites_schema(self):
        script = self.client.get("/api/v1/docs/?script=").content.decode()
        self.assertIn('"/api/v1/schema/"', script)
        self.assertNotRegex(script, r"https?://")
