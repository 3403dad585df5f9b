"""Only the code lists are here (for platform staff; beheerders manage them per region in the
app); case data never appears in the admin."""

from django.contrib import admin

from .models import LifeDomain, RegistrationReason, Sector, Wijk


@admin.register(RegistrationReason, LifeDomain, Sector)
class CodeItemAdmin(admin.ModelAdmin):
    list_display = ["label_nl", "label_en", "code", "region", "active", "order"]
    list_editable = ["active", "order"]
    list_filter = ["region", "active"]
    search_fields = ["label_nl", "label_en", "code"]


@admin.register(Wijk)
class WijkAdmin(CodeItemAdmin):
    list_display = ["label_nl", "label_en", "code", "gemeente", "region", "active", "order"]
    list_filter = ["region", "gemeente", "active"]
