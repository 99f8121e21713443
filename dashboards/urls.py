from django.urls import path

from . import views

app_name = "dashboards"
urlpatterns = [
    path("i/<slug:slug>/dashboard/", views.dashboard, name="initiative"),
    path("i/<slug:slug>/dashboard/<slug:chart>.csv", views.chart_csv, name="csv"),
    path("i/<slug:slug>/dashboard/<slug:chart>.table", views.chart_table, name="table"),
    path("compare/", views.compare, name="compare"),
    path("compare/<slug:chart>.csv", views.compare_csv, name="compare_csv"),
]
