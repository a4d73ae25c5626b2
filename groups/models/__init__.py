"""Groups: closed self-help groups and partners' open groups, self sign-up, memberships.

Rules that must hold under concurrency live in the database: a group's capacity is at most
eight (``group_capacity_1_to_8``) and every active membership holds a numbered seat 1–8 that is
unique per group (``membership_one_active_seat_per_group``), so a ninth active member cannot be
stored even by a request that bypasses ``groups.services.place_in_group``.

The models are split by what they hold (``group``, ``participants``, ``meetings``), with the
shared vocabulary in ``vocabulary``; everything is importable from ``groups.models``.
"""

from groups.how_heard_models import (  # noqa: F401  (anonymous counts, kept apart too)
    HowHeard,
    HowHeardCount,
    how_heard_answer_choices,
)
from groups.models.group import Group, GroupQuerySet  # noqa: F401
from groups.models.meetings import (  # noqa: F401
    CentreMeeting,
    CentreMeetingQuerySet,
    ContactMeeting,
    InfoMeeting,
    InfoMeetingQuerySet,
    InfoMeetingSignup,
    InfoMeetingSignupQuerySet,
)
from groups.models.participants import (  # noqa: F401
    AgeBand,
    InterestRegistration,
    InterestRegistrationQuerySet,
    Membership,
    MembershipQuerySet,
    new_withdraw_token,
)
from groups.models.vocabulary import (  # noqa: F401
    CONFERENCE_PHONE,
    CONFERENCE_PROVIDERS,
    FOLLOW_UP_AFTER,
    LANGUAGE_TYPE_CODES,
    MAX_GROUP_SIZE,
    PERSONAL_DATA_PERMISSION,
    RESERVED_SLUGS,
    SEARCHED_TEXT_FIELDS,
    TIME_OF_DAY_RANGES,
    Attendance,
    Language,
    TimeOfDay,
    is_known_conference_url,
    meeting_guide_type_choices,
    meeting_guide_type_name,
    meeting_guide_types,
    validate_conference_phone,
    validate_languages,
    validate_meeting_guide_types,
    validate_times_of_day,
    validate_weekdays,
)
from groups.personal_data_models import (  # noqa: F401  (models of this app, kept apart)
    ConsentText,
    ErasedRegistrationCount,
    PersonalDataAccess,
)
from groups.starter_models import StarterReminder  # noqa: F401  (kept apart too)
