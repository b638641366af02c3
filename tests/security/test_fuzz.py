"""The fuzz test (tests/security/fuzzing.py says what it asks) as the people
who are not staff; test_fuzz_facilitator.py and test_fuzz_superuser.py ask
as the others, in files of their own so that the parallel runners share
the work (each person takes minutes)."""
import re

import pytest
from django.urls import reverse

import programme.sanitise
from tests.security.fuzzing import SanitiserSpy, _quiet_request_log, fuzz_as, worlds  # noqa: F401 (fixtures)


@pytest.mark.parametrize("role", ["anonymous", "participant", "other_facilitator"])
def test_no_input_from_anyone_gives_a_server_error_or_costs_anything(worlds, role, monkeypatch):  # noqa: F811
    fuzz_as(role, worlds, monkeypatch)


def test_the_spy_sees_what_a_form_cleans(world, login, monkeypatch):
    """The spy above records what reaches the sanitiser (so "nothing reached
    it" means something): a statement saved through the real form is seen."""
    spy = SanitiserSpy(monkeypatch)
    spy.start()
    login(world.a_user).post(reverse("portal:reflection_new"), {
        "progress": "<b>Five</b> apprenticeships", "version": "1", "action": "save",
    })
    assert ("sanitise_line", "<b>Five</b> apprenticeships") in spy.calls
    assert re.search("Five", programme.sanitise.sanitise_line("<b>Five</b>"))
