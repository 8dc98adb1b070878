"""What a backup holds, and how its records are written: `manage.py backup` and `restore` use this.

- **Secrets stay out.** Sessions, API tokens, preview links (their nonces make the addresses), login
  attempts, and every password hash: a backup is a file that gets copied around, and none of these
  is needed to bring the content back. Users are kept (revisions and the admin's log name them) with
  an unusable password: after a restore, each sets a new one (`manage.py changepassword`, or a
  superuser in the admin), and API tokens are issued again. EXCLUDED and SECRET_FIELDS are the one
  list of both: a new model holding secrets is added there.
- **Any text.** Records are JSON, which can carry every character the database holds (XML 1.0, what
  `dumpdata` offered for exact times, cannot carry control characters), with times to the
  microsecond (Django's JSON encoder cuts them to milliseconds).
"""

import datetime

from django.contrib.auth.hashers import make_password
from django.core.serializers import json as json_serializer

FORMAT = "backup-json"
DATA_NAME = "data.json"
# Written by backups made before the JSON format; `restore` still reads them.
OLD_DATA_NAME = "data.xml"

# Models left out, as `dumpdata --exclude` takes them: rebuilt by `migrate` (content types,
# permissions) or by `restore` (the search index), or secrets and records of no use after a restore.
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    "organisation.apitoken",
    "organisation.previewlink",
    # The site search's index: `restore` rebuilds it from the content (organisation.search).
    "modelsearch",
    "organisation.searchdocument",
    "organisation.searchterm",
]

# Fields written with a value that reveals nothing, by model label: the value is a function of none.
SECRET_FIELDS = {
    "auth.user": {"password": lambda: make_password(None)},
}


class Encoder(json_serializer.DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(json_serializer.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = Encoder

    def handle_field(self, obj, field):
        secret = SECRET_FIELDS.get(obj._meta.label_lower, {}).get(field.name)
        if secret is not None:
            self._current[field.name] = secret()
        else:
            super().handle_field(obj, field)


Deserializer = json_serializer.Deserializer
