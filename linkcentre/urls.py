from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.views import LoginView
from django.urls import include, path

from linkcentre import report_views, views
from linkcentre.login_forms import LoginForm

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path(settings.ADMIN_URL, admin.site.urls),
]

# Norwegian without a prefix, English under /en/.
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("personvern/", views.PrivacyView.as_view(), name="privacy"),
    path("tilgjengelighet/", views.AccessibilityView.as_view(), name="accessibility"),
    path("konto/login/", LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("konto/", include("django.contrib.auth.urls")),
    path("grupper/", include("groups.urls")),
    # Partners' own listings of their open meetings, beside their bookings (groups -> rooms).
    path("rom/oppforinger/", include("groups.listing_urls")),
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

# Error pages in the site's layout and the visitor's language (DEBUG off only).
handler400 = "linkcentre.views.bad_request"
handler403 = "linkcentre.views.permission_denied"
handler404 = "linkcentre.views.page_not_found"
handler500 = "linkcentre.views.server_error"
