from django.urls import path

from groups import listing_views

app_name = "listings"

urlpatterns = [
    path("", listing_views.listing_list, name="list"),
    path("ny/", listing_views.listing_edit, name="create"),
    path("<int:pk>/endre/", listing_views.listing_edit, name="edit"),
    path("bekreft/", listing_views.listing_confirm, name="confirm_all"),
    path("<int:pk>/bekreft/", listing_views.listing_confirm, name="confirm"),
    # The monthly email's link: signed, expiring, and no login needed.
    path("bekreft/<str:token>/", listing_views.confirm_by_link, name="confirm_link"),
]
