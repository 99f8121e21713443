"""The API's reference for people, read off the same OpenAPI schema that /api/schema/ serves to tools.

``reference()`` turns the schema into a few plain rows a template can draw: the kinds of data (the schema's tags),
each with its operations, and each operation's parameters, request body fields and answers. The schema is the same
for everyone and changes only with a release, so it is built once per process, always in English (its own texts,
the summaries and the fields' descriptions, are English; the page around it is translated).
"""

import functools
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from django.utils import translation
from drf_spectacular.generators import SchemaGenerator

from initiatives.models import Initiative

from .resources import KINDS

METHODS = ("get", "post", "put", "patch", "delete")
# formats that say nothing a reader needs (the size of an integer)
QUIET_FORMATS = {"int32", "int64"}
BIGGEST = 2**31  # a bound above this is the database's limit, not a rule worth reading


@dataclass(frozen=True)
class Field:
    """A parameter or a field of a request body."""

    name: str
    type: str
    required: bool
    where: str = ""  # a parameter's place: "path" or "query"
    values: tuple[str, ...] = ()  # the allowed values, when they are a fixed set
    max_length: int | None = None
    minimum: int | float | None = None
    maximum: int | float | None = None
    nullable: bool = False  # null is allowed
    blank: bool = False  # the empty string is allowed beside the values
    description: str = ""

    @property
    def has_details(self) -> bool:
        return bool(
            self.values or self.blank or self.nullable or self.max_length or self.description
            or self.minimum is not None or self.maximum is not None
        )  # fmt: skip


@dataclass(frozen=True)
class Answer:
    code: str
    phrase: str  # the status's English name ("Created")
    description: str
    media: tuple[str, ...]  # what it sends besides JSON (a PDF)


@dataclass(frozen=True)
class Operation:
    anchor: str
    method: str  # "GET"
    path: str
    summary: str
    parameters: tuple[Field, ...]
    body: tuple[Field, ...]
    answers: tuple[Answer, ...]

    @property
    def path_parts(self) -> list[str]:
        """The path in pieces that each end in a slash: a narrow screen breaks the line between them."""
        return [f"{part}/" for part in self.path.strip("/").split("/")]


@dataclass(frozen=True)
class Group:
    """A kind of data (a tag of the schema) and what can be done with it."""

    tag: str
    label: Any  # the model's translated plural name, lazy
    operations: tuple[Operation, ...]

    @property
    def anchor(self) -> str:
        return f"kind-{self.tag}"


class _Schema:
    def __init__(self, schema: dict):
        self.schema = schema
        self.components = schema.get("components", {}).get("schemas", {})

    def resolve(self, node: dict) -> dict:
        """A node with its ``$ref`` (and a lone ``allOf``) replaced by what they point to, the node's own keys kept."""
        while True:
            if "$ref" in node:
                target = self.components[node["$ref"].rsplit("/", 1)[-1]]
                node = {**target, **{key: value for key, value in node.items() if key != "$ref"}}
            elif len(node.get("allOf", ())) == 1:
                inner = node["allOf"][0]
                node = {**inner, **{key: value for key, value in node.items() if key != "allOf"}}
            else:
                return node

    def field(self, name: str, node: dict, *, required: bool, where: str = "", description: str = "") -> Field:
        node = self.resolve(node)
        nullable = bool(node.get("nullable"))
        blank = False
        if "oneOf" in node:  # a choice that may also be blank or null, or a text that may be empty
            kept = []
            for option in map(self.resolve, node["oneOf"]):
                if option.get("enum") == [""] or option.get("maxLength") == 0:
                    blank = True
                elif option.get("enum") == [None]:
                    nullable = True
                else:
                    kept.append(option)
            if len(kept) == 1:
                node = {**kept[0], **{key: value for key, value in node.items() if key != "oneOf"}}
        kind = node.get("type", "")
        values = node.get("enum", ())
        if kind == "array":
            items = self.resolve(node.get("items", {}))
            kind = f"array of {_type_name(items)}"
            values = items.get("enum", ())
        else:
            kind = _type_name(node)
        blank = blank or "" in values
        nullable = nullable or None in values
        described = description or node.get("description", "")
        if described.startswith("* `"):  # the choices' generated list: the values say it
            described = ""
        maximum = node.get("maximum")
        return Field(
            name=name,
            type=kind,
            required=required,
            where=where,
            values=tuple(str(value) for value in values if value not in ("", None)),
            max_length=node.get("maxLength"),
            minimum=node.get("minimum"),
            maximum=maximum if maximum is not None and maximum < BIGGEST else None,
            nullable=nullable,
            blank=blank,
            description=described,
        )

    def operation(self, path: str, method: str, spec: dict) -> Operation:
        parameters = sorted(spec.get("parameters", ()), key=lambda p: (p["in"] != "path", p["name"]))
        body: tuple[Field, ...] = ()
        content = spec.get("requestBody", {}).get("content", {})
        if "application/json" in content:
            schema = self.resolve(content["application/json"]["schema"])
            required = set(schema.get("required", ()))
            body = tuple(
                self.field(name, node, required=name in required)
                for name, node in schema.get("properties", {}).items()
                if not self.resolve(node).get("readOnly")
            )
        answers = tuple(
            Answer(
                code=code,
                phrase=HTTPStatus(int(code)).phrase,
                description="" if answer.get("description") == "No response body" else answer.get("description", ""),
                media=tuple(media for media in answer.get("content", {}) if media != "application/json"),
            )
            for code, answer in spec.get("responses", {}).items()
        )
        return Operation(
            anchor=spec["operationId"],
            method=method.upper(),
            path=path,
            summary=spec.get("summary", ""),
            parameters=tuple(
                self.field(
                    p["name"],
                    p.get("schema", {}),
                    required=bool(p.get("required")),
                    where=p["in"],
                    description=p.get("description", ""),
                )  # fmt: skip
                for p in parameters
            ),
            body=body,
            answers=answers,
        )


def _type_name(node: dict) -> str:
    kind = node.get("type", "")
    form = node.get("format")
    return f"{kind} ({form})" if form and form not in QUIET_FORMATS else kind


def groups_of(schema: dict) -> tuple[Group, ...]:
    """The schema's operations by tag, the initiatives first and then the kinds in the order of ``KINDS``."""
    reader = _Schema(schema)
    by_tag: dict[str, list[Operation]] = {}
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                spec = item[method]
                for tag in spec.get("tags", ("other",)):
                    by_tag.setdefault(tag, []).append(reader.operation(path, method, spec))
    labels = {"initiatives": Initiative._meta.verbose_name_plural} | {
        kind.path: kind.model._meta.verbose_name_plural for kind in KINDS
    }
    order = list(labels)
    tags = sorted(by_tag, key=lambda tag: (order.index(tag) if tag in order else len(order), tag))
    return tuple(Group(tag=tag, label=labels.get(tag, tag), operations=tuple(by_tag[tag])) for tag in tags)


@functools.cache
def reference() -> tuple[Group, ...]:
    """The reference, built from the schema once per process (a release changes it; a restart comes with it)."""
    with translation.override("en"):
        schema = SchemaGenerator().get_schema(request=None, public=True)
    return groups_of(schema)
