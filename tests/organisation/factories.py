"""Plain helpers that build sites and departments for tests."""

from organisation.models import Department, Site


def department(name, **fields):
    """The confirmed department `name` designates, created when none does."""
    return Department.objects.resolve(name) or Department.objects.create(
        code=Department.free_code(name), name_en=name, **fields
    )


def site(name, **fields):
    """The confirmed site `name` designates, created when none does."""
    return Site.objects.resolve(name) or Site.objects.create(
        code=Site.free_code(name), name_en=name, **fields
    )
