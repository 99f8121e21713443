from django.urls import path

from . import views

app_name = "measurement"


def crud(prefix: str, kind: str, list_view, create, update, history, delete, *, list_name: str = ""):
    return [
        path(f"{prefix}/", list_view.as_view(), name=list_name or f"{kind}_list"),
        path(f"{prefix}/new/", create.as_view(), name=f"{kind}_create"),
        path(f"{prefix}/<int:pk>/edit/", update.as_view(), name=f"{kind}_update"),
        path(f"{prefix}/<int:pk>/history/", history.as_view(), name=f"{kind}_history"),
        path(f"{prefix}/<int:pk>/delete/", delete.as_view(), name=f"{kind}_delete"),
    ]


urlpatterns = [
    path("", views.indicator_list, name="indicator_list"),
    path("status/", views.status, name="status"),
    path("export.<str:fmt>", views.export, name="export"),
    path("import/", views.import_page, name="import"),
    path("import/template.<str:fmt>", views.import_template, name="import_template"),
    path("import/responses/", views.responses_import_page, name="responses_import"),
    path("import/responses/template.<str:fmt>", views.responses_template, name="responses_template"),
    *crud("definitions", "indicator", views.IndicatorList, views.IndicatorCreate, views.IndicatorUpdate,
          views.IndicatorHistory, views.IndicatorDelete, list_name="indicator_definitions"),
    *crud("surveys", "survey", views.SurveyList, views.SurveyCreate, views.SurveyUpdate, views.SurveyHistory,
          views.SurveyDelete),
    *crud("waves", "wave", views.WaveList, views.WaveCreate, views.WaveUpdate, views.WaveHistory,
          views.WaveDelete),
]  # fmt: skip
