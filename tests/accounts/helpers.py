"""Plain helpers for the sign-in tests."""


def directory_facts(user):
    """(site, department, profession) as the staff profile holds them after a sign-in: the
    names of the organisation records the directory's values resolved to, blanks when absent."""
    profile = user.staff_profile
    return (
        profile.site.name_en if profile.site else "",
        profile.department.name_en if profile.department else "",
        profile.profession,
    )
