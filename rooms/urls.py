from django.urls import path

from rooms import converters, views  # noqa: F401  (converters registers "token")

app_name = "rooms"

urlpatterns = [
    path("", views.week, name="week"),
    path("bestill/", views.book, name="book"),
    path("mine/", views.mine, name="mine"),
    path("mine/<int:pk>/avbestill/", views.cancel, name="cancel"),
    path("epostsprak/", views.email_language, name="email_language"),
    path("serie/<int:pk>/endre/", views.change_series, name="change_series"),
    path("serie/<int:pk>/forleng/", views.extend_series, name="extend_series"),
    path("kalender/<token:token>.ics", views.calendar_feed, name="calendar"),
    path("etter-innlogging/", views.after_login, name="after_login"),
]
