"""Demo content for the public library: topics, resource categories,
organisations, resources and case studies.

Plain data, loaded by `demo.library.load_public_library`. Every text here is
a summary, in our own words, of five public documents: the 2021 NLCBF peer
learning programme report, the 2017 Learning and Work Institute report on
local partnerships, a St Helens scrutiny update (2023), a Derby City committee
update (2021) and the National Implementation Adviser's 2020 report. Links are
only ones that appear in those documents.

Case study bodies are lists of StreamField blocks in their stored (JSON) form:
``{"type": <block name in resources.blocks.CaseStudyBodyBlock>, "value": …}``.
Rich text values are HTML strings.
"""

from programme.enums import LAType, OrganisationKind, Region

LA = OrganisationKind.LOCAL_AUTHORITY
VOLUNTARY = OrganisationKind.VOLUNTARY
EMPLOYER = OrganisationKind.EMPLOYER
GOVERNMENT = OrganisationKind.GOVERNMENT
OTHER = OrganisationKind.OTHER


# ---------------------------------------------------------------------------
# Taxonomy
# ---------------------------------------------------------------------------

# The first five follow the arc of the 2021 programme (the 2021 programme report, section 2.2):
# a young person's journey into work, step by step.
TOPICS = [
    {
        "name": "Understanding the local economy",
        "description": (
            "How a council's spending, contracts and local employers can open doors for care "
            "leavers."
        ),
        "sort_order": 10,
    },
    {
        "name": "Understanding the world of work",
        "description": (
            "Real encounters with employers: workplace tours, mock interviews, CV clinics and "
            "placements."
        ),
        "sort_order": 20,
    },
    {
        "name": "Moving towards employability",
        "description": (
            "One-to-one support, mentoring, internships and apprenticeships that build readiness "
            "for work."
        ),
        "sort_order": 30,
    },
    {
        "name": "Supporting young people with specific needs",
        "description": (
            "Mental health, insecure immigration status and other needs that call for a tailored "
            "offer."
        ),
        "sort_order": 40,
    },
    {
        "name": "Learning from young people's experiences",
        "description": (
            "What care-experienced young people say helped them into work, and helped them stay "
            "there."
        ),
        "sort_order": 50,
    },
    {
        "name": "Partnership working",
        "description": (
            "Networks and boards that bring councils, colleges, universities and agencies together "
            "around care leavers."
        ),
        "sort_order": 60,
    },
    {
        "name": "Housing and independence",
        "description": (
            "Homes, money and practical help that make independent living, and so work, possible."
        ),
        "sort_order": 70,
    },
    {
        "name": "Corporate parenting and the local offer",
        "description": (
            "How a whole council, its partners and local businesses set out what they will do for "
            "care leavers."
        ),
        "sort_order": 80,
    },
]

RESOURCE_CATEGORIES = [
    {
        "name": "Strategic guidance",
        "description": (
            "National strategy and whole-council approaches to support for care leavers."
        ),
        "sort_order": 10,
    },
    {
        "name": "Working with employers",
        "description": "Practical help for engaging businesses and public sector employers.",
        "sort_order": 20,
    },
    {
        "name": "Young people with uncertain immigration status",
        "description": (
            "Advice and services for care leavers affected by immigration control, including "
            "former unaccompanied asylum-seeking children."
        ),
        "sort_order": 30,
    },
    {
        "name": "Trafficking and exploitation",
        "description": (
            "Where to turn when a young person may be at risk of trafficking, modern slavery or "
            "exploitation at work."
        ),
        "sort_order": 40,
    },
    {
        "name": "Education and higher education",
        "description": (
            "Guidance for colleges and universities on supporting care leavers to progress."
        ),
        "sort_order": 50,
    },
    {
        "name": "Local offers for care leavers",
        "description": (
            "Published offers to care leavers from councils and government departments, to compare "
            "and borrow from."
        ),
        "sort_order": 60,
    },
]


# ---------------------------------------------------------------------------
# Organisations
# ---------------------------------------------------------------------------

# The ten local authorities of the 2021 programme, grouped as the report groups
# them (the 2021 programme report, section 1.2: county councils and unitary authorities).
PROGRAMME_LOCAL_AUTHORITIES = [
    {"name": "Cambridgeshire County Council", "la_type": LAType.COUNTY, "region": Region.EAST},
    {"name": "Devon County Council", "la_type": LAType.COUNTY, "region": Region.SOUTH_WEST},
    {"name": "Durham County Council", "la_type": LAType.COUNTY, "region": Region.NORTH_EAST},
    {"name": "Kent County Council", "la_type": LAType.COUNTY, "region": Region.SOUTH_EAST},
    {"name": "Hull City Council", "la_type": LAType.UNITARY, "region": Region.YORKSHIRE},
    {"name": "London Borough of Tower Hamlets", "la_type": LAType.UNITARY, "region": Region.LONDON},
    {"name": "Walsall Council", "la_type": LAType.UNITARY, "region": Region.WEST_MIDLANDS},
    {"name": "Warrington Borough Council", "la_type": LAType.UNITARY, "region": Region.NORTH_WEST},
    {"name": "Wirral Council", "la_type": LAType.UNITARY, "region": Region.NORTH_WEST},
    {"name": "Sefton Borough Council", "la_type": LAType.UNITARY, "region": Region.NORTH_WEST},
]

# Councils named in the case studies and resources below.
OTHER_LOCAL_AUTHORITIES = [
    {
        "name": "Manchester City Council",
        "la_type": LAType.METROPOLITAN,
        "region": Region.NORTH_WEST,
    },
    {"name": "Camden Council", "la_type": LAType.LONDON_BOROUGH, "region": Region.LONDON},
    {
        "name": "Coventry City Council",
        "la_type": LAType.METROPOLITAN,
        "region": Region.WEST_MIDLANDS,
    },
    {"name": "Medway Council", "la_type": LAType.UNITARY, "region": Region.SOUTH_EAST},
    {
        "name": "Staffordshire County Council",
        "la_type": LAType.COUNTY,
        "region": Region.WEST_MIDLANDS,
    },
    {"name": "Middlesbrough Council", "la_type": LAType.UNITARY, "region": Region.NORTH_EAST},
    {"name": "Suffolk County Council", "la_type": LAType.COUNTY, "region": Region.EAST},
    {"name": "South Tyneside Council", "la_type": LAType.METROPOLITAN, "region": Region.NORTH_EAST},
    {"name": "Liverpool City Council", "la_type": LAType.METROPOLITAN, "region": Region.NORTH_WEST},
    {"name": "Derby City Council", "la_type": LAType.UNITARY, "region": Region.EAST_MIDLANDS},
    {"name": "St Helens Council", "la_type": LAType.METROPOLITAN, "region": Region.NORTH_WEST},
]

# Presenters' organisations, employers, publishers of resources and partners.
PARTNER_ORGANISATIONS = [
    {"name": "Catch22", "kind": VOLUNTARY, "region": Region.NATIONAL},
    {"name": "Care Leaver Covenant", "kind": VOLUNTARY, "region": Region.NATIONAL},
    {"name": "Leicestershire Cares", "kind": VOLUNTARY, "region": Region.EAST_MIDLANDS},
    {"name": "Drive Forward Foundation", "kind": VOLUNTARY, "region": Region.LONDON},
    {
        "name": "Greater Manchester Immigration Aid Unit",
        "kind": VOLUNTARY,
        "region": Region.NORTH_WEST,
    },
    {"name": "South London Refugee Association", "kind": VOLUNTARY, "region": Region.LONDON},
    {"name": "Barnardo's", "kind": VOLUNTARY, "region": Region.NATIONAL},
    {"name": "Learning and Work Institute", "kind": VOLUNTARY, "region": Region.NATIONAL},
    {"name": "Thermo Fisher Scientific", "kind": EMPLOYER, "region": Region.NATIONAL},
    {"name": "Engie", "kind": EMPLOYER, "region": Region.NATIONAL},
    {"name": "Department for Education", "kind": GOVERNMENT, "region": Region.NATIONAL},
    {"name": "Home Office", "kind": GOVERNMENT, "region": Region.NATIONAL},
    {"name": "Liverpool John Moores University", "kind": OTHER, "region": Region.NORTH_WEST},
    {"name": "Sheffield Hallam University", "kind": OTHER, "region": Region.YORKSHIRE},
    {"name": "The University of Sheffield", "kind": OTHER, "region": Region.YORKSHIRE},
]

ORGANISATIONS = (
    [{**org, "kind": LA} for org in PROGRAMME_LOCAL_AUTHORITIES]
    + [{**org, "kind": LA} for org in OTHER_LOCAL_AUTHORITIES]
    + [{**org, "la_type": ""} for org in PARTNER_ORGANISATIONS]
)


# ---------------------------------------------------------------------------
# Resources (useful links)
# ---------------------------------------------------------------------------

RESOURCES = [
    # The useful links of the 2021 programme report (the 2021 programme report, section 5).
    {
        "title": "Whole Council Approach and Social Value Toolkit",
        "slug": "care-leaver-covenant-whole-council-approach",
        "description": (
            "Strategic resources for local authorities from the Care Leaver Covenant: how to make "
            "support for care leavers the business of every department, and a toolkit for writing "
            "support for care leavers into procurement through social value."
        ),
        "category": "Strategic guidance",
        "organisation": "Care Leaver Covenant",
        "link_url": "https://mycovenant.org.uk/support-the-covenant/local-authorities-engagement/",
        "tags": ["social value", "whole council", "procurement"],
        "featured": True,
    },
    {
        "title": "Engaging and working with businesses",
        "slug": "leicestershire-cares-working-with-businesses",
        "description": (
            "Practical material from Leicestershire Cares on getting businesses involved with "
            "young people leaving care: linking the ask to a company's corporate social "
            "responsibility goals, and the Promise to Care pledge that employers can sign."
        ),
        "category": "Working with employers",
        "organisation": "Leicestershire Cares",
        "link_url": "https://www.leicestershirecares.co.uk/get-help/get-businesses/",
        "tags": ["employers", "work experience"],
        "featured": True,
    },
    {
        "title": "Immigration advice for children and young people in Greater Manchester",
        "slug": "gmiau-children-and-young-people",
        "description": (
            "The Greater Manchester Immigration Aid Unit's services for children and young people, "
            "including those in care and care leavers whose immigration status is not settled."
        ),
        "category": "Young people with uncertain immigration status",
        "organisation": "Greater Manchester Immigration Aid Unit",
        "link_url": "https://gmiau.org/help-and-advice/services/#children-and-young-people",
        "tags": ["immigration", "uasc"],
        "featured": False,
    },
    {
        "title": (
            "Six things for local authority staff: young people in care and immigration control"
        ),
        "slug": "gmiau-six-things-guide",
        "description": (
            "A short flyer made by young people who work with GMIAU, setting out six things "
            "professionals should know when supporting a young person in care who is affected by "
            "immigration control. Useful well beyond Greater Manchester."
        ),
        "category": "Young people with uncertain immigration status",
        "organisation": "Greater Manchester Immigration Aid Unit",
        "link_url": "https://gmiau.org/six-things-guide-for-local-authority-staff/",
        "tags": ["immigration", "uasc", "youth voice"],
        "featured": True,
    },
    {
        "title": "Youth work and advice for young refugees in South London",
        "slug": "slra-youth-work-and-advice",
        "description": (
            "The South London Refugee Association runs a youth club and other activities for 14 to "
            "18 year olds, alongside casework and telephone advice."
        ),
        "category": "Young people with uncertain immigration status",
        "organisation": "South London Refugee Association",
        "link_url": "https://www.slr-a.org.uk/our-services/youth-work/telephone-advice/",
        "tags": ["immigration", "uasc", "youth work"],
        "featured": False,
    },
    {
        "title": "National Referral Mechanism guidance",
        "slug": "national-referral-mechanism-guidance",
        "description": (
            "Government guidance on trafficking and modern slavery in England and Wales: how to "
            "refer a potential victim through the National Referral Mechanism, and the role of "
            "Independent Child Trafficking Guardians."
        ),
        "category": "Trafficking and exploitation",
        "organisation": "Home Office",
        "link_url": (
            "https://www.gov.uk/government/publications/human-trafficking-victims-referral-and-assessment-forms/"
            "guidance-on-the-national-referral-mechanism-for-potential-adult-victims-of-modern-slavery-england-and-wales"
            "#independent-child-trafficking-guardians-ictg"
        ),
        "tags": ["exploitation", "trafficking", "uasc"],
        "featured": False,
    },
    {
        "title": "Barnardo's child trafficking services",
        "slug": "barnardos-child-trafficking-services",
        "description": (
            "Barnardo's support for children and young people who have been trafficked, including "
            "the Independent Child Trafficking Guardian service that runs across most of England."
        ),
        "category": "Trafficking and exploitation",
        "organisation": "Barnardo's",
        "link_url": (
            "https://www.barnardos.org.uk/what-we-do/protecting-children/trafficked-children"
        ),
        "tags": ["exploitation", "trafficking"],
        "featured": False,
    },
    # Further links from the other source documents (the 2017 partnerships report, the 2023 scrutiny update and the 2020 adviser's report).
    {
        "title": "Keep on Caring: supporting young people from care to independence",
        "slug": "keep-on-caring",
        "description": (
            "The government's 2016 cross-departmental strategy for care leavers. It sets five "
            "outcomes (readiness for independent living, access to education and work, stability, "
            "health and financial security) and introduced the Care Leaver Covenant."
        ),
        "category": "Strategic guidance",
        "organisation": "Department for Education",
        "link_url": (
            "https://www.gov.uk/government/publications/keep-on-caring-supporting-young-people-from-care-to-independence"
        ),
        "tags": ["strategy", "corporate parenting", "local offer"],
        "featured": True,
    },
    {
        "title": "Care Leaver Covenant: what government departments offer",
        "slug": "care-leaver-covenant-government-offers",
        "description": (
            "The government's collection of pages on the Care Leaver Covenant, including the "
            "offers each department has made to care leavers and the Civil Service care leaver "
            "internship scheme."
        ),
        "category": "Local offers for care leavers",
        "organisation": "Department for Education",
        "link_url": "https://www.gov.uk/government/collections/care-leaver-covenant--2",
        "tags": ["local offer", "internships", "corporate parenting"],
        "featured": False,
    },
    {
        "title": "Covenant signatories and their offers",
        "slug": "care-leaver-covenant-signatories",
        "description": (
            "Businesses, charities and public bodies that have signed the Care Leaver Covenant, "
            "with what each offers care leavers. A starting point when looking for employers who "
            "are already committed."
        ),
        "category": "Working with employers",
        "organisation": "Care Leaver Covenant",
        "link_url": "https://mycovenant.org.uk/featured-signatories/",
        "tags": ["employers", "social value"],
        "featured": False,
    },
    {
        "title": (
            "Principles for higher education providers on care leavers' access and participation"
        ),
        "slug": "he-principles-for-care-leavers",
        "description": (
            "Principles published by the Department for Education in 2019 to guide universities in "
            "improving how care leavers get into, and get on in, higher education."
        ),
        "category": "Education and higher education",
        "organisation": "Department for Education",
        "link_url": (
            "https://www.gov.uk/government/publications/principles-to-guide-he-providers-on-improving-care-leavers-access-and-participation-in-he/"
            "principles-to-guide-higher-education-providers-on-improving-care-leavers-access-and-participation-in-he"
        ),
        "tags": ["higher education"],
        "featured": False,
    },
    {
        "title": "Supporting care leavers in further education",
        "slug": "supporting-care-leavers-in-fe",
        "description": (
            "A 2015 guide for further education colleges, written with Buttle UK, drawing on the "
            "practice of colleges that held the Buttle UK Quality Mark. It found partnerships with "
            "schools, councils and voluntary organisations to be central to care leavers' "
            "progression."
        ),
        "category": "Education and higher education",
        "organisation": "Learning and Work Institute",
        "link_url": (
            "http://www.learningandwork.org.uk.gridhosted.co.uk/wp-content/uploads/2017/01/"
            "Supporting_Care_Leavers_in_FE_Full-Report_November_2015.pdf"
        ),
        "tags": ["further education", "partnership"],
        "featured": False,
    },
    {
        "title": "St Helens Futures: the offer to care leavers",
        "slug": "st-helens-futures-care-leaver-offer",
        "description": (
            "St Helens Council's web pages for its care leavers: careers advice, apprenticeships, "
            "traineeships and supported internships, college and university routes, and "
            "information on money and benefits."
        ),
        "category": "Local offers for care leavers",
        "organisation": "St Helens Council",
        "link_url": "https://www.sthelens.gov.uk/futures",
        "tags": ["local offer", "apprenticeships", "money"],
        "featured": False,
    },
]


# ---------------------------------------------------------------------------
# Case studies
# ---------------------------------------------------------------------------


def _heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def _paragraph(html):
    return {"type": "paragraph", "value": html}


def _key_points(points, title="Key points"):
    return {"type": "key_points", "value": {"title": title, "points": list(points)}}


def _quote(quote, attribution=""):
    return {"type": "quote", "value": {"quote": quote, "attribution": attribution}}


def _partnership(*, partners, model, activities, outcomes):
    return {
        "type": "partnership",
        "value": {
            "partners": partners,
            "model": model,
            "activities": activities,
            "outcomes": outcomes,
        },
    }


def _discussion(questions, title="Discussion"):
    return {
        "type": "discussion",
        "value": {
            "title": title,
            "questions": [{"question": q, "answer": a} for q, a in questions],
        },
    }


def _ul(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


CASE_STUDIES = [
    # --- The 2021 programme's case study sessions (the 2021 programme report, section 2.2) ---
    {
        "title": "Social value and a whole council approach in Manchester",
        "slug": "social-value-whole-council-manchester",
        "summary": (
            "The Care Leaver Covenant showed how a council can use its buying power for care "
            "leavers. Manchester City Council set up a council-wide Care Leaver Board and wrote "
            "support for care leavers into procurement with the Social Value Toolkit; its energy "
            "contractor Engie now helps young people in practical ways and has recruited one "
            "through a ring-fenced vacancy."
        ),
        "topic": "Understanding the local economy",
        "organisations": ["Care Leaver Covenant", "Manchester City Council", "Engie"],
        "region": Region.NORTH_WEST,
        "la_type": LAType.METROPOLITAN,
        "tags": ["social value", "whole council", "employers", "procurement"],
        "presenters": [
            {"name": "Alex Latham", "role": "", "organisation": "Care Leaver Covenant"},
        ],
        "body": [
            _paragraph(
                "<p>The first session of the 2021 programme looked at the local economy. Alex "
                "Latham of the Care Leaver Covenant argued that support for care leavers should "
                "not sit with the leaving care team alone: every part of the council, and every "
                "organisation the council pays, has something to offer.</p>"
            ),
            _heading("Using procurement for care leavers"),
            _paragraph(
                "<p>Through a social value approach, a council can ask the companies that win its "
                "contracts to give something back, for example by offering internships to care "
                "leavers. The Covenant's Social Value Toolkit is a guide to doing this.</p>"
            ),
            _heading("Manchester City Council"),
            _paragraph(
                "<p>Manchester created a Care Leaver Board that spans the whole council, covering "
                "work and learning, health, money and a safe, stable home. It used the Social "
                "Value Toolkit in its work with young people who are not in education, employment "
                "or training, care leavers among them, and the approach is being taken up by all "
                "ten Greater Manchester councils.</p>"
            ),
            _key_points(
                [
                    "Offers handyman help with young people's accommodation.",
                    "Lends a driver and van for the council's clothing events.",
                    "Trains young people for the CSCS card needed on building sites.",
                    "Has taken on a young person through a ring-fenced recruitment exercise.",
                ],
                title="What Engie, the city's energy provider, does for care leavers",
            ),
            _discussion(
                [
                    (
                        "How can district councils be brought into a whole council approach?",
                        "<p>The Covenant works with county councils to find districts that are "
                        "keen to help and can act as champions, showing the others what is "
                        "possible.</p>",
                    ),
                    (
                        "Where do the time and money for this work come from?",
                        "<p>A board that spans the council motivates other departments to play "
                        "their part. One council created an apprenticeship in the team for a care "
                        "leaver to work on this agenda, paid for by small contributions from "
                        "across the council.</p>",
                    ),
                    (
                        "How do we find businesses that might be interested?",
                        "<p>Ask the Covenant, which works with businesses to find opportunities. "
                        "Local colleges are another route: their progression workers support care "
                        "leavers and often know local employers well.</p>",
                    ),
                    (
                        "Where do we start with the Social Value Toolkit?",
                        "<p>Wherever you can. There is no need to cover every contract at once. "
                        "The Covenant can say which businesses have signed up locally or "
                        "nationally, and the same principles can be applied to the sub-contractors "
                        "of large companies.</p>",
                    ),
                ]
            ),
        ],
        "related_resources": [
            "care-leaver-covenant-whole-council-approach",
            "care-leaver-covenant-signatories",
        ],
    },
    {
        "title": "World of Work tours and mock interviews with Leicestershire Cares",
        "slug": "world-of-work-leicestershire-cares",
        "summary": (
            "Leicestershire Cares, a charity that grew out of Business in the Community, links "
            "young people leaving care with more than 80 employers through its Promise to Care "
            "programme: workplace tours, mock interviews, CV clinics and mentored placements. "
            "Thermo Fisher Scientific explained why taking part is good for its business and its "
            "staff."
        ),
        "topic": "Understanding the world of work",
        "organisations": ["Leicestershire Cares", "Thermo Fisher Scientific"],
        "region": Region.EAST_MIDLANDS,
        "la_type": "",
        "tags": ["employers", "work experience", "mentoring", "youth voice"],
        "presenters": [
            {"name": "Charlotte Robey-Turner", "role": "", "organisation": "Leicestershire Cares"},
            {"name": "Jacob Brown", "role": "", "organisation": "Leicestershire Cares"},
        ],
        "body": [
            _paragraph(
                "<p>Leicestershire Cares works with young people referred to it across Leicester "
                "and Leicestershire. It first helps them tackle the practical obstacles to work, "
                "such as housing or mental health, then builds their skills and sets up meaningful "
                "meetings with employers.</p>"
            ),
            _key_points(
                [
                    "Workplace tours and careers talks",
                    "Mock interviews and CV clinics",
                    "Mentored work placements",
                    "Life skills sessions, and discounts from local businesses",
                ],
                title="What more than 80 employers offer",
            ),
            _key_points(
                [
                    "Relationships with young people built on trust, with them at the centre.",
                    "Strong partnerships with the businesses that support the work.",
                    "Careful matching of employee volunteers with young people.",
                    "Clear expectations for everyone involved.",
                    "A creative team that can adapt quickly.",
                ],
                title="What makes it work",
            ),
            _heading("Thermo Fisher Scientific"),
            _paragraph(
                "<p>The company runs World of Work tours and mock interviews. It sees this as part "
                "of its purpose, linked to the UN Sustainable Development Goals and to customers "
                "who want to buy from ethical firms. It also develops its own staff, who get "
                "practice at interviewing, and people who volunteer together on projects like this "
                "feel more loyal to the company.</p>"
            ),
            _discussion(
                [
                    (
                        "How is work like this funded?",
                        "<p>Leicestershire Cares is a charity: it raises funds and applies for "
                        "grants. This programme is funded by the Esmée Fairbairn Foundation.</p>",
                    ),
                    (
                        "How do young people's voices shape the programme?",
                        "<p>A group of young people said what they wanted from it, designed its "
                        "logo and made a video for the launch to businesses. They also join "
                        "webinars for employers to explain, first hand, what makes an opportunity "
                        "worthwhile.</p>",
                    ),
                    (
                        "What if a young person has their heart set on one particular job?",
                        "<p>Find out what draws them to it, research the routes in together, or "
                        "look for other jobs with the same appeal. One young person who wanted to "
                        "work in a zoo got a placement with the council's parks team to try "
                        "outdoor work.</p>",
                    ),
                    (
                        "How do you keep a business on board if a placement goes wrong?",
                        "<p>Most of it is preparation: staff visit the workplace and talk to the "
                        "employer first, and are on hand at once if something goes wrong. Every "
                        "business also has a check-in each quarter about what it can realistically "
                        "offer.</p>",
                    ),
                    (
                        "What did participants take away?",
                        "<p>Businesses see this as an opportunity rather than a burden. Many can "
                        "offer something light, such as a 20-minute virtual tour, even if a "
                        "placement is out of reach, and they respond best to a specific request: a "
                        "mock interview on a given date and time.</p>",
                    ),
                ]
            ),
        ],
        "related_resources": ["leicestershire-cares-working-with-businesses"],
    },
    {
        "title": "One-to-one support and paid internships: Drive Forward Foundation and Camden",
        "slug": "drive-forward-camden-internships",
        "summary": (
            "Drive Forward Foundation gives each young person in London an employment consultant, "
            "group sessions, mentors from their chosen industry and placements with corporate "
            "partners. Camden Council, working with Drive Forward, created internships reserved "
            "for care leavers, paid at the London Living Wage and funded by every directorate."
        ),
        "topic": "Moving towards employability",
        "organisations": ["Drive Forward Foundation", "Camden Council"],
        "region": Region.LONDON,
        "la_type": LAType.LONDON_BOROUGH,
        "tags": ["internships", "mentoring", "employers", "apprenticeships"],
        "presenters": [
            {"name": "Nicholl Hardwick", "role": "", "organisation": "Drive Forward Foundation"},
        ],
        "body": [
            _paragraph(
                "<p>Drive Forward Foundation is a London charity that supports young people with "
                "care experience towards work. Its corporate partners, in the private and public "
                "sectors including the NHS, provide the opportunities. Young people are referred "
                "by their council or come to the charity themselves.</p>"
            ),
            _key_points(
                [
                    "A named employment consultant who gets to know the young person and stays "
                    "their main contact.",
                    "Group sessions with speakers and cultural trips, and 'Pizza and Preparation' "
                    "sessions on CVs.",
                    "Placements and jobs with corporate partners, and calls with people working in "
                    "an industry.",
                    "Mentors from the industry or career the young person wants to enter.",
                    "Counselling in house for young people facing mental health difficulties.",
                ],
                title="The offer to each young person",
            ),
            _heading("Camden Council's internship for care leavers"),
            _paragraph(
                "<p>Camden's apprenticeship team set up internships reserved for care leavers and "
                "paid at the London Living Wage. Each directorate contributes to the cost in "
                "proportion to its size. Drive Forward advertised the posts and ran an information "
                "session for young people while applications were open.</p><p>Interns move through "
                "twelve council services, eight weeks in each, with room to change course if a "
                "placement is not working.</p>"
            ),
            _discussion(
                [
                    (
                        "Who pays for this?",
                        "<p>The council contracts Drive Forward to do the work; in some areas the "
                        "DWP is the contractor. The charity also has grants, for example from the "
                        "Esmée Fairbairn Foundation.</p>",
                    ),
                    (
                        "Where do industry mentors come from, and what is expected of them?",
                        "<p>They are staff of the corporate partners, often volunteering through "
                        "their company's social responsibility programme. They are trained in "
                        "keeping boundaries and in the effects of trauma. Some meet monthly; "
                        "others offer a shorter, more intense programme when that suits both "
                        "sides.</p>",
                    ),
                    (
                        "How are young people engaged and matched to internships?",
                        "<p>Personal advisers, the DWP or the Virtual School refer them. The "
                        "employment consultant gets to know what motivates each young person, then "
                        "uses the charity's links with corporate partners to find the right "
                        "internship, apprenticeship or job. When something goes wrong, the "
                        "consultant helps sort it out and stays alongside the young person if it "
                        "does not work out.</p>",
                    ),
                ]
            ),
        ],
        "related_resources": ["care-leaver-covenant-signatories"],
    },
    {
        "title": "Mental health support alongside employment support at Drive Forward",
        "slug": "drive-forward-mental-health-support",
        "summary": (
            "Drive Forward Foundation pairs its employment support with group activities that ease "
            "isolation and up to twelve free counselling sessions with a care-experienced "
            "counsellor. An open-door approach lets young people take up the offer at their own "
            "pace."
        ),
        "topic": "Supporting young people with specific needs",
        "organisations": ["Drive Forward Foundation"],
        "region": Region.LONDON,
        "la_type": "",
        "tags": ["mental health", "wellbeing", "group work"],
        "presenters": [
            {"name": "Nicholl Hardwick", "role": "", "organisation": "Drive Forward Foundation"},
        ],
        "body": [
            _paragraph(
                "<p>In the fourth session of the programme, Drive Forward described how it "
                "supports the mental health of the young people it helps towards work.</p>"
            ),
            _key_points(
                [
                    "Every young person is invited to group activities: cultural visits around "
                    "London, a regular lunch club and practical sessions such as interview "
                    "preparation. These reduce isolation and help young people make connections.",
                    "Young people can have up to twelve free therapy sessions with a counsellor "
                    "who is accredited by the BACP and has care experience.",
                    "Counselling focuses on understanding strengths and working towards the young "
                    "person's own goals.",
                ],
                title="What the charity offers",
            ),
            _discussion(
                [
                    (
                        "How do young people come to use the mental health offer?",
                        "<p>Employment consultants suggest seeing the counsellor when they think "
                        "it would help. The counsellor keeps an open door: a young person can stop "
                        "and come back months later, and is not turned away for missing an "
                        "appointment, so they can go at their own pace.</p>",
                    ),
                ]
            ),
        ],
        "related_resources": [],
    },
    {
        "title": "Work experience for young people with insecure immigration status in Coventry",
        "slug": "coventry-insecure-immigration-status",
        "summary": (
            "Coventry's children's services find creative, lawful ways for care leavers who cannot "
            "yet work to gain work-related experience. The starting points: understand each young "
            "person's status and its conditions, recognise the strengths they bring, and watch for "
            "the risk that 'volunteering' is really unpaid work."
        ),
        "topic": "Supporting young people with specific needs",
        "organisations": ["Coventry City Council"],
        "region": Region.WEST_MIDLANDS,
        "la_type": LAType.METROPOLITAN,
        "tags": ["uasc", "immigration", "exploitation", "work experience"],
        "presenters": [
            {
                "name": "Alexandra Capitani",
                "role": "Children's Services",
                "organisation": "Coventry City Council",
            },
        ],
        "body": [
            _paragraph(
                "<p>Many former unaccompanied asylum-seeking children are not yet allowed to take "
                "paid work. Alexandra Capitani from Coventry City Council explained how her team "
                "still helps them build experience for the future.</p>"
            ),
            _key_points(
                [
                    "Take time to understand the young person's immigration status and what it "
                    "allows in terms of work. They may not fully understand it themselves.",
                    "Take time to find their strengths: caring for an older relative, or working "
                    "on a family farm before they came to the UK, are real experience.",
                    "Be creative about opportunities, including volunteering, that fit their "
                    "interests and skills. Young people with little English helped hand out "
                    "leaflets at staff conferences.",
                    "Understand the risks: is a young person who says they are volunteering "
                    "actually doing unpaid work for someone?",
                ],
            ),
            _discussion(
                [
                    (
                        "Whose job is it to know a young person's immigration status? Is it too "
                        "much to ask of a social worker?",
                        "<p>The social worker should know, but it is always good practice to ask "
                        "the young person too. A young person in the immigration system will have "
                        "a solicitor who can advise on what it means for work. If in doubt, ask: "
                        "working when not allowed to can have serious consequences for the young "
                        "person.</p>",
                    ),
                    (
                        "How can we protect young people seeking asylum from exploitation?",
                        "<p>Concern is growing, particularly for young people from Vietnamese and "
                        "Albanian communities, and for those placed out of area with family or "
                        "friends who do not understand the restrictions. Barnardo's runs the "
                        "Independent Child Trafficking Guardian service across most of England and "
                        "can support the young person and talk to employers; elsewhere, local "
                        "refugee centres can help. Where there is concern, make a referral to the "
                        "National Referral Mechanism.</p>",
                    ),
                ]
            ),
        ],
        "related_resources": [
            "gmiau-six-things-guide",
            "gmiau-children-and-young-people",
            "slra-youth-work-and-advice",
            "national-referral-mechanism-guidance",
            "barnardos-child-trafficking-services",
        ],
    },
    {
        "title": "What worked for us: two care leavers on the Civil Service internship scheme",
        "slug": "civil-service-internship-young-peoples-experiences",
        "summary": (
            "Two care-experienced young people who went from Civil Service internships into "
            "permanent roles told the programme what helped. Keep talking to applicants at every "
            "stage, plan a structured induction, give regular feedback, and be ready for the "
            "impact of trauma. Participants singled the session out as especially valuable."
        ),
        "topic": "Learning from young people's experiences",
        "organisations": ["Department for Education"],
        "region": Region.NATIONAL,
        "la_type": "",
        "tags": ["internships", "youth voice", "recruitment", "mental health"],
        "presenters": [
            {
                "name": "Danielle June",
                "role": "Care-experienced former Civil Service intern",
                "organisation": "",
            },
            {
                "name": "Karina Lelonkiewicz",
                "role": "Care-experienced former Civil Service intern",
                "organisation": "",
            },
        ],
        "body": [
            _paragraph(
                "<p>The fifth session handed the floor to two young people with care experience. "
                "Both had joined the Civil Service care leaver internship scheme and gone on to "
                "permanent jobs.</p>"
            ),
            _key_points(
                [
                    "Keep in touch at every stage, including when nothing is happening.",
                    "Reach the young people who need most help, not only graduates.",
                    "Explain the role and what it involves in plenty of detail.",
                    "Where possible, involve former interns in shortlisting and interviews.",
                ],
                title="During recruitment",
            ),
            _key_points(
                [
                    "Spend the first two weeks building relationships, with planned induction "
                    "conversations.",
                    "Have a clear plan for when the real work begins.",
                ],
                title="In the first weeks",
            ),
            _key_points(
                [
                    "Connect interns with other care leavers in the organisation, or with former "
                    "interns.",
                    "Hold regular conversations about performance and give constructive feedback.",
                    "Be understanding about home life, and agree a plan in case things get "
                    "difficult.",
                    "Do not ignore the impact of trauma: know where to find mental health support.",
                ],
                title="Throughout the internship",
            ),
            _quote(
                "Really powerful to hear from young people themselves – we should take current "
                "apprentices with us when we try to persuade a manager to have a placement!",
                "A participant in the programme",
            ),
            _discussion(
                [
                    (
                        "What struck participants?",
                        _ul(
                            "The push to reach beyond the young people who respond to "
                            "opportunities straight away.",
                            "How much communication matters during recruitment, especially when "
                            "there are long gaps.",
                            "The value of a peer network for care leavers in work or internships.",
                        ),
                    ),
                    (
                        "What can we apply in our own organisations?",
                        _ul(
                            "Check that care leavers who join us get enough feedback and support "
                            "from their line managers.",
                            "Make sure every manager knows what mental health support is "
                            "available.",
                            "Think hard about the first day and first impressions, for anyone who "
                            "may be anxious.",
                        ),
                    ),
                    (
                        "What is the difficulty with temporary opportunities?",
                        "<p>They can repeat the instability young people have already lived with: "
                        "why invest in relationships at work if you are leaving soon? Be clear "
                        "about where an internship can lead, to ease worry about what comes next, "
                        "and consider letting managers keep in touch with interns afterwards.</p>",
                    ),
                ],
                title="Reflections",
            ),
        ],
        "related_resources": ["care-leaver-covenant-government-offers"],
    },
    # --- Local partnerships (Learning and Work Institute, 2017) ---
    {
        "title": "Care Leaver Progression Partnership in Kent and Medway",
        "slug": "care-leaver-progression-partnership-kent-medway",
        "summary": (
            "When Aimhigher funding ended in 2011, colleges, universities and councils in Kent and "
            "Medway set up their own partnership to keep improving post-16 education for care "
            "leavers. Every member pays an annual fee and signs terms of reference; a strategy "
            "group and a group of designated staff share practice, data and an annual conference."
        ),
        "topic": "Partnership working",
        "organisations": ["Kent County Council", "Medway Council"],
        "region": Region.SOUTH_EAST,
        "la_type": "",
        "tags": ["partnership", "further education", "higher education", "data"],
        "presenters": [],
        "body": [
            _paragraph(
                "<p>The Care Leaver Progression Partnership (CLPP) brings together every college "
                "and university in Kent and Medway with Kent County Council, Medway Council, "
                "Virtual School Kent, Medway Youth Trust and Jobcentre Plus. Members' annual "
                "contributions are its only funding, and the formal commitment keeps every "
                "organisation accountable.</p>"
            ),
            _heading("How the partnership works"),
            _partnership(
                partners=_ul(
                    "All colleges and universities in Kent and Medway",
                    "Kent County Council and Medway Council",
                    "Virtual School Kent",
                    "Medway Youth Trust",
                    "Jobcentre Plus",
                ),
                model=_ul(
                    "Annual partner funding and signed terms of reference",
                    "A strategy group meeting each quarter to set yearly objectives",
                    "A group of designated staff meeting each term to put them into practice",
                ),
                activities=_ul(
                    "Sharing practice between designated staff",
                    "An annual report of care leavers' numbers and outcomes",
                    "An annual conference on a theme chosen by members",
                    "Working groups and lobbying on policies that harm care leavers",
                ),
                outcomes=_ul(
                    "Fewer care leavers slipping through the net",
                    "Less duplicated effort between members",
                    "Benchmarks that show gaps in provision",
                    "Senior support for work with care leavers",
                ),
            ),
            _heading("Two groups that inform each other"),
            _paragraph(
                "<p>The strategy group sets the partnership's objectives and, when needed, takes "
                "issues to vice chancellors and principals, for instance asking them to give staff "
                "protected time for care leavers. The designated staff group, made up of the "
                "pastoral leads for care leavers in each member, turns the objectives into "
                "practice and tells the strategy group what backing it needs.</p>"
            ),
            _heading("Data as a shared benchmark"),
            _paragraph(
                "<p>Members pool data on care leavers' numbers and outcomes, which the partnership "
                "analyses each year by age, gender and ethnicity and compares with London, the "
                "South East and England. Each college and university can see how it is doing and "
                "where to focus.</p>"
            ),
        ],
        "related_resources": ["supporting-care-leavers-in-fe", "he-principles-for-care-leavers"],
    },
    {
        "title": "Foundations to Employment: Staffordshire's Central Through Care Team",
        "slug": "staffordshire-foundations-to-employment",
        "summary": (
            "Staffordshire County Council's Central Through Care Team runs its own education, "
            "employment and training programme for care leavers aged 16 to 21: an accredited "
            "employability course followed by a ten-week placement chosen around each young "
            "person, with employers trained to understand care leavers' lives. Around 30 young "
            "people take part each year."
        ),
        "topic": "Moving towards employability",
        "organisations": ["Staffordshire County Council"],
        "region": Region.WEST_MIDLANDS,
        "la_type": LAType.COUNTY,
        "tags": ["work experience", "employers", "partnership", "neet"],
        "presenters": [],
        "body": [
            _paragraph(
                "<p>When work experience brokerage for schools was privatised, Staffordshire "
                "decided that children in care and care leavers needed a specialist service, and "
                "created a Foundations to Employment Co-ordinator post within the council. Because "
                "the council funds the programme itself, it can build a package around each young "
                "person.</p>"
            ),
            _heading("How the programme works"),
            _partnership(
                partners=_ul(
                    "Staffordshire's Central Through Care Team",
                    "Employers of every size, from riding stables to national chains such as "
                    "Halfords",
                    "Training providers and further education colleges",
                    "Jobcentre Plus and the service's benefits advisers",
                    "Social workers, personal advisers and youth workers",
                ),
                model=_ul(
                    "Funded entirely by the county council",
                    "A co-ordinator who recruits young people and employers",
                    "An accredited employability course, then a ten-week placement",
                ),
                activities=_ul(
                    "Referrals through social workers, personal advisers and outreach workers",
                    "A one-to-one meeting to learn each young person's skills, goals and barriers",
                    "Checks with Jobcentre Plus so benefits are not put at risk",
                    "Training for the employer's team on care leavers' lives",
                    "A review with employer and young person at the end of the placement",
                ),
                outcomes=_ul(
                    "About 30 care leavers take part each year",
                    "Real work experience for young people's CVs, and some jobs",
                    "Employers widen their recruitment and understand care leavers better",
                ),
            ),
            _heading("Fitting the placement to the young person"),
            _paragraph(
                "<p>Placements are matched to each young person's interests, career goals and "
                "practical needs, such as whether there is a bus route. A database of employers "
                "from many sectors makes this possible. Employers are encouraged to put the course "
                "into practice, for example by holding a mock interview, and the team stays in "
                "touch with both sides throughout.</p>"
            ),
        ],
        "related_resources": ["leicestershire-cares-working-with-businesses"],
    },
    {
        "title": "Greater Merseyside Care Leaver Network",
        "slug": "greater-merseyside-care-leaver-network",
        "summary": (
            "Coordinated by Liverpool John Moores University, this network links five "
            "universities, ten colleges and the six Merseyside councils. Members meet each term to "
            "share practice and refer care leavers to whichever provider suits them best, so the "
            "focus is on the young person rather than any one institution's recruitment targets."
        ),
        "topic": "Partnership working",
        "organisations": ["Liverpool John Moores University"],
        "region": Region.NORTH_WEST,
        "la_type": "",
        "tags": ["partnership", "higher education", "further education"],
        "presenters": [],
        "body": [
            _paragraph(
                "<p>The network began in 2006, when Merseyside universities set out to gain the "
                "Buttle UK Quality Mark for care leavers. Once they had it, they widened "
                "membership to colleges, schools and councils so that the whole area could share "
                "what works.</p>"
            ),
            _heading("How the partnership works"),
            _partnership(
                partners=_ul(
                    "Five universities, including Liverpool John Moores University",
                    "Ten further education colleges and providers",
                    "The six Merseyside local authorities",
                    "Careers, employment and other services as needed",
                ),
                model=_ul(
                    "A forum for sharing information",
                    "Face-to-face meetings each term",
                    "Regular updates by email from the coordinator",
                ),
                activities=_ul(
                    "Signposting and referrals between members",
                    "Raising awareness of care leavers' needs, including in national consultations",
                    "Sharing practice",
                    "Support through the move from college to university",
                ),
                outcomes=_ul(
                    "More outreach to young people in care",
                    "Smoother moves between providers",
                    "Stronger partnerships with councils",
                    "Senior managers who back the work",
                ),
            ),
            _paragraph(
                "<p>Because personal advisers and social workers know the support staff in "
                "colleges and universities, they can call them directly when a care leaver is "
                "thinking of applying. Colleges run taster days with schools, universities invite "
                "colleges to bring care leavers onto campus, and staff pass on what support worked "
                "when a young person moves on.</p>"
            ),
            _quote(
                "The network has been absolutely invaluable in terms of embedding the work across "
                "Merseyside now, and Higher Education is very much on the agenda for care leavers.",
                "Network coordinator",
            ),
        ],
        "related_resources": ["he-principles-for-care-leavers", "supporting-care-leavers-in-fe"],
    },
    {
        "title": "Higher Education Progression Partnership in Sheffield",
        "slug": "higher-education-progression-partnership-sheffield",
        "summary": (
            "Sheffield's two universities jointly fund a partnership that coordinates their "
            "outreach to young people in and leaving care. Acting as a neutral go-between, it "
            "brought councils' leaving care and education teams together, trains other "
            "professionals, and gives care leavers one clear picture of their higher education "
            "options."
        ),
        "topic": "Partnership working",
        "organisations": ["Sheffield Hallam University", "The University of Sheffield"],
        "region": Region.YORKSHIRE,
        "la_type": "",
        "tags": ["partnership", "higher education", "outreach"],
        "presenters": [],
        "body": [
            _paragraph(
                "<p>The Higher Education Progression Partnership (HEPP) was set up in 2011 to "
                "widen entry to higher education. Its board now includes the four local councils, "
                "colleges that teach degrees, the virtual school, a foyer, crisis centres and "
                "organisations working with young people who are NEET. Care leavers are a "
                "particular focus.</p>"
            ),
            _heading("How the partnership works"),
            _partnership(
                partners=_ul("The University of Sheffield", "Sheffield Hallam University"),
                model=_ul(
                    "A strategic partnership",
                    "Funded jointly by the two universities",
                    "A neutral voice for both institutions",
                ),
                activities=_ul(
                    "Work with councils' social work and education teams",
                    "Training for professionals who support care leavers",
                    "Coordinating the two universities' outreach",
                    "Targeted outreach in schools and colleges",
                ),
                outcomes=_ul(
                    "Little duplicated effort",
                    "A clearer higher education offer for care leavers",
                    "Trusted, impartial links with other agencies",
                    "More awareness of care leavers' needs",
                ),
            ),
            _heading("Joining up leaving care and education teams"),
            _paragraph(
                "<p>Councils' leaving care and education teams had rarely worked closely, as they "
                "sat under different managers. HEPP shares education data with one and social care "
                "information with the other, and uses local figures on care leavers' participation "
                "to show where they can work together.</p>"
            ),
        ],
        "related_resources": ["he-principles-for-care-leavers"],
    },
    # --- Good practice named in the National Implementation Adviser's report (2020) ---
    {
        "title": "A therapeutic practitioner in Middlesbrough's leaving care service",
        "slug": "middlesbrough-therapeutic-practitioner",
        "summary": (
            "Young people in Middlesbrough were falling between children's and adult mental health "
            "services. With the local CAMHS, the council placed a therapeutic practitioner in its "
            "leaving care service to work with care leavers up to 25, offer a quick response in a "
            "crisis and guide personal advisers on trauma and attachment."
        ),
        "topic": "Supporting young people with specific needs",
        "organisations": ["Middlesbrough Council"],
        "region": Region.NORTH_EAST,
        "la_type": LAType.UNITARY,
        "tags": ["mental health", "wellbeing", "partnership"],
        "presenters": [],
        "body": [
            _paragraph(
                "<p>In 2014 Middlesbrough found that young people were getting lost between CAMHS "
                "and adult mental health services, or did not meet adult thresholds at all, and "
                "care leavers said they still needed help with unresolved emotional issues.</p>"
            ),
            _key_points(
                [
                    "Links the leaving care service, CAMHS and adult services.",
                    "Responds quickly and flexibly to young people in crisis.",
                    "Advises social workers and personal advisers on early trauma and attachment.",
                    "Delivers short therapeutic interventions and group courses chosen by young "
                    "people.",
                    "Trains residential staff, foster carers and supported lodgings hosts in "
                    "attachment.",
                ],
                title="What the practitioner does",
            ),
            _paragraph(
                "<p>The post costs the council's children's services about £40,000 a year, while "
                "the practitioner stays employed by the local NHS trust.</p>"
            ),
            _quote(
                "My moods have changed knowing I can speak to someone I can trust.",
                "A care leaver in Middlesbrough",
            ),
        ],
        "related_resources": [],
    },
    {
        "title": "Pledges from local employers after Suffolk's local offer launch",
        "slug": "suffolk-local-offer-launch-pledges",
        "summary": (
            "Suffolk County Council launched its leaving care offer at an event where care leavers "
            "spoke to more than 40 guests from every sector, who made pledges on cards. It led to "
            "ring-fenced apprenticeships, rolling placements with a large department store, and "
            "outdoor residentials for young people not yet ready for work."
        ),
        "topic": "Understanding the local economy",
        "organisations": ["Suffolk County Council"],
        "region": Region.EAST,
        "la_type": LAType.COUNTY,
        "tags": ["employers", "apprenticeships", "local offer", "work experience"],
        "presenters": [],
        "body": [
            _paragraph(
                "<p>In June 2018 Suffolk invited voluntary, private and public sector "
                "organisations to meet care leavers, hear about their experiences and learn about "
                "the local offer. Guests were asked to write a pledge, which let the council match "
                "particular skills and expertise to what care leavers needed. Offers of help kept "
                "coming after the event.</p>"
            ),
            _key_points(
                [
                    "Five apprenticeships reserved for care leavers at the county council and in "
                    "Ipswich Borough Council's parks teams.",
                    "Rolling work placements with one of Britain's largest department stores.",
                    "Bushcraft and activity residentials for 68 care-experienced young people, "
                    "building confidence and opening conversations about work.",
                ],
                title="What came of it",
            ),
        ],
        "related_resources": ["care-leaver-covenant-signatories"],
    },
    {
        "title": "Trainer flats, free first month's rent and Shared Lives in South Tyneside",
        "slug": "south-tyneside-trainer-flats",
        "summary": (
            "South Tyneside gives care leavers a gentler route to their own tenancy. Trainer "
            "flats, open to care leavers up to 25, come with support late into the evening and "
            "pass to the young person when they are ready; housing covers the first four weeks' "
            "rent; and Shared Lives offers a family setting from 16."
        ),
        "topic": "Housing and independence",
        "organisations": ["South Tyneside Council"],
        "region": Region.NORTH_EAST,
        "la_type": LAType.METROPOLITAN,
        "tags": ["housing", "local offer", "money"],
        "presenters": [],
        "body": [
            _paragraph(
                "<p>A young person offered a trainer flat or a tenancy has their first four weeks' "
                "rent paid by the council's housing department, so that delays in housing benefit "
                "do not put the tenancy at risk from the start.</p>"
            ),
            _key_points(
                [
                    "A step between care and a tenancy of one's own, with safety nets in place.",
                    "Housing support workers in the leaving care team, available from 8am to 11pm "
                    "every day.",
                    "The tenancy moves into the young person's name once they are ready.",
                    "Housing and leaving care teams work more closely, and fewer tenancies break "
                    "down.",
                ],
                title="How trainer flats work",
            ),
            _paragraph(
                "<p>Shared Lives, extended to care leavers from 16, suits young people who do not "
                "want supported accommodation or to live alone yet. It gives practical and "
                "emotional support without the pressure of running a tenancy.</p>"
            ),
        ],
        "related_resources": ["keep-on-caring"],
    },
    {
        "title": "It takes a village: Coventry's local offer",
        "slug": "coventry-local-offer-village",
        "summary": (
            "Coventry asked residents, businesses and services what each would do for its care "
            "leavers. Care leavers helped write the local offer and presented it to directors. "
            "Apprentices in the council are paid the National Living Wage with jobs at the end, "
            "and a business launch event made the Through Care service a strategic partner of the "
            "local chamber of commerce."
        ),
        "topic": "Corporate parenting and the local offer",
        "organisations": ["Coventry City Council"],
        "region": Region.WEST_MIDLANDS,
        "la_type": LAType.METROPOLITAN,
        "tags": [
            "local offer",
            "corporate parenting",
            "apprenticeships",
            "employers",
            "youth voice",
        ],
        "presenters": [],
        "body": [
            _paragraph(
                "<p>Coventry treats residents, businesses and service providers as the village "
                "that helps raise its care leavers, and asks each what they will contribute. Care "
                "leavers sat on the working group, involved their peers and told directors across "
                "the council what was needed.</p>"
            ),
            _key_points(
                [
                    "Care leavers on council apprenticeships are paid the National Living Wage, "
                    "with a job on successful completion.",
                    "The city's Go CV card gives care leavers and a friend free use of sports "
                    "facilities.",
                    "A launch event hosted by the chief executive drew universities, health, "
                    "police and utility companies.",
                    "Sponsors now support the annual care leaver awards, and the Coventry and "
                    "Warwickshire Chamber of Commerce counts the Through Care service as a "
                    "strategic partner.",
                ],
                title="What the offer includes",
            ),
        ],
        "related_resources": ["st-helens-futures-care-leaver-offer", "keep-on-caring"],
    },
    {
        "title": "Help with setting up home and managing money in Liverpool",
        "slug": "liverpool-revenue-benefits-credit-union",
        "summary": (
            "Liverpool's children's services asked the council's revenue and benefits service to "
            "help care leavers with the cost of a first home. The result: fast-tracked furniture "
            "and appliances, full council tax exemption, benefits checks, priority for "
            "discretionary housing payments and small credit union loans that build a good credit "
            "history."
        ),
        "topic": "Housing and independence",
        "organisations": ["Liverpool City Council"],
        "region": Region.NORTH_WEST,
        "la_type": LAType.METROPOLITAN,
        "tags": ["money", "housing", "corporate parenting", "local offer"],
        "presenters": [],
        "body": [
            _key_points(
                [
                    "Furniture and essential appliances through the Liverpool Citizens Support "
                    "Scheme, on a fast track, so the setting-up-home allowance goes further.",
                    "Full exemption from council tax.",
                    "A full benefits check from the council's benefits maximisation team.",
                    "Priority for discretionary housing payments, which helps at 22 when housing "
                    "support drops to the shared accommodation rate.",
                    "Loans of up to £300 from a local credit union, funded by the Mayor's hardship "
                    "fund.",
                ],
                title="What the council offers",
            ),
            _paragraph(
                "<p>The credit union loans are meant to steer young people away from expensive "
                "debt, and to help them build a credit record and learn to borrow responsibly.</p>"
            ),
        ],
        "related_resources": ["keep-on-caring"],
    },
    # --- A themed partnership board (a council's 2021 EET committee update) ---
    {
        "title": (
            "A themed Care Leavers Development Board for education, employment and training in "
            "Derby"
        ),
        "slug": "derby-care-leavers-development-board",
        "summary": (
            "Derby City Council turned its leaving care improvement board into a working group "
            "with a plan. Its first themed board, on education, employment and training, brought "
            "colleges, the DWP, Connexions, the university and charities together around a single "
            "referral form for the roughly 100 care leavers who are NEET at any time."
        ),
        "topic": "Partnership working",
        "organisations": ["Derby City Council"],
        "region": Region.EAST_MIDLANDS,
        "la_type": LAType.UNITARY,
        "tags": ["partnership", "neet", "data", "youth voice"],
        "presenters": [],
        "body": [
            _paragraph(
                "<p>Derby's managers wanted a board that would act, not just share information. "
                "Rather than invite every agency to every meeting, each themed board covers one "
                "area of the pathway plan with the agencies that matter to it. Covid delayed the "
                "launch, and the first board, on education, employment and training, met online in "
                "September 2020.</p>"
            ),
            _heading("How the partnership works"),
            _partnership(
                partners=_ul(
                    "Derby City Council's leaving care service and apprenticeship service",
                    "Connexions, Derby Adult Learning and the Derby Employment Hub",
                    "The DWP",
                    "Derby College and the University of Derby",
                    "The Prince's Trust, the YMCA and other voluntary organisations",
                ),
                model=_ul(
                    "Themed boards, one for each area of the pathway plan",
                    "Agreed terms of reference",
                    "A shared map of every route into education, employment and training",
                ),
                activities=_ul(
                    "A NEET offer for care leavers, starting with those not in work or learning",
                    "One referral form, triaged centrally and passed to the right service",
                    "Onward referral as young people progress",
                ),
                outcomes=_ul(
                    "A clearer, shared offer across the city",
                    "Tracking of each young person's progress and of the board's impact",
                    "Feedback from care leavers that shapes the service",
                ),
            ),
            _paragraph(
                "<p>At the time of the report, 59.6% of Derby's care leavers were in education, "
                "employment or training, in line with similar councils, and the service wanted to "
                "do better. Care leavers living outside the city are helped by their personal "
                "advisers to find support where they live.</p>"
            ),
        ],
        "related_resources": [],
    },
]


# ---------------------------------------------------------------------------
# Pages of the site itself
# ---------------------------------------------------------------------------

HOME_BODY = (
        "<p>The National Leaving Care Benchmarking Forum, hosted by Catch22, runs peer learning "
        "programmes for local authority leaving care teams. Over a series of half-day online "
        "sessions, a small group of councils each pick one goal, hear from charities, employers, "
        "other councils and young people, and report back on what moved them forward and what held "
        "them back.</p><p>This site publishes what those programmes learn: the case studies "
        "presented to them, the resources presenters shared, and anonymised reports of the "
        "progress councils made.</p>"
    )


