import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from activities import services as activities_services
from alliance import services as alliance_services
from initiatives.models import Initiative, InitiativeRole, PhaseQuestion, Role
from initiatives.services import goal_save, milestone_save, phase_note_save, track_save
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


def secretariat_of(initiative):
    """A user of the initiative's secretariat (the first, or a new one): who writes notes and files by default."""
    held = InitiativeRole.objects.filter(initiative=initiative, role=Role.SECRETARIAT).select_related("user").first()
    if held is not None:
        return held.user
    return InitiativeRoleFactory(initiative=initiative, role=Role.SECRETARIAT).user


class SectorLookup:
    """Sectors are data seeded by a migration: factories look them up by key."""

    @staticmethod
    def get(key: str = "municipality"):
        from alliance.models import Sector

        return Sector.objects.get(key=key)


class TrackFactory(ServiceFactory):
    class Meta:
        model = "initiatives.StrategicTrack"

    _service = staticmethod(track_save)

    initiative = factory.SubFactory(InitiativeFactory)
    name = factory.Sequence(lambda n: f"Track {n}")


class GoalFactory(ServiceFactory):
    class Meta:
        model = "initiatives.Goal"

    _service = staticmethod(goal_save)

    initiative = factory.SubFactory(InitiativeFactory)
    title = factory.Sequence(lambda n: f"Goal {n}")


class PhaseNoteFactory(ServiceFactory):
    class Meta:
        model = "initiatives.PhaseNote"

    _service = staticmethod(phase_note_save)

    initiative = factory.SubFactory(InitiativeFactory)
    question = factory.LazyFunction(lambda: PhaseQuestion.objects.first())
    noted_on = datetime.date(2016, 1, 1)
    text = "Ja."


class MilestoneFactory(ServiceFactory):
    class Meta:
        model = "initiatives.Milestone"

    _service = staticmethod(milestone_save)

    initiative = factory.SubFactory(InitiativeFactory)
    kind = "alliance_formed"
    reached_on = datetime.date(2015, 6, 1)


class OrganisationFactory(ServiceFactory):
    class Meta:
        model = "alliance.Organisation"

    _service = staticmethod(alliance_services.organisation_save)

    initiative = factory.SubFactory(InitiativeFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    sector = factory.LazyFunction(SectorLookup.get)


class PartnerFactory(ServiceFactory):
    class Meta:
        model = "alliance.Partner"

    _service = staticmethod(alliance_services.partner_save)

    initiative = factory.SubFactory(InitiativeFactory)
    organisation = factory.SubFactory(OrganisationFactory, initiative=factory.SelfAttribute("..initiative"))
    part = "funder"


class PersonFactory(ServiceFactory):
    class Meta:
        model = "alliance.Person"

    _service = staticmethod(alliance_services.person_save)

    initiative = factory.SubFactory(InitiativeFactory)
    name = factory.Sequence(lambda n: f"Person {n}")
    title = "Leder"
    organisation = factory.SubFactory(OrganisationFactory, initiative=factory.SelfAttribute("..initiative"))


class MembershipFactory(ServiceFactory):
    class Meta:
        model = "alliance.Membership"

    _service = staticmethod(alliance_services.membership_save)

    initiative = factory.SubFactory(InitiativeFactory)
    person = factory.SubFactory(PersonFactory, initiative=factory.SelfAttribute("..initiative"))
    role = "member"
    joined_on = datetime.date(2015, 1, 1)


class StaffingFactory(ServiceFactory):
    class Meta:
        model = "alliance.Staffing"

    _service = staticmethod(alliance_services.staffing_save)

    initiative = factory.SubFactory(InitiativeFactory)
    person = factory.SubFactory(PersonFactory, initiative=factory.SelfAttribute("..initiative"))
    hours_per_week = Decimal("30.0")
    starts_on = datetime.date(2015, 1, 1)


class MeetingFactory(ServiceFactory):
    class Meta:
        model = "alliance.Meeting"

    _service = staticmethod(alliance_services.meeting_save)

    initiative = factory.SubFactory(InitiativeFactory)
    held_on = datetime.date(2016, 3, 1)
    agenda = "Status"
    attendees = ()


class FollowUpFactory(ServiceFactory):
    class Meta:
        model = "alliance.FollowUp"

    _service = staticmethod(alliance_services.follow_up_save)

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
    author = factory.LazyAttribute(lambda entry: secretariat_of(entry.activity.initiative))


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
    by = factory.LazyAttribute(lambda attachment: secretariat_of(attachment.activity.initiative))


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
    """A round with an (unrated) assessment of every element, made by the service."""
    from initiatives.assessments import assessment_round_create

    return assessment_round_create(initiative=initiative, held_on=held_on, title=title or f"Round {held_on.year}")


def evaluation_of(assessment_round, *, activity=None, indicator=None):
    """One of each thing an evaluator records in a round, made by the services: informants, an interview, a quote,
    an answered level (its first question cites the quote and the system change), a system change and a learning
    point. Called again for the same round, it adds to the level's answer rather than making a second one."""
    from evaluation import services
    from evaluation.models import Level, LevelQuestion

    initiative = assessment_round.initiative
    common = {"initiative": initiative, "round": assessment_round}
    services.informant_group_save(**common, role="alliance members", count=15, order=1)
    interview = services.interview_save(**common, held_on=assessment_round.held_on, participants="4 pupils")
    quote = services.quote_save(
        **common, interview=interview, text="We are not alone with it any more.", speaker_role="a health visitor",
        level=Level.EARLY,
    )  # fmt: skip
    change = services.system_change_save(
        initiative=initiative, what="Volunteer readers", institution="Day care", formality="formal", anchored=True,
        activity=activity,
    )  # fmt: skip
    level = assessment_round.level_assessments.filter(level=Level.EARLY).first() or services.level_assessment_save(
        **common, level=Level.EARLY, summary="There are early changes."
    )
    question = LevelQuestion.objects.filter(level=Level.EARLY).first()
    answer = level.answers.filter(question=question).first()
    cited = {
        name: [*(getattr(answer, name).all() if answer else []), *added]
        for name, added in (
            ("quotes", [quote]), ("system_changes", [change]), ("activities", [activity] if activity else []),
            ("indicators", [indicator] if indicator else []),
        )
    }  # fmt: skip
    services.level_answer_save(
        initiative=initiative, levelanswer=answer, assessment=level, question=question,
        answer=answer.answer if answer else "Yes: new ties across sectors.", **cited,
    )  # fmt: skip
    services.learning_point_save(**common, order=1, text="Keep the secretariat from becoming the executor.")


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


class IdeaFactory(ServiceFactory):
    class Meta:
        model = "activities.Idea"

    _service = staticmethod(activities_services.idea_save)
    initiative = factory.SubFactory(InitiativeFactory)
    title = factory.Sequence(lambda n: f"Idea {n}")
    ask = "A hall on Tuesdays and two volunteers"
    collected_on = datetime.date(2016, 5, 1)


class IdeaOfferFactory(ServiceFactory):
    class Meta:
        model = "activities.IdeaOffer"

    _service = staticmethod(activities_services.idea_offer)
    idea = factory.SubFactory(IdeaFactory)
    organisation = factory.SubFactory(OrganisationFactory, initiative=factory.SelfAttribute("..idea.initiative"))
    by = None


class SubmissionFactory(ServiceFactory):
    class Meta:
        model = "activities.Submission"

    _service = staticmethod(activities_services.submission_create)
    initiative = factory.SubFactory(InitiativeFactory)
    organisation = factory.SubFactory(OrganisationFactory, initiative=factory.SelfAttribute("..initiative"))
    activity = None
    values = factory.LazyFunction(lambda: {"title": "A proposed title"})
    by = None
