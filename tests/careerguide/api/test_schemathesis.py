"""Schemathesis fuzzes every operation of the schema through the WSGI app: no 5xx, nothing off-schema.

The schema is the one /api/schema/ serves, generated from the code when the module loads (the database is not
open yet then), and every generated request goes through the whole middleware stack to the real seed data.
"""

import json
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from careerguide.wsgi import application

# Per operation and generation mode; raise it for a deeper run: SCHEMATHESIS_EXAMPLES=100 pytest tests/api/…
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "10"))
ACCEPTED = ["2xx", "3xx", "401", "403", "404", "409", "429"]
config = SchemathesisConfig.from_dict(
    {
        # NUL in a URL is refused with a 400 before any view runs (core.security): PostgreSQL cannot hold it.
        "generation": {"allow-x00": False},
        "operations": [
            {
                # These take slugs of records (a category, a skill, a stage). The schema can only say "a string",
                # so a well-formed slug that names nothing is schema-valid, and the API answers 400 naming it.
                "include-path-regex": r"^/api/v1/(skills|resources|assessments)/$",
                "checks": {"positive_data_acceptance": {"expected-statuses": [*ACCEPTED, "400"]}},
            }
        ],
    }
)
generated = json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True), default=str))
schema = schemathesis.openapi.from_dict(generated, config=config)
schema.app = application


@pytest.fixture(autouse=True)
def connection_kept_open():
    """Keep the test's database connection across requests, as Django's own test client does.

    After each request Django closes a connection whose autocommit differs from the settings; inside the test's
    transaction that is always true, and on PostgreSQL the next request would find the connection closed.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_matches_its_schema(case):
    case.call_and_validate()
