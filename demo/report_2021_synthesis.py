"""The facilitators' written synthesis of the demo's 2021 programme report:
the background, what each session involved, a write-up of each session, the
headline quotes, a narrative for each learning theme, the six suggestions for
success and the useful links beyond the sessions' follow-ups. Summarised in
the product's own words from the 2021 programme report (sections 1.1, 1.3,
2.2, 3, 4 and 5), so that the published demo report reads section by section
as that report does."""

BACKGROUND = (
    "<ul>"
    "<li>The Esmée Fairbairn Foundation funds some 35 voluntary organisations across the UK through its Young "
    "People Leaving Care stream, several of them working on care leavers' employability. Catch22 hosts the "
    "National Leaving Care Benchmarking Forum, which brings together more than 125 local authority leaving care "
    "teams to share practice and outcomes.</li>"
    "<li>When Covid-19 arrived, Catch22 and the charities in the funding stream joined forces over its effect on "
    "care leavers' chances of work: a campaign for care leavers' access to devices and broadband (summer 2020), a "
    "roundtable with the minister, the DfE, ADCS and the LGA (spring 2021) and a briefing for Ofsted inspectors "
    "(summer 2021).</li>"
    "<li>This peer learning programme came out of that work: a way to give local authorities longer, steadier "
    "support on care leavers' employment, drawing on what the charities in the funding stream know.</li>"
    "</ul>"
)

SESSION_FORMAT = (
    "<p>Each half-day online session followed the same shape:</p>"
    "<ul>"
    "<li>reflections on progress since the last session, and the challenges and solutions each team had met;</li>"
    "<li>a case study on one step of a young person's route into work, from a charity in the funding stream, "
    "another council or young people themselves;</li>"
    "<li>discussion with the other councils and questions to the presenter, who often sent resources "
    "afterwards;</li>"
    "<li>action planning for the weeks until the next session.</li>"
    "</ul>"
    "<p>The 1-1 conversations and action learning sets (counted above) fell between the first three sessions. "
    "Each council wrote a one-page plan at the start and a one-page report at the end.</p>"
)

INTRODUCTION = (
    "<p>In 2021 ten local authority leaving care teams each chose one goal for care leavers' education, "
    "employment and training, and worked on it together through a year of online sessions. This report is built "
    "from what they wrote in their one-page plans and end-of-programme reports, and from the facilitators' "
    "notes of each session.</p>"
)

APPROACH_COMMENTARY = (
    "<p>The sessions were designed to follow a young person's journey into work, from the local economy to the "
    "first weeks in a job. Participants valued having protected time in a busy week, and the 1-1 conversations "
    "helped teams keep going when staff changed.</p>"
)

CONCLUSION = (
    "<p>The councils that moved furthest chose a focused project, kept senior managers close, and were willing "
    "to change their own procedures once they had listened to young people.</p>"
)

# Session title → the write-up of section 2.2 (the case study's own summary
# and discussion questions follow it on the page).
WRITE_UPS = {
    "Understanding the local economy": (
        "<p>Alex Latham of the Care Leaver Covenant made the case for a whole council approach: every department, "
        "and every company the council buys from, can do something for care leavers. Through social value "
        "clauses a council can ask its large contractors for internships and other openings. Manchester City "
        "Council showed how a council-wide Care Leaver Board and the Covenant's Social Value Toolkit work in "
        "practice, now taken up across Greater Manchester, and how its energy provider helps young people in "
        "practical ways.</p>"
    ),
    "Understanding the world of work": (
        "<p>Charlotte Robey-Turner and Jacob Brown of Leicestershire Cares, a charity that grew out of Business "
        "in the Community, described their Promise to Care programme. More than 80 employers offer workplace "
        "tours, mock interviews, CV clinics and mentored placements, while the charity helps young people deal "
        "with what stands in their way, such as housing or mental health.</p>"
    ),
    "Supporting young people towards employability": (
        "<p>Nicholl Hardwick of Drive Forward Foundation explained how one-to-one work starts from a young "
        "person's strengths and ambitions, and how the charity's corporate partners offer mentoring, internships, "
        "apprenticeships and jobs. A case study from Camden Council showed how a year-long paid internship offer "
        "was built.</p>"
    ),
    "Supporting young people with specific needs": (
        "<p>Drive Forward described the mental health support it offers alongside employment support: group "
        "activities that reduce isolation and free counselling from a care-experienced counsellor. Alexandra "
        "Capitani of Coventry's children's services showed how young people with insecure immigration status can "
        "gain work-related experience: understand their status and their strengths, be creative about "
        "opportunities, and watch for exploitation.</p>"
    ),
    "Learning from young people's experiences": (
        "<p>Two young people with care experience who had come through the Civil Service internship scheme into "
        "permanent jobs said what had helped: communication at every stage of recruitment, even when nothing is "
        "happening; a planned induction; regular, honest feedback; links to other care leavers at work; and "
        "managers who understand what trauma can mean.</p>"
    ),
    "Review of the programme": (
        "<p>The sixth session looked back over the whole programme: how far each council had come against the "
        "goal in its one-page plan, and what had most helped it make progress.</p>"
    ),
}

# The openings of the statements (from the councils' one-page reports) that
# open section 3 as headline quotes.
HEADLINE_QUOTES = [
    "Raised the profile of care leavers with local organisations",
    "Overhauled the pre-apprenticeship programme",
    "10 care leavers have begun",
    "A regeneration director became strategic lead",
    "Produced an activity pack",
    "More young people with No Recourse to Public Funds started university",
    "Opened Facebook and Instagram accounts",
    "Two council departments offered",
]

# The six suggestions for success (section 4's key learning points).
KEY_LEARNING_POINTS = "\n".join([
    "Fit opportunities and support to each young person's interests, motivation and hopes for work, and find the "
    "barriers in their way, such as missing English and maths or the need for ESOL. Ask what works for them, "
    "down to which college is easier to reach.",
    "Reach young people in many ways (social media, face to face, workbooks) and keep in touch, above all when a "
    "job or course application has gone quiet.",
    "Build a partnership across the council and its partners: HR, the Virtual School, employment and enterprise "
    "teams, big contractors and statutory partners. Win senior backing where you can, and use senior managers' "
    "contacts.",
    "Be ready to bend the council's usual procedures (longer recruitment timetables, longer inductions, shorter "
    "days) to go at the young person's pace.",
    "Keep up relationships with employers and let them help in many ways, from CV clinics and mock interviews "
    "to tasters, workplace tours and work experience. Think about how this helps them meet their own social "
    "responsibility goals or develop their staff.",
    "Do not try to do everything at once: choose one area to make progress in, and stick to it.",
])

# Theme name → its narrative (section 4.1 to 4.6).
NARRATIVES = {
    "Changing circumstances": (
        "Young people could not always come to planned meetings, at school for example, so teachers and carers "
        "passed information on. Their lives could change quickly, signed up one week and out of reach the next: "
        "steady, patient contact from the people working with them got round it."
    ),
    "Understanding employability offers": (
        "Young people did not always see what a course or opportunity would give them. Linking the offer to their "
        "own interests and ambitions made the difference."
    ),
    "Understanding the world of work": "A longer induction helped young people settle into a new role.",
    "Safety and travel": (
        "Some young people at risk of exploitation could not safely travel to where support was offered; signing "
        "them up at home solved it."
    ),
    "Senior manager focus": (
        "Turnover among senior managers, and managers who knew little about care leavers at first, made the work "
        "harder."
    ),
    "Time and capacity": (
        "Focused work on care leavers' employment came on top of the day job; recruiting extra staff took a long "
        "time, and close work with young people, such as attending PEP meetings, took a great deal of time."
    ),
    "Priorities within the council": (
        "Where safeguarding and inspection readiness dominated, teams had to keep making the case for young "
        "people's futures."
    ),
    "Funding": "Money for university was not available from the council, so scholarships had to be applied for.",
    "Making social value work": (
        "Winning benefits for care leavers through social value was harder when they had not been written into "
        "the contract from the start."
    ),
    "System timeframes": (
        "Long gaps between a job offer and a start date, such as nine months for the Civil Service internship, "
        "made it hard to keep young people motivated."
    ),
    "Covid restrictions": (
        "Restrictions came and went throughout the programme: teams could not visit young people or employers as "
        "they would have, supported interviews from a distance, found fewer openings inside councils working from "
        "home, and had to delay employer events or move them online."
    ),
    "Partnership across the council": (
        "Progress came from bringing in many parts of the council: HR, economic development, social workers, "
        "personal advisers, team managers and the Virtual School. Meeting in person, rather than emailing, "
        "mattered most between employment teams and personal advisers."
    ),
    "Senior manager support": "Managers who could unblock problems quickly and make links across the council.",
    "Dedicated time or funding": (
        "A part-time worker, or a care leaver apprentice in the team, sped things up; being able to pay for work "
        "experience, internships and apprenticeships at the living wage was often what brought young people in."
    ),
    "Good use of data": (
        "Tracking data showed the gaps, for example which care leavers lacked the English and maths a course or "
        "job needed."
    ),
    "A focused project": (
        "Choosing one group of young people or one sector worked better than trying to tackle every issue at once."
    ),
    "Variety of entry points": (
        "Sectors and schemes with many ways in, some needing few qualifications, and opportunities from short "
        "tasters to long placements; with care for young people whose immigration status limits work."
    ),
    "Listening to young people": (
        "Young people's views changed how things were done: training delivered where personal advisers could "
        "come along, and sign-up at home rather than in a place a young person felt unsafe."
    ),
    "Time and support for young people": (
        "Constant contact while an opportunity was being finalised, and support that keeps going as young "
        "people's lives change."
    ),
    "Sharing in a safe space": (
        "Sharing experiences honestly with other councils was reassuring, gave ideas to try, and helped teams "
        "make the case to their own senior managers."
    ),
    "Specialist case studies": (
        "Input from specialist voluntary organisations, with time to take it in, and the resources and "
        "conversations that followed, such as example job adverts for apprenticeships."
    ),
    "The one-page plan and regular meetings": (
        "The one-page plan gave focus at the start, and regular meetings gave protected time, encouragement and a "
        "prompt to act."
    ),
    "Young people's voices": (
        "The two young people from the Civil Service internship reminded everyone of the basics: communication, "
        "induction and regular feedback."
    ),
    "More 1-1 conversations": (
        "Keep the 1-1 conversations between group sessions: focused, confidence-building, and a help when new "
        "staff join part way through."
    ),
    "More young people's voices": "Hear more from young people about what worked for them.",
    "Even breakout groups": "Keep breakout groups of an even size, adjusted on the day when people cannot come.",
    "Mixing breakout groups differently": (
        "Mix the groups in different ways, for example by the number of young people who arrived as "
        "unaccompanied asylum seekers."
    ),
}

# Useful links beyond the sessions' follow-up resources (section 5): library slugs.
USEFUL_LINK_SLUGS = ["national-referral-mechanism-guidance", "barnardos-child-trafficking-services"]
