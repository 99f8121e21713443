from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The pages that gather from every app (the start page, the initiative's home) and the demo data.

    It is the top floor: it may read every app, and no app imports it.
    """

    name = "home"
    verbose_name = _("Start page")
