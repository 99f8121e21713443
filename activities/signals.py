"""What happens in the activity log that others may want to hear about (the notifications app listens).

Each is sent by a service once its transaction has committed (``transaction.on_commit``), so that a listener
never reads a change that was rolled back.
"""

from django.dispatch import Signal

# A member's submission was approved or returned: ``submission``.
submission_reviewed = Signal()
# A submission waits for review: ``submission``.
submission_received = Signal()
# An organisation offered to lead an idea or take part in it: ``offer``.
idea_offered = Signal()
# The secretariat handed an idea over to a lead; it is an activity now: ``idea``.
idea_handed_over = Signal()
