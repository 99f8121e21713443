"""The list, form, history and delete pages of the things an initiative keeps, authorised.

``core.crud`` has the pages, this module puts the initiative's authorisation in front of them: the view takes
the initiative's ``slug``, 404 for outsiders, 403 for a role that may not (``initiative_access``). Apps build
their pages on these classes, not on core's, which serve nobody on their own.
"""

from core import crud

from .permissions import Action, InitiativeMixin


class ScopedMixin(InitiativeMixin, crud.ScopedMixin):
    # Who may add and change these objects (evaluators write the evaluation's, the secretariat the rest).
    edit_access = Action.EDIT

    def may_edit(self) -> bool:
        return self.request.initiative_can[self.edit_access]  # type: ignore[attr-defined]  # set by _authorise


class ScopedListView(ScopedMixin, crud.ScopedListView):
    pass


class ScopedCreateView(ScopedMixin, crud.ScopedCreateView):
    initiative_access = Action.EDIT


class ScopedUpdateView(ScopedMixin, crud.ScopedUpdateView):
    initiative_access = Action.EDIT


class ScopedHistoryView(ScopedMixin, crud.ScopedHistoryView):
    pass


class ScopedDeleteView(ScopedMixin, crud.ScopedDeleteView):
    """Whoever may edit the object may delete it; without a list page of its kind, the initiative's home is next."""

    initiative_access = Action.EDIT
    after_delete = "initiatives:home"
