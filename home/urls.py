"""The addresses of the pages that gather from several apps, under the names users and templates know.

They keep their old namespaces: the start page is ``core:home``, an initiative's home ``initiatives:home``.
config/urls.py includes each list under its namespace, together with the initiatives app's own.
"""

from django.urls import path

from . import views

site_urlpatterns = [
    path("", views.home, name="home"),
]

initiative_urlpatterns = [
    path("", views.initiative_home, name="home"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("export/", views.initiative_export, name="export"),
]
