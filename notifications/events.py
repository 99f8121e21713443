"""The notifications of single events: a report done or failed (to who asked for it), a submission received (to the
secretariat) and reviewed (to who sent it). Each event has its own key, so that a signal sent twice tells once."""

from django.utils import translation
from django.utils.translation import gettext as _

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
    secretariat = list(
        InitiativeRole.objects.filter(initiative_id=submission.initiative_id, role=Role.SECRETARIAT).values_list(
            "user_id", flat=True
        )
    )
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
