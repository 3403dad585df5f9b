from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from passend.audit.models import Action
from passend.audit.services import log_access

from .models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class PassendUserAdmin(UserAdmin):
    """Technical administration. Opening a user's record is logged like any other read."""

    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_demo"]
    list_filter = ["is_active", "is_demo", "is_staff", "memberships__role"]
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Passend", {"fields": ("phone", "is_demo")}),
    )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code < 400:
            action = Action.UPDATE if request.method == "POST" else Action.READ
            log_access(
                request,
                action=action,
                subject_type="medewerker",
                subject_ids=[object_id],
                purpose="technisch beheer (admin)",
            )
        return response
