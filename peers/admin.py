"""Django admin for IT support only; coordinators work in /peers/manage/."""

from django.contrib import admin

from peers import models


class LanguageInline(admin.TabularInline):
    model = models.PeerLanguage
    extra = 0


@admin.register(models.PeerSupporter)
class PeerSupporterAdmin(admin.ModelAdmin):
    list_display = ["display_name", "profession", "department", "site", "status"]
    list_filter = ["status", "profession", "site"]
    search_fields = ["search_name", "user__username"]
    raw_id_fields = ["user"]
    inlines = [LanguageInline]


@admin.register(models.TrainingRecord)
class TrainingRecordAdmin(admin.ModelAdmin):
    list_display = ["peer", "course", "kind", "held_on", "completed"]
    raw_id_fields = ["peer"]


@admin.register(models.SupportSession)
class SupportSessionAdmin(admin.ModelAdmin):
    list_display = ["kind", "held_on", "facilitator"]


admin.site.register(models.StatusChange)
admin.site.register(models.Nomination)
