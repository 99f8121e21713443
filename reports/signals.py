"""What happens to reports that others may want to hear about (the notifications app listens)."""

from django.dispatch import Signal

# A report's job ended, done or failed for good: ``report``. Sent once the change is committed.
report_finished = Signal()
