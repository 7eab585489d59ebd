"""`bilingual serve` fuzzed by Schemathesis from its own OpenAPI document.

In-process (ASGI), with this run's token supplied so writes reach the handlers;
the project is a temporary copy, so nothing in the repository can change (and a
save needs a real segment ID and the file's sha256 or the entry's base, which a
generator cannot guess).
The property: no request, however odd, makes the server fail (5xx), and every
answer matches its documented response schema; afterwards the catalog on disk
is unchanged. Bounded: MAX_EXAMPLES examples per operation, no deadline flakiness.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from serve_support import LOCALE, SLUG, TOKEN, make_app, make_fixture

from pipeline.source import read_article

MAX_EXAMPLES = 8
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def fuzz_fixture(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    fx = make_fixture(tmp_path_factory.mktemp("fuzz") / "project")
    return fx, fx.text()


@pytest.fixture(scope="module")
def workbench_schema(fuzz_fixture):  # type: ignore[no-untyped-def]
    fx, _ = fuzz_fixture
    # Schemathesis' ASGI client sends `Host: testserver`.
    app = make_app(fx, hosts=["testserver"])
    # Imported here, not at the top: the module's tests are all `slow`, and Schemathesis
    # takes about half a second to import, which the fast run would pay for nothing.
    schemathesis = pytest.importorskip("schemathesis")
    from schemathesis.config import SchemathesisConfig

    # Only the random-generation phase (positive and negative data), bounded; the
    # coverage phase alone would send hundreds of boundary requests.
    config = SchemathesisConfig.from_dict({
        "phases": {"coverage": {"enabled": False}, "examples": {"enabled": False}},
        "generation": {"max-examples": MAX_EXAMPLES, "mode": "all"}})
    return schemathesis.openapi.from_asgi("/openapi.json", app, config=config)


def aim_at_the_project(case, segments: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Random names only ever get 404: half the runs name the real catalog and real
    segments, so the generated text reaches the checks, the save and the conflict."""
    if case.path_parameters:
        case.path_parameters = {**case.path_parameters, "slug": SLUG, "locale": LOCALE}
    body = case.body
    if isinstance(body, dict) and isinstance(body.get("segment"), str):
        body["segment"] = segments[len(body["segment"]) % len(segments)]
    if isinstance(body, dict) and isinstance(body.get("edits"), list):
        for index, edit in enumerate(body["edits"][: len(segments)]):
            if isinstance(edit, dict):
                edit["segment"] = segments[index]


def _call(case, aimed: bool, fx, seen: list[tuple[str, int]]) -> None:  # type: ignore[no-untyped-def]
    if aimed:
        aim_at_the_project(case, [s.id for s in
                                  read_article(fx.project.source_path(SLUG)).segments])
    response = case.call(headers={"X-Bilingual-Token": TOKEN})
    seen.append((f"{case.method} {case.path}", response.status_code))
    assert response.status_code < 500, (case.method, case.formatted_path, response.text[:300])
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import response_schema_conformance

    case.validate_response(response, checks=[not_a_server_error,
                                             response_schema_conformance])


FUZZ = settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
                suppress_health_check=list(HealthCheck))


def _fuzz_every_operation(schema, aimed: bool, fx) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    """Every operation fuzzed; returns (operation, status) for each request sent."""
    # Drive each operation's Hypothesis strategy directly rather than through
    # Schemathesis' pytest plugin, which depends on pytest internals.
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 4
    seen: list[tuple[str, int]] = []
    for operation in operations:
        @FUZZ
        @given(case=operation.as_strategy())
        def run(case) -> None:  # type: ignore[no-untyped-def]
            _call(case, aimed, fx, seen)
        run()
    return seen


def test_random_names_never_fail_and_change_nothing(workbench_schema, fuzz_fixture) -> None:  # type: ignore[no-untyped-def]
    fx, before = fuzz_fixture
    seen = _fuzz_every_operation(workbench_schema, False, fx)
    operations = len(list(workbench_schema.get_all_operations()))
    assert seen and len(seen) <= operations * MAX_EXAMPLES, len(seen)  # each one fuzzed
    assert fx.text() == before


def test_real_catalog_never_fails_and_changes_nothing(workbench_schema, fuzz_fixture) -> None:  # type: ignore[no-untyped-def]
    fx, before = fuzz_fixture
    seen = _fuzz_every_operation(workbench_schema, True, fx)
    # It reached the handlers, not just 404s: checks answered, stale saves refused.
    assert any(status == 200 for op, status in seen if "check" in op), seen
    assert any(status == 409 for op, status in seen if op.startswith("PATCH")), seen
    assert fx.text() == before
    assert Path(fx.po_path).is_file()
