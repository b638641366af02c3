"""What a one-page plan and a reflection hold: the plan's fields in the order
the form, the facilitator screens, the emails and the report show them, with
their labels; and which sections each kind of reflection has."""
from programme.enums import (
    FEEDBACK_SECTIONS,
    REPORT_SECTIONS,
    GoalCategory,
    GoalProgress,
    ReflectionKind,
    Section,
)
from programme.models import OnePagePlan

PLAN_FIELDS = ("issue", "goal", "goal_category", "success", "first_actions", "team")
PLAN_TEXT_FIELDS = tuple(name for name in PLAN_FIELDS if name != "goal_category")


def plan_field_label(name):
    """ "The issue", "What success looks like"… (the model's verbose names)."""
    label = str(OnePagePlan._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def plan_data(plan):
    """{field: value} of a plan, as a version snapshot stores it."""
    return {name: getattr(plan, name) for name in PLAN_FIELDS}


def plan_content(data):
    """[{name, heading, value}] of a plan's fields, from a plan's data or a
    snapshot's (the goal category as its label)."""
    categories = dict(GoalCategory.choices)
    content = []
    for name in PLAN_FIELDS:
        value = data.get(name) or ""
        if name == "goal_category":
            value = categories.get(value, value)
        content.append({"name": name, "heading": plan_field_label(name), "value": value})
    return content


def sections_for(kind):
    """The sections a reflection of this kind is written in."""
    return FEEDBACK_SECTIONS if kind == ReflectionKind.FEEDBACK else REPORT_SECTIONS


def statements_by_section(statements):
    """{section value: [text]} in the statements' order."""
    by_section = {}
    for statement in statements:
        by_section.setdefault(statement.section, []).append(statement.text)
    return by_section


def statements_as_text(reflection):
    """The reflection's sections as one line per statement, for its form."""
    by_section = statements_by_section(reflection.statements.all()) if reflection.pk else {}
    return {section: "\n".join(by_section.get(section, [])) for section in Section.values}


# The key of a one-page report's rating in its version snapshots, beside its
# sections' text (no section is called this).
GOAL_PROGRESS_KEY = "goal_progress"


def reflection_data(reflection):
    """What a version snapshot of a reflection stores: each section's
    statements, one per line, and for a one-page report its rating of the
    progress towards the goal (so the history shows the rating it had)."""
    data = statements_as_text(reflection)
    if reflection.kind == ReflectionKind.FINAL_REPORT:
        data[GOAL_PROGRESS_KEY] = reflection.goal_progress
    return data


def goal_progress_label(value):
    """ "Good progress" for "good"; "" when not rated (or a value no longer offered)."""
    return dict(GoalProgress.choices).get(value or "", "")
