from django.contrib import admin

from .models import Gemeente, Organisation, Region, Team


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["name", "cbs_code", "region"]
    list_filter = ["region"]
    search_fields = ["name", "cbs_code"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "meeting_cadence_days", "self_registration_enabled"]
    filter_horizontal = ["gemeenten"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "gemeente"]
    list_filter = ["type", "regions"]
    search_fields = ["name"]
    filter_horizontal = ["regions"]
