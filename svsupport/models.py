from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class QueuedMail(models.Model):
    """One e-mail to one address, written in the transaction of the change that causes it
    and sent afterwards by `svsupport.lib.mail` (right after the commit, then by the clock
    until the mail server takes it). The body is a link and nothing else (lib/mail.py)."""

    recipient = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    first_failed_at = models.DateTimeField(null=True, blank=True)
    # The class name of the last error only: an SMTP reply may quote the address.
    last_error = models.CharField(max_length=100, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["next_attempt_at", "pk"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(sent_at__isnull=True),
                name="queued_mail_due_idx",
            ),
            models.Index(
                fields=["sent_at"], condition=Q(sent_at__isnull=False), name="queued_mail_sent_idx"
            ),
        ]

    def __str__(self):
        return f"Queued mail {self.pk}"


class LanguagePreference(models.Model):
    """The language a person reads the application in, kept so that e-mails the clock
    or a colleague's action sends them (outside any request of theirs) are written in it.
    Recorded at login and whenever they switch language."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="language_preference"
    )
    language = models.CharField(max_length=8)

    def __str__(self):
        return f"language preference {self.user_id}"
