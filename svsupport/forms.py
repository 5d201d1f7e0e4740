"""Project-wide forms."""

from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    """Django's login form, with the username's length checked before anything looks it up.

    Django sets the field's max_length after its validators are made, so a 100,000-character
    name (or one letter with 5,000 combining accents) reached authenticate() and django-axes'
    255-character column: a 500. Now it is the usual "incorrect username or password"."""

    def clean_username(self):
        username = self.cleaned_data["username"]
        if len(username) > self.fields["username"].max_length:
            raise self.get_invalid_login_error()
        return username
