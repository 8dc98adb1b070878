import posixpath
import re

from django.apps import apps
from django.core.management.base import BaseCommand

from cica_site import invalidation
from organisation import images
from organisation.models import ImageUploadField, PdfUploadField, WithRenditions

RANDOM_NAME = re.compile(r"[0-9a-f]{32}\.[a-z0-9]+")


class Command(BaseCommand):
    help = (
        "Give every uploaded file stored under the name it was uploaded with a random name, as new "
        "uploads get (organisation.models.uploads), and make its renditions again under that name. "
        "The old file is kept, for revisions that name it; no row holds it, so it is served to "
        "nobody. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        renamed = 0
        for model in apps.get_models():
            for field in model._meta.concrete_fields:
                if isinstance(field, ImageUploadField | PdfUploadField):
                    renamed += self.rename(model, field)
        if renamed:
            invalidation.invalidate_everything()
        self.stdout.write(self.style.SUCCESS(f"Renamed {renamed} files."))

    def rename(self, model, field):
        renamed = 0
        for obj in model._base_manager.exclude(**{field.name: ""}).iterator():
            file = getattr(obj, field.name)
            name, storage = file.name, file.storage
            if RANDOM_NAME.fullmatch(posixpath.basename(name)):
                continue
            if not storage.exists(name):
                self.stderr.write(f"{model._meta.label} {obj.pk}: {name} is missing, left as it is.")
                continue
            with storage.open(name, "rb") as content:
                new_name = storage.save(field.generate_filename(obj, name), content)
            changes = {field.attname: new_name}
            if isinstance(obj, WithRenditions) and field.name == obj.image_field_name:
                changes["renditions"] = images.make_renditions(
                    new_name, obj.rendition_widths, storage=storage
                )
                images.delete_renditions(name, storage=storage)
            # An update, not a save: the content did not change, and its version is not moved on.
            model._base_manager.filter(pk=obj.pk).update(**changes)
            self.stdout.write(f"{model._meta.label} {obj.pk}: {name} → {new_name}")
            renamed += 1
        return renamed
