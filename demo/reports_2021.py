"""Demo one-page plans and final reports for the ten local authorities.

Summarised, in our own words and anonymised, from the 2021 programme report
(sections 2.1 and 3). Each report's `goal_progress` is our reading of what
the council says it achieved against its goal: "achieved" where the thing it
set out to build is running (LA 3's construction places, LA 5's sessional
programme), "some" where the work had only just started (LA 7 restarted its
working group, but the whole-council approach is still to come; LA 8's pilot
had run for a term), "good" for the rest. The nine submitted give
"7 of 9 councils made good progress towards their goal". `load_demo_reports` files them against a cohort's
accepted memberships so the report pages have realistic content to show."""
from datetime import datetime

from programme.dates import LONDON
from programme.enums import REPORT_SECTIONS, MembershipStatus, SubmissionStatus
from programme.submissions.content import PLAN_FIELDS
from programme.submissions.writing import (
    final_report_for,
    plan_for,
    save_plan,
    save_reflection,
    submit,
)

PLAN_SUBMITTED_AT = datetime(2021, 3, 1, 10, 0, tzinfo=LONDON)
REPORT_SUBMITTED_AT = datetime(2022, 2, 1, 10, 0, tzinfo=LONDON)

REPORTS = [
    {  # LA 1
        "goal_progress": "good",
        "goal_category": "external",
        "issue": "Few care leavers find work in local construction, even though the sector is short of skilled people.",
        "goal": "Get more care leavers into construction jobs, covering office roles such as admin and HR as well "
                "as work on site.",
        "success": "A range of construction employers offer apprenticeships and entry routes that care leavers take up.",
        "first_actions": "Map local construction firms and build links with them; brief social workers and PAs "
                         "on careers in the sector.",
        "team": "Leaving care manager, Employment and skills officer, Personal adviser",
        "progress": [
            "Raised the profile of care leavers with local organisations and found 13 possible apprenticeships.",
            "Ran a hands-on week with a regeneration charity showing young people the range of construction roles.",
            "Helped social workers and PAs understand how to steer young people towards construction careers.",
            "Secured four years of funding for costs such as travel and protective kit.",
        ],
        "challenges": [
            "Covid pushed back a face-to-face employer event several times until it finally ran online.",
            "Fitting the project around everyone's day jobs.",
            "Changes among senior managers made it harder to keep their backing.",
        ],
        "enablers": [
            "Focusing on one sector, construction, and building up our knowledge of it.",
            "Choosing a sector that people can enter at many different levels.",
            "Updating managers regularly so their support continued.",
        ],
        "next": [
            "Strengthen links with local organisations and extend into related sectors.",
            "Create a career map aimed at unaccompanied asylum-seeking young people.",
            "Set up work tasters and work experience with local organisations and colleges.",
        ],
    },
    {  # LA 2
        "goal_progress": "good",
        "goal_category": "external",
        "issue": "Care leavers are not making enough use of Kickstart and often are not ready to start an apprenticeship.",
        "goal": "Work with the DWP to promote Kickstart placements and build a supported pre-apprenticeship "
                "programme tailored to care leavers.",
        "success": "More care leavers take Kickstart placements and move from the pre-apprenticeship into apprenticeships.",
        "first_actions": "Meet DWP contacts to agree how Kickstart is promoted, and review the current "
                         "pre-apprenticeship programme.",
        "team": "Leaving care manager, EET coordinator, Personal adviser, DWP work coach",
        "progress": [
            "Overhauled the pre-apprenticeship programme so every young person has a learning mentor.",
            "Set up an online EET group for PAs to share opportunities and ran joint sessions on work readiness.",
            "Linked up with a recruitment agency that gives young people one-to-one interview practice.",
        ],
        "challenges": [
            "Hard to find work opportunities inside the council while staff worked from home in Covid.",
            "The team had few resources.",
        ],
        "enablers": [
            "Close relationships with internal teams and swapping good practice.",
            "Backing from the Corporate Parenting Board and senior leaders.",
            "Matching young people to schemes in a more individual way.",
            "The peer group renewed our enthusiasm and kept us on track with the plan.",
        ],
        "next": [
            "Reach more employers and share good practice more widely.",
        ],
    },
    {  # LA 3
        "goal_progress": "achieved",
        "goal_category": "external",
        "issue": "The civic centre redevelopment brings a large contractor to the area but no agreed opportunities for care leavers.",
        "goal": "Work with the contractor rebuilding the civic centre to open up employability support, work "
                "experience and apprenticeships for care leavers.",
        "success": "The contractor commits to a set number of opportunities for care leavers and young people start in them.",
        "first_actions": "Meet the contractor with the economic development team to explore social value "
                         "commitments for care leavers.",
        "team": "Leaving care manager, Economic development officer, HR adviser",
        "progress": [
            "The construction partner committed to 22 opportunities over the coming 18 months.",
            "Ran a sector insight session for a group of young people.",
            "Two young people started in post in January.",
            "Internal care leaver apprenticeships rose to 8.",
        ],
        "challenges": [
            "Some young people were not yet ready for work, so the induction period was lengthened.",
            "Naming care leavers in the social value KPIs when the original contract did not mention them.",
        ],
        "enablers": [
            "Working with HR, including a longer induction for young people.",
            "Using the social value framework with economic development to agree care leaver KPIs with the partner.",
        ],
        "next": [
            "10 more posts are due to begin in 2022.",
            "Help the 8 internal apprentices stay in work and progress with their qualifications.",
        ],
    },
    {  # LA 4
        "goal_progress": "good",
        "goal_category": "external",
        "issue": "Local businesses know little about the barriers care leavers face, so few offer them opportunities.",
        "goal": "Engage local businesses more closely, offering them training and support on the issues faced "
                "by young people leaving care.",
        "success": "Local businesses offer more opportunities and feel equipped to support care leavers in work.",
        "first_actions": "Bring together a team from several departments and prepare a briefing for employers.",
        "team": "Leaving care manager, Business engagement officer, Social worker, Personal adviser",
        "progress": [
            "Formed a team from several departments to track progress and agree actions.",
            "Prepared a presentation for local businesses that features young people's own voices.",
            "Ran an employability course: 5 of the 6 who started will move into EET.",
            "Created at least 8 opportunities inside and outside the council.",
        ],
        "challenges": [
            "Persuading young people to join the employability course and see what they would gain.",
        ],
        "enablers": [
            "A multi-agency team able to go straight to senior managers to sort out problems fast.",
            "Social workers' and PAs' relationships with young people, encouraging them onto courses and opportunities.",
        ],
        "next": [
            "Open a multi-agency drop-in hub with employability sessions plus cooking and laundry facilities.",
            "Repeat the entrepreneur challenge: a group gets £60 and a market stall to make and sell a product.",
        ],
    },
    {  # LA 5
        "goal_progress": "achieved",
        "goal_category": "internal",
        "issue": "Apprenticeships alone do not suit every care leaver, and the council offers few other paid roles.",
        "goal": "Create paid sessional work inside the council alongside apprenticeships, with routes for young "
                "people to progress afterwards.",
        "success": "Care leavers take paid sessional placements across the council and move on to further work or training.",
        "first_actions": "Secure funding for a co-ordinator and agree an adjusted recruitment process with HR.",
        "team": "Leaving care manager, Programme co-ordinator, HR adviser, Welfare rights adviser",
        "progress": [
            "Launched a sessional work programme with a co-ordinator, applications, internal promotion and data recording.",
            "Participants are paid the local living wage and get a benefits check from welfare rights.",
            "10 care leavers have begun, and placements for another 10 are agreed.",
        ],
        "challenges": [
            "Recruiting the co-ordinator took longer than planned.",
            "Young people's circumstances shift, so plans need changing.",
            "Covid limited visits and going with young people to interviews; we used Teams and encouraged travelling alone.",
        ],
        "enablers": [
            "Funding for the co-ordinator post and for paid work.",
            "HR adapted recruitment, and children's services found young people and helped them apply, e.g. with CVs.",
        ],
        "next": [
            "Grow to 40 placements by bringing in more council departments.",
            "Offer joined-up support in placement from the Virtual School, social care and progression teams.",
            "Extend the programme to employers outside the council.",
        ],
    },
    {  # LA 6
        "goal_progress": "good",
        "goal_category": "internal",
        "issue": "The council has no formal apprenticeship offer, and many care leavers lack Level 2 English and Maths.",
        "goal": "Formalise the council's apprenticeship and work experience offer, including for UASC who cannot "
                "yet work, and help care leavers gain English and Maths.",
        "success": "More care leavers gain functional skills and move into apprenticeships, internships or university.",
        "first_actions": "Use data to find young people without English and Maths, and look for a training provider.",
        "team": "Leaving care manager, ETE adviser, Social worker, HR adviser",
        "progress": [
            "Six young people won places on the Civil Service internship scheme.",
            "More young people with No Recourse to Public Funds started university.",
            "Found a provider for in-house English and Maths, so social workers and ETE staff can support on course days.",
        ],
        "challenges": [
            "Paying for university: we helped students apply for and win scholarships.",
            "Civil Service internships took 9 months to be allocated after the job offer.",
        ],
        "enablers": [
            "Using data better to find young people without English and Maths qualifications.",
            "Asking care leavers how their courses were going and what worked for them.",
            "Keeping in regular touch with young people waiting to hear from the Civil Service.",
        ],
        "next": [
            "Open a care leavers hub for year-round accredited courses and meeting PAs and peers.",
            "Update and republish the local offer, including through an app.",
            "Use what we learnt to help more young people with NRPF reach university.",
        ],
    },
    {  # LA 7
        "goal_progress": "some",
        "goal_category": "internal",
        "issue": "The cross-council working group on care leavers' education, training and work had lost momentum.",
        "goal": "Revive the cross-council care leaver EET group and take up the Care Leaver Covenant's "
                "whole-council approach.",
        "success": "Services across the council, led by senior managers, take active responsibility for care leavers' futures.",
        "first_actions": "Re-convene the working group and widen its membership to HR, the Virtual School and partners.",
        "team": "Leaving care manager, Virtual School Head, HR adviser, Youth hub lead",
        "progress": [
            "Restarted the cross-council group with more council and partner members, including HR and the Virtual School.",
            "Widened the group's focus to include 16 and 17 year olds.",
            "A regeneration director became strategic lead for care leavers; the DCS is pressing services to do more.",
        ],
        "challenges": [
            "Children's services were focused on safeguarding and Ofsted.",
            "Covid restrictions.",
            "Senior managers had little knowledge of the issue, or interest, at first.",
        ],
        "enablers": [
            "Covid restrictions easing.",
            "A visit from the national adviser for care leavers.",
        ],
        "next": [
            "Embed regeneration champions.",
            "Get more support from personal advisers and social workers.",
            "Involve more young people.",
            "Develop the work with partners and reach out to local businesses.",
        ],
    },
    {  # LA 8
        "goal_progress": "some",
        "goal_category": "young_people",
        "issue": "Care experienced pupils in Years 10 and 11 get little employability support before they leave school.",
        "goal": "Engage more Year 10 and 11 pupils in employability through the Virtual School and existing "
                "careers work in schools.",
        "success": "Year 10 and 11 pupils in care have clear aspirations and know about post-16 support.",
        "first_actions": "Agree with the Virtual School how we can join Year 10 PEP meetings.",
        "team": "Virtual School Head, Area learning advocate, Careers adviser",
        "progress": [
            "Began a pilot in September 2021 engaging young people at their Year 10 PEP meetings.",
            "Produced an activity pack to help young people work out their aspirations.",
            "Raised the profile of our post-16 support programme.",
        ],
        "challenges": [
            "Going to every Year 10 PEP meeting took a lot of time; we will review it after Spring Term 2022.",
            "Young people often miss meetings, so we rely on colleagues, carers and teachers to pass information on.",
        ],
        "enablers": [
            "Working with the Virtual School and learning advocates to reach young people at PEPs, at the right moment.",
        ],
        "next": [
            "Find a way to send Years 10 and 11 information about the post-16 programme.",
            "Offer Year 10 pupils work experience in the post-16 support team.",
        ],
    },
    {  # LA 9
        "goal_progress": "good",
        "goal_category": "young_people",
        "issue": "Many care leavers, especially UASC needing ESOL, do not hear about EET support and opportunities.",
        "goal": "Reach more care leavers by trying new channels such as workbooks, drop-ins and social media, "
                "with a focus on UASC who may need ESOL.",
        "success": "More care leavers, including UASC, engage with EET support through channels that suit them.",
        "first_actions": "Open social media accounts for EET opportunities and plan drop-ins with personal advisers.",
        "team": "EET team manager, EET apprentice, Personal adviser, ESOL provider",
        "progress": [
            "Opened Facebook and Instagram accounts to share EET opportunities.",
            "Work more closely with PAs, meeting one to one about NEET young people.",
            "Launched EET drop-ins in four places across the county.",
            "Began an EET workbook, still being developed with external providers.",
            "Two council departments offered to give EET support to care leavers.",
        ],
        "challenges": [
            "Covid: we set up a Teams EET channel so PAs could show young people opportunities on their phones.",
        ],
        "enablers": [
            "Building personal relationships with PAs rather than relying on email.",
            "Helping existing partners broaden their offer, e.g. ESOL combined with vocational options.",
            "Apprentices in the team added capacity and connected well with young people.",
            "Briefing senior managers on other councils' practice, learnt through the peer programme.",
        ],
        "next": [
            "Hold an agreed council EET event in April with the national adviser for care leavers.",
            "Keep engaging PAs through team meetings and one-to-ones.",
            "Run more drop-ins in more places.",
            "Launch the EET workbook with partners.",
        ],
    },
    {  # LA 10
        "goal_progress": "good",
        "goal_category": "young_people",
        "issue": "A group of care leavers has been NEET for over a year and is not reached by standard support.",
        "goal": "Work intensively with care leavers NEET for more than 12 months using a case conferencing model "
                "shared by leaving care, community learning and employment teams.",
        "success": "Long-term NEET care leavers sign up for support and move into jobs, training or volunteering.",
        "first_actions": "Set up case conferences across the three teams and agree referrals to the council's "
                         "employment service.",
        "team": "Leaving care manager, Community learning officer, Employment and learning adviser",
        "progress": [
            "Built close links with the council's employment service and found extra funding streams.",
            "Changed sign-up processes so more young people could take part.",
            "11 young people signed up: 3 found jobs and 5 are still in training, volunteering or work experience.",
        ],
        "challenges": [
            "Keeping young people motivated: some sign up then cannot be reached a week later.",
            "Some at risk of gang exploitation are not, or do not feel, safe travelling to the office.",
        ],
        "enablers": [
            "Working with the employment service to make paperwork easier.",
            "Getting to know young people and keeping in regular contact.",
            "Offering sign-up at home or another address so they avoid areas they see as unsafe.",
        ],
        "next": [
            "Create more paid work placements within the council.",
            "Improve how we support young people once they are in training or work.",
        ],
    },
]

SECTION_KEYS = [section.value for section in REPORT_SECTIONS]


def accepted_memberships(cohort):
    """The cohort's accepted memberships in organisation-name order: the order
    the demo's plans, reports and feedback are paired with."""
    return list(
        cohort.memberships.filter(status=MembershipStatus.ACCEPTED)
        .select_related("organisation").order_by("organisation__name")
    )


def load_demo_reports(*, cohort, user):
    """Fill and submit each accepted membership's plan and final report.

    Memberships are taken in organisation-name order and paired with REPORTS.
    A plan already submitted is left alone (so this can be run again). The
    last membership's final report is saved but left as a draft, as one of
    the ten authorities did not send a final report."""
    memberships = accepted_memberships(cohort)
    pairs = list(zip(memberships, REPORTS, strict=False))
    for index, (membership, data) in enumerate(pairs):
        plan = plan_for(membership)
        if plan.status == SubmissionStatus.SUBMITTED:
            continue
        save_plan(plan=plan, data={key: data[key] for key in PLAN_FIELDS}, user=user, expected_version=plan.version)
        plan.refresh_from_db()
        submit(submission=plan, user=user, expected_version=plan.version, now=PLAN_SUBMITTED_AT, notify=False)

        report = final_report_for(membership)
        if report.status == SubmissionStatus.SUBMITTED:
            continue
        save_reflection(
            reflection=report, sections={key: data[key] for key in SECTION_KEYS},
            user=user, expected_version=report.version, goal_progress=data["goal_progress"],
        )
        report.refresh_from_db()
        if index < len(pairs) - 1:
            submit(submission=report, user=user, expected_version=report.version, now=REPORT_SUBMITTED_AT, notify=False)
    return len(pairs)
