from django.urls import path

from . import views

app_name = "activities"
urlpatterns = [
    path("", views.ActivityList.as_view(), name="list"),
    path("new/", views.activity_create, name="create"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("figures/", views.figures, name="figures"),
    path("export.<str:fmt>", views.export, name="export"),
    path("import/", views.import_page, name="import"),
    path("import/template.<str:fmt>", views.import_template, name="import_template"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/edit/", views.activity_update, name="update"),
    path("<int:pk>/history/", views.ActivityHistory.as_view(), name="history"),
    path("<int:pk>/delete/", views.activity_delete, name="delete"),
    path("<int:pk>/log/", views.log_entry_create, name="log_create"),
    path("log/<int:pk>/edit/", views.log_entry_edit, name="log_update"),
    path("log/<int:pk>/delete/", views.log_entry_delete_view, name="log_delete"),
    path("<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("attachments/<int:pk>/delete/", views.attachment_delete, name="attachment_delete"),
    path("communication/", views.CommunicationList.as_view(), name="communication_list"),
    path("communication/new/", views.CommunicationCreate.as_view(), name="communication_create"),
    path("communication/<int:pk>/edit/", views.CommunicationUpdate.as_view(), name="communication_update"),
    path("communication/<int:pk>/history/", views.CommunicationHistory.as_view(), name="communication_history"),
    path("communication/<int:pk>/delete/", views.CommunicationDelete.as_view(), name="communication_delete"),
    path("commitments/", views.CommitmentList.as_view(), name="commitment_list"),
    path("commitments/new/", views.CommitmentCreate.as_view(), name="commitment_create"),
    path("commitments/<int:pk>/edit/", views.CommitmentUpdate.as_view(), name="commitment_update"),
    path("commitments/<int:pk>/history/", views.CommitmentHistory.as_view(), name="commitment_history"),
    path("commitments/<int:pk>/delete/", views.CommitmentDelete.as_view(), name="commitment_delete"),
]
