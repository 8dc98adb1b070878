"""Help texts: every field a visitor sees says where it appears, and the relations page's title
names the title an empty one stands for."""

from django.apps import apps
from django.test import TestCase

from organisation.models import Publishable, Relation
from tests.factories import admin_url, make_country, make_organisation, make_relation, make_staff

# Fields no visitor sees: addresses, order, publishing and bookkeeping (each model's own list).
NOT_SHOWN = {"slug", "order", "status", "publish_at", "review_by", "created_at", "updated_at", "version"}
NOT_SHOWN_BY_MODEL = {
    "Country": {"code"},
    "Membership": {"country"},
    "Coordinator": {"measure", "country", "since", "until"},
    "ChangeNote": {"content_type", "object_id"},
    "MeetingChange": {"meeting"},
    "MeetingDocument": {"meeting"},
    "MeetingPhoto": {"meeting", "image", "decorative"},
    "Measure": {"area"},
    "Body": {"meets_every_months", "meets_at_least"},
    # Edited inline on their parent's page, which names the parent already.
    "FactSource": {"fact_check"},
    "PlaceName": {"place"},
    # Pages show the Secretariat's country from the profile (Organisation.secretariat_country).
    "Place": {"country"},
}
# Models staff never write for the public: the editorial machinery's records.
NOT_PUBLIC = {
    "PreviewLink",
    "PendingVersion",
    "AuditEvent",
    "ApiToken",
    # Correspondence with the Secretariat: what a visitor sent, read by staff only.
    "ContactMessage",
    # The site search's index: made from the content's own fields (which say where they are shown),
    # never edited by anyone.
    "SearchDocument",
    "SearchTerm",
}


class HelpTextTests(TestCase):
    def test_every_field_a_visitor_sees_says_where(self):
        for app in ("organisation", "events"):
            for model in apps.get_app_config(app).get_models():
                if model.__name__ in NOT_PUBLIC:
                    continue
                exempt = NOT_SHOWN | NOT_SHOWN_BY_MODEL.get(model.__name__, set())
                for field in model._meta.get_fields():
                    if not getattr(field, "editable", False) or field.auto_created or field.name in exempt:
                        continue
                    if getattr(field, "translated_field", None) is not None:
                        continue  # Its language columns (title_en…) share its help text.
                    with self.subTest(field=f"{model.__name__}.{field.name}"):
                        self.assertTrue(str(field.help_text), "Say where the visitor sees it.")

    def test_the_rule_covers_every_publishable_model(self):
        publishable = [model for model in apps.get_models() if issubclass(model, Publishable)]
        self.assertGreaterEqual(len(publishable), 5)


class RelationTitleHelpTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("Editors")

    def setUp(self):
        self.client.force_login(self.editor)

    def help_text(self, response, name):
        return str(response.context["adminform"].form.fields[name].help_text)

    def test_it_names_the_standard_title_with_the_acronym_and_the_country(self):
        make_organisation()
        relation = make_relation(make_country("Azerbaijan", "AZ"), title="")
        response = self.client.get(admin_url(Relation, "change", relation.pk))
        expected = "The page's heading. Leave empty for “Relations between CICA and Azerbaijan”."
        self.assertEqual(self.help_text(response, "title_en"), expected)
        self.assertContains(response, "Leave empty for “Relations between CICA and Azerbaijan”.")

    def test_a_translation_left_empty_shows_the_english_title(self):
        make_organisation()
        relation = make_relation(make_country("Azerbaijan", "AZ"))
        response = self.client.get(admin_url(Relation, "change", relation.pk))
        self.assertEqual(
            self.help_text(response, "title_ru"),
            "The heading in this language. Leave empty to show the English one.",
        )

    def test_without_a_country_yet_it_says_what_the_standard_title_is_made_of(self):
        make_organisation()
        response = self.client.get(admin_url(Relation, "add"))
        self.assertEqual(
            self.help_text(response, "title_en"),
            "The page's heading. Leave empty for the standard title, made of the organisation's acronym "
            "and the country's name.",
        )
        self.assertNotContains(response, "Relations between  and")

    def test_without_a_published_profile_it_names_no_empty_acronym(self):
        relation = make_relation(make_country("Azerbaijan", "AZ"))
        response = self.client.get(admin_url(Relation, "change", relation.pk))
        self.assertIn("made of the organisation's acronym", self.help_text(response, "title_en"))
