"""Dutch: Django's nl formats (month and day names lowercase: "3 december 2026", "maandag"),
with numeric dates as dd-mm-jjjj instead of Django's j-n-Y ("3-12-2026")."""

SHORT_DATE_FORMAT = "d-m-Y"
SHORT_DATETIME_FORMAT = "d-m-Y H:i"
