"""Local development: SQLite under var/, DEBUG on, demo users exempt from 2FA."""

import os

from .base import *  # noqa: F403
from .base import env_list, logging_config

DEBUG = True
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
PASSEND_2FA_EXEMPT_DEMO_USERS = True

# Static files straight from the app folders (no collectstatic needed outside production).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True

# E-mail (reminders) is printed to the console in development.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Readable console lines instead of JSON (the same processors, no personal data).
LOGGING = logging_config(json=False)
