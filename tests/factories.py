import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from activities import services as activities_services
from initiatives.models import Initiative, InitiativeRole, PhaseQuestion, Role
from measurement import services as measurement_services

PASSWORD = "correct horse battery staple"


class ServiceFactory(factory.django.DjangoModelFactory):
    """A factory whose objects are made by their app's service (``_service``), so that a test's data meets every
    rule a user's does: the values declared, plus what a test passes, are the service's keyword arguments."""

    class Meta:
        abstract = True

    _service = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if cls._service is None:
            raise TypeError(f"{cls.__name__} names no _service")
        return cls._service(**kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(PASSWORD)


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    name = factory.Sequence(lambda n: f"Initiative {n}")
    slug = factory.Sequence(lambda n: f"initiative-{n}")
    area = "Lejre Kommune"


class InitiativeRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InitiativeRole

    user = factory.SubFactory(UserFactory)
    initiative = factory.SubFactory(InitiativeFactory)
    role = Role.MEMBER


class SectorLookup:
    """Sectors are data seeded by a migration: factories look them up by key."""

    @staticmethod
    def get(key: str = "municipality"):
        from alliance.models import Sector

        return Sector.objects.get(key=key)


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "initiatives.StrategicTrack"

    initiative = factory.SubFactory(InitiativeFactory)
    name = factory.Sequence(lambda n: f"Track {n}")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "initiatives.Goal"

    initiative = factory.SubFactory(InitiativeFactory)
    title = factory.Sequence(lambda n: f"Goal {n}")


class PhaseNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "initiatives.PhaseNote"

    initiative = factory.SubFactory(InitiativeFactory)
    question = factory.LazyFunction(lambda: PhaseQuestion.objects.first())
    noted_on = datetime.date(2016, 1, 1)
    text = "Ja."


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "initiatives.Milestone"

    initiative = factory.SubFactory(InitiativeFactory)
    kind = "alliance_formed"
    reached_on = datetime.date(2015, 6, 1)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "alliance.Organisation"

    initiative = factory.SubFactory(InitiativeFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    sector = factory.LazyFunction(SectorLookup.get)


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "alliance.Partner"

    initiative = factory.SubFactory(InitiativeFactory)
    organisation = factory.SubFactory(OrganisationFactory, initiative=factory.SelfAttribute("..initiative"))
    part = "funder"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "alliance.Person"

    initiative = factory.SubFactory(InitiativeFactory)
    name = factory.Sequence(lambda n: f"Person {n}")
    title = "Leder"
    organisation = factory.SubFactory(OrganisationFactory, initiative=factory.SelfAttribute("..initiative"))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "alliance.Membership"

    initiative = factory.SubFactory(InitiativeFactory)
    person = factory.SubFactory(PersonFactory, initiative=factory.SelfAttribute("..initiative"))
    role = "member"
    joined_on = datetime.date(2015, 1, 1)


class StaffingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "alliance.Staffing"

    initiative = factory.SubFactory(InitiativeFactory)
    person = factory.SubFactory(PersonFactory, initiative=factory.SelfAttribute("..initiative"))
    hours_per_week = Decimal("30.0")
    starts_on = datetime.date(2015, 1, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "alliance.Meeting"

    initiative = factory.SubFactory(InitiativeFactory)
    held_on = datetime.date(2016, 3, 1)
    agenda = "Status"


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "alliance.FollowUp"

    initiative = factory.SubFactory(InitiativeFactory)
    meeting = factory.SubFactory(MeetingFactory, initiative=factory.SelfAttribute("..initiative"))
    owner = factory.SubFactory(OrganisationFactory, initiative=factory.SelfAttribute("..initiative"))
    text = "Send the minutes"


class ActivityFactory(ServiceFactory):
    class Meta:
        model = "activities.Activity"

    _service = staticmethod(activities_services.activity_save)
    initiative = factory.SubFactory(InitiativeFactory)
    title = factory.Sequence(lambda n: f"Activity {n}")
    starts_on = datetime.date(2016, 3, 1)
    status = "running"
    # a stopped activity says why (the model's rule)
    stopped_reason = factory.LazyAttribute(lambda activity: "Stopped in a test" if activity.status == "stopped" else "")


class ParticipationFactory(ServiceFactory):
    class Meta:
        model = "activities.Participation"

    _service = staticmethod(activities_services.participation_save)
    initiative = factory.SelfAttribute("activity.initiative")
    activity = factory.SubFactory(ActivityFactory)
    organisation = factory.SubFactory(OrganisationFactory, initiative=factory.SelfAttribute("..initiative"))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # The organisation that leads the activity takes part in it already (activity_save adds it as
        # co-organiser): the factory changes its part, keeping its role unless the test gives one.
        from activities.models import Participation

        taking = Participation.objects.filter(activity=kwargs["activity"], organisation=kwargs["organisation"]).first()
        if taking is not None:
            kwargs.setdefault("role", taking.role)
        return super()._create(model_class, *args, participation=taking, **kwargs)


class LogEntryFactory(ServiceFactory):
    class Meta:
        model = "activities.LogEntry"
        rename = {"author": "by"}

    _service = staticmethod(activities_services.log_entry_add)
    activity = factory.SubFactory(ActivityFactory)
    noted_on = datetime.date(2016, 3, 2)
    text = "It went well."
    author = factory.SubFactory(UserFactory)


class CommunicationFactory(ServiceFactory):
    class Meta:
        model = "activities.Communication"

    _service = staticmethod(activities_services.communication_save)
    initiative = factory.SubFactory(InitiativeFactory)
    published_on = datetime.date(2016, 4, 1)
    channel = "press"
    title = factory.Sequence(lambda n: f"Article {n}")


class CommitmentFactory(ServiceFactory):
    class Meta:
        model = "activities.Commitment"

    _service = staticmethod(activities_services.commitment_save)
    initiative = factory.SubFactory(InitiativeFactory)
    organisation = factory.SubFactory(OrganisationFactory, initiative=factory.SelfAttribute("..initiative"))
    what = factory.Sequence(lambda n: f"Pledge {n}")


class AttachmentFactory(ServiceFactory):
    class Meta:
        model = "activities.Attachment"

    _service = staticmethod(activities_services.attachment_add)
    activity = factory.SubFactory(ActivityFactory)
    upload = factory.LazyFunction(lambda: SimpleUploadedFile("evaluation.pdf", b"%PDF-1.4 test"))
    by = factory.SubFactory(UserFactory)


class SurveyFactory(ServiceFactory):
    class Meta:
        model = "measurement.Survey"

    _service = staticmethod(measurement_services.survey_save)
    initiative = factory.SubFactory(InitiativeFactory)
    name = factory.Sequence(lambda n: f"Survey {n}")


class WaveFactory(ServiceFactory):
    class Meta:
        model = "measurement.Wave"

    _service = staticmethod(measurement_services.wave_save)
    initiative = factory.SelfAttribute("survey.initiative")
    survey = factory.SubFactory(SurveyFactory)
    name = factory.Sequence(lambda n: str(2015 + n))
    held_on = factory.LazyAttribute(lambda wave: datetime.date(int(wave.name) if wave.name.isdigit() else 2017, 3, 1))


class IndicatorFactory(ServiceFactory):
    class Meta:
        model = "measurement.Indicator"

    _service = staticmethod(measurement_services.indicator_save)
    initiative = factory.SubFactory(InitiativeFactory)
    name = factory.Sequence(lambda n: f"Indicator {n}")


def assessment_round(*, initiative, held_on, title=None):
    """A round with an (unrated) assessment of every element, as the service makes it."""
    from initiatives.models import AssessmentRound, Element, ElementAssessment

    made = AssessmentRound.objects.create(
        initiative=initiative, held_on=held_on, title=title or f"Round {held_on.year}"
    )
    for element in Element.objects.all():
        ElementAssessment.objects.create(initiative=initiative, round=made, element=element)
    return made


def evaluation_of(assessment_round, *, activity=None, indicator=None):
    """One of each thing an evaluator records in a round: informants, an interview, a quote, an answered level,
    a system change and a learning point."""
    from evaluation.models import (
        InformantGroup,
        Interview,
        LearningPoint,
        Level,
        LevelAnswer,
        LevelAssessment,
        LevelQuestion,
        Quote,
        SystemChange,
    )  # fmt: skip

    initiative = assessment_round.initiative
    common = {"initiative": initiative, "round": assessment_round}
    InformantGroup.objects.create(**common, role="alliance members", count=15, order=1)
    interview = Interview.objects.create(**common, held_on=assessment_round.held_on, participants="4 pupils")
    quote = Quote.objects.create(
        **common, interview=interview, text="We are not alone with it any more.", speaker_role="a health visitor",
        level=Level.EARLY,
    )  # fmt: skip
    change = SystemChange.objects.create(
        initiative=initiative, what="Volunteer readers", institution="Day care", formality="formal", anchored=True,
        activity=activity,
    )  # fmt: skip
    level, _ = LevelAssessment.objects.get_or_create(
        **common, level=Level.EARLY, defaults={"summary": "There are early changes."}
    )
    answer, _ = LevelAnswer.objects.get_or_create(
        initiative=initiative, assessment=level, question=LevelQuestion.objects.filter(level=Level.EARLY).first(),
        defaults={"answer": "Yes: new ties across sectors."},
    )  # fmt: skip
    answer.quotes.add(quote)
    answer.system_changes.add(change)
    if activity:
        answer.activities.add(activity)
    if indicator:
        answer.indicators.add(indicator)
    LearningPoint.objects.create(**common, order=1, text="Keep the secretariat from becoming the executor.")


class ReportRequestFactory(factory.django.DjangoModelFactory):
    """A finished experience report, shared with the members, with a (tiny) PDF."""

    class Meta:
        model = "reports.ReportRequest"

    initiative = factory.SubFactory(InitiativeFactory)
    kind = "experience"
    language = "da"
    status = "done"
    progress = 100
    shared = True
    output = factory.django.FileField(filename="report.pdf", data=b"%PDF-1.4 report")
    document = factory.django.FileField(filename="report.docx", data=b"PK word")
