"""linkcentre.input_guard: NUL characters answer 400; every admin list survives hostile filters."""

import logging

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import RequestFactory
from django.urls import reverse

from linkcentre.input_guard import request_has_nul

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


@pytest.fixture
def quiet_client(client):
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("get", "/grupper/%00/", {}),
        ("get", "/grupper/", {"org": "\x00"}),
        ("get", "/grupper/", {"\x00": "1"}),
        ("get", "/grupper/kalender.ics", {"x": "a\x00b"}),
        ("get", "/rom/kalender/%00.ics", {}),
        ("post", "/grupper/meld-interesse/", {"read_expectations": "on\x00"}),
        ("post", "/grupper/trekk/%00/", {}),
        ("get", "/admin/", {"q": "\x00"}),
    ],
)
def test_a_nul_character_anywhere_is_a_bad_request(quiet_client, caplog, method, url, data):
    with caplog.at_level(logging.WARNING):
        response = getattr(quiet_client, method)(url, data)
    assert response.status_code == 400
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_nul_character_in_a_cookie_is_a_bad_request(quiet_client):
    quiet_client.cookies["sessionid"] = "abc\x00defghijk"
    assert quiet_client.get("/grupper/").status_code == 400


def test_uploaded_files_may_contain_nul_bytes():
    upload = SimpleUploadedFile("stock.xlsx", b"PK\x03\x04\x00\x00binary")
    request = RequestFactory().post("/admin/", {"format": "0", "import_file": upload})
    assert not request_has_nul(request)
    assert request_has_nul(RequestFactory().post("/admin/", {"format": "0\x00"}))


def test_ordinary_requests_pass(quiet_client):
    assert quiet_client.get("/grupper/", {"dag": "tirsdag", "q": "æøå 😀"}).status_code == 200


def hostile_params(model_admin):
    """Query strings Django's admin lets through to the database for this list."""
    opts = model_admin.model._meta
    params = [
        {"q": "'; DROP TABLE auth_user; --"},
        {"q": "x" * 5000},
        {"o": "999.-1.abc"},
        {"p": HUGE},
        {"pk": HUGE},
        {"pk__in": f"1,{HUGE},abc"},
        {"_facets": "1", "pk__gt": HUGE},
    ]
    # One field of each kind is enough: Django's lookups behave alike for fields of a kind.
    seen = set()
    for field in opts.concrete_fields:
        name = field.name
        kind = next(
            (
                k
                for k in (
                    models.DateField,
                    models.CharField,
                    models.TextField,
                    models.IntegerField,
                    models.ForeignKey,
                    models.BooleanField,
                )
                if isinstance(field, k)
            ),
            None,
        )
        if kind in seen:
            continue
        seen.add(kind)
        if isinstance(field, models.DateField):
            params += [
                {f"{name}__year": "99999"},
                {f"{name}__year": "9999"},
                {f"{name}__year": "0"},
                {f"{name}__month": "13"},
                {f"{name}__gte": "0001-01-01"},
                {f"{name}__lt": "9999-12-31"},
                {f"{name}__gte": "2026-02-30"},
            ]
        elif isinstance(field, models.CharField | models.TextField):
            params += [{f"{name}__regex": "(["}, {name: "x" * 10_000}, {f"{name}__in": "a,b"}]
        elif isinstance(field, models.IntegerField | models.ForeignKey):
            params += [{field.attname: HUGE}, {f"{field.attname}__in": f"1,{HUGE}"}]
        elif isinstance(field, models.BooleanField):
            params += [{name: "maybe"}, {f"{name}__isnull": "perhaps"}]
    if hierarchy := model_admin.date_hierarchy:
        params += [
            {f"{hierarchy}__year": "9999"},
            {f"{hierarchy}__year": "9999", f"{hierarchy}__month": "12"},
            {f"{hierarchy}__year": "9999", f"{hierarchy}__month": "12", f"{hierarchy}__day": "31"},
            {f"{hierarchy}__year": "1", f"{hierarchy}__month": "1", f"{hierarchy}__day": "1"},
            {f"{hierarchy}__year": "2026", f"{hierarchy}__month": "2", f"{hierarchy}__day": "30"},
            {f"{hierarchy}__year": "99999"},
        ]
    return params


def changelists():
    return [
        (reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"), ma)
        for model, ma in admin.site._registry.items()
    ]


# A raw ?attempt_time__gte=0001-01-01 on a datetime column (django-axes' lists) is compared as a
# naive datetime: Django warns and runs the query. Only this suite's warnings-as-errors would
# turn that warning into a 500.
@pytest.mark.filterwarnings("ignore:DateTimeField .* received a naive datetime:RuntimeWarning")
def test_every_admin_list_answers_hostile_filters_without_a_server_error(
    quiet_client, superuser, caplog
):
    quiet_client.force_login(superuser)
    failures, plain_lists_seen = [], set()
    with caplog.at_level(logging.WARNING):
        for url, model_admin in changelists():
            for params in hostile_params(model_admin):
                response = quiet_client.get(url, params)
                if response.status_code == 302:
                    # Django's own answer to filters it cannot use: the bare list with ?e=1.
                    ok = response.url.endswith("?e=1")
                    if ok and response.url not in plain_lists_seen:
                        plain_lists_seen.add(response.url)
                        ok = quiet_client.get(response.url).status_code == 200
                else:
                    ok = response.status_code in (200, 400)
                if not ok:
                    failures.append((url, params, response.status_code))
    assert not failures
    # Django logs a lookup it forbids (password__in) to django.security, as it should; a server
    # error would be logged by django.request.
    assert not [
        r for r in caplog.records if r.name == "django.request" and r.levelno >= logging.ERROR
    ]


def test_a_list_with_a_year_out_of_range_goes_back_to_the_plain_list(quiet_client, superuser):
    quiet_client.force_login(superuser)
    url = reverse("admin:rooms_closure_changelist")
    response = quiet_client.get(url, {"start_date__year": "9999"})
    assert response.status_code == 302 and response.url == f"{url}?e=1"
    assert quiet_client.get(url, {"start_date__year": "2026"}).status_code == 200


def test_an_action_posted_to_a_list_with_hostile_filters_is_refused(quiet_client, superuser):
    quiet_client.force_login(superuser)
    url = reverse("admin:rooms_booking_changelist")
    response = quiet_client.post(
        f"{url}?start__year=99999",
        {"action": "delete_selected", admin.helpers.ACTION_CHECKBOX_NAME: ["1"]},
    )
    assert response.status_code == 302 and response.url == f"{url}?e=1"


def test_the_guards_sit_where_they_work(settings):
    # NUL before anything reads the session cookie; the admin guard after the middleware whose
    # process_view it would otherwise skip (it calls the list view itself).
    order = settings.MIDDLEWARE
    nul = order.index("linkcentre.input_guard.RejectNulMiddleware")
    assert nul < order.index("django.contrib.sessions.middleware.SessionMiddleware")
    guard = order.index("linkcentre.input_guard.AdminListGuardMiddleware")
    assert guard > order.index("django.middleware.csrf.CsrfViewMiddleware")
    assert guard > order.index("django.contrib.auth.middleware.AuthenticationMiddleware")


@pytest.mark.parametrize(
    "url", ["/grupper/?org=%FF%FE&dag=%C3", "/rom/kalender/%FF%FE.ics", "/grupper/%ED%A0%80/"]
)
def test_invalid_utf8_in_the_address_is_no_server_error(quiet_client, url):
    assert quiet_client.get(url).status_code in (200, 400, 404)


def test_invalid_utf8_in_a_posted_form_is_no_server_error(quiet_client):
    response = quiet_client.generic(
        "POST",
        "/grupper/meld-interesse/",
        b"read_expectations=%FF%FE&x=\xff\xfe",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 302, 400)
