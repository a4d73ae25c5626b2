from django.urls import path

from groups import listing_views, views

app_name = "groups"

urlpatterns = [
    path("", views.group_list, name="list"),
    path("meld-interesse/", views.signup_expectations, name="signup"),
    path("meld-interesse/samtykke/", views.signup_consent, name="signup_consent"),
    path("meld-interesse/kontakt/", views.signup_contact, name="signup_contact"),
    path("meld-interesse/takk/", views.signup_done, name="signup_done"),
    # Any text: the view itself says plainly that a made-up or used link withdraws nothing, and
    # checks the token's form before it asks the database.
    path("trekk/<str:token>/", views.withdraw, name="withdraw"),
    path("fagfolk-og-parorende/", views.helpers, name="helpers"),
    path("meeting-guide.json", views.meeting_guide, name="meeting_guide"),
    path("kalender.ics", views.all_groups_calendar, name="calendar"),
    path("<slug:slug>.ics", views.group_calendar, name="group_calendar"),
    path("<slug:slug>/meld-interesse/", views.signup_expectations, name="signup_for_group"),
    path("<slug:slug>/meld-endring/", listing_views.report_change, name="report_change"),
    path("<slug:slug>/", views.group_detail, name="detail"),
]
