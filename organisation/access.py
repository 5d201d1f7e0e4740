"""Who may see and change sites and departments: the coordinators (the views' gate); these
helpers only find the records."""

from django.shortcuts import get_object_or_404


def get_unit(model, pk):
    """The current (not merged) site or department `pk`; 404 for a merged or unknown one."""
    return get_object_or_404(model.objects.current(), pk=pk)
