"""The organisation's models, a module each: the content machinery every app uses, beside the domain.

Machinery (any content model uses it, through these names):
    publishing      Publishable, PublishableQuerySet: draft or published, at a time
    versions        Versioned, VersionConflict: no lost edits
    translations    Translatable: which translations are up to date
    editorial       ChangeNote, PreviewLink: public change notes, previews for reviewers
    review          PendingVersion, AuditEvent: edits of live content wait for a Publisher
    uploads         image and PDF fields, stored clean, with renditions and details
    rich_text       rich_text_field: what staff can write in narrative fields
    tokens          ApiToken: API clients' tokens, stored hashed
    search          SearchDocument, SearchTerm: the site search's index (organisation.search fills it)
    text            clean_text: text stored without control characters, lines ending in LF

The domain (CICA's own):
    profile         Organisation, Body, FoundingDocument
    registry        Country, Membership
    measures        MeasureArea, Measure, Coordinator
    pages           Relation, PolicyPage
    chairmanship    ChairTerm, OfficeHolder: terms in office, with dates as precise as known
    facts           FactCheck, FactSource: when each facts panel was checked, against what
    contact         ContactMessage: what visitors write through the contact form
"""

from organisation.models.chairmanship import ChairTerm, OfficeHolder
from organisation.models.contact import ContactMessage
from organisation.models.dates import DatePrecision
from organisation.models.editorial import (
    ChangeNote,
    PreviewLink,
    PreviewLinkQuerySet,
    preview_link_expiry,
    preview_link_nonce,
)
from organisation.models.facts import FactCheck, FactSource
from organisation.models.measures import Coordinator, CoordinatorQuerySet, Measure, MeasureArea
from organisation.models.pages import PolicyPage, Relation
from organisation.models.profile import Body, FoundingDocument, Organisation, OrganisationQuerySet
from organisation.models.publishing import Publishable, PublishableQuerySet
from organisation.models.registry import Country, Membership, MembershipQuerySet, Place, PlaceName
from organisation.models.review import AuditEvent, PendingVersion, PendingVersionQuerySet
from organisation.models.rich_text import RICH_TEXT_EXTENSIONS, rich_text_field
from organisation.models.search import SearchDocument, SearchTerm
from organisation.models.text import clean_text
from organisation.models.tokens import ApiToken
from organisation.models.translations import (
    Translatable,
    translated_columns,
    translated_field_names,
    untranslated_fields,
)
from organisation.models.uploads import ImageUploadField, PdfUploadField, WithPdfDetails, WithRenditions
from organisation.models.versions import VersionConflict, Versioned

__all__ = [
    "ApiToken",
    "AuditEvent",
    "PendingVersion",
    "PendingVersionQuerySet",
    "RICH_TEXT_EXTENSIONS",
    "Body",
    "ChairTerm",
    "ChangeNote",
    "ContactMessage",
    "Coordinator",
    "DatePrecision",
    "FactCheck",
    "FactSource",
    "CoordinatorQuerySet",
    "Country",
    "FoundingDocument",
    "ImageUploadField",
    "Measure",
    "MeasureArea",
    "Membership",
    "MembershipQuerySet",
    "OfficeHolder",
    "Organisation",
    "OrganisationQuerySet",
    "PdfUploadField",
    "Place",
    "PlaceName",
    "PolicyPage",
    "PreviewLink",
    "PreviewLinkQuerySet",
    "Publishable",
    "PublishableQuerySet",
    "Relation",
    "SearchDocument",
    "SearchTerm",
    "Translatable",
    "VersionConflict",
    "Versioned",
    "WithPdfDetails",
    "WithRenditions",
    "clean_text",
    "preview_link_expiry",
    "preview_link_nonce",
    "rich_text_field",
    "translated_columns",
    "translated_field_names",
    "untranslated_fields",
]
