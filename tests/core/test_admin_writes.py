"""The admin writes through the services: every field its forms offer is a value the service takes, and a
model without a save service cannot be added or changed there."""

import inspect

import pytest
from django.contrib import admin
from django.test import RequestFactory

from core.admin import WriteThroughServiceMixin
from initiatives.models import StrategicTrack
from tests.snapshot import db_snapshot


def _write_admins():
    for model, model_admin in admin.site._registry.items():
        if isinstance(model_admin, WriteThroughServiceMixin):
            yield model, model_admin


def test_every_admin_form_field_is_a_value_its_service_takes(admin_user):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    checked = 0
    for model, model_admin in _write_admins():
        service = model_admin.save_services.get(model)
        if service is None:
            assert not model_admin.has_add_permission(request), model
            assert not model_admin.has_change_permission(request), model
            continue
        parameters = inspect.signature(service).parameters
        fields = set(model_admin.get_form(request)().fields) - {"initiative"}
        assert fields <= set(parameters), (model, fields - set(parameters))
        assert model._meta.model_name in parameters, model  # the object being changed, by its model's name
        checked += 1
    assert checked >= 14  # alliance 7, initiatives 4, evaluation 5, activities and measurement theirs


@pytest.mark.django_db
def test_a_track_added_in_the_admin_meets_the_services_rules(world, admin_client):
    add = "/admin/initiatives/strategictrack/add/"
    response = admin_client.post(add, {"initiative": world.home.pk, "name": "Spor", "order": 1})
    assert response.status_code == 302
    assert StrategicTrack.objects.filter(initiative=world.home, name="Spor").count() == 1
    before = db_snapshot()
    again = admin_client.post(add, {"initiative": world.home.pk, "name": "Spor", "order": 2})
    assert again.status_code == 200  # the same name twice in one initiative: refused on the form
    assert again.context["adminform"].form.errors
    assert db_snapshot() == before
