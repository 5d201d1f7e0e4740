"""Django admin for IT support only; coordinators work in /organisation/."""

from django.contrib import admin

from organisation import models


class SiteAliasInline(admin.TabularInline):
    model = models.SiteAlias
    extra = 0


class DepartmentAliasInline(admin.TabularInline):
    model = models.DepartmentAlias
    extra = 0


@admin.register(models.Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_fr", "confirmed", "merged_into"]
    search_fields = ["code", "name_en_key", "name_fr_key"]
    inlines = [SiteAliasInline]


@admin.register(models.Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_fr", "confirmed", "merged_into"]
    search_fields = ["code", "name_en_key", "name_fr_key"]
    inlines = [DepartmentAliasInline]


@admin.register(models.StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "site", "department", "profession"]
    raw_id_fields = ["user"]
