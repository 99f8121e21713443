from django.urls import path

from . import views

# The initiative's home and an assessment round's page are in the same namespace ("initiatives:home"), but
# gather from other apps, so they are home's (home/urls.py); config/urls.py puts the two lists together.
app_name = "initiatives"
urlpatterns = [
    path("edit/", views.initiative_edit, name="edit"),
    path("deleted/", views.deleted_items, name="deleted_items"),
    path("deleted/<int:pk>/restore/", views.deleted_item_restore_view, name="deleted_item_restore"),
    path("history/", views.InitiativeHistory.as_view(), name="history"),
    path("phase/", views.phase, name="phase"),
    path("phase/notes/new/", views.PhaseNoteCreate.as_view(), name="phasenote_create"),
    path("phase/notes/<int:pk>/edit/", views.PhaseNoteUpdate.as_view(), name="phasenote_update"),
    path("phase/notes/<int:pk>/history/", views.PhaseNoteHistory.as_view(), name="phasenote_history"),
    path("phase/notes/<int:pk>/delete/", views.PhaseNoteDelete.as_view(), name="phasenote_delete"),
    path("phase/milestones/new/", views.MilestoneCreate.as_view(), name="milestone_create"),
    path("phase/milestones/<int:pk>/edit/", views.MilestoneUpdate.as_view(), name="milestone_update"),
    path("phase/milestones/<int:pk>/history/", views.MilestoneHistory.as_view(), name="milestone_history"),
    path("phase/milestones/<int:pk>/delete/", views.MilestoneDelete.as_view(), name="milestone_delete"),
    path("tracks/", views.TrackList.as_view(), name="track_list"),
    path("tracks/new/", views.TrackCreate.as_view(), name="track_create"),
    path("tracks/<int:pk>/edit/", views.TrackUpdate.as_view(), name="track_update"),
    path("tracks/<int:pk>/history/", views.TrackHistory.as_view(), name="track_history"),
    path("tracks/<int:pk>/delete/", views.TrackDelete.as_view(), name="track_delete"),
    path("goals/", views.GoalList.as_view(), name="goal_list"),
    path("goals/new/", views.GoalCreate.as_view(), name="goal_create"),
    path("goals/<int:pk>/edit/", views.GoalUpdate.as_view(), name="goal_update"),
    path("goals/<int:pk>/history/", views.GoalHistory.as_view(), name="goal_history"),
    path("goals/<int:pk>/delete/", views.GoalDelete.as_view(), name="goal_delete"),
    path("assessments/", views.AssessmentList.as_view(), name="assessment_list"),
    path("assessments/new/", views.assessment_create, name="assessment_create"),
    path("assessments/<int:pk>/delete/", views.AssessmentRoundDelete.as_view(), name="assessment_delete"),
    path("assessments/<int:pk>/compare/<int:other_pk>/", views.assessment_compare, name="assessment_compare"),
    path("assessments/elements/<int:pk>/", views.element_assessment_edit, name="element_assessment_edit"),
]
