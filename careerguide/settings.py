"""careerguide settings: one file, every deployment choice read from the environment (see README)."""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


TRUE, FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    """A switch; a value that is neither on nor off is a mistake to report, not a silent False."""
    value = env(name, "1" if default else "0").strip().lower()
    if value not in TRUE | FALSE:
        raise ImproperlyConfigured(f"{name}={env(name)!r} is not understood: use 1/true/yes/on or 0/false/no/off.")
    return value in TRUE


def env_int(name, default):
    value = env(name, str(default)).strip()
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def env_float(name, default):
    value = env(name, str(default)).strip()
    try:
        number = float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a number.") from None
    if not number > 0:
        raise ImproperlyConfigured(f"{name}={value!r} must be more than 0.")
    return number


def env_networks(name, default):
    """Addresses or networks (10.0.0.0/8), comma-separated; a typo is an error, not a proxy nobody trusts."""
    networks = []
    for item in env_list(name, default):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ImproperlyConfigured(f"{name}: {item!r} is not an IP address or network.") from None
    return networks


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
# Only serving signs anything (sessions, CSRF, tokens): the WSGI/ASGI entry points refuse to start without a key
# (careerguide.apps.require_secret_key), while commands such as makemigrations run without one.
SECRET_KEY = env("SECRET_KEY") or ("insecure-development-key-only-used-when-DEBUG-is-on" if DEBUG else "")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Without autodiscovery: careerguide.urls imports the admin's modules when the admin is first used.
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "csp",
    "axes",
    "simple_history",
    "import_export",
    "core",
    "skills",
    "progression",
    "salaries",
    "assessment",
    "careerguide",
]

MIDDLEWARE = [
    "core.urlconfs.GuideURLConfMiddleware",
    "core.requestlog.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.security.CSPMiddleware",
    "core.security.RejectBadCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.fragments.DataVersionMiddleware",
    # Right after the language is known: a cached public read skips everything below.
    "core.cache.ResponseCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it answers locked-out logins.
    "axes.middleware.AxesMiddleware",
]

# Every URL, and the guide's alone: what the requests outside the admin are resolved against (core.urlconfs).
ROOT_URLCONF = "careerguide.urls"
GUIDE_URLCONF = "careerguide.guide_urls"
# Where the admin is served; the response cache never keeps its pages (core.cache).
ADMIN_URL = "admin/"
WSGI_APPLICATION = "careerguide.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# A database in trouble must cost a request seconds, not a hung worker thread (gunicorn's timeout cannot help:
# gthread workers keep heart-beating while a thread waits). Seconds, from the environment:
#   DATABASE_CONNECT_TIMEOUT    opening a connection (PostgreSQL connect_timeout; at least 2 s, libpq's minimum);
#   DATABASE_STATEMENT_TIMEOUT  one statement; the server cancels it (PostgreSQL statement_timeout);
#   the client gives up 2 s after that even if the server cannot cancel (frozen): core.dbtimeout;
#   on SQLite, how long a write waits for another writer's lock before it is reported as a conflict.
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 5)
DATABASE_STATEMENT_TIMEOUT = env_float("DATABASE_STATEMENT_TIMEOUT", 10)
DATABASE_CLIENT_TIMEOUT = DATABASE_STATEMENT_TIMEOUT + 2
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    database_options = DATABASES["default"].setdefault("OPTIONS", {})
    database_options.update(
        connect_timeout=max(DATABASE_CONNECT_TIMEOUT, 2),
        options=f"-c statement_timeout={int(DATABASE_STATEMENT_TIMEOUT * 1000)}",
    )
    # libpq first looks for Kerberos credentials for GSSAPI encryption on every new connection ("prefer"), which
    # loads the Kerberos libraries into each worker (1.3 MB of its memory, bench/memory.py). The site does not use
    # it: TLS stays as sslmode says. A DATABASE_URL with ?gssencmode=prefer turns it back on.
    database_options.setdefault("gssencmode", "disable")
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # BEGIN IMMEDIATE: a transaction takes the write lock when it starts, so a writer racing another one waits
    # for it (the timeout) instead of failing at once with "database is locked" when it upgrades a read lock.
    # 32 prepared statements per connection instead of Python's 128: a page runs at most ten, and each thread of a
    # worker has a connection, whose statements (the bulk download's is large) SQLite keeps compiled: 1.5 MB less
    # per worker after edits, and no difference in CPU (bench/memory.py, bench/cpu.py).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=DATABASE_STATEMENT_TIMEOUT, transaction_mode="IMMEDIATE", cached_statements=32
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Local memory by default; several app servers share one Redis so an edit invalidates everywhere. Redis only
# accelerates: when it fails or stalls (short socket timeouts), the site serves uncached (core.cachebackend).
if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "core.cachebackend.FailSafeRedisCache",
            "LOCATION": env("REDIS_URL"),
            "OPTIONS": {
                "socket_connect_timeout": env_float("REDIS_TIMEOUT", 0.5),
                "socket_timeout": env_float("REDIS_TIMEOUT", 0.5),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "careerguide"}}
# Rendered public reads are kept this long (0 turns the response cache off); keys carry the data version, so
# an edit never waits for this to expire. A shared proxy may keep a page PROXY_CACHE_SECONDS after an edit.
RESPONSE_CACHE_SECONDS = env_int("RESPONSE_CACHE_SECONDS", 3600)
PROXY_CACHE_SECONDS = env_int("PROXY_CACHE_SECONDS", 5)
# Rendered pieces of pages (core.fragments) are kept this long; their keys carry the data version too. 0 turns
# them off.
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 3600)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("zh-hant", "繁體中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed names need collectstatic first; development and the tests serve the files as they are.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# The five source documents, copied unchanged; provenance quotes are checked against them.
SOURCES_DIR = BASE_DIR / "fixtures" / "sources"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "core.api.policy.StaffTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["core.api.filters.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api.policy.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["core.security.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["core.api.policy.AnonymousThrottle"],
    "EXCEPTION_HANDLER": "core.api.policy.api_exception_handler",
    "URL_FORMAT_OVERRIDE": None,
    # Who a client is, for the rate limit: behind the TLS proxy (HTTPS=1) the address the proxy appended last,
    # otherwise the connection's own. Never a whole X-Forwarded-For a client could write itself.
    "NUM_PROXIES": 1 if env_bool("HTTPS") else 0,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "careerguide API",
    "DESCRIPTION": (
        "客服职业导航(careerguide)的数据接口:售后客服职业的技能、晋升路径、学习资源与城市薪资数据。职业内容整理自五份来源文档,记录附出处引文;各文档的权利人与使用条件见 `/api/v1/sources/`。\n\n"
        "- 读取无需凭证;写入(技能、掌握程度、学习资源、薪资)需 `Authorization: Token <令牌>` 及相应的模型权限。\n"
        "- 列表分页:`page`、`page_size`(默认 20,最多 100)。参数不合法返回 400,JSON 中指出出错的参数。\n"
        "- `?lang=zh-hant` 或 `Accept-Language: zh-Hant` 返回繁体文字(引文保持原样)。\n"
        "- 读取响应带 `ETag`(随数据版本变化)与 `Cache-Control`;带 `If-None-Match` 重新请求,未变化时返回 304。\n"
        "- `/api/v1/meta/` 给出数据版本与来源日期;`/api/v1/download/` 一次下载全部数据。"
    ),
    "VERSION": "1.0.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # The schema is read from the guide's URLs, as its requests are (core.urlconfs), not from every URL.
    "SERVE_URLCONF": GUIDE_URLCONF,
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.document_common_responses",
    ],
}

CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Nothing inline and nothing from other hosts: every script, style and font is served by the app itself.
# The API docs get a few extra allowances in core.security.CSPMiddleware.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# The admin login locks after repeated failures: five wrong passwords for one user from one address, for an hour.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "errors/lockout.html"
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
AXES_CLIENT_STR_CALLABLE = "core.security.client_description"
AXES_USERNAME_CALLABLE = "core.security.login_username"
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True

# The proxies whose X-Forwarded-For is believed (with HTTPS=1): the client address is the one such a proxy
# appended. A request from any other peer is counted against its own address, whatever headers it wrote.
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES", "127.0.0.1,::1")

# Behind a TLS-terminating proxy: redirect to HTTPS, HSTS, secure cookies.
if env_bool("HTTPS"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    # Load balancers and orchestrators probe the app server directly over plain HTTP: answer, don't redirect.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # While the database is down every request fails alike: one report per cause and minute, not a traceback each.
    "filters": {"once_per_cause": {"()": "core.outage.OncePerCauseFilter"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": env("LOG_LEVEL", "INFO")},
    # careerguide.requests already writes one line per request; django.request would repeat every 4xx.
    "loggers": {
        "django.request": {"level": "ERROR", "filters": ["once_per_cause"]},
        "axes": {"level": "WARNING"},
    },
}
