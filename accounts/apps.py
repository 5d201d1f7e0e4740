from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Sign-in: the login page, OpenID Connect, LDAP and provisioning from the directory."""

    name = "accounts"
    verbose_name = "accounts"

    def ready(self):
        from accounts import checks, signals  # noqa: F401  (checks register themselves)

        signals.connect()
