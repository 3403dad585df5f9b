"""Only the code lists are managed here; case data never appears in the admin."""

from django.contrib import admin

from .models import LifeDomain, RegistrationReason


@admin.register(RegistrationReason, LifeDomain)
class CodeItemAdmin(admin.ModelAdmin):
    list_display = ["label", "code", "active", "order"]
    list_editable = ["active", "order"]
    search_fields = ["label", "code"]
