from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = _("Sites and departments")

    def seed_demo(self, accounts):
        """Sites and departments, then the demo staff's directory facts (before the peers,
        who work in those departments). Called by `seed_demo`."""
        from organisation import demo

        created = demo.seed()
        demo.seed_staff_profiles(accounts)
        demo.seed_site_roles(accounts)
        return f"{created} site(s) and department(s)"

    # seed_demo's summary lists the people and their requests first.
    demo_summary_position = 2
