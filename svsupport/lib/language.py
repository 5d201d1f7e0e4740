"""The language each person reads the application in, remembered for the e-mails sent to
them later (svsupport.lib.mail.notify writes each message in its recipient's language).

Recorded at every login (the language of the login page, which follows the language
cookie and the browser) and whenever a signed-in person switches language."""

from django.conf import settings
from django.utils import translation

from svsupport.models import LanguagePreference


def remember_language(user, language):
    """Stores `language` as the user's preferred language, when it is one the site offers."""
    code = translation.get_supported_language_variant(language or settings.LANGUAGE_CODE)
    LanguagePreference.objects.update_or_create(user=user, defaults={"language": code})


def on_login(sender, request, user, **kwargs):
    remember_language(user, getattr(request, "LANGUAGE_CODE", None))
