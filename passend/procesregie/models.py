"""Plan van aanpak (doelen, acties), escalaties en het toekomstplan (16+)."""
