from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("retention/", views.retention, name="retention"),
    path("log/", views.log, name="log"),
    path("close/", views.close, name="close"),
    path("reopen/", views.reopen, name="reopen"),
    path("people/<int:pk>/", views.person, name="person"),
    path("people/<int:pk>/access/", views.person_access, name="person_access"),
    path("people/<int:pk>/access.json", views.person_access_json, name="person_access_json"),
]
