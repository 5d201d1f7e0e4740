from django.apps import AppConfig


class SvsupportConfig(AppConfig):
    """The project package is also an app: it owns the shared templates, the system
    checks and the project-wide commands (seed_demo)."""

    name = "svsupport"
    verbose_name = "svsupport"

    def ready(self):
        from svsupport import checks  # noqa: F401  (registers the checks)
