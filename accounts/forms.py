from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from accounts import messages


class LoginForm(AuthenticationForm):
    """Django's login form, saying so when the directory could not be asked instead of
    blaming the password, with the username's length checked before anything looks it up.

    Django sets the field's max_length after its validators are made, so a 100,000-character
    name (or one letter with 5,000 combining accents) reached authenticate() and django-axes'
    255-character column: a 500. Now it is the usual "incorrect username or password"."""

    def clean_username(self):
        username = self.cleaned_data["username"]
        if len(username) > self.fields["username"].max_length:
            raise self.get_invalid_login_error()
        return username

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            if getattr(self.request, "directory_unreachable", False):
                raise ValidationError(
                    messages.DIRECTORY_UNAVAILABLE, code="directory_unreachable"
                ) from None
            raise
