from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeersConfig(AppConfig):
    name = "peers"
    verbose_name = _("Peer supporters")

    def ready(self):
        from peers.access import is_peer_supporter
        from svsupport.lib.roles import register_role

        register_role("peer", is_peer_supporter)

    def seed_demo(self, accounts):
        """The demo peers, their training and supervision, two nominations."""
        from peers import demo

        return f"{demo.seed()} peer record(s) created"

    demo_summary_position = 0
