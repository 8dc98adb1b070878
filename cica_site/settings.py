"""Settings for the CICA site: one file, driven by environment variables.

Every variable is documented in README.md. The defaults are safe for local development;
production sets DJANGO_DEBUG=0 and the variables that go with it.
"""

import datetime
import os
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
# Git-ignored folder for everything the site writes locally: the SQLite file and media.
VAR_DIR = BASE_DIR / "var"


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off, not {value!r}.")


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. With DJANGO_DEBUG off the site refuses to start "
            "without a secret key: set DJANGO_SECRET_KEY to a long random string "
            "(for example the output of `python -c 'import secrets; print(secrets.token_urlsafe(50))'`), "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

# The admin's address. An address nobody guesses keeps the bots that try every site's /admin/ off
# the login form; robots.txt names it only when it is the default. Always reverse('admin:…').
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"
if ADMIN_PATH == "/":
    raise ImproperlyConfigured("DJANGO_ADMIN_PATH cannot be empty: the admin needs its own address.")

# Behind a TLS-terminating proxy (nginx, a load balancer): trust its X-Forwarded-Proto, and take the
# client's address from X-Forwarded-For, as many entries from the right as there are proxies
# (DJANGO_PROXY_COUNT, 1 by default behind a proxy). Login lockouts, API throttles and logs use it.
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "1" if BEHIND_PROXY else "0"))

INSTALLED_APPS = [
    # Before the admin, so that its admin classes and per-language fields are set up first.
    "modeltranslation",
    # Django's admin, its front page organised by task (cica_site/admin_site.py).
    "cica_site.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_prose_editor",
    "rest_framework",
    # API tokens stored hashed, named, expiring (organisation.models.tokens).
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "csp",
    "axes",
    # Revisions of content: who changed what, when; compare, restore, recover deleted.
    "reversion",
    # Background work (e-mail and its retries): Django's tasks framework, tasks kept in the database.
    "django_tasks",
    "django_tasks_db",
    # The site search's index (organisation/search.py): SQLite FTS5 or PostgreSQL full-text search.
    "modelsearch",
    "organisation",
    "events",
    # Last: production infrastructure (page cache invalidation, health, backups), no models.
    "cica_site.apps.SiteConfig",
]

MIDDLEWARE = [
    # First: every log line and response of the request carries its id.
    "cica_site.middleware.RequestIdMiddleware",
    # Before the host check and the https redirect: a load balancer asks by IP, over plain HTTP.
    "cica_site.middleware.HealthCheckMiddleware",
    # Before anything that queries: NUL in an address, form, cookie or credentials is a 400.
    "cica_site.middleware.StorableInputMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "cica_site.middleware.SecurityHeadersMiddleware",
    # High up, so that every response under /api/ carries the CORS headers.
    "corsheaders.middleware.CorsMiddleware",
    # Outside sessions, languages and users: a page served from the cache skips them all.
    "cica_site.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After LocaleMiddleware: ?lang= overrides Accept-Language for the API.
    "cica_site.rest.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # ETag, Last-Modified, Cache-Control and 304s for GETs under /api/.
    "cica_site.rest.ApiHttpCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The admin under the CSP: the editor's import map with the nonce, its one style by hash.
    "cica_site.middleware.AdminCspMiddleware",
    # Last, as django-axes requires: login throttling and lockout.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username and address before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "cica_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "organisation.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "cica_site.wsgi.application"

if not os.environ.get("DATABASE_URL"):
    VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0")),
        # A kept connection that the database dropped (a restart) is replaced, not reused broken.
        conn_health_checks=True,
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers (two admins, API clients, gunicorn's workers) take turns instead of failing
    # with "database is locked": WAL lets readers go on during a write; IMMEDIATE takes the write
    # lock when a transaction begins (a deferred one that has read cannot wait for it, and fails);
    # a writer waits up to 20 s for its turn.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            # A Redis that hangs costs a request a second at most: the site then serves uncached.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    # What every process must agree on (the content version of the page cache): the same Redis.
    CACHES["shared"] = CACHES["default"]
else:
    CACHES = {
        # Per process. Kept small: each of gunicorn's workers holds its own copy.
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("DJANGO_LOCMEM_CACHE_ENTRIES", "300"))},
        },
        # A folder on local disk, so the workers of one machine invalidate their page caches together.
        "shared": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("DJANGO_SHARED_CACHE_DIR", str(VAR_DIR / "cache")),
        },
    }

# Parts of pages shared by many addresses (the footer, the meetings list's filter choices, the home
# page's member list) are rendered once until what they show changes ({% fragment %}) and kept by
# each process, as are values every page reads (the organisation's profile): a lost fragment costs
# one rendering, and Redis being down costs nothing.
FRAGMENT_CACHE_ENTRIES = int(os.environ.get("DJANGO_FRAGMENT_CACHE_ENTRIES", "500"))
CACHES["template_fragments"] = {
    # 0 turns fragments off (`make bench` measures pages with every cache off).
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache"
    if FRAGMENT_CACHE_ENTRIES
    else "django.core.cache.backends.dummy.DummyCache",
    "LOCATION": "template-fragments",
    "TIMEOUT": 3600,
    "OPTIONS": {"MAX_ENTRIES": FRAGMENT_CACHE_ENTRIES},
}

# Pages for anonymous visitors are served from the cache (cica_site/pagecache.py) for at most this
# many seconds, and never past a change to what they show or the next moment time changes them.
# 0: off.
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "3600"))
# How long browsers and proxies may keep a page for an anonymous visitor.
PAGE_CACHE_MAX_AGE = int(os.environ.get("DJANGO_PAGE_CACHE_MAX_AGE", "60"))

# Pages with a query string that one client (by address) may add to the page cache in a minute;
# beyond, its pages are served but not kept. Pages without one are bounded by the content.
PAGE_CACHE_CLIENT_ENTRIES = int(os.environ.get("DJANGO_PAGE_CACHE_CLIENT_ENTRIES", "60"))

# Edge caches (Varnish with xkey, deploy/varnish/) to purge when content changes: comma-separated
# addresses such as http://127.0.0.1:6081/, the shared secret they expect, how long to wait for each.
EDGE_PURGE_URLS = env_list("DJANGO_EDGE_PURGE_URLS", [])
EDGE_PURGE_TOKEN = os.environ.get("DJANGO_EDGE_PURGE_TOKEN", "")
EDGE_PURGE_TIMEOUT = float(os.environ.get("DJANGO_EDGE_PURGE_TIMEOUT", "1"))
# hard: the next request waits for the new page; soft: it gets the old one while it is fetched.
EDGE_PURGE_MODE = os.environ.get("DJANGO_EDGE_PURGE_MODE", "hard")
if EDGE_PURGE_MODE not in ("hard", "soft"):
    raise ImproperlyConfigured(f"DJANGO_EDGE_PURGE_MODE must be hard or soft, not {EDGE_PURGE_MODE!r}.")
if EDGE_PURGE_URLS and not EDGE_PURGE_TOKEN:
    raise ImproperlyConfigured(
        "DJANGO_EDGE_PURGE_URLS is set but DJANGO_EDGE_PURGE_TOKEN is not: the edge refuses purges "
        "without its shared secret. Set DJANGO_EDGE_PURGE_TOKEN to the secret the edge was started with."
    )

# `make bench` compares each page with a minimal view; the address exists only when this is on.
BENCH_BASELINE = env_bool("DJANGO_BENCH_BASELINE", False)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English is the source language: every text is written in English first, then translated.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("ru", "Русский"),
    ("az", "Azərbaycanca"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# "5 October 1992" rather than Django's American English "Oct. 5, 1992".
FORMAT_MODULE_PATH = ["cica_site.formats"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_REQUIRED_LANGUAGES = ("en",)
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))

MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
# Every uploaded file is asked for at /media/…, where the site decides who may have it
# (cica_site/media.py). With SERVE_MEDIA (debug, `make serve`) the app sends the file itself;
# without it, nginx sends it from its internal location MEDIA_INTERNAL_URL (README, "Deployment").
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", DEBUG)
MEDIA_INTERNAL_URL = "/" + os.environ.get("DJANGO_MEDIA_INTERNAL_URL", "internal-media/").strip("/") + "/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # With debug off, WhiteNoise serves compressed files whose names carry a hash of their content,
    # with far-future caching (`collectstatic` first). Debug and the tests read the source folders.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Media on S3-compatible object storage when a bucket is named (django-storages). Credentials come
# from the environment as boto3 reads them: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. The bucket
# is private: file addresses are the site's /media/…, which redirects those who may have a file to
# a short-lived signed address on the bucket's own origin (cica_site/media.py), so an uploaded
# file can never act as a page of this site.
if os.environ.get("DJANGO_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "cica_site.storage.S3MediaStorage",
        "OPTIONS": {
            "bucket_name": os.environ["DJANGO_S3_BUCKET"],
            "endpoint_url": os.environ.get("DJANGO_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("DJANGO_S3_REGION") or None,
            "custom_domain": os.environ.get("DJANGO_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("DJANGO_S3_LOCATION", "media"),
            "querystring_auth": True,
            "file_overwrite": False,
            # Each signed address is a name of its own: a browser may keep the object it gives.
            "object_parameters": {"CacheControl": "private, max-age=86400"},
        },
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # modelsearch's PostgreSQL index: tsvector columns and GIN indexes (django.contrib.postgres).
    INSTALLED_APPS.insert(INSTALLED_APPS.index("modelsearch"), "django.contrib.postgres")
else:
    # Django REST framework imports django.contrib.postgres's fields, and with them psycopg and
    # libpq, whenever psycopg is installed (requirements.txt has it for PostgreSQL): 11 MB in every
    # worker of a site on SQLite, which never uses them. Marked as not importable.
    sys.modules.setdefault("psycopg", None)
    sys.modules.setdefault("psycopg2", None)
MODELSEARCH_BACKENDS = {
    "default": {
        # modelsearch's database backends with prefixes, weighted ranking and filtering by language and
        # kind in the index (organisation/search_backend.py).
        "BACKEND": "organisation.search_backend",
        # The words are folded and stemmed in Python (organisation/search_text.py): the database only
        # splits them on spaces, the same way on SQLite and PostgreSQL.
        "SEARCH_CONFIG": "simple",
        # The site's own signal receivers keep the index in step (organisation/search.py).
        "AUTO_UPDATE": False,
    }
}

# Uploads: a document or photo larger than this is refused with a message, never half-stored.
MAX_UPLOAD_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# E-mail (organisation/mail.py): the console under `make run` (debug on), SMTP otherwise, the
# in-memory outbox in tests. Messages are tasks in the database, sent by `manage.py db_worker`.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_STARTTLS", False)
EMAIL_USE_SSL = env_bool("DJANGO_EMAIL_SSL", False)
# A mail server that does not answer fails the attempt, which is retried later, never a hung worker.
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_EMAIL_FROM", "CICA website <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The site's address as staff reach it, for links in e-mails sent where there is no request to
# take it from (a review step, a scheduled publication): scheme and host, no trailing slash.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
TASKS = {"default": {"BACKEND": os.environ.get("DJANGO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# The contact form (organisation/contact.py): where messages are e-mailed (empty: the profile's
# public e-mail), how long they are kept (the privacy policy says so), and how many one address may
# send in an hour.
CONTACT_RECIPIENTS = env_list("DJANGO_CONTACT_RECIPIENTS", [])
CONTACT_MESSAGE_RETENTION = datetime.timedelta(
    days=int(os.environ.get("DJANGO_CONTACT_RETENTION_DAYS", "365"))
)
CONTACT_MESSAGES_PER_HOUR = int(os.environ.get("DJANGO_CONTACT_MESSAGES_PER_HOUR", "5"))

# A preview link, which shows a draft to a reviewer without an account, works for this many days.
PREVIEW_LINK_DAYS = int(os.environ.get("DJANGO_PREVIEW_LINK_DAYS", "7"))


def env_rate(name, default):
    value = os.environ.get(name) or default
    number, _, period = value.partition("/")
    if not number.isdigit() or period not in {"second", "minute", "hour", "day"}:
        raise ImproperlyConfigured(
            f"{name} must be a number of requests per second, minute, hour or day, "
            f"such as 120/minute, not {value!r}."
        )
    return value


# The API: see cica_site/rest.py for how it speaks HTTP and README.md for its use.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: a request without credentials gets 401 with `WWW-Authenticate: Token`.
        "knox.auth.TokenAuthentication",
        # Staff signed in to the admin may try the API from the docs page.
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["cica_site.rest.ContentPermission"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "cica_site.rest.ApiPagination",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "cica_site.schema.ApiSchema",
    "EXCEPTION_HANDLER": "cica_site.rest.handle_exception",
    "DEFAULT_THROTTLE_CLASSES": ["cica_site.rest.AnonThrottle", "cica_site.rest.UserThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("DJANGO_API_ANON_RATE", "120/minute"),
        "user": env_rate("DJANGO_API_USER_RATE", "600/minute"),
    },
    # `format` is a meeting filter: CSV is asked for with a `.csv` suffix or `Accept: text/csv`.
    "URL_FORMAT_OVERRIDE": None,
    # Clients are told apart by the address the trusted proxies saw, never by a header they send.
    "NUM_PROXIES": PROXY_COUNT,
}

# API tokens (django-rest-knox): stored as hashes in organisation.ApiToken, sent as
# `Authorization: Token <token>`, made in the admin, ending after DJANGO_API_TOKEN_DAYS.
KNOX_TOKEN_MODEL = "organisation.ApiToken"
# knox's own migrations make a table for its AuthToken even when another model replaces it: left
# unmigrated, the replaced model gets no table (one referring to auth_user, which nothing uses).
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {
    "TOKEN_TTL": datetime.timedelta(days=int(os.environ.get("DJANGO_API_TOKEN_DAYS", "90"))),
    "AUTH_HEADER_PREFIX": "Token",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "CICA website API",
    "DESCRIPTION": (
        "The public content of the CICA website: the organisation, its bodies and founding documents, "
        "the membership registry, confidence-building measures, relations pages, meetings and policy "
        "pages. Reading is open to all; staff write with a token (`Authorization: Token <key>`)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Separate request bodies: objects are read with nested references and written with ids.
    "COMPONENT_SPLIT_REQUEST": True,
    # The docs page loads its scripts and styles from this site's static files, never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "cica_site.schema.local_times",
        "cica_site.schema.optional_translations",
        "cica_site.schema.write_rules",
    ],
    "ENUM_NAME_OVERRIDES": {
        "PublishingStatusEnum": "organisation.models.Publishable.Status",
        "MembershipStatusEnum": "organisation.models.Membership.Status",
        "CoordinatorRoleEnum": "organisation.models.Coordinator.Role",
        "MeetingKindEnum": "events.models.Meeting.Kind",
        "MeetingFormatEnum": "events.models.Meeting.Format",
        "MeetingStatusEnum": "events.models.Meeting.MeetingStatus",
        "DocumentKindEnum": "events.models.MeetingDocument.Kind",
        "DatePrecisionEnum": "organisation.models.DatePrecision",
    },
}

# Anyone may read the API from a web page elsewhere; nobody may write to it from one.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "authorization", "if-modified-since", "if-none-match"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Only staff have sessions: a session ends after this many seconds (8 hours by default), and when
# the browser closes if DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE is on.
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_COOKIE_AGE", 8 * 60 * 60))
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE", False)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# The load balancer's health check comes over plain HTTP, to the app server itself.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Browser features no page of the site uses, refused to it and to anything it could embed.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)


def _media_sources():
    """Where images may come from besides this site: the object store, when media live there."""
    if not os.environ.get("DJANGO_S3_BUCKET"):
        return []
    if os.environ.get("DJANGO_S3_CUSTOM_DOMAIN"):
        return ["https://" + os.environ["DJANGO_S3_CUSTOM_DOMAIN"].strip("/")]
    if os.environ.get("DJANGO_S3_ENDPOINT_URL"):
        scheme, _, rest = os.environ["DJANGO_S3_ENDPOINT_URL"].partition("://")
        return [f"{scheme}://{rest.split('/')[0]}"]
    return [f"https://{os.environ['DJANGO_S3_BUCKET']}.s3.amazonaws.com"]


# Content-Security-Policy (django-csp 4). Nothing inline runs on any page: scripts and styles come
# from this site's static files; JSON-LD blocks are data, which the policy does not govern. A
# script that must be inline carries the request's nonce (`request.csp_nonce`), which is added to
# the header only on the responses that use it. The API docs page alone relaxes it (cica_site/api.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", *env_list("DJANGO_CSP_MEDIA_SOURCES", _media_sources())],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        # Plain-HTTP references become https ones where the site itself is served over https.
        "upgrade-insecure-requests": not DEBUG and SECURE_SSL_REDIRECT,
    }
}

# The `<style>` element Tiptap (in django-prose-editor) adds to admin pages with an editor. Its hash
# changes only with the editor's version: tests/browser/test_csp.py fails if it does.
ADMIN_CSP_STYLE_HASHES = ["'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"]

# django-axes: a username is locked out from one address after this many failed logins, for a
# while; other staff, and the same staff member elsewhere, can still sign in. Attempts are kept in
# the database, which every app server shares.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES", "30")))
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "cica_site.middleware.client_ip"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "cica_site.logs.RequestIdFilter"}},
    "formatters": {
        # One line per record, tracebacks included, each with the id of the request it belongs to.
        "line": {
            "()": "cica_site.logs.OneLineFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s request_id=%(request_id)s %(message)s",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "line",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # Its start-up banner would open every command's output.
    "loggers": {"axes.apps": {"level": "WARNING"}},
}
