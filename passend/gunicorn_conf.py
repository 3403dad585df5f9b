"""gunicorn settings: `python3 dev.py run` and production (`gunicorn -c passend/gunicorn_conf.py`).

The app writes its own request line (passend/core/logging.py: JSON, request id, path without
the query string, user id), so gunicorn's access log is off. Should an operator switch it on
(`--access-logfile -`), the format below has no query string (a query may carry a child's
name: /casussen/?naam=...), no client address and no user agent.
"""

import os

wsgi_app = "passend.wsgi:application"
bind = os.environ.get("PASSEND_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Stateless app servers behind a proxy: addresses trusted for X-Forwarded-* (comma-separated).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = None
# gunicorn 23+ opens a control socket in the home folder; several instances would share it.
control_socket_disable = True
# %(U)s is the path without the query; never %(r)s, %(q)s or %(u)s/%(h)s.
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# gunicorn's own lines (master and workers) as the app's: JSON on stderr.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"passend": {"()": "passend.core.logging.json_formatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "passend",
        },
        "error_console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "passend",
        },
    },
    "root": {"level": "INFO", "handlers": ["error_console"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        # Off: the app writes the request line (with the request id) itself.
        "gunicorn.access": {"level": "INFO", "handlers": [], "propagate": False},
    },
}
