"""A working day under load: members reading the initiative's pages while the secretariat writes to its log.

Run by bench/load.py, which prepares the users and the server and reads the figures; not on its own. Each simulated
user takes a login from the file named by ``BENCH_LOGINS`` (a session cookie, and for the secretariat an API token
that may write). Members read the dashboard, the figures page, the comparison, the home page and the activity
list; the secretariat adds activities through the API (each with a title no other write has) and reads the same
pages, which then come fresh from a changed initiative. Every user also asks for the trivial view, the baseline.
"""

import itertools
import json
import os
import uuid

from locust import HttpUser, between, task

LOGINS = json.loads(open(os.environ["BENCH_LOGINS"]).read())  # noqa: SIM115 - read once at start
SLUG = LOGINS["slug"]
_members = itertools.cycle(LOGINS["members"])
_secretariat = itertools.cycle(LOGINS["secretariat"])
PAGES = {
    "dashboard": f"/i/{SLUG}/dashboard/",
    "figures page": f"/i/{SLUG}/activities/figures/",
    "comparison": "/compare/",
    "home page": f"/i/{SLUG}/",
    "activity list": f"/i/{SLUG}/activities/",
}


class Reader(HttpUser):
    """A member of the alliance, reading."""

    weight = 4
    wait_time = between(0.5, 2)

    def on_start(self):
        self.client.cookies.set("sessionid", next(_members)["session"])

    def page(self, name: str) -> None:
        self.client.get(PAGES[name], name=name)

    @task(2)
    def trivial(self):
        self.client.get("/bench/trivial/", name="trivial view")

    @task(3)
    def dashboard(self):
        self.page("dashboard")

    @task
    def figures(self):
        self.page("figures page")

    @task
    def comparison(self):
        self.page("comparison")

    @task(2)
    def home(self):
        self.page("home page")

    @task(2)
    def activities(self):
        self.page("activity list")


class Secretariat(Reader):
    """Secretariat staff keeping the log: they write, then look, as the members do."""

    weight = 1

    def on_start(self):
        login = next(_secretariat)
        self.client.cookies.set("sessionid", login["session"])
        self.token = login["token"]

    @task(3)
    def write(self):
        title = f"Load {uuid.uuid4()}"
        with self.client.post(
            f"/api/v1/initiatives/{SLUG}/activities/", name="write an activity (API)",
            json={"title": title, "status": "running", "starts_on": "2019-05-01", "kind": "event"},
            headers={"Authorization": f"Bearer {self.token}"}, catch_response=True,
        ) as response:  # fmt: skip
            if response.status_code == 201:
                response.success()
                with open(os.environ["BENCH_WRITTEN"], "a") as written:
                    written.write(title + "\n")
            else:
                response.failure(f"{response.status_code}: {response.text[:200]}")
