"""API views of the sociale kaart: the search (search.py) and the waiting times (beheer.py); the
routes are in `urls/api.py`."""
