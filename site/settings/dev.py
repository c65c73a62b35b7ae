"""Local development: debug on, e-mail to the console, SQLite unless DATABASE_URL says otherwise."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
GOEDWERK_ENVIRONMENT = "development"
