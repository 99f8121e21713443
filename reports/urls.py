from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_create, name="create"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/progress/", views.report_progress, name="progress"),
    path("<int:pk>/texts/", views.report_texts_view, name="texts"),
    path("<int:pk>/retry/", views.report_retry_view, name="retry"),
    path("<int:pk>/share/", views.report_share_view, name="share"),
    path("<int:pk>/delete/", views.report_delete_view, name="delete"),
    path("<int:pk>/again/", views.report_again_view, name="again"),
    path("<int:pk>/compare/", views.report_compare, name="compare"),
    path("<int:pk>/download/", views.report_download, name="download"),
    path("<int:pk>/download.docx", views.report_download, {"fmt": "docx"}, name="download_docx"),
]
