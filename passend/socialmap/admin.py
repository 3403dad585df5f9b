"""Technical admin of the sociale kaart: the code lists and the map itself. Coordinators work
in the beheer pages; the admin is for the application manager."""

from django.contrib import admin

from .models import (
    Aanbiederprofiel,
    Aanbod,
    Aandachtspunt,
    Expertisegebied,
    Herinnering,
    Hulpvraag,
    Locatie,
    Wachttijd,
)


@admin.register(Expertisegebied, Hulpvraag, Aandachtspunt)
class CodeItemAdmin(admin.ModelAdmin):
    list_display = ["label_nl", "label_en", "code", "region", "active", "order"]
    list_editable = ["active", "order"]
    list_filter = ["region", "active"]
    search_fields = ["label_nl", "label_en", "code"]


@admin.register(Aanbiederprofiel)
class ProfielAdmin(admin.ModelAdmin):
    list_display = ["organisation", "contact_email", "updated_at"]
    search_fields = ["organisation__name"]
    filter_horizontal = ["expertise", "contracted_by"]
    raw_id_fields = ["organisation"]


@admin.register(Locatie)
class LocatieAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "gemeente"]
    list_filter = ["gemeente"]
    search_fields = ["name", "organisation__name"]
    raw_id_fields = ["organisation"]


class WachttijdInline(admin.TabularInline):
    model = Wachttijd
    extra = 0
    fields = [
        "locatie",
        "weeks_to_registration",
        "weeks_to_intake",
        "weeks_to_treatment",
        "confirmed_on",
        "confirmed_by_name",
        "note",
    ]
    ordering = ["-confirmed_on", "-id"]


@admin.register(Aanbod)
class AanbodAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "hulpvorm", "voorliggend_veld", "with_stay", "active"]
    list_filter = ["active", "voorliggend_veld", "with_stay", "hulpvorm"]
    search_fields = ["name", "organisation__name"]
    raw_id_fields = ["organisation"]
    filter_horizontal = [
        "hulpvragen",
        "aandachtspunten",
        "life_domains",
        "expertise",
        "gemeenten",
        "locaties",
    ]
    inlines = [WachttijdInline]


@admin.register(Herinnering)
class HerinneringAdmin(admin.ModelAdmin):
    list_display = ["organisation", "team", "sent_on", "recipient_count", "entry_count"]
    list_filter = ["team"]
    date_hierarchy = "sent_on"
    readonly_fields = [f.name for f in Herinnering._meta.fields]
