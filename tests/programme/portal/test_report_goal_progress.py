"""The one-page report's rating in the portal: radio buttons with the plan's
goal quoted beside them, a draft saved without it, submitting refused with a
message beside the field, and the rating shown once submitted."""
from programme.enums import GoalProgress, ReflectionKind
from programme.models import OnePagePlan, Reflection
from programme.submissions.writing import GOAL_PROGRESS_INVALID, GOAL_PROGRESS_REQUIRED

REPORT_URL = "/portal/report/"


def report_of(membership):
    return Reflection.objects.get(membership=membership, kind=ReflectionKind.FINAL_REPORT)


def test_the_scale_is_offered_as_radio_buttons_with_the_goal_quoted(login, world):
    OnePagePlan.objects.create(membership=world.a, goal="Ring-fence ten apprenticeships & support them")

    shown = login(world.a_user).get(REPORT_URL).content.decode()

    start = shown.index('<fieldset class="compare-mine" aria-describedby="id_goal_progress_goal')
    fieldset = shown[start:shown.index("</fieldset>", start)]
    assert "<legend>How far did you get towards your goal?</legend>" in fieldset
    assert "Ring-fence ten apprenticeships &amp; support them" in fieldset
    for n, (value, label) in enumerate(GoalProgress.choices):
        assert f'<input type="radio" name="goal_progress" value="{value}"' in fieldset
        assert f'<label for="id_goal_progress_{n}">{label}</label>' in fieldset
    assert shown.index('name="next"') < start < shown.index('id="form-actions"')


def test_a_draft_is_saved_without_a_rating(login, world, report_data):
    response = login(world.a_user).post(REPORT_URL, report_data(goal_progress="", action="save"))

    assert response.status_code == 302
    report = report_of(world.a)
    assert (report.status, report.goal_progress) == ("draft", "")


def test_submit_without_a_rating_says_so_beside_the_field_and_keeps_the_draft(login, world, report_data):
    response = login(world.a_user).post(REPORT_URL, report_data(goal_progress="", action="submit"))

    shown = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="#id_goal_progress_0">{GOAL_PROGRESS_REQUIRED}</a>' in shown  # the error summary
    assert (f'<p class="field-error" id="id_goal_progress_error"><span class="visually-hidden">Error: </span>'
            f'{GOAL_PROGRESS_REQUIRED}</p>') in shown
    assert "has been saved, but it has <strong>not</strong> been submitted" in shown
    report = report_of(world.a)
    assert report.status == "draft"
    assert report.statements.count() == 5


def test_a_rating_not_on_the_scale_is_refused_and_nothing_saved(login, world, report_data):
    client = login(world.a_user)
    client.post(REPORT_URL, report_data(goal_progress=GoalProgress.SOME, action="save"))

    response = client.post(REPORT_URL, report_data(goal_progress="brilliant", progress="Changed", version="2",
                                                   action="save"))

    shown = response.content.decode()
    assert response.status_code == 200
    assert GOAL_PROGRESS_INVALID in shown
    report = report_of(world.a)
    assert (report.goal_progress, report.version) == (GoalProgress.SOME, 2)
    assert "Changed" not in set(report.statements.values_list("text", flat=True))


def test_the_saved_rating_is_chosen_when_the_form_opens_again(login, world, report_data):
    client = login(world.a_user)
    client.post(REPORT_URL, report_data(goal_progress=GoalProgress.ACHIEVED, action="save"))

    form = client.get(REPORT_URL).context["form"]

    assert form["goal_progress"].value() == GoalProgress.ACHIEVED


def test_a_submitted_report_shows_its_rating(login, world, report_data):
    client = login(world.a_user)
    assert client.post(REPORT_URL, report_data(goal_progress=GoalProgress.SOME, action="submit")).status_code == 302

    shown = client.get(REPORT_URL).content.decode()

    assert '<h2 id="goal-progress-title">Progress towards your goal</h2>\n    <p>Some progress</p>' in shown
    assert 'name="goal_progress"' not in shown


def test_a_check_in_has_no_rating(login, world):
    shown = login(world.a_user).get("/portal/check-ins/new/").content.decode()

    assert 'name="goal_progress"' not in shown
