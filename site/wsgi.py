"""WSGI entry point: `gunicorn goedwerk.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goedwerk.settings.production")

application = get_wsgi_application()
# Load the URLconf (and with it every view module) here rather than on the first request: with
# gunicorn's preload (deploy/gunicorn.conf.py) that happens once, in the master, and every
# worker starts with it loaded and shared; the first visitor does not wait for it.
get_resolver().url_patterns  # noqa: B018
