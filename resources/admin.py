"""IT support's view of the content; coordinators edit it in the app's own pages."""

from django.contrib import admin

from resources.models import Hotline, Page, PolicyDocument, PolicyVersion, Story


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["slug", "section", "position", "is_published", "published_at"]
    list_filter = ["section", "is_published"]


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "is_example", "is_published", "published_at"]


@admin.register(Hotline)
class HotlineAdmin(admin.ModelAdmin):
    list_display = ["name", "number", "position", "is_active"]


class PolicyVersionInline(admin.TabularInline):
    model = PolicyVersion
    fields = ["number", "status", "effective_date", "published_at"]
    readonly_fields = ["published_at"]
    extra = 0


@admin.register(PolicyDocument)
class PolicyDocumentAdmin(admin.ModelAdmin):
    list_display = ["slug", "kind", "position"]
    inlines = [PolicyVersionInline]
