"""Maeul's settings with the bench URLconf (Maeul's URLs plus the bare one-INSERT view)."""

from maeul.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bare_insert.urls"
DEBUG = False
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
