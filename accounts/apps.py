from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Sign-in: the login page, OpenID Connect, LDAP and provisioning from the directory."""

    name = "accounts"
    verbose_name = "accounts"

    def ready(self):
        from accounts import signals

        signals.connect()
