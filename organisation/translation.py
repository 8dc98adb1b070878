"""The fields that have a version per language (django-modeltranslation adds one column each)."""

from modeltranslation.translator import TranslationOptions, register

from organisation.models import (
    Body,
    ChairTerm,
    ChangeNote,
    Country,
    FactSource,
    FoundingDocument,
    Measure,
    MeasureArea,
    Membership,
    OfficeHolder,
    Organisation,
    PlaceName,
    PolicyPage,
    Relation,
)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = [
        "name",
        "acronym",
        "purpose",
        "history",
        "initiative_by",
        "initiative_event",
        "contact_address",
        "contact_hours",
    ]


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ["name"]


@register(PlaceName)
class PlaceNameTranslation(TranslationOptions):
    fields = ["name"]


@register(ChairTerm)
class ChairTermTranslation(TranslationOptions):
    fields = ["decided_by", "note"]


@register(OfficeHolder)
class OfficeHolderTranslation(TranslationOptions):
    fields = ["office", "person", "note"]


@register(FactSource)
class FactSourceTranslation(TranslationOptions):
    fields = ["title"]


@register(Membership)
class MembershipTranslation(TranslationOptions):
    fields = ["organisation_name", "note"]


@register(Body)
class BodyTranslation(TranslationOptions):
    fields = ["name", "short_name", "role", "frequency_note", "description"]


@register(FoundingDocument)
class FoundingDocumentTranslation(TranslationOptions):
    fields = ["title", "adopted_in", "summary"]


@register(MeasureArea)
class MeasureAreaTranslation(TranslationOptions):
    fields = ["name"]


@register(Measure)
class MeasureTranslation(TranslationOptions):
    fields = ["name", "description"]


@register(Relation)
class RelationTranslation(TranslationOptions):
    fields = ["title", "lead", "body"]


@register(PolicyPage)
class PolicyPageTranslation(TranslationOptions):
    fields = ["title", "body"]


@register(ChangeNote)
class ChangeNoteTranslation(TranslationOptions):
    fields = ["note"]
