from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from accounts import messages


class LoginForm(AuthenticationForm):
    """Django's login form, saying so when the directory could not be asked instead of
    blaming the password."""

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            if getattr(self.request, "directory_unreachable", False):
                raise ValidationError(
                    messages.DIRECTORY_UNAVAILABLE, code="directory_unreachable"
                ) from None
            raise
