"""The admin's forming view and the waiting list's actions (mixed into the group admin in
``groups/admin.py`` and the memberships admin in ``groups/registration_admin.py``).

The forming view shows what ``groups.forming`` proposes by the centre's rules and places a
proposed set with one button (``services.place_proposal``: all or nobody, invitations after
commit). The waiting list (memberships "on the waiting list") gets the actions staff need: give a
seat, move forward in line, mark contacted, withdraw on the person's request (erasure).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from groups import forming, services
from groups.models import (
    PERSONAL_DATA_PERMISSION,
    Group,
    InterestRegistration,
    Membership,
    PersonalDataAccess,
)

REGISTRATION_VIEW = "groups.view_interestregistration"
MEMBERSHIP_CHANGE = "groups.change_membership"


class FormingViewMixin:
    """For ``GroupAdmin``: the forming view (its URL is in ``GroupAdmin.get_urls``)."""

    def forming_view(self, request):
        """Proposals by the centre's rules (``groups.forming``): free seats first, then new
        groups; staff place a proposed set with one button (all or nobody, then invitations)."""
        if not request.user.has_perms([REGISTRATION_VIEW, PERSONAL_DATA_PERMISSION]):
            raise PermissionDenied
        if request.method == "POST":
            if not request.user.has_perm(MEMBERSHIP_CHANGE):
                raise PermissionDenied
            self._place_proposal(request)
            return redirect(reverse("admin:groups_group_forming"))
        waiting = list(InterestRegistration.objects.waiting().order_by("created_at"))
        groups = list(
            Group.objects.closed()
            .filter(status__in=[Group.Status.FORMING, Group.Status.RUNNING])
            .select_related("meeting_series__room")
            .prefetch_related(
                Prefetch(
                    "memberships",
                    queryset=Membership.objects.current()
                    .select_related("registration")
                    .order_by("waitlist_position", "created_at"),
                    to_attr="current_memberships",
                )
            )
            .order_by("name")
        )
        seats = []
        registrations = {registration.pk: registration for registration in waiting}
        for group in groups:
            active = [m.registration for m in group.current_memberships if m.status == "active"]
            in_line = [m.registration for m in group.current_memberships if m.status != "active"]
            registrations.update((registration.pk, registration) for registration in in_line)
            seats.append(forming.seats_from(group, active, in_line))
            group.free_seats = seats[-1].free
        plan = forming.plan([forming.person_from(person) for person in waiting], seats)
        by_id = {group.pk: group for group in groups}

        def people(persons):
            return [registrations[person.id] for person in persons]

        def with_reasons(pairs):
            return [(registrations[person.id], reason) for person, reason in pairs]

        context = {
            **self.admin_site.each_context(request),
            "title": _("Forming new groups"),
            "fits": [
                {
                    "group": by_id[fit.group.id],
                    "free": fit.group.free,
                    "people": people(fit.people),
                    "not_fitting": with_reasons(fit.not_fitting),
                    "waitlisted": with_reasons(fit.waitlisted),
                }
                for fit in plan.fits
            ],
            "proposals": [
                {
                    "label": proposal.label(),
                    "people": people(proposal.people),
                    "unknown_age": people(proposal.unknown_age),
                    # Groups it could become: same language, a meeting time, enough seats.
                    "groups": [
                        group
                        for group in groups
                        if group.meeting_series_id
                        and proposal.language in group.languages
                        and group.free_seats >= len(proposal.people)
                    ],
                }
                for proposal in plan.proposals
            ],
            "unmatched": people(plan.unmatched),
            "waiting_total": len(waiting),
            "rules": forming.Rules.from_settings(),
            "may_place": request.user.has_perm(MEMBERSHIP_CHANGE),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/groups/forming.html", context)

    def _place_proposal(self, request):
        group_id = request.POST.get("group", "")
        group = Group.objects.closed().filter(pk=group_id).first() if group_id.isdigit() else None
        ids = [value for value in request.POST.getlist("person") if value.isdigit()]
        people = list(InterestRegistration.objects.filter(pk__in=ids).order_by("created_at"))
        if group is None or not people or len(people) != len(set(ids)):
            self.message_user(
                request, gettext("Choose a group and the people to place."), messages.ERROR
            )
            return
        try:
            services.place_proposal(registrations=people, group=group, by=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        services.record_access(
            user=request.user,
            action=PersonalDataAccess.Action.CHANGED,
            registration_ids=[person.pk for person in people],
        )
        without_email = [person.first_name for person in people if not person.email]
        self.message_user(
            request,
            ngettext(
                "%(count)d person placed in %(group)s and invited by email.",
                "%(count)d people placed in %(group)s and invited by email.",
                len(people),
            )
            % {"count": len(people), "group": group.name},
            messages.SUCCESS,
        )
        if without_email:
            self.message_user(
                request,
                gettext("No email, so call them: %(names)s.") % {"names": ", ".join(without_email)},
                messages.WARNING,
            )


class WaitingListActionsMixin:
    """For ``MembershipAdmin``: the waiting list's actions."""

    def has_withdraw_permission(self, request):
        """Withdrawing erases the person: the registrations' delete permission decides."""
        return self._may_see_personal_data(request) and request.user.has_perm(
            "groups.delete_interestregistration"
        )

    def _record_changed(self, request, memberships):
        services.record_access(
            user=request.user,
            action=PersonalDataAccess.Action.CHANGED,
            registration_ids=sorted({membership.registration_id for membership in memberships}),
        )

    def _each(self, request, queryset, change, done_message):
        """Run ``change(membership)`` for each selected one; say what worked and what not."""
        done = []
        for membership in queryset.select_related("registration", "group"):
            try:
                change(membership)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.WARNING)
            else:
                done.append(membership)
        if done:
            self._record_changed(request, done)
            self.message_user(
                request,
                done_message % {"names": ", ".join(m.registration.first_name for m in done)},
                messages.SUCCESS,
            )

    @admin.action(
        description=_("Give a free seat now (move up from the waiting list)"),
        permissions=["change"],
    )
    def give_seat(self, request, queryset):
        self._each(
            request,
            queryset.waitlisted().order_by("waitlist_position"),
            lambda membership: services.move_up(membership=membership, by=request.user),
            gettext("Now in the group: %(names)s."),
        )

    @admin.action(description=_("Move one place forward in line"), permissions=["change"])
    def move_forward(self, request, queryset):
        self._each(
            request,
            queryset.waitlisted().order_by("waitlist_position"),
            lambda membership: services.move_forward_in_line(membership=membership),
            gettext("Moved forward in line: %(names)s."),
        )

    @admin.action(description=_("Mark the people as contacted"), permissions=["change"])
    def mark_contacted(self, request, queryset):
        memberships = list(queryset.select_related("registration"))
        count = services.mark_contacted(registrations=[m.registration for m in memberships])
        if memberships:
            self._record_changed(request, memberships)
        say_marked_contacted(self, request, count)

    @admin.action(
        description=_("Withdraw on the person's request (erases them)…"),
        permissions=["withdraw"],
    )
    def withdraw_on_request(self, request, queryset):
        people = InterestRegistration.objects.filter(pk__in=queryset.values("registration"))
        return withdraw_on_request(self, request, people, selected=[m.pk for m in queryset])


def say_marked_contacted(model_admin, request, count):
    """The one message for "mark as contacted", from the registrations and the waiting list."""
    model_admin.message_user(
        request,
        ngettext(
            "%d registration marked as contacted.",
            "%d registrations marked as contacted.",
            count,
        )
        % count,
    )


def withdraw_on_request(model_admin, request, registrations, selected):
    """Ask, then erase the people who asked to withdraw (by phone, in person): as through the
    link, counted as withdrawn by the person. Shared by the registrations and waiting lists."""
    registrations = registrations.prefetch_related("memberships__group", "info_meeting_signups")
    if request.POST.get("confirm") == "yes":
        count = services.withdraw_on_request(registrations=list(registrations), by=request.user)
        model_admin.message_user(
            request,
            ngettext(
                "%d person withdrawn and erased, with their group places and sign-ups.",
                "%d people withdrawn and erased, with their group places and sign-ups.",
                count,
            )
            % count,
            messages.SUCCESS,
        )
        return None
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Withdraw on the person's request"),
        "registrations": list(registrations),
        "action": "withdraw_on_request",
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        "selected": selected,
        "opts": model_admin.model._meta,
    }
    return TemplateResponse(request, "admin/groups/membership/withdraw_confirm.html", context)
