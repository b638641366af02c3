"""Nothing half-written, nothing lost: a failure in the middle of a save
rolls the whole save back, and a PostgreSQL dump restores every plan and report."""
import os
import shutil
import subprocess
import uuid

import pytest
from django.db import connection

from programme.enums import Section
from programme.models import OnePagePlan, Reflection, Statement, SubmissionVersion
from programme.submissions.writing import (
    final_report_for,
    plan_for,
    save_plan,
    save_reflection,
    submit,
)
from tests.builders import build_programme
from tests.factories import UserFactory


@pytest.fixture
def world(db):
    return build_programme("Z", organisations=2, participants_each=1, sessions=1)


def test_a_failure_while_saving_statements_leaves_the_report_as_it_was(world, monkeypatch):
    user = UserFactory()
    report = final_report_for(world.memberships[0])
    save_reflection(reflection=report, sections={Section.PROGRESS: ["Set up a working group"]}, user=user,
                    expected_version=report.version)
    report.refresh_from_db()
    before = (report.version, list(Statement.objects.filter(reflection=report).values_list("text", flat=True)))

    def broken_snapshot(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(SubmissionVersion.objects, "create", broken_snapshot)
    with pytest.raises(OSError):
        save_reflection(
            reflection=report,
            sections={Section.PROGRESS: ["Replaced text"], Section.NEXT: ["More"]},
            user=user, expected_version=report.version,
        )
    report.refresh_from_db()
    after = (report.version, list(Statement.objects.filter(reflection=report).values_list("text", flat=True)))
    assert after == before


def test_a_failure_while_submitting_leaves_the_plan_a_draft(world, monkeypatch):
    user = UserFactory()
    plan = plan_for(world.memberships[0])
    save_plan(plan=plan, data={"issue": "Few apprenticeships", "goal": "Ten placements",
                               "goal_category": "internal", "success": "Ten care leavers in work"},
              user=user, expected_version=plan.version)
    plan.refresh_from_db()
    monkeypatch.setattr(SubmissionVersion.objects, "create", lambda **kw: (_ for _ in ()).throw(OSError("boom")))
    with pytest.raises(OSError):
        submit(submission=plan, user=user, expected_version=plan.version)
    plan.refresh_from_db()
    assert plan.status == "draft"
    assert plan.submitted_at is None


def _pg_settings():
    settings = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    args = ["-h", settings.get("HOST") or "127.0.0.1", "-p", str(settings.get("PORT") or 5432),
            "-U", settings.get("USER") or "postgres"]
    return settings, env, args


@pytest.mark.skipif("postgres" not in os.environ.get("DATABASE_URL", ""), reason="needs PostgreSQL (CI runs it)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_postgresql_dump_restores_every_plan_and_report(tmp_path):
    if not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed")
    world = build_programme("R", organisations=3, participants_each=1, sessions=1)
    user = UserFactory()
    for n, membership in enumerate(world.memberships):
        plan = plan_for(membership)
        save_plan(plan=plan, data={"issue": f"Issue {n} <b>bold</b>", "goal": f"Goal {n}",
                                   "goal_category": "external", "success": "Jobs"},
                  user=user, expected_version=plan.version)
        report = final_report_for(membership)
        save_reflection(reflection=report, sections={s: [f"{s} {n} – “quoted” £5"] for s in
                                                     (Section.PROGRESS, Section.CHALLENGES, Section.ENABLERS, Section.NEXT)},
                        user=user, expected_version=report.version)
    expected_plans = sorted(OnePagePlan.objects.values_list("issue", "goal"))
    expected_statements = sorted(Statement.objects.values_list("section", "text"))
    settings, env, args = _pg_settings()
    dump = tmp_path / "backup.dump"
    subprocess.run(["pg_dump", *args, "-Fc", "-f", str(dump), settings["NAME"]], env=env, check=True, timeout=120)
    restored = f"restore_{uuid.uuid4().hex[:8]}"
    subprocess.run(["createdb", *args, restored], env=env, check=True, timeout=60)
    try:
        subprocess.run(["pg_restore", *args, "--no-owner", "-d", restored, str(dump)], env=env, check=True,
                       timeout=120)
        import psycopg

        with psycopg.connect(host=args[1], port=args[3], user=args[5], password=env["PGPASSWORD"],
                             dbname=restored) as conn:
            plans = sorted(conn.execute("SELECT issue, goal FROM programme_onepageplan").fetchall())
            statements = sorted(conn.execute("SELECT section, text FROM programme_statement").fetchall())
    finally:
        subprocess.run(["dropdb", *args, restored], env=env, check=False, timeout=60)
    assert [tuple(p) for p in plans] == expected_plans
    assert [tuple(s) for s in statements] == expected_statements
    assert len(expected_statements) == 12
    assert Reflection.objects.count() == 3
