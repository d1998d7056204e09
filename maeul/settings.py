"""Maeul settings: one module, every deployment value read from the environment.

Variables: DATABASE_URL, SECRET_KEY, MAEUL_DATA_KEY (or MAEUL_DATA_KEY_FILE), MAEUL_DEBUG,
ALLOWED_HOSTS, MAEUL_HTTPS, MAEUL_TRUSTED_PROXIES, MAEUL_EMAIL_URL-style SMTP settings,
MAEUL_REDIS_URL, KAKAO_* and NAVER_*, MAEUL_MEDIA_ROOT, MAEUL_SERVE_MEDIA, MAEUL_OPERATOR_*
and MAEUL_PRIVACY_OFFICER_*.
See docs/configuration.md.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from maeul.core.env import (
    env_bool,
    env_count,
    env_database,
    env_list,
    env_str,
    private_directory,
    private_file,
    secret_from_file,
)
from maeul.core.legal import operator_from_env, source_url_from_env

BASE_DIR = Path(__file__).resolve().parent.parent
# The database, keys and private files live here: owner-only (0700) when we create it.
VAR_DIR = private_directory(Path(env_str("MAEUL_VAR_DIR", str(BASE_DIR / "var"))))

DEBUG = env_bool("MAEUL_DEBUG", False)
SECRET_KEY = secret_from_file("SECRET_KEY", VAR_DIR / "secret_key")
# Encrypts phone numbers and keys their look-up hash; separate from SECRET_KEY so that
# rotating session signing never makes stored phone numbers unreadable. In production it
# belongs apart from the database (MAEUL_DATA_KEY_FILE), so that one stolen copy of the
# database folder does not carry its own key (deploy check maeul.W001).
_data_key_file = env_str("MAEUL_DATA_KEY_FILE", "")
MAEUL_DATA_KEY_PATH: Path | None = (
    None if env_str("MAEUL_DATA_KEY", "") else Path(_data_key_file or VAR_DIR / "data_key")
)
MAEUL_DATA_KEY = secret_from_file(
    "MAEUL_DATA_KEY", Path(_data_key_file or VAR_DIR / "data_key"), create=not _data_key_file
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "maeul.core.admin_apps.MaeulAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.kakao",
    "allauth.socialaccount.providers.naver",
    "django_tasks",
    "django_tasks_db",
    "maeul.core",
    "maeul.places",
    "maeul.accounts",
    "maeul.proposals",
    "maeul.voting",
    "maeul.councils",
    "maeul.plans",
    "maeul.privacy",
    "maeul.grants",
    "maeul.spaces",
    "maeul.consultations",
    "maeul.courses",
    "maeul.archive",
    "maeul.volunteering",
    "maeul.search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "maeul.core.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "maeul.core.error_pages.URITooLongMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "maeul.accounts.middleware.ActiveAccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "maeul.core.disk_full.DiskFullMiddleware",
]

ROOT_URLCONF = "maeul.urls"
WSGI_APPLICATION = "maeul.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "maeul" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "maeul.core.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASES = {"default": env_database("DATABASE_URL", VAR_DIR / "maeul.sqlite3")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait (busy timeout)
    # instead of failing with "database is locked" on upgrade; select_for_update() is a
    # no-op on SQLite. FULL sync keeps every acknowledged commit after a power cut.
    # secure_delete overwrites deleted rows with zeros: the ballots counting rewrites must
    # not stay readable in free pages (voting/services/secrecy.py).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA secure_delete=ON;"
        ),
    }
    # A file (not :memory:) so that threads and live-server tests see one database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
    if DATABASES["default"]["NAME"] != ":memory:":
        private_file(Path(DATABASES["default"]["NAME"]))  # 0600 before SQLite creates it
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: the store rate limits share across processes ------------------------------
REDIS_URL = env_str("MAEUL_REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "maeul_cache",
        }
    }

# --- Background tasks (django-tasks, Django 6's API) ----------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Accounts -------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "maeul.core.permissions.SiteAdminBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Birth year, the age-14 confirmation and the consents (required and optional apart),
# for e-mail and Kakao/Naver sign-up alike (개인정보 보호법 제22조, 제22조의2).
ACCOUNT_SIGNUP_FORM_CLASS = "maeul.privacy.forms.SignupConsentForm"
ACCOUNT_FORMS = {"signup": "maeul.privacy.signup_forms.AtomicSignupForm"}
SOCIALACCOUNT_FORMS = {"signup": "maeul.privacy.signup_forms.AtomicSocialSignupForm"}
# A Kakao or Naver log-in never creates an account silently: the person sees the consents.
SOCIALACCOUNT_AUTO_SIGNUP = False
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# The issue asks that a second sign-up with a used address be told so plainly.
ACCOUNT_PREVENT_ENUMERATION = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[마을] "

ACCOUNT_RATE_LIMITS = {
    "signup": "20/m/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
SOCIALACCOUNT_PROVIDERS: dict[str, dict[str, object]] = {}
for provider in ("kakao", "naver"):
    client_id = env_str(f"{provider.upper()}_CLIENT_ID", "")
    if client_id:
        SOCIALACCOUNT_PROVIDERS[provider] = {
            "APPS": [{"client_id": client_id, "secret": env_str(f"{provider.upper()}_SECRET", "")}]
        }

# Phone verification (본인인증): the SMS gateway is pluggable; development prints codes.
MAEUL_SMS_BACKEND = env_str(
    "MAEUL_SMS_BACKEND", "maeul.accounts.verification.sms.ConsoleSMSBackend"
)

# --- E-mail ---------------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(env_str("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "마을 <no-reply@maeul.local>")

# --- Language and time ----------------------------------------------------------------
LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("Korean")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(
    parents=True, exist_ok=True
)  # whitenoise expects it even when it serves from finders
MEDIA_URL = "/media/"
# Uploads remove their partly written file when the disk fills up (maeul.core.disk_full).
STORAGES = {
    "default": {"BACKEND": "maeul.core.disk_full.CleanFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Public uploads (proposal photos, progress photos). A reverse proxy that serves /media/
# itself needs this folder outside the owner-only var/ (docs/configuration.md).
MEDIA_ROOT = Path(env_str("MAEUL_MEDIA_ROOT", str(VAR_DIR / "media")))
# Maeul serves MEDIA_ROOT itself (maeul.core.media) unless the proxy does.
MAEUL_SERVE_MEDIA = env_bool("MAEUL_SERVE_MEDIA", True)
# Receipts and other private documents: never under MEDIA_ROOT, served only through views
# that check who asks (maeul.core.storage).
PRIVATE_ROOT = VAR_DIR / "private"
# Serve straight from the app folders: no collectstatic step between edit and `make run`.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# --- Security -------------------------------------------------------------------------
HTTPS = env_bool("MAEUL_HTTPS", False)
# Database sessions that name their account, so deactivation can end them all.
SESSION_ENGINE = "maeul.core.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
# How many reverse proxies we run in front of the app, each appending to X-Forwarded-For;
# the client is the address that many entries from the right (maeul.core.requests).
MAEUL_TRUSTED_PROXIES = env_count("MAEUL_TRUSTED_PROXIES", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = MAEUL_TRUSTED_PROXIES
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Longer request targets get the Korean 414 page (maeul.core.error_pages); gunicorn is
# started with a larger limit so that it leaves this to us (see `serve`).
MAEUL_MAX_URI_LENGTH = 4096
CSRF_FAILURE_VIEW = "maeul.core.error_pages.csrf_failure"

# 구민제안 발굴 워크숍: staff may open a workshop on a proposal with at least this many 공감.
MAEUL_WORKSHOP_SUPPORTS = env_count("MAEUL_WORKSHOP_SUPPORTS", 50)

# --- Logging: phone numbers and codes never reach the log -----------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("MAEUL_LOG_LEVEL", "INFO")},
}

MAEUL_SITE_NAME = _("Maeul")
# The public address, for links in e-mails and feeds.
MAEUL_BASE_URL = env_str("MAEUL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# The operator (운영기관) and privacy officer named in the footer, the privacy policy and the
# terms; fictional demo values unless MAEUL_OPERATOR_NAME and its companions are set.
MAEUL_OPERATOR = operator_from_env()
# Where anyone using the site can get its source code (AGPL-3.0 section 13), linked from the
# footer; a deploy check warns while it is unset.
MAEUL_SOURCE_URL = source_url_from_env()
# The district whose pages the front page and proposal forms open by default (금천구).
MAEUL_DEFAULT_DISTRICT = env_str("MAEUL_DEFAULT_DISTRICT", "1154500000")
