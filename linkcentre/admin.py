"""Third-party admin classes brought under this project's rule: every action that changes data
declares its permission (tests/linkcentre/test_admin_permissions.py checks all of them)."""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin

from linkcentre.login_forms import StaffLoginForm


class GuardedAccessAttemptAdmin(AccessAttemptAdmin):
    # django-axes offers its clean-up to anyone who may view the failed logins.
    @admin.action(
        description=AccessAttemptAdmin.cleanup_expired_attempts.short_description,
        permissions=["delete"],
    )
    def cleanup_expired_attempts(self, request, queryset):
        return super().cleanup_expired_attempts(request, queryset)


# The staff login's username limit is a real validator (see linkcentre/login_forms.py).
admin.site.login_form = StaffLoginForm

if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)
    admin.site.register(AccessAttempt, GuardedAccessAttemptAdmin)
