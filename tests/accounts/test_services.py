"""The services of invitations and roles: every write of accounts meets its rules here."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts import selectors
from accounts.models import Invitation, key_digest
from accounts.services import (
    InvitationInvalid,
    invitation_accept,
    invitation_by_key,
    invitation_create,
    invitation_renew,
    invitation_revoke,
    role_change,
)
from initiatives.models import InitiativeRole, Role
from initiatives.services import role_revoke, role_set
from tests import factories
from tests.factories import InitiativeRoleFactory, UserFactory


def invite(world, email="colleague@lejre.dk", role=Role.EVALUATOR, **kwargs):
    return invitation_create(initiative=world.home, email=email, role=role, by=world.secretariat, **kwargs)


def test_an_invitation_waits_with_only_the_hash_of_its_key(world):
    invitation, key = invite(world)
    assert invitation.state == Invitation.State.WAITING
    assert invitation.key_hash == key_digest(key) != key
    assert invitation.sent_at is None
    assert invitation_by_key(key) == invitation
    assert invitation.expires_at - timezone.now() > datetime.timedelta(days=13)


def test_someone_who_already_has_a_role_is_not_invited(world):
    world.member.email = "member@lejre.dk"
    world.member.save()
    before = Invitation.objects.count()
    with pytest.raises(ValidationError) as refused:
        invite(world, email="MEMBER@lejre.dk")
    assert "already has a role in this initiative" in refused.value.message_dict["email"][0]
    assert Invitation.objects.count() == before


def test_an_unknown_role_is_refused(world):
    before = Invitation.objects.count()
    with pytest.raises(ValidationError) as refused:
        invite(world, role="admin")
    assert "role" in refused.value.message_dict
    assert Invitation.objects.count() == before


def test_a_person_of_another_initiative_is_refused(world):
    stranger = world.other.people.first()
    with pytest.raises(ValidationError) as refused:
        invite(world, person=stranger)
    assert "person" in refused.value.message_dict


def test_a_new_invitation_to_the_same_address_revokes_the_open_one(world):
    first, first_key = invite(world)
    second, second_key = invite(world, role=Role.MEMBER)
    first.refresh_from_db()
    assert first.state == Invitation.State.REVOKED
    with pytest.raises(InvitationInvalid):
        invitation_by_key(first_key)
    assert invitation_by_key(second_key) == second


def test_resending_makes_a_new_key_and_the_old_link_stops_working(world):
    invitation, old_key = invite(world)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() + datetime.timedelta(days=1))
    invitation.refresh_from_db()
    renewed, new_key = invitation_renew(invitation=invitation)
    assert new_key != old_key
    assert renewed.expires_at - timezone.now() > datetime.timedelta(days=13)
    with pytest.raises(InvitationInvalid, match="not valid"):
        invitation_by_key(old_key)
    assert invitation_by_key(new_key) == invitation


def test_a_revoked_invitation_cannot_be_used_nor_resent(world):
    invitation, key = invite(world)
    invitation_revoke(invitation=invitation)
    with pytest.raises(InvitationInvalid, match="withdrawn"):
        invitation_by_key(key)
    with pytest.raises(ValidationError):
        invitation_renew(invitation=invitation)


def test_an_expired_invitation_cannot_be_used(world):
    invitation, key = invite(world)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(InvitationInvalid, match="expired"):
        invitation_by_key(key)
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.EXPIRED


def test_a_forged_key_names_no_invitation(world):
    invite(world)
    for forged in ("", "not-a-key", "x" * 43):
        with pytest.raises(InvitationInvalid, match="not valid"):
            invitation_by_key(forged)


def test_an_invitation_is_accepted_once(world):
    person = factories.PersonFactory(initiative=world.home, name="Ny kollega")  # on the roster, without a login
    invitation, key = invite(world, person=person)
    newcomer = UserFactory(username="newcomer", email="colleague@lejre.dk")
    grant = invitation_accept(invitation=invitation_by_key(key), user=newcomer)
    assert (grant.user, grant.initiative, grant.role) == (newcomer, world.home, Role.EVALUATOR)
    invitation.refresh_from_db()
    assert invitation.accepted_by == newcomer
    person.refresh_from_db()
    assert person.user == newcomer
    with pytest.raises(InvitationInvalid, match="already been accepted"):
        invitation_by_key(key)
    with pytest.raises(InvitationInvalid):
        invitation_accept(invitation=invitation, user=UserFactory(username="second"))
    assert not InitiativeRole.objects.filter(user__username="second").exists()


def test_two_acceptances_at_once_give_one_role(world):
    # given two requests that both read the invitation while it was open
    invitation, key = invite(world)
    first, second = invitation_by_key(key), invitation_by_key(key)
    # when both accept it, the second one finds it accepted under its lock
    invitation_accept(invitation=first, user=UserFactory(username="first"))
    with pytest.raises(InvitationInvalid):
        invitation_accept(invitation=second, user=UserFactory(username="second"))
    # then one role was given
    assert list(InitiativeRole.objects.filter(user__username__in=["first", "second"]).values_list("user__username"))
    assert InitiativeRole.objects.filter(user__username="second").count() == 0


def test_an_accepted_invitation_cannot_be_revoked(world):
    invitation, key = invite(world)
    invitation_accept(invitation=invitation, user=UserFactory(username="newcomer"))
    with pytest.raises(ValidationError, match="accepted"):
        invitation_revoke(invitation=invitation)


def test_the_last_secretariat_can_be_neither_removed_nor_demoted(world):
    grant = InitiativeRole.objects.get(user=world.secretariat, initiative=world.home)
    with pytest.raises(ValidationError, match="at least one secretariat"):
        role_revoke(grant=grant, by=world.secretariat)
    with pytest.raises(ValidationError, match="at least one secretariat"):
        role_change(grant=grant, role=Role.MEMBER, by=world.secretariat)
    with pytest.raises(ValidationError, match="at least one secretariat"):
        role_set(user=world.secretariat, initiative=world.home, role=Role.EVALUATOR)
    grant.refresh_from_db()
    assert grant.role == Role.SECRETARIAT


def test_with_a_second_secretariat_the_first_can_step_down(world):
    InitiativeRoleFactory(user=UserFactory(username="second-secretariat"), initiative=world.home,
                          role=Role.SECRETARIAT)  # fmt: skip
    grant = InitiativeRole.objects.get(user=world.secretariat, initiative=world.home)
    role_change(grant=grant, role=Role.MEMBER, by=world.secretariat)
    grant.refresh_from_db()
    assert grant.role == Role.MEMBER


def test_every_change_of_a_role_and_an_invitation_is_in_the_history(world):
    invitation, key = invite(world)
    newcomer = UserFactory(username="newcomer", email="colleague@lejre.dk")
    invitation_accept(invitation=invitation, user=newcomer)
    grant = InitiativeRole.objects.get(user=newcomer)
    role_change(grant=grant, role=Role.MEMBER, by=world.secretariat)
    role_revoke(grant=InitiativeRole.objects.get(user=newcomer), by=world.secretariat)
    said = [change.what for change in selectors.access_history(initiative=world.home)]
    assert said[:5] == [
        "newcomer no longer has the role alliance member",
        "newcomer now has the role alliance member instead of evaluator",
        "colleague@lejre.dk accepted the invitation",
        "newcomer was given the role evaluator",
        "colleague@lejre.dk was invited as evaluator",
    ]
