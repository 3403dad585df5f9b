"""Forms of the sociale kaart: search, beheer, import."""
