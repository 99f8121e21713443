"""The API's views: one viewset per kind of data (api/resources.py), the initiatives, and a report's files.

Every route below an initiative is authorised by ``initiative_for_user``, the helper the pages use, before
anything else is read: an outsider gets 404 whatever the route and the method, a role that may not write gets
403. Reads answer with an ETag made from the initiative's data version, so a client asks again with
``If-None-Match`` and gets 304 until something changes.
"""

import functools
import hashlib
import inspect

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from core.caching import release
from initiatives.models import Initiative
from initiatives.permissions import Action, initiative_for_user, role_allows
from initiatives.selectors import initiatives_for_user
from reports.models import ReportRequest
from reports.selectors import reports_readable

from .resources import KINDS, Kind
from .serializers import InitiativeSerializer, serializer_for

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class InitiativeScopedMixin:
    """Authorise the initiative of the address (``slug``) for what the method needs, before anything else."""

    kind: Kind
    initiative: Initiative
    role: str
    kwargs: dict

    def need(self, request) -> Action:
        if request.method in SAFE_METHODS:
            return Action.VIEW
        if self.kind.write is None:
            raise MethodNotAllowed(request.method)
        return self.kind.write

    def check_permissions(self, request):
        if not hasattr(self, request.method.lower()):
            return  # a method the route does not take: 405, whoever asks
        if request.user and request.user.is_authenticated:
            # an outsider learns nothing, not even that a read-only token could not write here
            try:
                self.initiative, self.role = initiative_for_user(
                    slug=self.kwargs["slug"], user=request.user, need=self.need(request)
                )
            except PermissionDenied:
                raise exceptions.PermissionDenied(_("Your role in the initiative does not allow this.")) from None
        super().check_permissions(request)  # type: ignore[misc]  # the viewset's, after this mixin

    def etag(self, request) -> str:
        scope = (self.initiative.data_version, release(), self.role, get_language(), request.get_full_path())
        return '"' + hashlib.sha256(repr(scope).encode()).hexdigest()[:40] + '"'

    def conditional(self, request, answer):
        """The answer, or 304 when the client holds it already (its ETag is the data version's). The answer's data
        is cached under its ETag and the address it was asked at (its links to other pages are absolute): asked
        again with nothing changed, no query, no count and no serializer runs (bench/api_list.py)."""
        if not self.kind.versioned:
            return answer()
        tag = self.etag(request)
        # a weak tag (W/"…", as a proxy may send it back) matches as well
        held = [value.strip().removeprefix("W/") for value in request.headers.get("If-None-Match", "").split(",")]
        if tag in held:
            response = Response(status=status.HTTP_304_NOT_MODIFIED)
        else:
            # only an address of the parameters the API reads is cached: made-up ones would fill the cache
            known = {*self.kind.filters, "page", "page_size"}
            cached = not set(request.query_params) - known
            key = "api:" + hashlib.sha256(repr((tag, request.build_absolute_uri())).encode()).hexdigest()[:40]
            data = cache.get(key) if cached else None
            if data is None:
                response = answer()
                if cached and response.status_code == status.HTTP_200_OK:
                    cache.set(key, response.data)
            else:
                response = Response(data)
        response["ETag"] = tag
        return response


@functools.cache
def _service_arguments(kind: Kind) -> set[str]:
    """The keyword arguments of the kind's service that carry a row's values (not who writes, nor the row)."""
    parameters = inspect.signature(kind.save).parameters  # type: ignore[arg-type]  # kinds that write have one
    return {
        name for name, parameter in parameters.items()
        if parameter.kind == parameter.KEYWORD_ONLY and name not in {"initiative", kind.name, kind.by}
    } | set(kind.writable)  # fmt: skip


class KindViewSet(InitiativeScopedMixin, viewsets.GenericViewSet):
    lookup_value_regex = r"[0-9]+"
    lookup_url_kwarg = "pk"

    def get_queryset(self):
        kind = self.kind
        if getattr(self, "swagger_fake_view", False):  # the schema asks what the rows are, with no initiative
            return kind.model._default_manager.none()
        rows = kind.model._default_manager.filter(initiative=self.initiative)
        many = [f.name for f in kind.model._meta.many_to_many if f.name in kind.fields]
        if many:
            rows = rows.prefetch_related(*many)
        return rows.order_by("pk")

    def get_object(self):
        pk = self.kwargs["pk"]
        return get_object_or_404(self.filter_queryset(self.get_queryset()), pk=pk)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["initiative"] = getattr(self, "initiative", None)
        return context

    def list(self, request, *args, **kwargs):
        def answer():
            rows = self.filter_queryset(self.get_queryset())
            page = self.paginate_queryset(rows)
            return self.get_paginated_response(self.get_serializer(page, many=True).data)

        return self.conditional(request, answer)

    def retrieve(self, request, *args, **kwargs):
        return self.conditional(request, lambda: Response(self.get_serializer(self.get_object()).data))

    def _save(self, serializer, current=None):
        """Write through the kind's service, as the pages do; its refusal is a 400 (api/errors.py)."""
        kind = self.kind
        values = dict(serializer.validated_data)
        if current is not None:
            changed = [name for name in kind.fixed if name in values and values[name] != getattr(current, name)]
            if changed:
                raise exceptions.ValidationError({name: [_("This cannot be changed once made.")] for name in changed})
            # what the request does not give stays as it is: the fields the API shows, and those the service takes
            # that the API does not show (a person's login, which the roster page sets)
            for name in _service_arguments(kind) - values.keys():
                if hasattr(current, name):
                    attribute = getattr(current, name)
                    values[name] = list(attribute.all()) if hasattr(attribute, "all") else attribute
        if kind.by:
            values[kind.by] = self.request.user
        assert kind.save is not None  # noqa: S101  # the routes offer writes only for kinds with a service
        serializer.instance = kind.save(initiative=self.initiative, **{kind.name: current}, **values)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self._save(serializer)
        return Response(serializer.data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        current = self.get_object()
        partial = kwargs.get("partial", False)
        serializer = self.get_serializer(current, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        self._save(serializer, current)
        return Response(serializer.data)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, *args, **kwargs):
        assert self.kind.delete is not None  # noqa: S101  # the routes offer DELETE only for kinds that have it
        self.kind.delete(obj=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ReportViewSet(KindViewSet):
    """Reports as their list shows them: members read the shared, finished ones; a synthesis only with a role in
    every initiative it covers."""

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ReportRequest.objects.none()
        may_report = role_allows(self.role, Action.REPORT)
        return (
            reports_readable(initiative=self.initiative, user=self.request.user, may_report=may_report)
            .prefetch_related("tracks")
            .order_by("pk")
        )

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF."),
            (200, DOCX): OpenApiResponse(OpenApiTypes.BINARY, description="The Word document."),
        },
    )
    def download(self, request, *args, fmt="pdf", **kwargs):
        """A finished report's PDF (``pdf``) or Word document (``docx``)."""
        report = self.get_object()
        file = {"pdf": report.output, "docx": report.document}[fmt]
        if report.status != ReportRequest.Status.DONE or not file:
            raise Http404
        try:
            handle = file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        name = report.filename if fmt == "pdf" else report.document_filename
        kind = "application/pdf" if fmt == "pdf" else DOCX
        return FileResponse(handle, as_attachment=True, filename=name, content_type=kind)


@extend_schema_view(
    list=extend_schema(summary="List the initiatives you hold a role in", tags=["initiatives"]),
    retrieve=extend_schema(summary="Read an initiative", tags=["initiatives"]),
)
class InitiativeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The initiatives the caller holds a role in, with that role."""

    serializer_class = InitiativeSerializer
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    filter_backends: list = []

    def get_queryset(self):
        return initiatives_for_user(user=self.request.user).order_by("pk")


def kind_viewset(kind: Kind) -> type[KindViewSet]:
    """The viewset of one kind: its serializer, its filters, the schema's words for it."""
    base = ReportViewSet if kind.model is ReportRequest else KindViewSet
    # the schema is in English, whatever the language of whoever asks for it first
    with override("en"):
        plural = str(kind.model._meta.verbose_name_plural)
        singular = str(kind.model._meta.verbose_name)
    one = f"{'an' if singular[:1] in 'aeiou' else 'a'} {singular}"
    documented = extend_schema_view(
        list=extend_schema(summary=f"List the {plural}", tags=[kind.path]),
        retrieve=extend_schema(summary=f"Read {one}", tags=[kind.path]),
        create=extend_schema(summary=f"Add {one}", tags=[kind.path]),
        update=extend_schema(summary=f"Change {one}", tags=[kind.path]),
        partial_update=extend_schema(summary=f"Change part of {one}", tags=[kind.path]),
        destroy=extend_schema(summary=f"Delete {one}", tags=[kind.path], responses={204: None}),
    )
    attributes = {
        "kind": kind,
        "serializer_class": serializer_for(kind),
        "filterset_fields": kind.filters,
        "__doc__": f"The initiative's {plural}.",
    }
    if kind.model is ReportRequest:
        attributes["download"] = extend_schema(tags=[kind.path], summary="Download a finished report")(base.download)
    return documented(type(f"{kind.model.__name__}ViewSet", (base,), attributes))


VIEWSETS = {kind.path: kind_viewset(kind) for kind in KINDS}
