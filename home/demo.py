"""Demo data for `make demo`: the Lejre and Helsingør initiatives of the seed reports and one user per role.

Everything here is loaded through the apps' services, and loading twice changes nothing.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password  # not the method: it may re-hash, and so change
from django.db import transaction

from activities.demo import demo_activities
from alliance.demo import demo_alliance
from evaluation.demo import demo_evaluation
from initiatives.demo import demo_initiatives
from initiatives.demo_assessment import demo_assessment
from initiatives.models import Role
from initiatives.services import role_grant
from measurement.demo import demo_measurement

DEMO_PASSWORD = "demo"  # noqa: S105 - printed for the demo on purpose


@dataclass(frozen=True)
class DemoUser:
    username: str
    roles: dict[str, Role]  # initiative slug -> role
    description: str

    @property
    def email(self) -> str:
        """An address for the password reset, whose mail the demo prints on its console."""
        return demo_email(self.username)


def demo_email(username: str) -> str:
    return f"{username}@example.org"


DEMO_USERS = [
    DemoUser(
        "sekretariat",
        {"lejre-dig": Role.SECRETARIAT, "helsingor-et-lettere-liv": Role.MEMBER},
        "secretariat in Lejre, member in Helsingør",
    ),
    DemoUser("helsingor", {"helsingor-et-lettere-liv": Role.SECRETARIAT}, "secretariat in Helsingør"),
    DemoUser(
        "medlem",
        {"lejre-dig": Role.MEMBER, "helsingor-et-lettere-liv": Role.MEMBER},
        "alliance member in both",
    ),
    DemoUser(
        "evaluator",
        {"lejre-dig": Role.EVALUATOR, "helsingor-et-lettere-liv": Role.EVALUATOR},
        "evaluator in both",
    ),
]
DEMO_ADMIN = "admin"


@transaction.atomic
def demo_load() -> None:
    initiatives = {initiative.slug: initiative for initiative in demo_initiatives()}
    demo_alliance(initiatives)
    demo_activities(initiatives)
    demo_measurement(initiatives)
    demo_assessment(initiatives)
    demo_evaluation(initiatives)
    users = get_user_model().objects
    for demo_user in DEMO_USERS:
        existing = users.filter(username=demo_user.username).first()
        password = None if existing and check_password(DEMO_PASSWORD, existing.password) else DEMO_PASSWORD
        for slug, role in demo_user.roles.items():
            role_grant(
                username=demo_user.username,
                initiative=initiatives[slug],
                role=role,
                password=password,
                validate_password=False,
            )
        users.filter(username=demo_user.username).exclude(email=demo_user.email).update(email=demo_user.email)
    _link_member(initiatives)
    admin, created = users.get_or_create(username=DEMO_ADMIN, defaults={"is_staff": True, "is_superuser": True})
    if created or not check_password(DEMO_PASSWORD, admin.password):
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    users.filter(pk=admin.pk).exclude(email=demo_email(DEMO_ADMIN)).update(email=demo_email(DEMO_ADMIN))


def demo_logins() -> list[tuple[str, str]]:
    logins = [(user.username, user.description) for user in DEMO_USERS]
    return [*logins, (DEMO_ADMIN, "site administrator (Django admin at /admin/)")]


def _link_member(initiatives) -> None:
    """The demo member speaks for Snekkersten IF in Helsingør: the start page shows its commitments."""
    from alliance.models import Person

    member = get_user_model().objects.get(username="medlem")
    person = Person.objects.filter(
        initiative=initiatives["helsingor-et-lettere-liv"], organisation__name="Snekkersten IF"
    ).first()
    if person is not None and person.user_id != member.pk:
        person.user = member
        person.save()
