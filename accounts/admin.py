from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import OfficerProfile, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ("email",)
    list_display = (
        "email",
        "login_phone",
        "first_name",
        "last_name",
        "is_staff",
        "is_livestream_host",
    )
    search_fields = ("email", "login_phone", "first_name", "last_name")
    fieldsets = (
        # login_phone: E.164 ("+84912345678"), as accounts.phones.normalize_phone writes it.
        (None, {"fields": ("email", "login_phone", "password")}),
        ("Profile", {"fields": ("first_name", "last_name", "phone", "language_code")}),
        ("Roles", {"fields": ("is_active", "is_staff", "is_superuser", "is_livestream_host")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(OfficerProfile)
class OfficerProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "province", "title")
    list_select_related = ("user", "province")
