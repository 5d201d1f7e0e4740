from django.urls import path, register_converter

from organisation import views
from organisation.models import Department, Site

app_name = "organisation"


class UnitKindConverter:
    """`sites` or `departments` in the URL, the model in the view."""

    regex = "sites|departments"
    models = {"sites": Site, "departments": Department}

    def to_python(self, value):
        return self.models[value]

    def to_url(self, value):
        if isinstance(value, str):
            return value
        return {model: kind for kind, model in self.models.items()}[value]


register_converter(UnitKindConverter, "unit_kind")

urlpatterns = [
    path("<unit_kind:model>/", views.unit_list, name="list"),
    path("<unit_kind:model>/add/", views.unit_add, name="add"),
    path("<unit_kind:model>/<int:pk>/", views.unit_edit, name="edit"),
    path("<unit_kind:model>/<int:pk>/confirm/", views.unit_confirm, name="confirm"),
    path("<unit_kind:model>/<int:pk>/merge/", views.unit_merge, name="merge"),
]
