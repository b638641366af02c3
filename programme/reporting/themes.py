"""Learning themes in the report: each theme's counts and example statements,
grouped as the 2021 programme report's section 4 groups them. (Which themes
a public report shows is decided in build.py: see "Suppression" there.)"""
from __future__ import annotations

from collections import defaultdict

from programme.enums import ThemeKind
from programme.learning.library import STARTER_THEMES
from programme.reporting.data import ThemeGroup, ThemeItem

# Section 4 of the report, kind by kind. Groups follow the order of the starter
# theme library (which follows the 2021 programme report); groups a facilitator added come after,
# alphabetically.
LEARNING_KINDS = (
    (ThemeKind.CHALLENGE, "Challenges faced", "challenges"),
    (ThemeKind.ENABLER, "What enabled progress", "enablers"),
    (ThemeKind.KEY_LEARNING, "Key learning", "key-learning"),
)


GROUP_ORDER = {group: index for index, group in enumerate(dict.fromkeys(g for _, g, _, _ in STARTER_THEMES))}


def theme_item(row, examples, *, example_label, threshold=0, narrative="") -> ThemeItem:
    """A row of `aggregation.theme_counts` as a ThemeItem, with its examples
    (`aggregation.theme_examples`) labelled by `example_label(statement)`."""
    return ThemeItem(
        name=row["name"], slug=row["slug"], kind=row["kind"], group=row["group"],
        organisations=row["organisations"], statements=row["statements"],
        examples=[example_label(statement) for statement in examples.get(row["theme_id"], [])],
        narrative=narrative, below_threshold=row["organisations"] < threshold,
    )


def group_themes(items) -> list[ThemeGroup]:
    grouped: dict[str, list[ThemeItem]] = defaultdict(list)
    for item in items:
        grouped[item.group].append(item)
    order = sorted(grouped, key=lambda group: (GROUP_ORDER.get(group, len(GROUP_ORDER)), group.lower()))
    return [ThemeGroup(kind=grouped[group][0].kind, group=group, themes=grouped[group]) for group in order]
