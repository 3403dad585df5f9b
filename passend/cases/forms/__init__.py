"""Forms of the case pages, by page: ``case`` (list, status, screening, attachment, consent),
``casework`` (perspectief, casusregie, closure), ``registration`` (the steps of the
aanmeldformulier) and ``public`` (self-registration)."""
