"""Django admin for IT support: which account came from which directory, read-only (the
directory writes these at every sign-in)."""

from django.contrib import admin

from accounts.models import DirectoryAccount


@admin.register(DirectoryAccount)
class DirectoryAccountAdmin(admin.ModelAdmin):
    list_display = ["user", "source", "subject", "synced_at", "gone_since"]
    list_filter = ["source", "gone_since"]
    search_fields = ["user__username", "subject"]
    readonly_fields = [f.name for f in DirectoryAccount._meta.fields]

    def has_add_permission(self, request):
        return False
