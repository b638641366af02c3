"""Learning themes in the report: each theme's counts (masked below the public
threshold) and example statements, grouped as the 2021 programme report's
section 4 groups them."""
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


def masked(value: int, *, public: bool, threshold: int) -> tuple[int | None, str]:
    if public and value < threshold:
        return None, f"fewer than {threshold}"
    return value, str(value)


def theme_items(rows, examples, *, public, threshold, example_label):
    items = []
    for row in rows:
        organisations, organisations_display = masked(row["organisations"], public=public, threshold=threshold)
        statements, statements_display = masked(row["statements"], public=public, threshold=threshold)
        items.append(
            ThemeItem(
                name=row["name"],
                slug=row["slug"],
                kind=row["kind"],
                group=row["group"],
                organisations=organisations,
                statements=statements,
                organisations_display=organisations_display,
                statements_display=statements_display,
                # Below the threshold an example would give the count away ("fewer
                # than 3", then one quote): the public report shows none.
                examples=[] if organisations is None else [
                    example_label(statement) for statement in examples.get(row["theme_id"], [])
                ],
            )
        )
    return items


def group_themes(items) -> list[ThemeGroup]:
    grouped: dict[str, list[ThemeItem]] = defaultdict(list)
    for item in items:
        grouped[item.group].append(item)
    order = sorted(grouped, key=lambda group: (GROUP_ORDER.get(group, len(GROUP_ORDER)), group.lower()))
    return [ThemeGroup(kind=grouped[group][0].kind, group=group, themes=grouped[group]) for group in order]

