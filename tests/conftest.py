import datetime
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from accounts.services import invitation_create
from alliance.models import Person
from core.services import object_delete
from initiatives.models import Initiative, Role

from . import factories
from .factories import InitiativeFactory, InitiativeRoleFactory, UserFactory


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a Danish request through the test client leaves Danish active in
    the thread, and a later test would read its messages in Danish."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a rolled-back test's initiative may come back with its id and version."""
    cache.clear()
    yield
    cache.clear()


def populate(initiative: Initiative) -> None:
    """One of everything an initiative keeps, so that every page with an object in its path has one."""
    track = factories.TrackFactory(initiative=initiative)
    factories.GoalFactory(initiative=initiative, track=track)
    factories.PhaseNoteFactory(initiative=initiative)
    factories.MilestoneFactory(initiative=initiative)
    factories.PartnerFactory(initiative=initiative)
    membership = factories.MembershipFactory(initiative=initiative)
    factories.StaffingFactory(initiative=initiative, person=membership.person)
    follow_up = factories.FollowUpFactory(initiative=initiative, owner=membership.person.organisation)
    follow_up.meeting.attendees.add(membership)
    activity = factories.ActivityFactory(initiative=initiative, track=track)
    factories.ParticipationFactory(activity=activity, organisation=membership.person.organisation, hours=4)
    secretariat = initiative.roles.filter(role=Role.SECRETARIAT).first()
    factories.LogEntryFactory(activity=activity, author=secretariat.user if secretariat else None)
    factories.AttachmentFactory(activity=activity)
    factories.CommunicationFactory(initiative=initiative, activity=activity)
    factories.CommitmentFactory(initiative=initiative, organisation=membership.person.organisation)
    idea = factories.IdeaFactory(initiative=initiative, track=track)
    factories.IdeaOfferFactory(idea=idea, organisation=membership.person.organisation)
    factories.SubmissionFactory(initiative=initiative, organisation=membership.person.organisation)
    survey = factories.SurveyFactory(initiative=initiative)
    factories.WaveFactory(survey=survey, name="2017")
    indicator = factories.IndicatorFactory(initiative=initiative, goal=initiative.goals.first(), survey=survey)
    for year in (2017, 2019):
        assessment_round = factories.assessment_round(initiative=initiative, held_on=datetime.date(year, 5, 1))
    factories.evaluation_of(assessment_round, activity=activity, indicator=indicator)
    factories.ReportRequestFactory(initiative=initiative)
    invitation_create(initiative=initiative, email=f"invited@{initiative.slug}.example", role=Role.MEMBER, by=None)
    # something deleted, for the deleted items page to restore
    object_delete(obj=factories.CommitmentFactory(initiative=initiative, organisation=membership.person.organisation,
                                                  what="Dropped pledge"), by=None)  # fmt: skip


@dataclass
class World:
    """Two initiatives: ``home`` where each role has a user, and ``other`` where only ``outsider`` has one."""

    home: Initiative
    other: Initiative
    secretariat: object
    member: object
    evaluator: object
    outsider: object

    def user(self, role: Role):
        return {Role.SECRETARIAT: self.secretariat, Role.MEMBER: self.member, Role.EVALUATOR: self.evaluator}[role]


def build_world() -> World:
    home = InitiativeFactory(name="+DIG", slug="lejre-dig")
    other = InitiativeFactory(name="Et Lettere Liv", slug="helsingor", area="Helsingør Kommune")
    users = {}
    for role in Role:
        users[role] = UserFactory(username=f"home-{role.value}")
        InitiativeRoleFactory(user=users[role], initiative=home, role=role)
    outsider = UserFactory(username="other-secretariat")
    InitiativeRoleFactory(user=outsider, initiative=other, role=Role.SECRETARIAT)
    populate(home)
    populate(other)
    # the member speaks for the organisation that takes part in the activity and owns the commitment
    Person.objects.filter(initiative=home).update(user=users[Role.MEMBER])
    return World(
        home=home,
        other=other,
        secretariat=users[Role.SECRETARIAT],
        member=users[Role.MEMBER],
        evaluator=users[Role.EVALUATOR],
        outsider=outsider,
    )


@pytest.fixture
def world(db) -> World:
    return build_world()


# A real SMTP server for the tests that send mail (tests/mail.py).
from tests.mail import smtp  # noqa: E402, F401
