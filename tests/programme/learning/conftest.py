"""The world the coding tests share: three themes, and programme X's cohort
with statements from two of its three organisations."""
import pytest

from programme.enums import Section, ThemeKind
from tests.programme.learning.coding_helpers import reflection, theme


@pytest.fixture
def themes(db):
    return {
        "covid": theme("Coding: Covid restrictions", description="Lockdown and restrictions delayed events."),
        "senior": theme("Coding: senior manager support", kind=ThemeKind.ENABLER, group="Enablers within the council",
                        description="Senior managers unblock problems."),
        "funding": theme("Coding: funding", description="Money for paid opportunities."),
    }


@pytest.fixture
def world(programme_x, themes):
    """Programme X's cohort: statements from two of its three organisations."""
    one, two, _ = programme_x.memberships
    programme_x.first = reflection(one, ["Covid restrictions delayed our employer event", "No funding for travel"])
    programme_x.second = reflection(two, ["Senior managers gave us time"], section=Section.ENABLERS)
    programme_x.themes = themes
    return programme_x
