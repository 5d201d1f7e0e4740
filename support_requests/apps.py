from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportRequestsConfig(AppConfig):
    # The package is not called `requests`: a top-level package of that name would shadow
    # the `requests` HTTP library for every program started from the repository root.
    name = "support_requests"
    label = "requests"
    verbose_name = _("Support requests")

    def seed_demo(self, accounts):
        """Demo requests in every state (after the peers they are offered or assigned to)."""
        from support_requests import demo

        return f"{demo.seed()} support request(s) created"

    demo_summary_position = 1
