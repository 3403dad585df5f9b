"""Date formats per language (FORMAT_MODULE_PATH): what Django's locale formats leave to us.

Numeric dates are dd-mm-jjjj in every language (the date pickers take ISO, what people read is
day-month-year); month and day names follow the language (lowercase in Dutch: "3 december 2026",
"maandag"). Templates use the named formats (``|date:"SHORT_DATE_FORMAT"``) or Django's default
date rendering; Python code uses :func:`django.utils.formats.date_format`.
"""
