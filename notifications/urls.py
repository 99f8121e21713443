from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("settings/", views.preferences_view, name="settings"),
    path("unsubscribe/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
]
