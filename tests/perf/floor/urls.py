from django.contrib.auth.models import Group
from django.shortcuts import render
from django.urls import path


def floor(request):
    return render(request, "floor.html", {"groups": Group.objects.order_by("name")[:10]})


urlpatterns = [path("", floor)]
