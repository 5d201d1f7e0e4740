"""What a person is told when single sign-on fails: one sentence each, no technical detail."""

from django.utils.translation import gettext_lazy as _

SSO_UNAVAILABLE = _(
    "Single sign-on is unavailable right now: the hospital's sign-in service cannot be "
    "reached. Try again in a few minutes."
)
DIRECTORY_UNAVAILABLE = _(
    "The hospital directory cannot be reached right now, so directory accounts cannot log "
    "in. Try again in a few minutes."
)
WRONG_STATE = _(
    "This sign-in was not started in this browser, or it was already used. Start again "
    "with the sign-in button."
)
CODE_REFUSED = _(
    "The sign-in service refused this sign-in (it may have been used already, or have "
    "expired). Start again with the sign-in button."
)
TOKEN_INVALID = _(
    "The sign-in service's answer could not be verified, so nobody was signed in. Start "
    "again; if this happens again, tell the IT service desk."
)
TOKEN_EXPIRED = _("The sign-in service's answer had expired. Start again with the sign-in button.")
CANCELLED = _("The sign-in was cancelled or refused by the sign-in service.")
NO_ACCOUNT = _(
    "No account of this application could be matched to this sign-in. Ask the IT service desk."
)
FAILED = _("The sign-in did not succeed. Start again with the sign-in button.")
