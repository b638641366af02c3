"""What a new site's accessibility statement and privacy notice say until the
host edits them (resources/site_setup.py makes the pages). Both describe
what the product does, so that they are true on the day the site opens; the
host adds its own contact details and checks them with its data protection
officer. Said in the product's own words."""

ACCESSIBILITY_STATEMENT = {
    "title": "Accessibility statement",
    "slug": "accessibility",
    "body": """
<p>This statement covers this site: its public pages (case studies, resources and programme reports), the participant
portal and the screens facilitators use. The National Leaving Care Benchmarking Forum, who host the site, want as many
people as possible to be able to use it. You should be able to:</p>
<ul>
<li>zoom in to 400% with the text reflowing onto the screen, and change colours and fonts in your browser;</li>
<li>move through every page, and fill in every form, with a keyboard alone;</li>
<li>use the site with a screen reader: every chart has its figures in a table, and every form field has a label;</li>
<li>read every page on a phone.</li>
</ul>
<h2>How accessible this site is</h2>
<p>We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. Every screen of the public site and
the portal is checked automatically with the axe accessibility engine in a real browser, at desktop and phone sizes,
each time the site's code changes, and journeys through the site are tested by keyboard.</p>
<p>We know of these problems:</p>
<ul>
<li>the Word and PDF versions of programme reports may not be fully accessible: the web page of each report holds
the same content and is the accessible version;</li>
<li>text written by participants may contain links whose wording does not say where they lead;</li>
<li>the facilitators' screens are built on the Wagtail content management system, whose own accessibility we rely on.</li>
</ul>
<h2>Telling us about a problem</h2>
<p>If you find a problem not listed here, or need something in a different format, contact the forum (participants:
your programme's facilitator). Say which page, and what went wrong. We will reply within 10 working days.</p>
<h2>Enforcement procedure</h2>
<p>The Equality and Human Rights Commission is responsible for enforcing the Public Sector Bodies (Websites and Mobile
Applications) (No. 2) Accessibility Regulations 2018. If you are not happy with how we respond to your complaint,
contact the Equality Advisory and Support Service.</p>
""".strip(),
}

PRIVACY_NOTICE = {
    "title": "Privacy notice",
    "slug": "privacy",
    "body": """
<p>This notice says what personal data this site keeps, why, who can see it and what you can ask of us. The National
Leaving Care Benchmarking Forum, who host the site and run its peer learning programmes, are responsible for it.</p>
<h2>What we keep</h2>
<ul>
<li><strong>If you take part in a programme:</strong> your name, work email address, job role and organisation; whether
you came to each session; and what you and your colleagues write in the portal (your organisation's plan, check-ins,
one-page report, actions and feedback), with who saved each version and when.</li>
<li><strong>If your organisation is invited to the directors' briefing:</strong> the director's name, role and work
email address.</li>
<li><strong>When anyone signs in:</strong> a record of wrong passwords (the name typed, the internet address and the
browser), so that an account can be locked for 30 minutes after repeated attempts.</li>
<li><strong>Emails:</strong> a copy of each email the site sends (invitations, reminders, receipts), so that a
facilitator can see what was sent and to whom.</li>
</ul>
<p>Public visitors are not tracked: the site sets no analytics or advertising cookies, and loads nothing from other
sites. Its only cookies keep you signed in and protect its forms.</p>
<h2>Why we keep it</h2>
<p>To run the programme you take part in: to invite you, remind you of sessions and deadlines, let your colleagues and
your facilitator work with what your organisation writes, and learn from it across the organisations taking part. We do
this in our legitimate interest, and our members' public task, of improving support for young people leaving care.</p>
<h2>Who sees it</h2>
<ul>
<li>Your programme's facilitators, and the site's administrators.</li>
<li>The other organisations in your cohort see your organisation's plan, including the team it names.</li>
<li>The public sees a programme report only once it is published. It never names a person. It quotes an organisation's
words, numbered rather than named, only if the organisation consented in the portal; it can withdraw consent there at
any time, from the next publication on.</li>
</ul>
<h2>How long we keep it</h2>
<p>While the programme runs, and afterwards for as long as the forum reports on it. Ask your facilitator to remove you
from a programme at any time: you then lose access to it at once.</p>
<h2>Your rights</h2>
<p>You can ask to see the personal data we hold about you, to have it corrected or deleted, and to object to how we use
it: contact the forum (participants: your programme's facilitator). If you are unhappy with our answer you can complain
to the Information Commissioner's Office.</p>
""".strip(),
}
