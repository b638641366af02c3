"""The starter set of learning themes, following the 2021 report's section 4
(challenges faced by young people, challenges from the system, challenges
posed by Covid, enablers within the council, other enablers, key learning and
feedback on the programme). Added after every migrate if missing; a
facilitator's renames and retirements are kept (themes are matched by slug)."""
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils.text import slugify

from programme.enums import ThemeKind
from programme.models import LearningTheme

C, E, K, F = ThemeKind.CHALLENGE, ThemeKind.ENABLER, ThemeKind.KEY_LEARNING, ThemeKind.FEEDBACK

STARTER_THEMES = [
    (C, "Challenges faced by young people", "Changing circumstances", "Young people's lives change fast: they sign up one week and cannot be reached the next."),
    (C, "Challenges faced by young people", "Understanding employability offers", "Young people do not always see what a course or opportunity offers them."),
    (C, "Challenges faced by young people", "Understanding the world of work", "Settling into a workplace takes time and support."),
    (C, "Challenges faced by young people", "Safety and travel", "Some young people cannot safely travel to where support is offered."),
    (C, "Challenges from the system", "Senior manager focus", "Turnover of senior managers, or little knowledge of care leavers among them."),
    (C, "Challenges from the system", "Time and capacity", "Focused work on top of the day job; slow recruitment of extra staff."),
    (C, "Challenges from the system", "Priorities within the council", "Other priorities, such as inspection readiness, crowd out young people's futures."),
    (C, "Challenges from the system", "Funding", "Money for paid opportunities or study is not there, or must be applied for."),
    (C, "Challenges from the system", "Making social value work", "Benefits for care leavers are hard to win if not written into contracts at the start."),
    (C, "Challenges from the system", "System timeframes", "Long gaps between offer and start make motivation hard to keep."),
    (C, "Challenges posed by Covid", "Covid restrictions", "Meeting young people and employers in person was not possible, or was delayed."),
    (E, "Enablers within the council", "Partnership across the council", "HR, economic development, social workers, personal advisers and the Virtual School working together."),
    (E, "Enablers within the council", "Senior manager support", "Managers who unblock problems quickly and make links across the council."),
    (E, "Enablers within the council", "Dedicated time or funding", "A dedicated worker, an apprentice in the team, or money to pay young people."),
    (E, "Enablers within the council", "Good use of data", "Tracking data to find gaps, such as missing English and maths qualifications."),
    (E, "Other enablers", "A focused project", "Choosing one group of young people or one sector rather than everything at once."),
    (E, "Other enablers", "Variety of entry points", "Opportunities from short tasters to long placements, some needing few qualifications."),
    (E, "Other enablers", "Listening to young people", "Changing how things are done because of what young people say works for them."),
    (E, "Other enablers", "Time and support for young people", "Constant contact while opportunities are finalised, and support as things change."),
    (E, "Other enablers", "Relationships with employers", "Employers engaged in many ways, from CV clinics to work placements."),
    (K, "Key learning", "Tailor support to the young person", "Start from their interests, motivations and barriers."),
    (K, "Key learning", "Adjust council procedures", "Longer recruitment timetables, longer inductions, shorter days."),
    (F, "What was valuable", "Sharing in a safe space", "Honest exchange with other authorities facing the same challenges."),
    (F, "What was valuable", "Specialist case studies", "Input from voluntary organisations, with follow-up resources and conversations."),
    (F, "What was valuable", "The one-page plan and regular meetings", "A plan gave focus; regular sessions kept work on track."),
    (F, "What was valuable", "Young people's voices", "Hearing directly from young people with care experience."),
    (F, "What would be even better", "More 1-1 conversations", "Focused conversations between group sessions."),
    (F, "What would be even better", "More young people's voices", "More chances to hear what worked for young people."),
    (F, "What would be even better", "Even breakout groups", "Groups of even size, adjusted on the day."),
    (F, "What would be even better", "Mixing breakout groups differently", "For example by the size of an authority's UASC cohort."),
]


def ensure_starter_themes():
    existing = set(LearningTheme.objects.values_list("slug", flat=True))
    LearningTheme.objects.bulk_create([
        LearningTheme(kind=kind, group=group, name=name, slug=slugify(name), description=description,
                      sort_order=index)
        for index, (kind, group, name, description) in enumerate(STARTER_THEMES)
        if slugify(name) not in existing
    ])


# --------------------------------------------------------------------------- adding a theme
#
# The library is shared by every programme (themes are compared across
# cohorts), so any facilitator may add a theme, from the Learning themes
# screen or without leaving the coding screen. Changing one afterwards
# follows programme.permissions.may_change_theme.


def tidy_theme_name(name):
    """The name as it is stored: spaces collapsed, none at either end."""
    return " ".join((name or "").split())


def theme_name_problem(name):
    """Why a new theme may not be called `name` (None if it may): the
    library has one theme of each name, whatever its capitals, and each
    name makes the theme's address (slug), so "Funding!" and "funding" are
    one theme. One query."""
    name = tidy_theme_name(name)
    slug = slugify(name)
    if not slug:
        return "Give the theme a name with letters or numbers in it."
    clash = LearningTheme.objects.filter(Q(name__iexact=name) | Q(slug=slug)).order_by("retired", "pk").first()
    if clash is None:
        return None
    if clash.retired:
        return (
            f"The library already has a theme called “{clash.name}”, retired: bring it back on the "
            "Learning themes screen, or choose another name."
        )
    return f"The library already has a theme called “{clash.name}”: tick it under “More themes”."


def add_theme(*, name, kind, group=""):
    """A new theme in the shared library, offered for coding at once, after
    the themes of its group. ValueError (and nothing saved) if the name is
    taken (see `theme_name_problem`)."""
    name = tidy_theme_name(name)
    if problem := theme_name_problem(name):
        raise ValueError(problem)
    group = tidy_theme_name(group)
    last = LearningTheme.objects.filter(kind=kind, group=group).aggregate(last=Max("sort_order"))["last"]
    try:
        with transaction.atomic():
            return LearningTheme.objects.create(
                name=name, slug=slugify(name), kind=kind, group=group, sort_order=(last or 0) + 1,
            )
    except IntegrityError:  # another facilitator added it a moment ago
        raise ValueError(theme_name_problem(name) or "That name is taken: choose another.") from None


add_theme.alters_data = True
