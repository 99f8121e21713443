from django.urls import path

from . import views

app_name = "evaluation"
urlpatterns = [
    path("system-changes/", views.SystemChangeList.as_view(), name="system_change_list"),
    path("system-changes/new/", views.SystemChangeCreate.as_view(), name="system_change_create"),
    path("system-changes/<int:pk>/edit/", views.SystemChangeUpdate.as_view(), name="system_change_update"),
    path("system-changes/<int:pk>/history/", views.SystemChangeHistory.as_view(), name="system_change_history"),
    path("system-changes/<int:pk>/delete/", views.SystemChangeDelete.as_view(), name="system_change_delete"),
    path("interviews/", views.InterviewList.as_view(), name="interview_list"),
    path("interviews/new/", views.InterviewCreate.as_view(), name="interview_create"),
    path("interviews/<int:pk>/edit/", views.InterviewUpdate.as_view(), name="interview_update"),
    path("interviews/<int:pk>/history/", views.InterviewHistory.as_view(), name="interview_history"),
    path("interviews/<int:pk>/delete/", views.InterviewDelete.as_view(), name="interview_delete"),
    path("quotes/", views.QuoteList.as_view(), name="quote_list"),
    path("quotes/new/", views.QuoteCreate.as_view(), name="quote_create"),
    path("quotes/<int:pk>/edit/", views.QuoteUpdate.as_view(), name="quote_update"),
    path("quotes/<int:pk>/history/", views.QuoteHistory.as_view(), name="quote_history"),
    path("quotes/<int:pk>/delete/", views.QuoteDelete.as_view(), name="quote_delete"),
    path("rounds/<int:pk>/informants/", views.round_informants, name="round_informants"),
    path("rounds/<int:pk>/learning-points/", views.round_learning_points, name="round_learning_points"),
    path("rounds/<int:pk>/levels/<slug:level>/", views.level_edit, name="level_edit"),
]
