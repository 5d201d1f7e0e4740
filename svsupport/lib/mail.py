"""Notifications. An e-mail says that something is waiting and links to it: never a name,
an event, a situation or a message, because mailboxes are read over shoulders and kept
for years."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils.translation import gettext as _


def notify(recipients, path):
    """Sends, once the transaction commits, a content-free e-mail pointing to `path`."""
    addresses = sorted({user.email for user in recipients if user.email})
    if not addresses:
        return
    subject = _("Peer support: something is waiting for you")
    body = _(
        "Something in the peer-support application needs your attention.\n\n"
        "Open it here, after logging in:\n%(link)s\n"
    ) % {"link": settings.SITE_URL + path}
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses]
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))
