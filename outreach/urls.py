from django.urls import path

from outreach import views

app_name = "outreach"

urlpatterns = [
    path("personale/utadrettet/", views.ReportView.as_view(), name="report"),
    path(
        "personale/utadrettet/csv/<slug:slug>/",
        views.ReportCSVView.as_view(),
        name="report_csv",
    ),
    path(
        "personale/utadrettet/logg/utdelinger/",
        views.RawLogCSVView.as_view(),
        {"log": "distributions"},
        name="distribution_log_csv",
    ),
    path(
        "personale/utadrettet/logg/aktiviteter/",
        views.RawLogCSVView.as_view(),
        {"log": "activities"},
        name="activity_log_csv",
    ),
    path("personale/utadrettet/oppfolging/", views.FollowUpListView.as_view(), name="follow_ups"),
    path(
        "personale/utadrettet/oppfolging/<int:pk>/ferdig/",
        views.CompleteFollowUpView.as_view(),
        name="complete_follow_up",
    ),
    path("personale/utadrettet/brosjyrer/", views.StockView.as_view(), name="stock"),
]
