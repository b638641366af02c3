"""The fuzz test (tests/security/fuzzing.py) as a site administrator."""
from tests.security.fuzzing import _quiet_request_log, fuzz_as, worlds  # noqa: F401 (fixtures)


def test_no_input_from_a_site_administrator_gives_a_server_error_or_costs_anything(worlds, monkeypatch):  # noqa: F811
    fuzz_as("superuser", worlds, monkeypatch)
