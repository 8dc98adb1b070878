"""Rich text: what staff can write in a narrative field, and nothing else."""

from django_prose_editor.fields import ProseEditorField

RICH_TEXT_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "HardBreak": True,
}


def rich_text_field(verbose_name, **kwargs):
    return ProseEditorField(verbose_name, extensions=RICH_TEXT_EXTENSIONS, sanitize=True, **kwargs)
