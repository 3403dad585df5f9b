from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "team", "status", "attempts", "max_attempts", "updated_at")
    list_filter = ("status", "kind")
    ordering = ["-updated_at"]
    readonly_fields = [f.name for f in Job._meta.fields]

    def has_add_permission(self, request):
        return False
