from django.urls import path

from . import views

app_name = "measurement"
urlpatterns = [
    path("", views.indicator_list, name="indicator_list"),
    path("import/", views.import_page, name="import"),
]
