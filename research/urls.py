from django.urls import path

from research import views

app_name = "research"

urlpatterns = [
    path("forskning/", views.ResearchIndexView.as_view(), name="index"),
    path("forskning/<slug:slug>/", views.PrincipleDetailView.as_view(), name="principle"),
    path("for-fagfolk/", views.ProfessionalsView.as_view(), name="professionals"),
    path("for-fagfolk/brosjyre/", views.HandoutView.as_view(), name="handout"),
]
