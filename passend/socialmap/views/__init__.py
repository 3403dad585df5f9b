"""Pages of the sociale kaart: search (search.py), beheer and the provider's waiting times
(beheer.py), import and export (io.py), on the base in mixins.py."""
