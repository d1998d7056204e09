"""WSGI entry point for gunicorn in bench/bench_support_load.py."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.bare_insert.settings")

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
