"""Code lists per region, managed by the beheerder in the app."""
