"""Pages of rows: ``?page=2&page_size=100``; a page size above API_MAX_PAGE_SIZE is refused, not cut silently."""

import re

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError


class Pages(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"

    @property
    def max_page_size(self):  # a setting, read when asked
        return settings.API_MAX_PAGE_SIZE

    def get_page_size(self, request):
        asked = request.query_params.get(self.page_size_query_param)
        if asked is None:
            return self.page_size
        if not re.fullmatch(r"[0-9]{1,9}", asked) or not 1 <= int(asked) <= self.max_page_size:
            raise ValidationError(
                {"page_size": _("Give a whole number from 1 to %(most)s.") % {"most": self.max_page_size}}
            )
        return int(asked)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters
