"""The initiatives app's write services, driven directly: each rule refuses on its field and saves nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from initiatives.assessments import assessment_round_create
from initiatives.models import Criterion, Phase, Role
from initiatives.services import element_assessment_save, initiative_update, role_grant
from tests import factories
from tests.snapshot import db_snapshot

ENTERED = datetime.date(2015, 1, 1)


def initiative_values(initiative, **changes) -> dict:
    """What the edit page sends for the initiative as it is, with ``changes``."""
    fields = ["name", "area", "problem", "knowledge_base", "vision", "started_on", "planned_end_on", "report_language",
              "current_phase", "phase_entered_on", "backbone_share_threshold"]  # fmt: skip
    return {**{name: getattr(initiative, name) for name in fields}, **changes}


def test_a_new_phase_without_a_new_entry_date_is_refused_and_nothing_is_saved(db):
    # given an initiative in phase 1 since 01.01.2015
    initiative = factories.InitiativeFactory(phase_entered_on=ENTERED)
    before = db_snapshot()
    # when it moves to phase 2 with the date of phase 1
    with pytest.raises(ValidationError) as refused:
        initiative_update(initiative=initiative, **initiative_values(initiative, current_phase=Phase.INITIATE))
    # then the date is asked for, and nothing changed
    assert refused.value.message_dict == {"phase_entered_on": ["Give the date the initiative entered this phase."]}
    assert db_snapshot() == before


def test_a_new_phase_with_its_entry_date_is_saved(db):
    initiative = factories.InitiativeFactory(phase_entered_on=ENTERED)
    entered = datetime.date(2016, 2, 1)
    initiative_update(
        initiative=initiative, **initiative_values(initiative, current_phase=Phase.INITIATE, phase_entered_on=entered)
    )
    initiative.refresh_from_db()
    assert (initiative.current_phase, initiative.phase_entered_on) == (Phase.INITIATE, entered)


def test_changing_other_things_keeps_the_phase_and_its_date(db):
    initiative = factories.InitiativeFactory(phase_entered_on=ENTERED)
    initiative_update(initiative=initiative, **initiative_values(initiative, vision="Alle børn trives."))
    initiative.refresh_from_db()
    assert (initiative.vision, initiative.phase_entered_on) == ("Alle børn trives.", ENTERED)


def test_the_edit_page_shows_the_phase_rule_on_the_date_field(db, client):
    initiative = factories.InitiativeFactory(phase_entered_on=ENTERED)
    secretariat = factories.InitiativeRoleFactory(initiative=initiative, role=Role.SECRETARIAT).user
    client.force_login(secretariat)
    before = db_snapshot()
    response = client.post(
        f"/i/{initiative.slug}/edit/",
        {"name": initiative.name, "area": initiative.area, "report_language": "da", "current_phase": 2,
         "phase_entered_on": "2015-01-01", "backbone_share_threshold": 50},
    )  # fmt: skip
    assert response.status_code == 200
    assert response.context["form"].errors == {"phase_entered_on": ["Give the date the initiative entered this phase."]}
    assert db_snapshot() == before


def test_a_track_factory_writes_through_the_service(db):
    # the factory meets the service's rules: a second track of the same name in one initiative is refused
    track = factories.TrackFactory()
    with pytest.raises(ValidationError) as refused:
        factories.TrackFactory(initiative=track.initiative, name=track.name)
    assert refused.value.message_dict == {"__all__": ["This initiative already has a track of that name."]}


def test_granting_the_role_a_user_holds_writes_nothing(db):
    initiative = factories.InitiativeFactory()
    role_grant(username="ny", initiative=initiative, role=Role.MEMBER)
    before = db_snapshot()
    role_grant(username="ny", initiative=initiative, role=Role.MEMBER)
    assert db_snapshot() == before


def test_a_round_with_an_evaluator_of_another_initiative_is_refused_and_nothing_is_saved(db):
    initiative = factories.InitiativeFactory()
    stranger = factories.InitiativeRoleFactory(role=Role.EVALUATOR).user  # an evaluator, but elsewhere
    member = factories.InitiativeRoleFactory(initiative=initiative, role=Role.MEMBER).user
    before = db_snapshot()
    for user in (stranger, member):
        with pytest.raises(ValidationError) as refused:
            assessment_round_create(
                initiative=initiative, title="Midtvejs", held_on=datetime.date(2017, 5, 1), evaluators=[user]
            )
        assert refused.value.message_dict == {"evaluators": ["Only the initiative's evaluators can evaluate a round."]}
    assert db_snapshot() == before


def test_a_new_round_has_an_unrated_assessment_of_every_element(db):
    initiative = factories.InitiativeFactory()
    evaluator = factories.InitiativeRoleFactory(initiative=initiative, role=Role.EVALUATOR).user
    made = assessment_round_create(
        initiative=initiative, title="Midtvejs", held_on=datetime.date(2017, 5, 1), evaluators=[evaluator]
    )
    assert list(made.evaluators.all()) == [evaluator]
    assert [a.element.number for a in made.element_assessments.filter(rating__isnull=True)] == [1, 2, 3, 4, 5, 6]


def test_an_element_assessment_refuses_a_criterion_of_another_element_and_foreign_evidence(db):
    initiative = factories.InitiativeFactory()
    made = factories.assessment_round(initiative=initiative, held_on=datetime.date(2019, 5, 1))
    assessment = made.element_assessments.get(element__number=1)
    foreign_activity = factories.ActivityFactory()  # of another initiative
    before = db_snapshot()
    with pytest.raises(ValidationError) as refused:
        element_assessment_save(
            elementassessment=assessment, findings_plus="Fælles vision",
            criteria_met=[Criterion.objects.filter(element__number=2).first()], activities=[foreign_activity],
        )  # fmt: skip
    assert refused.value.message_dict == {
        "criteria_met": ["A criterion of another element cannot be met here."],
        "activities": ["This belongs to another initiative."],
    }
    assert db_snapshot() == before


def test_an_element_assessment_saves_its_criteria_and_findings(db):
    initiative = factories.InitiativeFactory()
    made = factories.assessment_round(initiative=initiative, held_on=datetime.date(2019, 5, 1))
    assessment = made.element_assessments.get(element__number=1)
    criteria = list(assessment.element.criteria.all()[:2])
    element_assessment_save(elementassessment=assessment, criteria_met=criteria, findings_plus="Fælles vision")
    assessment.refresh_from_db()
    assert (assessment.findings_plus, list(assessment.criteria_met.all())) == ("Fælles vision", criteria)
