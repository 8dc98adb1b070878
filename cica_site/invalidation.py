"""Invalidation by cache tag, on every worker and app server at once.

What a cached page, fragment or value showed is a set of tags (organisation.models.cache_tags). It
is stored with the *sequence number* read before it was rendered, and it is still right while none
of its tags was invalidated after that number:

    valid  ⇔  for every tag t of the entry: invalidated(t) ≤ seq(entry)

- **Sequence.** With Redis, a counter (INCR) every app server shares; without Redis, the clock of
  the machine, in microseconds (its workers share the folder below). A change is invalidated once
  its transaction has committed, so a rendering that read the old rows had read its number before:
  it is invalidated with it. A rendering that starts afterwards reads a number at least as high,
  and the new rows.
- **Tag versions.** With Redis, one hash: tag → the number it was last invalidated at, and a floor
  (the `""` field): a tag not in the hash was last invalidated before the floor. When the hash is
  lost (Redis restarted or evicted it), every entry is out of date until it is made again, never
  wrongly in date. Without Redis, the same in a file of the shared folder
  (DJANGO_SHARED_CACHE_DIR), which each worker reads again only when it changed. Either is emptied
  (the floor raised: every entry made again once) when it holds more than MAX_TAGS tags.
- **Time.** Entries carry an expiry: the next moment what they showed may change without a save,
  that is the next scheduled publication of any content (not only of the kinds an entry read: what
  it shows may be made from them, as the search's documents are), or local midnight (upcoming
  meetings become past ones, memberships start and end), and never later than PAGE_CACHE_SECONDS
  (what no signal sees: QuerySet.update(), SQL by hand).

Changes come from the save, delete and many-to-many signals of the public apps (cica_site/apps.py),
whatever the write path: their tags are gathered during the transaction and invalidated once it
commits, then purged from the edge caches (cica_site/edge.py).
"""

import datetime
import fcntl
import logging
import os
import pickle
import threading
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import transaction
from django.utils import timezone

from organisation.models import PendingVersion, Publishable, cache_tags
from organisation.models.review import in_sandbox

logger = logging.getLogger(__name__)

# The apps whose content the public sees: their reads are tagged and their changes invalidate.
PUBLIC_APPS = {"organisation", "events"}
# Every entry carries it: invalidating it retires everything (a bulk load, a restore, a deploy).
SITE_TAG = "site"
# Versions kept before the store is emptied and its floor raised.
MAX_TAGS = 50_000
# A transaction that changed more (a restore, a bulk action) invalidates everything instead.
MAX_CHANGE_TAGS = 2_000
# Named for its form ({"until"}): servers of an earlier release, during a rolling deploy, read theirs.
SCHEDULE_KEY = "page-cache:schedule:until"
# Fragments and shared values are kept at most this long (what no signal sees: QuerySet.update()).
FRAGMENT_SECONDS = 3600


# --- The stores ---------------------------------------------------------------------------------


class RedisTags:
    """Tag versions in one Redis hash, the sequence in a counter, shared by every app server."""

    HASH = "cache-tags:versions"
    SEQUENCE = "cache-tags:seq"

    def __init__(self, url):
        import redis  # Only with REDIS_URL.

        self.redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)

    def seq(self):
        value = self.redis.get(self.SEQUENCE)
        if value is None:
            # Lost or new: start from the clock in milliseconds, beyond any number counted before
            # (fewer than a thousand changes a second), so no entry made before seems newer.
            self.redis.set(self.SEQUENCE, int(time.time() * 1000), nx=True)
            value = self.redis.get(self.SEQUENCE)
        return int(value)

    def valid(self, tags, seq):
        found = self.redis.hmget(self.HASH, ["", *tags])
        if found[0] is None:
            return False  # The versions are lost: nothing can be vouched for.
        floor = int(found[0])
        return floor <= seq and all(value is None or int(value) <= seq for value in found[1:])

    def made(self, seq):
        """After storing an entry made at `seq`: versions lost meanwhile start again from it."""
        self.redis.hsetnx(self.HASH, "", seq)

    def invalidate(self, tags):
        seq = self.redis.incr(self.SEQUENCE)
        self.redis.hsetnx(self.HASH, "", seq)
        self.redis.hset(self.HASH, mapping=dict.fromkeys(tags, seq))
        if self.redis.hlen(self.HASH) > MAX_TAGS:
            # Raising the floor first: no moment where a lost tag would look never invalidated.
            self.redis.hset(self.HASH, "", seq)
            self.redis.delete(self.HASH)
            self.redis.hset(self.HASH, "", seq)


class FolderTags:
    """Tag versions in a file of a folder every worker of this machine shares, read again only when
    it changed; the sequence is the machine's clock."""

    def __init__(self, folder):
        self.path = os.path.join(folder, "cache-tags.pickle")
        self.lock_path = self.path + ".lock"
        self.folder = folder
        self._seen = None
        self._versions = {}
        self._lock = threading.Lock()

    def seq(self):
        return time.time_ns() // 1000

    def _current(self):
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            return {}
        seen = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        if seen != self._seen:
            with self._lock, open(self.path, "rb") as file:
                self._versions = pickle.load(file)
                self._seen = seen
        return self._versions

    def valid(self, tags, seq):
        versions = self._current()
        floor = versions.get("", 0)
        return floor <= seq and all(versions.get(tag, floor) <= seq for tag in tags)

    def made(self, seq):
        pass  # The file is never lost but with the folder, and then every entry with it.

    def invalidate(self, tags):
        os.makedirs(self.folder, exist_ok=True)
        with open(self.lock_path, "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                with open(self.path, "rb") as file:
                    versions = pickle.load(file)
            except (FileNotFoundError, EOFError, pickle.UnpicklingError):
                versions = {}
            # Beyond the clock's reading now: a rendering that read the same microsecond may
            # have begun before the commit.
            seq = self.seq() + 1
            versions.update(dict.fromkeys(tags, seq))
            if len(versions) > MAX_TAGS:
                versions = {"": seq}
            temporary = f"{self.path}.{os.getpid()}"
            with open(temporary, "wb") as file:
                pickle.dump(versions, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)


_store = None


def store():
    """The tag store of this process: Redis's when the shared cache is Redis, else the folder's."""
    global _store
    if _store is None:
        shared = settings.CACHES["shared"]
        if shared["BACKEND"].endswith("RedisCache"):
            _store = RedisTags(shared["LOCATION"])
        else:
            _store = FolderTags(shared["LOCATION"])
    return _store


def _settings_changed(setting, **kwargs):
    global _store
    if setting == "CACHES":
        _store = None
        cache_tags.forget_shared()


setting_changed.connect(_settings_changed)


# --- Checking entries -----------------------------------------------------------------------------


def seq():
    return store().seq()


def keeps_values():
    """Whether fragments and shared values are kept (DJANGO_FRAGMENT_CACHE_ENTRIES=0: not)."""
    return settings.FRAGMENT_CACHE_ENTRIES > 0


def valid(tags, entry_seq):
    return store().valid(tags, entry_seq)


def expires_at(tags, now=None, longest=None):
    """Until when an entry showing `tags` may be kept: the next moment it may change without a save
    (module docstring), whatever its tags, and at most `longest` seconds (PAGE_CACHE_SECONDS for
    pages, an hour for fragments and shared values)."""
    now = time.time() if now is None else now
    return min(scheduled_changes(now)["until"], now + (FRAGMENT_SECONDS if longest is None else longest))


def scheduled_changes(now):
    """{"until": the next local midnight or scheduled publication, whichever comes first}, read once
    for every process (shared cache) until then, and again after a change to any publishable
    content."""
    shared = caches["shared"]
    schedule = shared.get(SCHEDULE_KEY)
    if schedule is None or schedule["until"] <= now:
        schedule = _read_schedule(now)
        shared.set(SCHEDULE_KEY, schedule, None)
    return schedule


def _read_schedule(now, publish_due=True):
    from organisation import review

    moment = datetime.datetime.fromtimestamp(now, tz=datetime.UTC)
    midnight = timezone.localtime(moment).replace(hour=0, minute=0, second=0, microsecond=0)
    midnight += datetime.timedelta(days=1)
    # One query for every kind of content: the publications still to come are few.
    scheduled = [
        model._base_manager.filter(status=Publishable.Status.PUBLISHED, publish_at__gt=moment)
        .order_by()
        .values_list("publish_at", flat=True)
        for model in _publishable_models()
    ]
    # Approved pending versions replace live ones at their time too (organisation.review), due ones
    # included: one more query.
    pending = PendingVersion.objects.filter(state=PendingVersion.State.SCHEDULED).values_list(
        "publish_at", flat=True
    )
    with cache_tags.paused():
        times = [when.timestamp() for when in [*scheduled[0].union(*scheduled[1:], all=True), *pending]]
    if publish_due and any(when <= now for when in times):
        # A pending version's time has come: it replaces the live one before any page is made
        # again, on whichever server asks first (the middleware asks before each rendering).
        review.publish_due(moment)
        return _read_schedule(now, publish_due=False)
    return {"until": min([midnight.timestamp(), *times])}


def _publishable_models():
    return [model for model in apps.get_models() if issubclass(model, Publishable)]


# --- Invalidating -----------------------------------------------------------------------------------


def invalidate(tags):
    """Invalidate `tags` now, everywhere: the entries that carry one are made again, and the edge
    caches purge them. Failures are logged: an unreachable store holds nothing to retire."""
    tags = set(tags)
    if not tags:
        return
    try:
        store().invalidate(tags)
    except Exception:
        logger.exception("Could not invalidate the cache tags %s.", " ".join(sorted(tags)[:20]))
    from cica_site import edge

    edge.purge(tags)


def invalidate_everything():
    """Every cached page, fragment and value, on every app server and edge cache."""
    forget_schedule()
    invalidate({SITE_TAG})


def forget_schedule():
    try:
        caches["shared"].delete(SCHEDULE_KEY)
    except Exception:
        logger.exception("Could not forget the schedule of publications.")


def changed(tags, publishable, using, at_once=True):
    """Tags of a change made on the connection `using`: invalidated at once, and again with the edge
    caches once its transaction commits. A rendering that read the old rows in between had read a
    number older than the second invalidation's. Raw saves (loaddata, a restore) wait for the
    commit: there may be thousands."""
    if at_once:
        try:
            store().invalidate(tags)
        except Exception:
            logger.exception("Could not invalidate the cache tags of a change.")
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        _Batch(tags, publishable).flush()
        return
    # The changes of one transaction (a meeting and its inlines) are flushed together, once. A batch
    # belongs to the savepoint it was made in, and ends with it: a rollback drops its callback.
    key = tuple(connection.savepoint_ids)
    batch = getattr(connection, "_cache_tags_batch", None)
    registered = [callback for _sids, callback, _robust in connection.run_on_commit]
    if batch is None or batch.key != key or batch.flush not in registered:
        batch = connection._cache_tags_batch = _Batch(set(), False, key)
        transaction.on_commit(batch.flush, using=using)
    batch.tags.update(tags)
    batch.publishable = batch.publishable or publishable


class _Batch:
    def __init__(self, tags, publishable, key=None):
        self.tags, self.publishable, self.key = set(tags), publishable, key

    def flush(self):
        if self.publishable:
            forget_schedule()
        invalidate(self.tags if len(self.tags) <= MAX_CHANGE_TAGS else {SITE_TAG})


# --- Signal receivers (cica_site/apps.py) -----------------------------------------------------------


def _public(model):
    """Whether saves of `model` may change what the public sees. Not inside a review sandbox
    (organisation.models.review): what is saved there is undone before anyone else can read it."""
    return model._meta.app_label in PUBLIC_APPS and not in_sandbox()


def _scheduling(instance):
    """Whether a save of `instance` may change the schedule of publications: publishable content,
    and pending versions (approved for a time, or withdrawn)."""
    return isinstance(instance, Publishable | PendingVersion)


def before_save(sender, instance, raw=False, using=None, **kwargs):
    if _public(sender) and instance.pk is not None:
        try:
            instance._cache_tags_before = cache_tags.stored_values(sender, instance.pk, using)
        except Exception:  # The save itself will say what is wrong with the database.
            instance._cache_tags_before = None


def after_save(sender, instance, raw=False, using=None, **kwargs):
    if not _public(sender):
        return
    before = instance.__dict__.pop("_cache_tags_before", None)
    tags = cache_tags.change_tags(sender, instance.pk, before, cache_tags.selecting_values(instance))
    changed(tags, _scheduling(instance), using or "default", at_once=not raw)


def after_delete(sender, instance, using=None, **kwargs):
    if _public(sender):
        tags = cache_tags.change_tags(sender, instance.pk, cache_tags.selecting_values(instance), None)
        changed(tags, _scheduling(instance), using or "default")


def after_m2m_change(sender, instance, action, model, pk_set, using=None, **kwargs):
    if not action.startswith("post_") or not (_public(sender) or _public(type(instance))):
        return
    tags = {cache_tags.object_tag(instance), cache_tags.list_tag(type(instance))}
    tags |= {cache_tags.list_tag(model), cache_tags.list_tag(sender)}
    tags |= {f"{cache_tags.label(model)}:{cache_tags.value_token(pk)}" for pk in pk_set or ()}
    changed(tags, False, using or "default")
