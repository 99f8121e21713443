"""The notifications of single events: a report done or failed (to who asked for it), a submission received (to the
secretariat) and reviewed (to who sent it). Each event has its own key, so that a signal sent twice tells once."""

from django.utils import translation
from django.utils.translation import gettext as _

from alliance.selectors import users_of_organisations
from initiatives.models import InitiativeRole, Role

from .models import Kind
from .selectors import preferences_of
from .services import Draft, notifications_create


def report_finished_notify(*, report) -> int:
    """Tell who asked for the report that it is done, or that it could not be made."""
    if report.requested_by_id is None or report.status not in (report.Status.DONE, report.Status.FAILED):
        return 0
    when = report.finished_at.isoformat() if report.finished_at else ""
    language = preferences_of(user_ids=[report.requested_by_id])[report.requested_by_id].language
    with translation.override(language):
        names = {"report": str(report), "initiative": report.initiative.name}
        if report.status == report.Status.DONE:
            subject = _("Your report is ready: %(report)s") % names
            text = _("The report you asked for in %(initiative)s is ready: %(report)s.") % names
        else:
            subject = _("Your report could not be made: %(report)s") % names
            text = (
                _(
                    "The report you asked for in %(initiative)s could not be made: %(report)s. Open it and press “Try "
                    "again”. If it fails again, tell the platform's administrator the report's number."
                )
                % names
            )
    draft = Draft(
        user_id=report.requested_by_id, kind=Kind.REPORTS, key=f"report:{report.pk}:{report.status}:{when}",
        subject=subject, text=text, url=report.get_absolute_url(), initiative_id=report.initiative_id,
    )  # fmt: skip
    return notifications_create(drafts=[draft])


def _title(submission) -> str:
    return submission.changes.get("title") or (submission.activity.title if submission.activity_id else "")


def submission_received_notify(*, submission) -> int:
    """Tell the initiative's secretariat that a submission waits for their review."""
    secretariat = _secretariat(submission.initiative_id)
    languages = preferences_of(user_ids=secretariat)
    drafts = []
    for user_id in secretariat:
        if user_id == submission.submitted_by_id:
            continue
        with translation.override(languages[user_id].language):
            names = {
                "organisation": submission.organisation.name,
                "title": _title(submission),
                "initiative": submission.initiative.name,
                "kind": submission.get_kind_display().lower(),
            }
            subject = _("New proposal from %(organisation)s: %(title)s") % names
            text = _("%(organisation)s has sent a proposal for your review in %(initiative)s (%(kind)s): “%(title)s”.")
            text %= names
            if submission.note:
                text += "\n\n" + _("Their note: %(note)s") % {"note": submission.note}
        drafts.append(
            Draft(
                user_id=user_id,
                kind=Kind.SUBMISSIONS,
                key=f"submission:{submission.pk}:received",
                subject=subject,
                text=text,
                url=submission.get_absolute_url(),
                initiative_id=submission.initiative_id,
            )  # fmt: skip
        )
    return notifications_create(drafts=drafts)


def submission_reviewed_notify(*, submission) -> int:
    """Tell who sent the submission that the secretariat approved or returned it, with the secretariat's note."""
    approved, returned = submission.Status.APPROVED, submission.Status.RETURNED
    if submission.submitted_by_id is None or submission.status not in (approved, returned):
        return 0
    language = preferences_of(user_ids=[submission.submitted_by_id])[submission.submitted_by_id].language
    with translation.override(language):
        names = {"title": _title(submission), "initiative": submission.initiative.name}
        if submission.status == approved:
            subject = _("Your proposal is approved: %(title)s") % names
            text = _("The secretariat of %(initiative)s has approved your proposal “%(title)s”.") % names
        else:
            subject = _("Your proposal is returned: %(title)s") % names
            text = _("The secretariat of %(initiative)s has returned your proposal “%(title)s” to you.") % names
        if submission.review_note:
            text += "\n\n" + _("The secretariat's note: %(note)s") % {"note": submission.review_note}
    # approved: the activity it made or changed; returned: the proposal with the secretariat's note
    approved = submission.status == submission.Status.APPROVED and submission.activity_id
    url = submission.activity.get_absolute_url() if approved else submission.get_absolute_url()
    draft = Draft(
        user_id=submission.submitted_by_id,
        kind=Kind.SUBMISSIONS,
        key=f"submission:{submission.pk}:{submission.status}",
        subject=subject,
        text=text,
        url=url,
        initiative_id=submission.initiative_id,
    )
    return notifications_create(drafts=[draft])


def _secretariat(initiative_id) -> list[int]:
    return list(
        InitiativeRole.objects.filter(initiative_id=initiative_id, role=Role.SECRETARIAT).values_list(
            "user_id", flat=True
        )
    )


def idea_offered_notify(*, offer) -> int:
    """Tell the initiative's secretariat that an organisation offers to lead an idea, or to take part in it."""
    users = [user_id for user_id in _secretariat(offer.initiative_id) if user_id != offer.offered_by_id]
    languages = preferences_of(user_ids=users)
    drafts = []
    for user_id in users:
        with translation.override(languages[user_id].language):
            names = {"organisation": offer.organisation.name, "title": offer.idea.title,
                     "initiative": offer.initiative.name}  # fmt: skip
            if offer.part == offer.Part.LEAD:
                subject = _("%(organisation)s offers to lead an idea: %(title)s") % names
                text = _("%(organisation)s offers to lead the idea “%(title)s” in %(initiative)s. You can hand the "
                         "idea over on its page.") % names  # fmt: skip
            else:
                subject = _("%(organisation)s offers to take part in an idea: %(title)s") % names
                text = _("%(organisation)s offers to take part in the idea “%(title)s” in %(initiative)s.") % names
            if offer.note:
                text += "\n\n" + _("Message from the organisation: %(note)s") % {"note": offer.note}
        drafts.append(Draft(
            user_id=user_id, kind=Kind.SUBMISSIONS, key=f"idea-offer:{offer.pk}", subject=subject, text=text,
            url=offer.idea.get_absolute_url(), initiative_id=offer.initiative_id,
        ))  # fmt: skip
    return notifications_create(drafts=drafts)


def idea_handed_over_notify(*, idea) -> int:
    """Tell the people of the organisation that now leads the idea (linked on the roster, with a role) that it is
    theirs: a planned activity."""
    if idea.lead_id is None or idea.activity_id is None:
        return 0
    linked = users_of_organisations(initiative=idea.initiative, organisation_ids=[idea.lead_id]).get(
        idea.lead_id, set()
    )
    with_role = set(InitiativeRole.objects.filter(initiative_id=idea.initiative_id, user_id__in=linked)
                    .values_list("user_id", flat=True))  # fmt: skip
    languages = preferences_of(user_ids=sorted(with_role))
    drafts = []
    for user_id in sorted(with_role):
        with translation.override(languages[user_id].language):
            names = {"organisation": idea.lead.name, "title": idea.title, "initiative": idea.initiative.name}
            subject = _("%(organisation)s now leads: %(title)s") % names
            text = _(
                "The secretariat of %(initiative)s has handed the idea “%(title)s” over to %(organisation)s. "
                "It is now a planned activity that you lead; record your part in it under “Our organisation”."
            )
            text %= names
        drafts.append(Draft(
            user_id=user_id, kind=Kind.SUBMISSIONS, key=f"idea-handed-over:{idea.pk}", subject=subject, text=text,
            url=idea.activity.get_absolute_url(), initiative_id=idea.initiative_id,
        ))  # fmt: skip
    return notifications_create(drafts=drafts)
