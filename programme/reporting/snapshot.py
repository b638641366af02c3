"""The published report, frozen: a `Report` as plain JSON, and back.

Publishing a report page stores `freeze(report)` on the page (and so in the
revision that is published: Wagtail keeps every field of a page in each
revision). The public page and the public downloads render `thaw(snapshot)`,
so they show the report as it stood when it was published, whatever happens
to the cohort's data afterwards, and render without asking the programme
data anything. `changes(published, current)` says, in words, what would
change if the page were published again.

A snapshot is a dict: {"version", "frozen_at", "revision_id", "report"}. The
report part is `dataclasses.asdict` of the Report; `thaw` rebuilds the
dataclasses from their type hints, so the templates get the same objects
whether a report was built a moment ago or frozen a year ago.
"""
from __future__ import annotations

import dataclasses
import types
import typing

from django.utils import timezone

from programme.reporting import data
from programme.reporting.data import Report
from programme.sanitise import plain_text

VERSION = 1


class SnapshotError(ValueError):
    """A snapshot this code cannot read (empty, or of another version)."""


def freeze(report: Report, *, revision_id=None, frozen_at=None) -> dict:
    return {
        "version": VERSION,
        "frozen_at": (frozen_at or timezone.now()).isoformat(),
        "revision_id": revision_id,
        "report": dataclasses.asdict(report),
    }


def _thaw(kind, value):
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        kind = next(arg for arg in typing.get_args(kind) if arg is not type(None))
        origin = typing.get_origin(kind)
    if origin is list:
        (item,) = typing.get_args(kind)
        return [_thaw(item, element) for element in value]
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind, vars(data))
        return kind(**{
            f.name: _thaw(hints[f.name], value[f.name]) for f in dataclasses.fields(kind) if f.name in value
        })
    return value


def is_frozen(snapshot) -> bool:
    return bool(snapshot) and snapshot.get("version") == VERSION and "report" in snapshot


def thaw(snapshot) -> Report:
    if not is_frozen(snapshot):
        raise SnapshotError("This is not a published report this version can read.")
    try:
        return _thaw(Report, snapshot["report"])
    except (KeyError, TypeError, StopIteration) as error:
        raise SnapshotError(f"The published report cannot be read: {error}") from error


# --------------------------------------------------------------------------- what changed


TEXTS = [
    ("background_text", "The background (1.1)"),
    ("session_format", "What each session involved (1.3)"),
    ("introduction", "The introduction"),
    ("approach_commentary", "The commentary on the approach (1.3)"),
    ("conclusion", "The conclusion"),
    ("objective", "The programme's objective (1.1)"),
    ("outcomes_for_each_la", "The desired outcomes for each LA (1.1)"),
    ("outcomes_for_system", "The desired outcomes for the system (1.1)"),
    ("background", "The programme's summary (1.1)"),
]
SENTENCES = [
    ("participation_sentence", "Participants (1.2)"),
    ("attendance_sentence", "Attendance (1.2)"),
    ("submissions_sentence", "Final reports (1.2)"),
    ("goal_progress_sentence", "Progress towards goals (3)"),
]


def _plural(count, noun):
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _added_removed(label, before, after, noun):
    added = [item for item in after if item not in before]
    removed = [item for item in before if item not in after]
    parts = []
    if added:
        parts.append(f"{_plural(len(added), noun)} added")
    if removed:
        parts.append(f"{_plural(len(removed), noun)} removed")
    return [f"{label}: {', '.join(parts)}."] if parts else []


def _themes(report):
    sections = list(report["learning"]) + ([report["feedback"]] if report.get("feedback") else [])
    return {
        theme["name"]: theme
        for section in sections for group in section["groups"] for theme in group["themes"]
    }


def _impact_changes(old, new) -> list[str]:
    """The Impact section (3.1): measures shown, and their figures."""
    old_measures = {m["name"]: m for m in (old or {}).get("measures", [])}
    new_measures = {m["name"]: m for m in (new or {}).get("measures", [])}
    found = []
    for name, measure in new_measures.items():
        before = old_measures.get(name)
        if before is None:
            found.append(f"Impact, “{name}” (3.1): now shown, reported by {measure['reporting']} organisations.")
        elif before != measure:
            found.append(f"Impact, “{name}” (3.1): the figures changed ({before['improved']} → "
                         f"{measure['improved']} of {measure['reporting']} organisations improved).")
    for name in old_measures:
        if name not in new_measures:
            found.append(f"Impact, “{name}” (3.1): will be left out (reported by fewer organisations than the "
                         "smallest count shown, or no longer a measure).")
    return found


def _session_key(session: dict) -> tuple:
    return session["title"], session.get("date") or session.get("date_display")


def _session_feedback_changes(old, new) -> list[str]:
    """Feedback after each session (4): sessions shown, and their figures."""
    before = {_session_key(item): item for item in old}
    after = {_session_key(item): item for item in new}
    found = []
    for key, item in after.items():
        title = item["title"]
        earlier = before.get(key)
        if earlier is None:
            found.append(f"Feedback after “{title}” (4): now shown, {item['responses']} responses.")
        elif earlier != item:
            found.append(f"Feedback after “{title}” (4): {earlier['responses']} → {item['responses']} responses, "
                         f"average {earlier['average']} → {item['average']}.")
    for key, item in before.items():
        if key not in after:
            found.append(f"Feedback after “{item['title']}” (4): will be left out (fewer organisations gave feedback "
                         "than the smallest count shown).")
    return found


def _recorded_discussion(session: dict) -> list:
    """The questions and answers the facilitator recorded of a session (a
    snapshot frozen before they were recorded has none)."""
    return [session.get("discussion", [])] + [item.get("discussion", []) for item in session["presentations"]]


def changes(published: dict, current: dict) -> list[str]:
    """What publishing `current` (a fresh freeze) would change compared with
    `published` (the page's snapshot), one sentence each, in the order of the
    report. An empty list: nothing would change."""
    if not is_frozen(published):
        return ["The report has not been published yet: publishing it freezes it as it stands."]
    old, new = published["report"], current["report"]
    found = []
    if old.get("threshold") != new.get("threshold"):
        found.append(f"The smallest count shown: {old.get('threshold')} → {new.get('threshold')}.")
    for key, label in SENTENCES:
        # A report frozen before a sentence existed has no key for it: read as "".
        before, after = old.get(key) or "", new.get(key) or ""
        if before != after:
            found.append(f"{label}: “{before}” → “{after}”." if before and after else
                         f"{label}: “{after}” will be shown." if after else f"{label}: “{before}” will be left out.")
    old_names = [name for group in old["organisation_groups"] for name in group["names"]]
    new_names = [name for group in new["organisation_groups"] for name in group["names"]]
    joined = [name for name in new_names if name not in old_names]
    left = [name for name in old_names if name not in new_names]
    if joined:
        found.append(f"Organisations listed (1.2): {', '.join(joined)} added.")
    if left:
        found.append(f"Organisations listed (1.2): {', '.join(left)} no longer listed.")
    if old["approach"] != new["approach"]:
        found.append("The approach (1.3): " + " ".join(new["approach"]))
    found += _added_removed("Sessions (1.3)", [s["title"] for s in old["sessions"]],
                            [s["title"] for s in new["sessions"]], "session")
    # Sessions by title and date: a cohort has several called "1-1 conversation".
    old_sessions = {_session_key(s): s for s in old["sessions"]}
    for session in new["sessions"]:
        before = old_sessions.get(_session_key(session))
        if before is None:
            continue
        if (before["write_up"], before["show_discussion"]) != (session["write_up"], session["show_discussion"]):
            found.append(f"The write-up of “{session['title']}” (2.2) changed.")
        if _recorded_discussion(before) != _recorded_discussion(session):
            found.append(f"The questions and answers recorded in “{session['title']}” (2.2) changed.")
    old_cases = [(c["topic"], (c.get("case_study") or {}).get("title")) for c in old["case_studies"]]
    new_cases = [(c["topic"], (c.get("case_study") or {}).get("title")) for c in new["case_studies"]]
    found += _added_removed("Case study presentations (2.2)", old_cases, new_cases, "presentation")
    old_goals = {g["label"]: g for g in old["goal_groups"]}
    for group in new["goal_groups"]:
        before = old_goals.get(group["label"], {"count": 0, "goals": []})
        if before["count"] != group["count"]:
            found.append(f"Goals, {group['label']} (2.1): {before['count']} → {group['count']} plans.")
        elif [g["text"] for g in before["goals"]] != [g["text"] for g in group["goals"]]:
            found.append(f"Goals, {group['label']} (2.1): the goals shown changed.")
    found += _added_removed("Headline quotes (3)", [q["text"] for q in old["quotes"]],
                            [q["text"] for q in new["quotes"]], "quote")
    old_reflections = {r["label"]: r for r in old["reflections"]}
    new_reflections = {r["label"]: r for r in new["reflections"]}
    for label in new_reflections:
        if label not in old_reflections:
            found.append(f"Reflections (3): {label} added.")
    for label in old_reflections:
        if label not in new_reflections:
            found.append(f"Reflections (3): {label} will be left out (no consent to publish, or no submitted "
                         "one-page report).")
    for label, reflection in new_reflections.items():
        before = old_reflections.get(label)
        if before is None:
            continue
        old_words = [text for section in before["sections"] for text in section["statements"]]
        new_words = [text for section in reflection["sections"] for text in section["statements"]]
        found += _added_removed(f"Reflections from {label} (3)", old_words, new_words, "statement")
        if before["goal"] != reflection["goal"]:
            found.append(f"Reflections from {label} (3): the goal changed.")
    if old["key_learning_points"] != new["key_learning_points"]:
        found.append("The key learning points (4) changed.")
    old_themes, new_themes = _themes(old), _themes(new)
    for name, theme in new_themes.items():
        before = old_themes.get(name)
        if before is None:
            found.append(f"Theme “{name}” (4): now shown, named by {theme['organisations']} organisations.")
        elif before["organisations"] != theme["organisations"] or before["statements"] != theme["statements"]:
            found.append(f"Theme “{name}” (4): {before['organisations']} → {theme['organisations']} organisations, "
                         f"{before['statements']} → {theme['statements']} statements.")
        elif before["narrative"] != theme["narrative"]:
            found.append(f"Theme “{name}” (4): its narrative changed.")
        elif [e["text"] for e in before["examples"]] != [e["text"] for e in theme["examples"]]:
            found.append(f"Theme “{name}” (4): its examples changed.")
    for name in old_themes:
        if name not in new_themes:
            found.append(f"Theme “{name}” (4): will be left out (now below the smallest count shown, or no "
                         "longer coded).")
    if bool(old.get("show_feedback")) != bool(new.get("show_feedback")):
        found.append("Feedback on the programme (4.6): " + ("shown." if new.get("show_feedback") else "hidden."))
    found += _session_feedback_changes(old.get("session_feedback") or [], new.get("session_feedback") or [])
    found += _impact_changes(old.get("impact"), new.get("impact"))
    found += _added_removed("Useful links (5)", [(link["title"], link["url"]) for link in old["links"]],
                            [(link["title"], link["url"]) for link in new["links"]], "link")
    for key, label in TEXTS:
        if old.get(key) != new.get(key):
            found.append(f"{label} changed.")
    for key in ("page_title", "summary", "title", "subtitle"):
        if old.get(key) != new.get(key):
            found.append(f"The {key.replace('_', ' ')} changed.")
    if not found and old != new:
        found.append("Other details changed.")
    return found


# --------------------------------------------------------------------------- text for the search index


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in SKIPPED_KEYS:
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


# Keys whose values are codes and addresses, not words a visitor searches for.
SKIPPED_KEYS = {"kind", "slug", "category", "section", "url", "page_url", "date", "anchor", "group_kind"}


def snapshot_text(snapshot) -> str:
    """Every word of a published report, as plain text: what site search indexes."""
    if not is_frozen(snapshot):
        return ""
    return " ".join(plain_text(text) for text in _strings(snapshot["report"]) if text)
