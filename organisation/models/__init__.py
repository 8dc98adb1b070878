"""The organisation's models, a module each: the content machinery every app uses, beside the domain.

Machinery (any content model uses it, through these names):
    publishing      Publishable, PublishableQuerySet: draft or published, at a time
    versions        Versioned, VersionConflict: no lost edits
    translations    Translatable: which translations are up to date
    editorial       ChangeNote, PreviewLink: public change notes, previews for reviewers
    uploads         image and PDF fields, stored clean, with renditions and details
    rich_text       rich_text_field: what staff can write in narrative fields
    search          SearchDocument, SearchTerm: the site search's index (organisation.search fills it)

The domain (CICA's own):
    profile         Organisation, Body, FoundingDocument
    registry        Country, Membership
    measures        MeasureArea, Measure, Coordinator
    pages           Relation, PolicyPage
"""

from organisation.models.editorial import (
    ChangeNote,
    PreviewLink,
    PreviewLinkQuerySet,
    preview_link_expiry,
    preview_link_nonce,
)
from organisation.models.measures import Coordinator, CoordinatorQuerySet, Measure, MeasureArea
from organisation.models.pages import PolicyPage, Relation
from organisation.models.profile import Body, FoundingDocument, Organisation, OrganisationQuerySet
from organisation.models.publishing import Publishable, PublishableQuerySet
from organisation.models.registry import Country, Membership, MembershipQuerySet
from organisation.models.rich_text import RICH_TEXT_EXTENSIONS, rich_text_field
from organisation.models.search import SearchDocument, SearchTerm
from organisation.models.translations import (
    Translatable,
    translated_columns,
    translated_field_names,
    untranslated_fields,
)
from organisation.models.uploads import ImageUploadField, PdfUploadField, WithPdfDetails, WithRenditions
from organisation.models.versions import VersionConflict, Versioned

__all__ = [
    "RICH_TEXT_EXTENSIONS",
    "Body",
    "ChangeNote",
    "Coordinator",
    "CoordinatorQuerySet",
    "Country",
    "FoundingDocument",
    "ImageUploadField",
    "Measure",
    "MeasureArea",
    "Membership",
    "MembershipQuerySet",
    "Organisation",
    "OrganisationQuerySet",
    "PdfUploadField",
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
    "preview_link_expiry",
    "preview_link_nonce",
    "rich_text_field",
    "translated_columns",
    "translated_field_names",
    "untranslated_fields",
]
