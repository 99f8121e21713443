"""The API's documentation page: how to begin, and the reference drawn on the server from the OpenAPI schema."""

import re

from django.urls import reverse

from api.reference import reference
from api.resources import KINDS


def test_the_documentation_names_every_kind_and_shows_how_to_begin(world, client):
    # given a member who is logged in
    client.force_login(world.member)
    # when they open the API's documentation page in English
    response = client.get(reverse("api_docs"), headers={"accept-language": "en"})
    # then it shows the curl line with a token and the schema's address for tools
    assert response.status_code == 200
    html = response.content.decode()
    assert 'curl -H "Authorization: Bearer cip_…" http://testserver/api/v1/initiatives/' in html
    assert f'href="{reverse("api:schema")}"' in html
    # and a heading with its operations for every kind, linked from the contents
    for tag in ("initiatives", *(kind.path for kind in KINDS)):
        assert f'<a href="#kind-{tag}">' in html, tag
        assert f'id="kind-{tag}"' in html, tag
    text = re.sub(r"<[^>]+>", "", html)
    for kind in KINDS:
        assert f"GET /api/v1/initiatives/{{slug}}/{kind.path}/\n" in text, kind.path
    # and no Swagger UI
    assert "swagger" not in html.lower()


def test_the_reference_lists_a_kinds_filters_and_the_writable_fields_of_its_body():
    # given the reference built from the schema
    groups = {group.tag: group for group in reference()}
    assert list(groups) == ["initiatives", *(kind.path for kind in KINDS)]
    operations = {(operation.method, operation.path): operation for operation in groups["activities"].operations}
    # then the activities' list documents its filters and pages, with the allowed statuses
    listing = operations["GET", "/api/v1/initiatives/{slug}/activities/"]
    parameters = {field.name: field for field in listing.parameters}
    assert {"slug", "status", "track", "page", "page_size"} <= set(parameters)
    assert parameters["slug"].where == "path"
    assert parameters["slug"].required
    assert parameters["status"].values == ("anchored", "completed", "idea", "planned", "running", "stopped")
    assert (parameters["page_size"].minimum, parameters["page_size"].maximum) == (1, 500)
    assert [answer.code for answer in listing.answers] == ["200"]
    # and adding one documents the fields a program sends, not those the server keeps (id, key, times)
    body = {field.name: field for field in operations["POST", "/api/v1/initiatives/{slug}/activities/"].body}
    assert {"id", "key", "created_at", "updated_at"}.isdisjoint(body)
    assert body["title"].required
    assert body["title"].max_length == 200
    assert not body["track"].required
    assert body["track"].nullable
    assert body["starts_on"].type == "string (date)"
    # and a choice referred to in the components is resolved to its values
    assert body["involvement"].values == ("none", "consulted", "co_designed", "co_led")
    # and a download names what it sends
    pdf = {operation.path: operation for operation in groups["reports"].operations}[
        "/api/v1/initiatives/{slug}/reports/{id}/pdf/"
    ]
    assert pdf.answers[0].media == (
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
