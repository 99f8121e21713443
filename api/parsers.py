"""JSON bodies: DRF's parser, with an answer for a body nested too deep to read (a RecursionError otherwise)."""

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("The JSON is nested too deep to read.")) from None
        except ParseError:
            raise ParseError(_("The body is not valid JSON.")) from None
