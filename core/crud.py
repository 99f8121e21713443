"""Class-based views for the things an initiative keeps (tracks, organisations, meetings, …).

Every view authorises through ``InitiativeMixin`` first, and finds objects only among the initiative's own,
so an object of another initiative is 404 even to a user with rights there. The form receives the initiative
so that its choices (tracks, organisations, members) are the initiative's own too.
"""

import datetime
import functools
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponseRedirect
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from core import formats
from initiatives.permissions import Action, InitiativeMixin


def crud_urls(app: str, kind: str, *, detail: bool = False, list_name: str = "") -> dict[str, str]:
    """The URL names of a kind's pages, named ``<app>:<kind>_<page>`` (``list_name`` when its list is elsewhere)."""
    names = {page: f"{app}:{kind}_{page}" for page in ("list", "create", "update", "history")}
    if detail:
        names["detail"] = f"{app}:{kind}_detail"
    if list_name:
        names["list"] = f"{app}:{list_name}"
    return names


def field_label(model, field: str):
    """A model field's verbose name: the heading of its column."""
    return model._meta.get_field(field).verbose_name


class Column:
    """A column of a list page: a dotted attribute path, its heading, and whether it links to the object.

    Values come out in the reader's language: dates as 01.12.2026, numbers as 12.000 and 8,5. A column whose
    attribute names a year (``target_year``) prints it as it is (2019, not 2.019).
    """

    def __init__(self, path: str, heading, *, link: bool = False):
        self.path, self.heading, self.link = path, heading, link

    def raw(self, obj):
        """The attribute itself (for a field with choices, its label); None when a step of the path is None."""
        for part in self.path.split("."):
            if obj is None:
                return None
            obj = _display(obj, part)
        return obj

    def value(self, obj):
        obj = self.raw(obj)
        if isinstance(obj, datetime.datetime):
            return formats.short_datetime(obj)
        if isinstance(obj, datetime.date):
            return formats.short_date(obj)
        if isinstance(obj, int | float | Decimal) and not isinstance(obj, bool):
            return str(obj) if self.path.endswith("year") else formats.number(obj)
        return "" if obj is None else obj


def _display(obj, part: str):
    """The attribute, or for a field with choices its label (what ``get_FOO_display`` gives, without its cost)."""
    try:
        field = obj._meta.get_field(part)
    except (AttributeError, FieldDoesNotExist):
        return getattr(obj, part)
    if not field.choices:
        return getattr(obj, part)
    value = getattr(obj, field.attname)
    return _choice_labels(type(obj), part, get_language()).get(value, value)


@functools.cache
def _choice_labels(model, field: str, language: str) -> dict:
    # a list page shows the same few labels on every row: translate each once (per language), not once a cell
    return {value: str(label) for value, label in model._meta.get_field(field).flatchoices}


class ScopedMixin(InitiativeMixin):
    model = None
    # Who may add and change these objects (evaluators write the evaluation's, the secretariat the rest).
    edit_access = Action.EDIT
    # Which pages exist for this kind of object, as URL names in the app's namespace.
    url_names: dict[str, str] = {}

    def get_queryset(self):
        return self.model._default_manager.filter(initiative=self.initiative)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            model_meta=self.model._meta,
            url_names=self.url_names,
            can_edit=self.request.initiative_can[self.edit_access],
            **kwargs,
        )


class CappedPaginator(Paginator):
    """Counts at most ``cap`` objects: a count reads every match, and past ten thousand nobody pages on.

    Beyond the cap the list says "more than 10,000" and offers its first pages; filters narrow it down.
    """

    cap = 10_000

    @cached_property
    def counted(self) -> int:
        """How many objects there are, counting no further than one past the cap."""
        head = self.object_list[: self.cap + 1]
        return len(head) if isinstance(head, list) else head.count()

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.cap)

    @property
    def capped(self) -> bool:
        return self.counted > self.cap


class ScopedListView(ScopedMixin, ListView):
    template_name = "core/crud/list.html"
    paginate_by = 25
    paginator_class = CappedPaginator
    columns: list[Column] = []
    filterset_class = None
    select_related: tuple[str, ...] = ()

    def get_queryset(self):
        # the initiative too: each row links to its object, whose address names the initiative
        queryset = super().get_queryset().select_related("initiative", *self.select_related)
        self.filterset = None
        if self.filterset_class:
            self.filterset = self.filterset_class(self.request.GET, queryset=queryset, initiative=self.initiative)
            queryset = self.filterset.qs if self.filterset.is_valid() else queryset.none()
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(columns=self.columns, filterset=self.filterset, **kwargs)
        context["rows"] = [(obj, [column.value(obj) for column in self.columns]) for obj in context["object_list"]]
        return context


class ScopedFormMixin(ScopedMixin):
    initiative_access = Action.EDIT
    template_name = "core/crud/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "initiative": self.initiative}

    def form_valid(self, form):
        with transaction.atomic():
            self.object = form.save()
        messages.success(self.request, _("Saved: %(object)s") % {"object": self.object})
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return self.object.get_absolute_url()


class ScopedCreateView(ScopedFormMixin, CreateView):
    pass


class ScopedUpdateView(ScopedFormMixin, UpdateView):
    pass


class ScopedHistoryView(ScopedMixin, DetailView):
    """Who changed what, when: each recorded version against the one before."""

    template_name = "core/crud/history.html"

    def get_context_data(self, **kwargs):
        records = list(self.object.history.select_related("history_user").order_by("-history_date", "-history_id"))
        changes = []
        for newer, older in zip(records, [*records[1:], None], strict=True):
            diff = newer.diff_against(older, foreign_keys_are_objs=True).changes if older else []
            if older and not diff:
                continue  # a save that changed nothing
            changes.append({"record": newer, "changes": [_field_change(self.model, change) for change in diff]})
        return super().get_context_data(changes=changes, **kwargs)


def _field_change(model, change) -> dict:
    field = model._meta.get_field(change.field)
    old, new = change.old, change.new
    if field.many_to_many:
        # simple-history gives the through rows: show the related objects, e.g. who attended
        target = field.m2m_reverse_field_name()
        old, new = (", ".join(str(row[target]) for row in value or []) for value in (old, new))
    elif getattr(field, "choices", None):
        labels = dict(field.flatchoices)
        old, new = labels.get(old, old), labels.get(new, new)
    else:
        old, new = (_readable(field, value) for value in (old, new))
    return {"field": field.verbose_name, "old": old, "new": new}


def _readable(field, value):
    """A recorded value as a list shows it: dates as 01.12.2026, amounts as 12.000 and 8,5, a year as 2019."""
    if isinstance(value, datetime.datetime):
        return formats.short_datetime(value)
    if isinstance(value, datetime.date):
        return formats.short_date(value)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value) if field.name.endswith("year") else formats.number(value)
    return value
