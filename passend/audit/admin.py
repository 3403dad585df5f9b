from django.contrib import admin

from .models import AccessLogEntry


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(admin.ModelAdmin):
    """View-only: no add, change or delete, not even for a superuser."""

    list_display = [
        "timestamp",
        "username",
        "roles",
        "action",
        "subject_type",
        "subject_id",
        "outcome",
    ]
    list_filter = ["action", "outcome", "subject_type", "team"]
    search_fields = ["username", "subject_id", "purpose"]
    date_hierarchy = "timestamp"
    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
