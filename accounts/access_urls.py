"""An initiative's page of access (/i/<slug>/access/): who holds which role, and the invitations."""

from django.urls import path

from . import views

app_name = "access"
urlpatterns = [
    path("", views.access, name="list"),
    path("roles/<int:pk>/change/", views.role_change, name="role_change"),
    path("roles/<int:pk>/remove/", views.role_remove, name="role_remove"),
    path("invitations/<int:pk>/resend/", views.invitation_resend, name="invitation_resend"),
    path("invitations/<int:pk>/revoke/", views.invitation_revoke_view, name="invitation_revoke"),
]
