"""Settings for the app servers and job workers the load and fault benchmarks start.

The dev settings (demo users need no second factor, static files from the app folders) with
DEBUG off, as the issue asks of a served app: no debug pages, production error handling.
E-mail stays in memory (workers send invitations and reminders; nothing leaves the machine).
Every rate limit and throttle stays as in production: the benchmark's simulated users each
connect from their own loopback address (127.x.y.z), like people behind their own address.
Importable as ``benchkit.settings`` with ``bench/`` on the path (``serving.child_env``).
"""

from passend.settings.dev import *  # noqa: F403

DEBUG = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
