"""The two login forms (organisations at /konto/login/, staff at /admin/login/).

Django's AuthenticationForm sets the username's ``max_length`` after the field is built, so the
limit only reaches the widget: a longer name passes validation and goes to ``authenticate()``,
where django-axes records the failure in a 255-character column (a server error on PostgreSQL).
Here the limit is a real validator, so such a name is a form error and never reaches axes.
"""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator


class UsernameLimitMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


class LoginForm(UsernameLimitMixin, AuthenticationForm):
    pass


class StaffLoginForm(UsernameLimitMixin, AdminAuthenticationForm):
    pass
