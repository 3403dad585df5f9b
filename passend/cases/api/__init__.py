"""The cases API, by kind: ``case`` (list, register, one case, its access log), ``consents``
(and the consent form), ``attachments``, ``casework`` (perspectief, case-direction, status
changes, closure) and ``public`` (anonymous self-registration). Routes: ``urls.api``."""
