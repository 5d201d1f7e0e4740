from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DirectoryAccount(models.Model):
    """The link between an account and the hospital's directory, and the raw values the
    directory last gave (kept as given: the organisation's records are matched from them)."""

    class Source(models.TextChoices):
        LDAP = "ldap", _("LDAP directory")
        OIDC = "oidc", _("OpenID Connect provider")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="directory_account"
    )
    source = models.CharField(max_length=8, choices=Source.choices)
    # The provider's `sub` claim for OpenID Connect; the directory username for LDAP.
    subject = models.CharField(max_length=255)
    synced_at = models.DateTimeField()
    # Set by `sync_directory` when the directory no longer knows the account.
    gone_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "subject"], name="one_account_per_subject")
        ]

    def __str__(self):
        return f"{self.get_source_display()} {self.subject}"
