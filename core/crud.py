"""Class-based views for the things an initiative keeps (tracks, organisations, meetings, …).

Every view finds objects only among the initiative's own, so an object of another initiative is 404 even to a
user with rights there. The form receives the initiative so that its choices (tracks, organisations, members)
are the initiative's own too.

Who may see and change what is the initiatives app's business, and core imports no domain app: the views to
build on are ``initiatives.crud``'s, which put its authorisation (``InitiativeMixin``) in front of these.
"""

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import QuerySet
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, ListView, UpdateView
from django_filters import FilterSet
from simple_history.models import DeletedObject

from core import formats
from core.forms import errors_onto
from core.numbers import format_decimal
from core.typing import FormViewMixin, ViewMixin

from .services import deletion_preview, object_delete

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # a development dependency: for the type checker only


def crud_urls(app: str, kind: str, *, detail: bool = False, list_name: str = "") -> dict[str, str]:
    """The URL names of a kind's pages, named ``<app>:<kind>_<page>`` (``list_name`` when its list is elsewhere)."""
    names = {page: f"{app}:{kind}_{page}" for page in ("list", "create", "update", "history", "delete")}
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
    return _choice_labels(type(obj), part, get_language()).get(value, value)  # type: ignore[arg-type]  # a class is hashable


@functools.cache
def _choice_labels(model, field: str, language: str) -> dict:
    # a list page shows the same few labels on every row: translate each once (per language), not once a cell
    return {value: str(label) for value, label in model._meta.get_field(field).flatchoices}


class ScopedMixin(ViewMixin):
    """A view of one kind of object of ``self.initiative``, which an authorising mixin in front has set."""

    model: Any = None  # the kind's model class (Any: Django's list and detail views each type it their way)
    initiative: Any  # set by the authorising mixin (core knows no initiative model)
    # Which pages exist for this kind of object, as URL names in the app's namespace.
    url_names: dict[str, str] = {}

    def dispatch(self, request, *args, **kwargs):
        # a view built on these bases alone would authorise nobody: refuse to serve it at all
        if not hasattr(self, "initiative"):
            raise ImproperlyConfigured(f"{type(self).__name__} does not authorise: build it on initiatives.crud")
        return super().dispatch(request, *args, **kwargs)

    def may_edit(self) -> bool:
        """Whether the user may add and change these objects: the authorising mixin knows."""
        raise NotImplementedError

    def get_queryset(self):
        return self.model._default_manager.filter(initiative=self.initiative)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            model_meta=self.model._meta, url_names=self.url_names, can_edit=self.may_edit(), **kwargs
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
        return len(head) if isinstance(head, list) else cast(QuerySet, head).count()

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.cap)

    @property
    def capped(self) -> bool:
        return self.counted > self.cap


class ScopedListView(ScopedMixin, ListView):
    template_name = "core/crud/list.html"
    paginate_by: int | None = 25
    paginator_class = CappedPaginator
    columns: list[Column] = []
    filterset_class: type[FilterSet] | None = None
    select_related: tuple[str, ...] = ()
    # With no rows: the link to the create page for those who may add ("Add <kind>" when not set), and a
    # sentence for readers after "There are no <kinds> yet." (core/crud/empty.html)
    empty_action: "StrOrPromise | None" = None
    empty_reader: "StrOrPromise | None" = None

    def get_queryset(self):
        # not the initiative: every row's is the page's (get_context_data gives it to each row)
        queryset = super().get_queryset()
        if self.select_related:  # select_related() with no names would follow every foreign key
            queryset = queryset.select_related(*self.select_related)
        self.filterset = None
        if self.filterset_class:
            self.filterset = self.filterset_class(self.request.GET, queryset=queryset, initiative=self.initiative)
            if self._asked(self.filterset):
                queryset = self.filterset.qs if self.filterset.is_valid() else queryset.none()
        return queryset

    def paginate_queryset(self, queryset, page_size):
        """As Django's, but a page number out of range or no number at all shows the nearest page (the last, or the
        first) instead of a 404: an old link to page 40 of a list that shrank still lands on the list."""
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=self.get_allow_empty())
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def _asked(self, filterset: FilterSet) -> bool:
        """Whether the query string holds a parameter of the filter set: with none it would filter nothing, and is
        not validated. A filter's fields may add to its name ("starts_on_after", "hours_min")."""
        prefix = f"{filterset.form_prefix}-" if filterset.form_prefix else ""
        names = [prefix + name for name in filterset.filters]
        return any(key.startswith(name) for key in self.request.GET for name in names)

    def detail_link(self) -> Callable[[Any], str] | None:
        """The address of a row's detail page: from one address reversed for the page, not one reverse() a row."""
        if "detail" not in self.url_names:
            return None
        marker = 2_147_483_647  # an id the address's converter takes, replaced by each row's
        try:
            address = reverse(self.url_names["detail"], kwargs={"slug": self.initiative.slug, "pk": marker})
        except NoReverseMatch:  # a detail page addressed otherwise: each row's own
            return lambda obj: obj.get_absolute_url()
        head, _, tail = address.rpartition(str(marker))  # the last: the id comes after the slug
        return lambda obj: f"{head}{obj.pk}{tail}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            columns=self.columns,
            filterset=self.filterset,
            empty_action=self.empty_action,
            empty_reader=self.empty_reader,
            **kwargs,
        )
        rows = []
        link = self.detail_link()
        for obj in context["object_list"]:
            if getattr(obj, "initiative_id", None) == self.initiative.pk:
                obj.initiative = self.initiative  # each row links to its object, whose address names the initiative
            if link:
                obj.detail_url = link(obj)
            rows.append((obj, [column.value(obj) for column in self.columns]))
        context["rows"] = rows
        return context


class ScopedFormMixin(ScopedMixin, FormViewMixin):
    template_name: str | None = "core/crud/form.html"
    object: Any

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "initiative": self.initiative}

    # The app's service that writes this kind (``organisation_save``): called with the initiative, the object being
    # changed under the model's name (None for a new one) and the form's values (``service_values``). The form only
    # reads what was typed; the service checks every rule, and its refusal lands on the form's fields.
    save_service: Callable[..., models.Model] | None = None

    def service_values(self, form) -> dict:
        """The form's values for the service: its model fields, as parsed. A view adds what its form only shows."""
        return {name: form.cleaned_data[name] for name in form._meta.fields if name in form.cleaned_data}

    def form_valid(self, form):
        service = type(self).save_service
        if service is None:
            raise ImproperlyConfigured(f"{type(self).__name__} names no save_service")
        current = self.object if getattr(self, "object", None) is not None else None
        try:
            self.object = service(
                initiative=self.initiative, **{self.model._meta.model_name: current}, **self.service_values(form)
            )
        except ValidationError as error:
            errors_onto(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved: %(object)s") % {"object": self.object})
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return self.object.get_absolute_url()


class ScopedCreateView(ScopedFormMixin, CreateView):
    pass


class ScopedUpdateView(ScopedFormMixin, UpdateView):
    pass


@dataclass(frozen=True)
class HistoryPart:
    """Rows that are part of an object, whose changes belong to its history (an activity's organisations)."""

    model: Any  # a model with a history (simple-history adds the manager the stubs do not know)
    parent: str  # the field of the row that names the object
    name: str  # the field that names the row in the history ("Meyers Madhus")


def delete_page(request, initiative, obj, *, after: str, cancel: str, delete=None, preview=None):
    """The confirmation page of a deletion: GET says what goes with the object, POST deletes it all.

    The POST must carry the page's ``confirm=yes`` (as the admin's carries ``post=yes``): any other POST shows the
    page again, so that nothing but the page's own button deletes.

    ``delete(obj=…, by=…)`` is the service that deletes (``object_delete`` unless the app has a rule of its own),
    ``preview(obj=…)`` says what it would take with it or raises ``ValidationError`` when it may not; ``after``
    is where to go once it is done, ``cancel`` where the page's cancel link leads.
    """
    delete = delete or object_delete
    preview = preview or deletion_preview
    refusal, consequences, status = None, None, 200
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        label = str(obj)
        try:
            delete(obj=obj, by=request.user)
        except ValidationError as error:
            refusal, status = error, 400
        else:
            messages.success(
                request,
                _("Deleted: %(object)s. The secretariat can restore it from the deleted items for %(days)d days.")
                % {"object": label, "days": settings.DELETED_ITEMS_KEEP_DAYS},
            )
            return redirect(after)
    if refusal is None:
        try:
            consequences = preview(obj=obj)
        except ValidationError as error:
            refusal = error
    context = {
        "initiative": initiative, "object": obj, "model_meta": obj._meta, "consequences": consequences,
        "refusal": refusal, "cancel_url": cancel, "keep_days": settings.DELETED_ITEMS_KEEP_DAYS,
    }  # fmt: skip
    return render(request, "core/crud/delete.html", context, status=status)


class ScopedDeleteView(ScopedMixin, DetailView):
    """Delete one object after the confirmation page (``delete_page``)."""

    http_method_names = ["get", "head", "post"]
    # The app's service when it has a rule of its own (``report_delete``), else the generic one.
    delete_service = None
    # Where to go after deleting when the kind has no list page: a URL name taking the initiative's slug.
    after_delete = ""

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return delete_page(request, self.initiative, self.object, after=self.get_success_url(),
                           cancel=self.get_cancel_url(), delete=type(self).delete_service)  # fmt: skip

    post = get

    def get_success_url(self) -> str:
        name = self.url_names.get("list") or self.after_delete
        return reverse(name, kwargs={"slug": self.initiative.slug})

    def get_cancel_url(self) -> str:
        if self.url_names.get("update"):
            return reverse(self.url_names["update"], kwargs={"slug": self.initiative.slug, "pk": self.object.pk})
        return self.get_success_url()


class ScopedHistoryView(ScopedMixin, DetailView):
    """Who changed what, when: each recorded version against the one before, its parts' changes among them."""

    template_name = "core/crud/history.html"
    parts: tuple[HistoryPart, ...] = ()

    def get_context_data(self, **kwargs):
        records = list(self.object.history.select_related("history_user").order_by("-history_date", "-history_id"))
        changes = []
        for newer, older in zip(records, [*records[1:], None], strict=True):
            diff = newer.diff_against(older, foreign_keys_are_objs=True).changes if older else []
            if older and not diff and newer.history_type == "~":
                continue  # a save that changed nothing (a deletion or a restoring is shown all the same)
            changes.append({"record": newer, "changes": [_field_change(self.model, change) for change in diff]})
        for part in self.parts:
            changes.extend(_part_changes(part, self.object))
        changes.sort(key=lambda entry: entry["record"].history_date, reverse=True)
        return super().get_context_data(changes=changes, **kwargs)


def _part_changes(part: HistoryPart, obj) -> list[dict]:
    """Each recorded version of the object's parts: added (with its values), changed (what), removed (what it had)."""
    left_out = {"id", "initiative", part.parent}
    fields = [field for field in part.model._meta.fields if field.editable and field.name not in left_out]
    order = {field.name: index for index, field in enumerate(fields)}
    records = (
        part.model.history.filter(**{f"{part.parent}_id": obj.pk})
        .select_related("history_user", part.name)
        .order_by("history_date", "history_id")
    )
    entries: list[dict] = []
    last: dict[int, Any] = {}
    for record in records:
        older = last.get(record.id)
        last[record.id] = record
        if record.history_type == "~" and older is not None:
            diff = record.diff_against(older, excluded_fields=left_out, foreign_keys_are_objs=True).changes
            if not diff:
                continue
            changes = [_field_change(part.model, change) for change in sorted(diff, key=lambda c: order[c.field])]
        else:
            # the heading names the row: its values follow
            values = [
                (field, _shown(field, getattr(record, field.name))) for field in fields if field.name != part.name
            ]
            values = [(field, value) for field, value in values if value not in (None, "")]
            removed = record.history_type == "-"
            changes = [
                {"field": field.verbose_name, "old": value if removed else None, "new": None if removed else value}
                for field, value in values
            ]
        name = getattr(record, part.name) or getattr(record, f"{part.name}_id")
        entries.append({"record": record, "part": part.model._meta.verbose_name, "name": name, "changes": changes})
    return entries


def _shown(field, value):
    """A value as the history shows it: a choice by its label, a decimal the way the language writes it, an
    empty reference as nothing (simple-history gives it as a deleted object "pk=None")."""
    if isinstance(value, DeletedObject):
        return "" if value.pk is None else _("Deleted %(kind)s") % {"kind": value.model._meta.verbose_name}
    if getattr(field, "choices", None):
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, Decimal):
        # kroner keep their øre ("1.250,50"); other decimals show the places they have ("8,5", "2,25")
        return format_decimal(value, places=2 if field.name == "money" else None)
    return _readable(field, value)


def _field_change(model, change) -> dict:
    field = model._meta.get_field(change.field)
    old, new = change.old, change.new
    if field.many_to_many:
        # simple-history gives the through rows: show the related objects, e.g. who attended
        target = field.m2m_reverse_field_name()
        old, new = (", ".join(str(row[target]) for row in value or []) for value in (old, new))
    else:
        old, new = _shown(field, old), _shown(field, new)
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
