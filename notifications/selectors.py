"""What notifications reads: a user's notifications and everyone's mail preferences."""

from django.db.models import QuerySet

from accounts.selectors import invitation_languages

from .models import DEFAULT_LANGUAGE, Notification, Preferences


def notifications_for(*, user) -> QuerySet[Notification]:
    """The user's notifications, newest first, with their initiative."""
    return Notification.objects.filter(user=user).select_related("initiative").order_by("-created_at", "-pk")


def unread_count(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def preferences_of(*, user_ids) -> dict[int, Preferences]:
    """Each user's preferences (two queries, however many users). A user who never saved any has the defaults:
    every kind by mail, in the language of their latest accepted invitation, else Danish."""
    user_ids = list(user_ids)
    found = {preferences.user_id: preferences for preferences in Preferences.objects.filter(user__in=user_ids)}
    missing = [user_id for user_id in user_ids if user_id not in found]
    if missing:
        languages = invitation_languages(user_ids=missing)
        for user_id in missing:
            found[user_id] = Preferences(user_id=user_id, language=languages.get(user_id, DEFAULT_LANGUAGE))
    return found


def preferences_for(*, user) -> Preferences:
    return preferences_of(user_ids=[user.pk])[user.pk]
