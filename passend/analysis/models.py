"""Tijdlijn (hulpgeschiedenis) en verklarende analyse van een casus."""
