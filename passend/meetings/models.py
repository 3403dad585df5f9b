"""Teamoverleggen: agenda, aanwezigheid, deelname van jeugdige en ouders, verslag en
procesevaluatie."""
