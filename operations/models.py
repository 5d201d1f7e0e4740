from django.db import models
from django.utils import timezone


class Heartbeat(models.Model):
    """The last time a background job finished a run, by job name ("clock")."""

    name = models.CharField(max_length=40, primary_key=True)
    last_run = models.DateTimeField()

    def __str__(self):
        return self.name


def beat(name):
    """Records that `name` has just finished a run (wall-clock time, never a simulated one)."""
    Heartbeat.objects.update_or_create(name=name, defaults={"last_run": timezone.now()})


def last_run(name):
    return Heartbeat.objects.filter(name=name).values_list("last_run", flat=True).first()
