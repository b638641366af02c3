"""UK time, and dates written the GOV.UK way ("Tuesday 2 March 2021,
9:30am–12:30pm", "5pm on Friday 30 April 2021").

The one home of the programme's time zone: sessions, deadlines, emails, the
portal and calendar files all say times in Europe/London, whatever the
server's own time zone, so 09:30 stays 09:30 on either side of the clocks
changing."""
import datetime
import zoneinfo

LONDON = zoneinfo.ZoneInfo("Europe/London")
# A deadline typed as a date means the end of that day: 11:59pm, UK time.
END_OF_DAY = datetime.time(23, 59)


def london(moment):
    """The moment in UK time."""
    return moment.astimezone(LONDON)


def format_clock(moment):
    """ "9am", "9:30am", "midday", "midnight"."""
    if moment.minute == 0 and moment.hour == 12:
        return "midday"
    if moment.minute == 0 and moment.hour == 0:
        return "midnight"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}{suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}{suffix}"


def format_day(moment):
    """ "Tuesday 2 March 2021"."""
    return f"{moment:%A} {moment.day} {moment:%B %Y}"


def format_short_moment(moment):
    """ "Wed 24 Feb 2021, 9:30am": a day and time for a narrow column."""
    moment = london(moment)
    return f"{moment:%a} {moment.day} {moment:%b %Y}, {format_clock(moment)}"


def format_session_time(session):
    """When a session happens: "Tuesday 2 March 2021, 9:30am–12:30pm"."""
    start = london(session.starts_at)
    end = london(session.ends_at)
    if start.date() == end.date():
        return f"{format_day(start)}, {format_clock(start)}–{format_clock(end)}"
    return f"{format_day(start)}, {format_clock(start)} to {format_day(end)}, {format_clock(end)}"


def format_moment(moment):
    """ "Friday 12 March 2021, 5pm"."""
    moment = london(moment)
    return f"{format_day(moment)}, {format_clock(moment)}"


def end_of_day(day):
    """The deadline a date typed means: 11:59pm UK time that day (GMT or BST
    as it falls)."""
    return datetime.datetime.combine(day, END_OF_DAY, tzinfo=LONDON)


def format_deadline(moment):
    """ "11:59pm on Sunday 6 December 2020", "5pm on Friday 30 April 2021"
    ("" for no deadline): the one wording of a deadline, for the portal,
    emails and calendar files alike."""
    if moment is None:
        return ""
    local = london(moment)
    return f"{format_clock(local)} on {format_day(local)}"
