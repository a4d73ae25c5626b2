from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from linkcentre import report_views, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# Norwegian without a prefix, English under /en/.
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("personvern/", views.PrivacyView.as_view(), name="privacy"),
    path("tilgjengelighet/", views.AccessibilityView.as_view(), name="accessibility"),
    path("konto/", include("django.contrib.auth.urls")),
    path("grupper/", include("groups.urls")),
    path("rom/", include("rooms.urls")),
    path("", include("outreach.urls")),
    path("", include("research.urls")),
    # --- the annual report (issue 13) ---
    path(
        "personale/arsrapport/", report_views.AnnualReportView.as_view(), name="annual_report_range"
    ),
    path(
        "personale/arsrapport/<int:year>/",
        report_views.AnnualReportView.as_view(),
        name="annual_report",
    ),
    path(
        "personale/arsrapport/csv/<slug:slug>/",
        report_views.AnnualReportCSVView.as_view(),
        name="annual_report_range_csv",
    ),
    path(
        "personale/arsrapport/<int:year>/csv/<slug:slug>/",
        report_views.AnnualReportCSVView.as_view(),
        name="annual_report_csv",
    ),
    # --- end of the annual report ---
    prefix_default_language=False,
)
