"""Maeul's settings with the bench URLconf (Maeul's URLs plus the bare one-INSERT view)."""

from maeul.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bare_insert.urls"
DEBUG = False
# Warnings and errors (a 500's traceback among them) go to gunicorn's output.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
