from django.apps import AppConfig


class SvsupportConfig(AppConfig):
    """The project package is also an app: it owns the shared templates, the system
    checks and the project-wide commands (seed_demo)."""

    name = "svsupport"
    verbose_name = "svsupport"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from svsupport import checks  # noqa: F401  (registers the checks)
        from svsupport.lib.language import on_login

        user_logged_in.connect(on_login, dispatch_uid="svsupport_remember_language")
