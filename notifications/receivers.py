"""The events of other apps that notifications hears of (each sent once its change is committed)."""

from django.dispatch import receiver

from activities.signals import submission_received, submission_reviewed
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
