"""The demo (`python3 dev.py run`): behaves like production, with only the demo conveniences.

Like production: DEBUG off (own error pages, never a debug page), gunicorn, static files
collected and served by WhiteNoise, structured JSON logs without personal data. What differs,
and only for the demo: SQLite under var/ (or DATABASE_URL), a fixed non-production secret key
(the same as in development, so var/ works under both), plain HTTP on 127.0.0.1 (cookies are
not marked Secure, no HTTPS redirect, no HSTS), demo users without a second factor, and a
"demo" label on every page.
"""

import os

from .base import *  # noqa: F403
from .base import env_list

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
PASSEND_2FA_EXEMPT_DEMO_USERS = True
PASSEND_DEMO_LABEL = True

# Secure defaults that still work on http://127.0.0.1: HttpOnly/SameSite cookies and the
# security headers of base.py stay; the cookies cannot be Secure (or __Host-) over plain HTTP.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
CSRF_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = 0

# As production: `collectstatic` (dev.py run does it) into var/static, hashed names, WhiteNoise.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# E-mail (invitations, reminders; sent by the job worker) is printed in the worker's output.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
