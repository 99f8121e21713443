"""An access export lists everything the platform holds about a person, as a page and as JSON."""

import json

from django.test import Client
from django.urls import reverse

from home.demo import demo_load
from initiatives.models import Initiative
from privacy.models import PrivacyEvent
from privacy.services import person_access_data


def test_the_access_export_of_a_demo_person_lists_everything(db):
    demo_load()
    initiative = Initiative.objects.get(slug="lejre-dig")
    person = initiative.people.filter(memberships__isnull=False, memberships__meetings__isnull=False).first()
    sections = {section.key: section for section in person_access_data(person=person)}
    assert sections["person"].rows[0]["name"] == person.name
    assert len(sections["memberships"].rows) == person.memberships.count()
    assert len(sections["meetings"].rows) == person.memberships.first().meetings.count() > 0
    assert len(sections["person_history"].rows) == person.history.count() > 0
    secretariat = initiative.roles.filter(role="secretariat").first().user
    client = Client(headers={"accept-language": "da"})
    client.force_login(secretariat)
    url = reverse("privacy:person_access_json", kwargs={"slug": initiative.slug, "pk": person.pk})
    data = json.loads(client.get(url).content)
    assert data["sections"]["person"]["rows"][0]["email"] == person.email
    assert set(data["sections"]) == set(sections)
    page = client.get(reverse("privacy:person_access", kwargs={"slug": initiative.slug, "pk": person.pk}))
    assert page.status_code == 200
    assert person.name in page.content.decode()
    # logged once a day, by number: opened and downloaded again, no new entry
    client.get(url)
    logged = PrivacyEvent.objects.get(kind=PrivacyEvent.Kind.ACCESS, initiative=initiative)
    assert logged.by == secretariat
    assert person.name not in logged.subject
    # the page says why and for how long, and where to complain
    assert "Datatilsynet" in page.content.decode()
