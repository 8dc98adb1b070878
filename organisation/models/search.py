"""The site search's documents: one row per public object and language, which modelsearch indexes.

modelsearch's database backends keep one index entry per (content type, object id), with one title
and one body, in one text-search configuration, so an object cannot be indexed once per language.
Indexing this table instead gives an entry per language, and one query over every kind of content:
one ranking, one paginator, counts per kind. organisation.search fills it from each app's sources.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from modelsearch import index
from modelsearch.queryset import SearchableQuerySetMixin

from organisation.search_text import index_text


class FoldedSearchField(index.SearchField):
    """A SearchField whose indexed value is the folded, stemmed words of the document's language
    (organisation.search_text). The field name stays the model's, so `title` still goes to
    modelsearch's title column and the others to its body."""

    def get_value(self, obj):
        # modelsearch asks for each field's value once per column it builds (3 on SQLite, 5 on
        # PostgreSQL): fold and stem once.
        cache = obj.__dict__.setdefault("_index_text", {})
        if self.field_name not in cache:
            value = getattr(obj, self.field_name)
            if self.field_name == "title":
                value = f"{value} {obj.aliases}"  # Other names count as the title.
            cache[self.field_name] = index_text(value, obj.language)
        return cache[self.field_name]


class SearchDocumentQuerySet(SearchableQuerySetMixin, models.QuerySet):
    pass


class SearchDocument(index.Indexed, models.Model):
    """What a visitor may find of one object, in one language: the text the object's page shows
    in that language (English where it has no translation), and how to show it as a result."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey()
    language = models.CharField(max_length=5)
    # The type a visitor may filter by: the kind of its source (organisation.search.Source).
    kind = models.CharField(max_length=30)
    # Shown as they are (highlighted); indexed folded and stemmed (FoldedSearchField).
    title = models.TextField()
    # Other names, indexed as the title: a country's names in every language, an acronym, a symbol.
    aliases = models.TextField(blank=True)
    # Indexed above the text: a meeting's city and host country, the meeting of a document.
    keywords = models.TextField(blank=True)
    # Plain text: summary, description, a PDF's text. The snippet is taken from it.
    text = models.TextField(blank=True)
    # Shown under the title: "Summit · Baku, Azerbaijan", "Declaration of the Sixth Summit".
    description = models.CharField(max_length=500, blank=True)
    url = models.CharField(max_length=500)
    # Shown with the result; a meeting's start date also ranks recent meetings higher.
    date = models.DateField(null=True)
    # The title's and the text's language when they are not the document's own (no translation yet).
    title_language = models.CharField(max_length=5, blank=True)
    text_language = models.CharField(max_length=5, blank=True)
    # When the object becomes public: a scheduled item is indexed, and found once its time has come.
    # Null: public as long as it is indexed.
    public_from = models.DateTimeField(null=True)

    search_fields = [
        # Only `title` goes to modelsearch's title column; the others to its body. The boosts are
        # PostgreSQL's tsvector weights A, B and C; organisation.search_backend weights the columns.
        FoldedSearchField("title", boost=5),
        FoldedSearchField("keywords", boost=2),
        FoldedSearchField("text", boost=1),
        # The "autocomplete" column, which the site does not use for autocompletion, carries the
        # kind as a word: the full-text index itself then filters by it. (The language is in every
        # term: organisation.search_text.term().)
        index.AutocompleteField("kind_tag"),
        index.FilterField("language"),
        index.FilterField("kind"),
        index.FilterField("public_from"),
    ]
    # organisation.search replaces an object's documents in bulk, one modelsearch call for all
    # languages: modelsearch's own save signal receiver is not wanted.
    search_auto_update = False

    # .search() too, modelsearch's own API on any of its backends.
    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"], name="one_search_document_per_language"
            )
        ]
        # Scheduled documents: the few left out of a search until their time comes.
        indexes = [models.Index(fields=["public_from"], name="search_document_public_from")]
        # Made from the content, never edited: no one is given permissions on it.
        default_permissions = ()

    def __str__(self):
        return f"{self.kind} {self.object_id} [{self.language}] {self.title}"

    @property
    def kind_tag(self):
        return kind_tag(self.kind)


def kind_tag(kind):
    """The word that stands for a kind in the index ("outcome-document": "outcomedocument")."""
    return kind.replace("-", "")


class SearchTerm(models.Model):
    """The words of the public documents, folded, per language: where "did you mean" looks.

    modelsearch has no spelling suggestions on its database backends. SQLite's fts5vocab would list
    the stems too; PostgreSQL's ts_stat() reads the whole index on every call. This small table is the
    same on both. Words are added as documents are indexed and pruned by a rebuild; a suggestion is
    offered only when a search for it finds something, so a word no longer in use is never offered.
    """

    language = models.CharField(max_length=5)
    word = models.CharField(max_length=100)
    first = models.CharField(max_length=1)
    length = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["language", "word"], name="one_search_term_per_language")
        ]
        indexes = [models.Index(fields=["language", "first", "length"], name="search_term_lookup")]
        default_permissions = ()

    def __str__(self):
        return f"{self.word} [{self.language}]"
