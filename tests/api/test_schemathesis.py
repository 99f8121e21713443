"""A client we did not write: schemathesis reads the live schema and tries every operation with generated data,
valid and invalid, as each role and as an outsider. Not one answer may be a server error, and not one documented
answer may break the schema.

It runs the fuzzing phase with a fixed number of examples per operation (a few thousand requests in all). Its
slower coverage phase found nothing either when run by hand on the demo (README, "The API").
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from initiatives.models import Role
from tests.conftest import build_world

from .conftest import token_for

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
CONFIG = Path(__file__).with_name("schemathesis.toml")
EXAMPLES = 5


@pytest.mark.parametrize("caller", [*Role, "outsider"])
def test_schemathesis_finds_no_server_error_and_no_answer_outside_the_schema(
    caller, live_server, transactional_db, django_db_serialized_rollback, settings
):
    # given an initiative with one of everything, and a token that may write for the caller
    world = build_world()
    settings.API_THROTTLE_RATE = "1000000/hour"  # (the live server runs in this process: the setting holds there)
    user = world.outsider if caller == "outsider" else world.user(caller)
    secret = token_for(user)
    # when schemathesis tries every operation of the schema on it
    result = subprocess.run(
        [
            str(SCHEMATHESIS), "--config-file", str(CONFIG), "run", f"{live_server.url}/api/schema/",
            "--header", f"Authorization: Bearer {secret}",
            "--checks", "not_a_server_error,response_schema_conformance",
            "--phases", "fuzzing", "--max-examples", str(EXAMPLES), "--seed", "18",
            "--workers", "2", "--no-shrink", "--request-timeout", "60", "--warnings", "off",
        ],
        env={**os.environ, "SCHEMATHESIS_SLUG": world.home.slug, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )  # fmt: skip
    # then it finds nothing, and it did try every operation
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "No issues found" in result.stdout
    selected = re.search(r"Selected: (\d+)/(\d+)", result.stdout)
    assert selected, result.stdout[-3000:]
    assert selected[1] == selected[2]
    assert f"Tested: {selected[2]}" in result.stdout
