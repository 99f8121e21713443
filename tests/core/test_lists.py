"""The list machinery's shortcuts behave like what they replace."""

import pytest
from django import forms
from django.test.html import parse_html

from activities.views import ActivityList
from core.crud import CappedPaginator
from core.widgets import QuickSelect, QuickSelectMultiple, quick_select
from initiatives.models import StrategicTrack
from tests import factories

CHOICES = [("", "---"), ("a", "A & b"), ("Group", [("x", "X"), ("y", "Y<")]), (3, "three")]


@pytest.mark.parametrize("value", ["a", "y", 3, None, "unknown"])
def test_quick_select_renders_what_djangos_select_renders(value):
    attrs = {"class": "form-select", "id": "id_f", "data-x": '"quoted"'}
    django = forms.Select(choices=CHOICES).render("f", value, attrs)
    quick = QuickSelect(choices=CHOICES).render("f", value, attrs)
    assert parse_html(quick) == parse_html(django)
    assert "A &amp; b" in quick
    assert "Y&lt;" in quick


def test_quick_select_multiple_marks_every_chosen_option():
    django = forms.SelectMultiple(choices=CHOICES).render("f", ["a", "x"])
    quick = QuickSelectMultiple(choices=CHOICES).render("f", ["a", "x"])
    assert parse_html(quick) == parse_html(django)
    assert quick.count(" selected") == 2


@pytest.mark.django_db
def test_quick_select_of_a_model_field_reads_its_choices_once_without_counting(django_assert_num_queries):
    initiative = factories.InitiativeFactory()
    track = StrategicTrack.objects.create(initiative=initiative, name="Fællesskaber")
    field = forms.ModelChoiceField(queryset=StrategicTrack.objects.filter(initiative=initiative))
    with django_assert_num_queries(1):
        widget = quick_select(field)
        html = widget.render("track", track.pk)
    assert parse_html(html) == parse_html(forms.Select(choices=list(field.choices)).render("track", track.pk))
    assert f'<option value="{track.pk}" selected>Fællesskaber</option>' in html


@pytest.mark.django_db
def test_a_capped_paginator_counts_up_to_its_cap_and_says_so():
    initiative = factories.InitiativeFactory()
    StrategicTrack.objects.bulk_create(StrategicTrack(initiative=initiative, name=f"T{n}") for n in range(7))
    tracks = StrategicTrack.objects.filter(initiative=initiative).order_by("pk")

    class Five(CappedPaginator):
        cap = 5

    over = Five(tracks, 2)
    assert (over.count, over.capped, over.num_pages) == (5, True, 3)
    assert [t.name for t in over.page(3)] == ["T4"]
    exact = Five(tracks[:5], 2)
    assert (exact.count, exact.capped) == (5, False)
    under = CappedPaginator(tracks, 2)
    assert (under.count, under.capped, under.num_pages) == (7, False, 4)


def test_the_activity_list_says_more_than_when_the_count_is_capped(world, client, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 2)
    monkeypatch.setattr(ActivityList, "paginate_by", 1)
    for n in range(3):
        factories.ActivityFactory(initiative=world.home, title=f"Aktivitet {n}")
    client.force_login(world.member)
    response = client.get(f"/i/{world.home.slug}/activities/")
    assert response.context["paginator"].capped
    assert "More than 2 activities" in response.text
    assert "Page 1 of more than 2" in response.text
    assert client.get(f"/i/{world.home.slug}/activities/?page=2").status_code == 200
