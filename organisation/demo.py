"""Demo sites and departments, loaded by `seed_demo` before the peers. Idempotent."""

from organisation.models import Department, RoleGrant, Site
from organisation.services import profile_update_from_directory

SITES = [("oncopole", "Oncopole", "Oncopole"), ("purpan", "Purpan", "Purpan")]
# code, English name, French name, aliases
DEPARTMENTS = [
    ("oncology", "Oncology", "Oncologie", []),
    ("pharmacy", "Pharmacy", "Pharmacie", []),
    ("haematology", "Haematology", "Hématologie", ["Hematology"]),
    ("intensive-care", "Intensive care", "Réanimation", ["ICU"]),
    ("surgery", "Surgery", "Chirurgie", ["Operating theatre"]),
    ("maternity", "Maternity", "Maternité", []),
    ("radiotherapy", "Radiotherapy", "Radiothérapie", []),
    ("emergency", "Emergency", "Urgences", ["A&E"]),
    ("palliative-care", "Palliative care", "Soins palliatifs", []),
    ("admissions", "Admissions", "Bureau des entrées", []),
    ("nursing-management", "Nursing management", "Direction des soins", []),
    ("paediatrics", "Paediatrics", "Pédiatrie", ["Pediatrics"]),
    ("laboratory", "Laboratory", "Laboratoire", []),
    ("geriatrics", "Geriatrics", "Gériatrie", []),
    ("social-work", "Social work", "Service social", []),
    ("radiology", "Radiology", "Radiologie", ["Imaging"]),
    ("day-hospital", "Day hospital", "Hôpital de jour", []),
]
# What the hospital directory gave for the demo staff: "Bloc opératoire" matches no record
# and arrives unconfirmed, for the coordinator to merge into Surgery.
STAFF = [
    ("carol", "Oncopole", "Oncologie", "Nurse"),
    ("dan", "Purpan", "Bloc opératoire", "Physician"),
    ("oscar", "Oncopole", "Direction des soins", "Manager"),
    ("pia", "Purpan", "Direction des soins", "Manager"),
]
# Coordinators of one site each (quinn coordinates the whole network).
SITE_COORDINATORS = [("oscar", "oncopole"), ("pia", "purpan")]


def seed():
    """Creates the demo sites and departments. Returns the number of records created."""
    created = 0
    for model, rows in [(Site, [(*row, []) for row in SITES]), (Department, DEPARTMENTS)]:
        for code, name_en, name_fr, aliases in rows:
            unit, is_new = model.objects.get_or_create(
                code=code, defaults={"name_en": name_en, "name_fr": name_fr}
            )
            created += is_new
            for alias in aliases if is_new else []:
                unit.aliases.create(name=alias)
    return created


def seed_staff_profiles(users_by_name):
    """The directory facts of the demo staff, as a login through the directory gives them."""
    for username, site, department, profession in STAFF:
        profile_update_from_directory(
            user=users_by_name[username],
            site_name=site,
            department_name=department,
            profession=profession,
        )


def seed_site_roles(users_by_name):
    """The two site coordinators' grants."""
    for username, site_code in SITE_COORDINATORS:
        RoleGrant.objects.get_or_create(
            user=users_by_name[username],
            role=RoleGrant.Role.COORDINATOR,
            site=Site.objects.get(code=site_code),
        )
