from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "operations"
    verbose_name = "operations"

    def ready(self):
        from operations.models import beat
        from svsupport.lib.jobs import run_finished

        def record_heartbeat(sender, name, **kwargs):
            beat(name)

        run_finished.connect(record_heartbeat, weak=False, dispatch_uid="operations.heartbeat")
