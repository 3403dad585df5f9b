"""API representations of cases, by kind: ``case``, ``consents``, ``attachments``,
``casework`` and ``public``."""
