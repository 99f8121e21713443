"""The events of other apps that notifications hears of (each sent once its change is committed)."""

from django.dispatch import receiver

from activities.signals import idea_handed_over, idea_offered, submission_received, submission_reviewed
from reports.signals import report_finished

from . import events


@receiver(report_finished, dispatch_uid="notifications.report_finished")
def _report_finished(sender, *, report, **kwargs):
    events.report_finished_notify(report=report)


@receiver(submission_received, dispatch_uid="notifications.submission_received")
def _submission_received(sender, *, submission, **kwargs):
    events.submission_received_notify(submission=submission)


@receiver(submission_reviewed, dispatch_uid="notifications.submission_reviewed")
def _submission_reviewed(sender, *, submission, **kwargs):
    events.submission_reviewed_notify(submission=submission)


@receiver(idea_offered, dispatch_uid="notifications.idea_offered")
def _idea_offered(sender, *, offer, **kwargs):
    events.idea_offered_notify(offer=offer)


@receiver(idea_handed_over, dispatch_uid="notifications.idea_handed_over")
def _idea_handed_over(sender, *, idea, **kwargs):
    events.idea_handed_over_notify(idea=idea)
