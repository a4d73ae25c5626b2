from django.urls import path

from groups import listing_views

app_name = "listings"

urlpatterns = [
    path("", listing_views.listing_list, name="list"),
    path("ny/", listing_views.listing_edit, name="create"),
    path("<int:pk>/endre/", listing_views.listing_edit, name="edit"),
]
