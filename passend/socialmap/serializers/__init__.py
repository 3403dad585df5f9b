"""Serializers of the sociale kaart API (snake_case here, lowerCamelCase on the wire)."""
