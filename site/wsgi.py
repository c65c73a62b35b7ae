"""WSGI entry point: `gunicorn goedwerk.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goedwerk.settings.production")

application = get_wsgi_application()
