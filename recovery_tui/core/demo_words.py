"""The words the demo journal is made of: invented companies, people and reflections.

Kept apart from `demo.py` so the generator reads as logic and this file as data.
No Textual here.
"""

from __future__ import annotations

from recovery_tui.core.prompts import INTERVIEWED, Channel, Stage

# --- word pools ----------------------------------------------------------------------------
# fmt: off

COMPANIES = (
    "Amberfield Council", "Bluegill Data", "Bramblecone Analytics", "Brickyard Health",
    "Brightmoor Hospital", "Brindle Pet Supplies", "Cardinal Freight", "Causeway Legal",
    "Cinderpath Consulting", "Cobaltline Telecom", "Copperleaf Software", "Dovetail Furniture",
    "Driftwood Travel", "Emberly", "Fernhollow Press", "Fieldnote Research", "Foxglove Pharma",
    "Glasshouse Media", "Granite Owl", "Gullwing Aerospace", "Harborlight Logistics",
    "Heronsgate Housing", "Hollowreed Audio", "Hopscotch Learning", "Inkwell Publishing",
    "Ironbark Systems", "Jadeport Shipping", "Juniper & Vale", "Kestrel Cloud", "Kettle & Key",
    "Knotweed Analytics", "Lanternfish Games", "Larkspur Biotech", "Lindenhall Bank",
    "Lumen & Loom", "Mapleforge", "Marigold Care", "Meridian Bay Bank", "Moss & Mortar",
    "Nimbus Ledger", "Northwind Labs", "Oakhaven Credit Union", "Orchard Lane Foods",
    "Otterbrook Outdoor", "Oxbow Water", "Palisade Networks", "Parcelpoint", "Pebblestack",
    "Pinecrest Robotics", "Quarry Street Capital", "Quillfeather Health", "Redkite Security",
    "Riverstone Clinics", "Saltmarsh Energy", "Seaglass Design Co.", "Silverpine Retail",
    "Sprocket & Finch", "Stonefruit Studio", "Sunward Solar", "Tallgrass Agritech",
    "Thimble Commerce", "Thornbury Council", "Tidewater Insurance", "Tinderbox Labs",
    "Velvet Hammer Agency", "Westbrook Museum", "Willowmere Schools", "Wrenfield University",
    "Yarrow Health", "Zephyr Mobility", "Café Olé Roasters", "Søndergaard Design",
)

AGENCIES = ("Keystone Talent", "Brightpath Recruiting", "Northbound Search", "Harbour Staffing")

FIRST_NAMES = (
    "Aisha", "Ben", "Carmen", "Dmitri", "Elif", "Femi", "Grace", "Hiro", "Ines", "Jonas",
    "Kavya", "Liam", "Mei", "Nadia", "Oskar", "Priya", "Quinn", "Rosa", "Sam", "Tomás",
    "Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zoe", "Ada", "Marek", "Leila", "Chidi",
)

LAST_NAMES = (
    "Okafor", "Lindqvist", "Moreno", "Petrov", "Yilmaz", "Adeyemi", "Hughes", "Tanaka",
    "Silva", "Becker", "Rao", "Murphy", "Chen", "Haddad", "Nilsson", "Shah", "Ortiz",
    "Rossi", "Kowalski", "Nguyen", "Osei", "Dubois", "Fischer", "Kaur", "Walsh", "Novak",
)

RELATIONS = (
    "recruiter at {agency}", "former manager", "old colleague, now at {other}", "mentor",
    "friend who works at {other}", "hiring manager I met at a meetup", "career coach",
    "university careers office", "ex-teammate, good at mock interviews",
    "{agency}, specialises in {role_lower} roles",
)

TAGS = (
    "remote", "hybrid", "on-site", "fintech", "health", "public sector", "startup",
    "big company", "referral", "recruiter", "contract", "part-time", "relocation",
    "career change", "dream job", "second try", "take-home", "panel", "agency", "nonprofit",
    "education", "retail", "senior", "junior", "visa",
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")

EVENTS: dict[Stage, tuple[str, ...]] = {
    Stage.NO_RESPONSE: (
        "Applied for the {role_lower} role {weeks} weeks ago. Nothing since, not even an"
        " automatic reply.",
        "The {role_lower} posting came down this week. I never heard back.",
        "Sent a polite follow-up after {days} days. No answer.",
        "The portal still says 'under review', but the job is gone from their careers page.",
        "Applied with a referral from {person_first} and still heard nothing.",
        "I counted: {weeks} weeks of silence. I'm calling it.",
    ),
    Stage.AFTER_APPLYING: (
        "An automatic email {days} days after I applied: they're going ahead with other"
        " people.",
        "The portal status flipped to 'not selected' overnight.",
        "A template email on {weekday} morning. No reason given.",
        "Turned down within {hours} hours. I doubt a person read it.",
        "They wrote that the role needs more years of experience than I have.",
        "Rejected for the {role_lower} role, and for the one I applied to after it.",
    ),
    Stage.PHONE_SCREEN: (
        "Half an hour with the recruiter. It felt friendly. Two days later, a no.",
        "The screen got stuck on salary and never really recovered.",
        "The recruiter said the hiring manager wants someone from the industry.",
        "Short call on {weekday}. The email came the next morning: not moving forward.",
        "Screen with {person_first} from their talent team. She said she'd push for me."
        " It didn't work.",
    ),
    Stage.INTERVIEW: (
        "Two interviews, one of them technical. The email said they picked another"
        " candidate.",
        "Panel interview with four people. Heard back {days} days later: no.",
        "The take-home went well, the interview about it less so. They called to say no.",
        "The hiring manager called on {weekday}: it was close, but they chose someone else.",
        "Video interview for the {role_lower} role. My connection dropped twice. No offer.",
    ),
    Stage.FINAL_ROUND: (
        "Final round, most of a day on site. The recruiter called on {weekday}: they went"
        " with someone who'd done the job before.",
        "I met the whole team and the director. The no came by email a week later.",
        "They had already checked my references, so I let myself hope. Not this time.",
        "Final round presentation. They told me I was their second choice.",
        "Four rounds over {weeks} weeks at {company}. A short call and it was over.",
    ),
    Stage.OFFER_WITHDRAWN: (
        "Verbal offer on Monday, then a call on {weekday}: the budget for the role is gone.",
        "They pulled the offer after a hiring freeze. I had already started planning the"
        " move.",
        "Offer taken back two days before I was due to sign. A reorganisation, they said.",
    ),
    Stage.OTHER: (
        "They filled the role internally before my interview date.",
        "Hiring paused halfway through. They said they'd be in touch. They haven't been.",
        "I withdrew after the second interview. It still feels like a no.",
        "A recruiter told me I was perfect for it, then stopped answering.",
        "Contract renewal turned down. Not a job application, but it stings the same way.",
    ),
}

DETAILS = (
    "The money would have made a real difference this year. That's part of why it stings."
    " It wasn't only the job, it was the plan I had built around it.",
    "I told my partner, then my sister, then no one else. This is the first time I've put"
    " all of it in one place.",
    "I was angry for most of {weekday}. Then tired. Today it's mostly quiet, which is why I"
    " can write this.",
    "The job ad asked for everything. I had most of it. I'll never know which missing"
    " piece mattered, or whether any of it did.",
    "I had already pictured the commute and the team lunches. Letting go of that picture"
    " is the part that takes time.",
)
DETAILS_APPLIED = (
    "I spent a whole evening on that cover letter. I rewrote the first line six times.",
    "It's the twelfth application this month with no reply. I know the numbers are against"
    " everyone, but the silence still lands on me.",
    "{person_first} said their team gets hundreds of applications for every opening. It"
    " helps a little to remember that.",
)
DETAILS_INTERVIEWED = (
    "I keep replaying the last question. I started well, lost the thread halfway, and"
    " filled the silence with too many words. They were kind about it, which somehow made"
    " it worse.",
    "What I didn't write down at the time: I prepared for two weeks. I read their blog,"
    " practised answers with {person_first}, and still walked out unsure.",
    "On the way home I listed everything I'd do differently. Half of it is fair. The other"
    " half is me being harder on myself than they were.",
    "Some facts, so I remember them later: four interviewers, one joined late, and nobody"
    " asked about the project I'm proudest of.",
    "Looking back at my notes from the first call, the warning signs were there: they"
    " mentioned 'changing priorities' twice.",
)
DETAILS_FINAL = (
    "It's the third final round this quarter. I notice I expect the no before it comes, and"
    " I think that shows in how I talk in the last interview.",
)

THOUGHTS = (
    "They saw right through me.", "Everyone else seems to find this easy.",
    "I wasted weeks on this one.", "Maybe I'm aiming too high.",
    "I'm too old to switch careers.", "I'm not good enough for this field.",
    "If I can't get this job, I can't get any job.", "I should have stayed in my old job.",
    "I'm running out of time and money.", "My CV must be the problem.",
)
THOUGHTS_APPLIED = (
    "Nobody reads applications anymore.", "I'm invisible to these portals.",
    "I can't even get an interview.",
)
THOUGHTS_INTERVIEWED = (
    "I'll never get past a final round.", "They probably laughed after the call ended.",
    "I said one wrong thing and that was it.", "I'm always the second choice.",
    "I froze, so I must not really know it.",
)

BALANCED = (
    "One company's no is one data point, not a verdict.",
    "I don't know what they thought. I do know what I can practise.",
    "I've been hired before, and I will be again.",
    "I'd tell a friend this was a good try at a hard role.",
    "Feeling this tired is fair. It passes faster when I keep moving.",
    "They chose someone. That isn't the same as rejecting everything about me.",
)
BALANCED_APPLIED = (
    "A silent portal says more about their inbox than about me.",
    "Hundreds of people apply to roles like this. A no at this stage is mostly arithmetic.",
    "The application is one page. It can't show everything I can do.",
)
BALANCED_INTERVIEWED = (
    "Getting to the final round means I was close.",
    "I froze on one question, not on the whole interview.",
    "Second choice is still a strong result.",
    "I know the shape of their interviews now. The next one will feel familiar.",
    "They wanted to meet me. Something in my story worked.",
)
BALANCED_WITHDRAWN = (
    "The budget was cut. That was never mine to control.",
    "They offered me the job. That part was about me; the rest wasn't.",
)

OTHER_REASONS = (
    "They wanted someone in another time zone.",
    "The team was reorganised halfway through.",
    "I suspect the salary band was lower than the ad said.",
    "They needed someone to start next week.",
    "The hiring manager left during the process.",
    "They may have wanted a specific industry background.",
    "The posting read like it was written for one particular person.",
    "They cut the role to part-time.",
    "Visa sponsorship might have been the sticking point.",
    "The role moved to another office.",
)

FIT_NOTES = (
    "Strong on the day-to-day work, light on the industry.",
    "They wanted five years; I have three.",
    "More people management than the ad suggested.",
    "Matched almost every line of the posting except one tool they named.",
    "Honestly a stretch. I applied to see how far I'd get.",
    "Good fit on skills, less so on the hours they expect.",
    "Most of my experience is in smaller teams; they wanted someone from a big one.",
    "I'd fit the team. The tools were new to me.",
    "The job description undersold how senior it was.",
    "Close match on paper. The gap was in how I told my story.",
)

FEEDBACK_SAID = (
    "You were a strong candidate. Someone else had led a similar project before.",
    "They liked my examples but wanted experience with their kind of clients.",
    "The technical round was fine; they felt I was quiet in the team conversation.",
    "A close call between two people. They chose the one who could start sooner.",
    "They wanted more depth in the practical questions.",
    "Nothing specific. They said to apply again next year.",
    "The take-home was one of the best they'd seen, but the role went to an internal person.",
    "My answers were too general. They wanted concrete numbers.",
    "Good fit with the team, not enough leadership experience yet.",
    "The budget changed and the role is now more junior.",
    "They hope I apply for the senior role when it opens.",
)

REUSE = (
    "My last job came through a former colleague. Message {person_first} this week.",
    "The recruiter who placed me last time still answers emails.",
    "Meetups worked before. Go to one a month.",
    "Applying directly only worked when I also wrote to the hiring manager.",
    "A short note to people who know my work beats a hundred cold applications.",
    "Lead with one deep example, the way I did last time.",
    "A referral got me past the screen before. Ask for one.",
    "Keep the spreadsheet of applications; it kept me steady last time.",
)

PIPELINE = (
    "{other}: phone screen on {weekday}",
    "{other}: waiting after the first interview",
    "{other}: take-home due {weekday}",
    "{other}: applied, no reply yet",
    "{other}: final round next week",
    "{other}: recruiter call booked",
    "{other}: referral sent by {person_first}",
)

CARRY_FORWARD = (
    "One no is one no.",
    "Doing something small beats replaying it.",
    "I was close. Close counts.",
    "I get to try again on Monday.",
    "A hiring decision isn't a measure of my worth.",
    "Keep the pipeline full and the evenings free.",
    "The next interview is practice I've already done.",
    "Tired is allowed. Stopping isn't the plan.",
    "Each application teaches me something about the market.",
    "Rest, then send one more.",
)

#: Schema 2: what seems to support the first thought, and what doesn't.
EVIDENCE_FOR = (
    "They didn't say why, and I filled the gap with the worst reason.",
    "It's the {count}th no this month.",
    "I did stumble on one question.",
    "Someone with more years got it.",
)
EVIDENCE_AGAINST = (
    "I got two interviews last month, so the CV works somewhere.",
    "My last manager would hire me again; she said so.",
    "They get hundreds of applications for roles like this.",
    "I've been told no before and then been hired.",
    "The feedback I did get was about fit, not ability.",
)

# fmt: on

#: As in real searches, most nos come at the application stage (a form email or silence).
STAGE_WEIGHTS: dict[Stage, int] = {
    Stage.NO_RESPONSE: 32,
    Stage.AFTER_APPLYING: 30,
    Stage.PHONE_SCREEN: 12,
    Stage.INTERVIEW: 12,
    Stage.FINAL_ROUND: 6,
    Stage.OFFER_WITHDRAWN: 2,
    Stage.OTHER: 6,
}

CHANNEL_WEIGHTS: dict[Stage, dict[Channel, int]] = {
    Stage.NO_RESPONSE: {Channel.SILENCE: 85, Channel.PORTAL: 10, Channel.OTHER: 5},
    Stage.AFTER_APPLYING: {Channel.EMAIL: 60, Channel.PORTAL: 35, Channel.OTHER: 5},
    Stage.PHONE_SCREEN: {Channel.EMAIL: 55, Channel.CALL: 35, Channel.SILENCE: 10},
    Stage.INTERVIEW: {Channel.EMAIL: 55, Channel.CALL: 35, Channel.SILENCE: 7, Channel.OTHER: 3},
    Stage.FINAL_ROUND: {Channel.CALL: 50, Channel.EMAIL: 45, Channel.SILENCE: 5},
    Stage.OFFER_WITHDRAWN: {Channel.CALL: 60, Channel.EMAIL: 40},
    Stage.OTHER: {
        Channel.EMAIL: 30,
        Channel.CALL: 20,
        Channel.SILENCE: 20,
        Channel.PORTAL: 10,
        Channel.OTHER: 20,
    },
}

#: How much each stage tends to sting (0-100), before writing.
STING_BASE: dict[Stage, int] = {
    Stage.NO_RESPONSE: 35,
    Stage.AFTER_APPLYING: 40,
    Stage.PHONE_SCREEN: 50,
    Stage.INTERVIEW: 60,
    Stage.FINAL_ROUND: 75,
    Stage.OFFER_WITHDRAWN: 85,
    Stage.OTHER: 50,
}


# --- the words for a stage -----------------------------------------------------------------


def details_for(stage: Stage) -> tuple[str, ...]:
    """What happened, in words that fit the stage."""
    if stage is Stage.FINAL_ROUND:
        return DETAILS + DETAILS_INTERVIEWED + DETAILS_FINAL
    if stage in INTERVIEWED:
        return DETAILS + DETAILS_INTERVIEWED
    if stage in (Stage.NO_RESPONSE, Stage.AFTER_APPLYING):
        return DETAILS + DETAILS_APPLIED
    return DETAILS


def thoughts_for(stage: Stage | None) -> tuple[str, ...]:
    """The first thoughts, in words that fit the stage."""
    if stage in INTERVIEWED:
        return THOUGHTS + THOUGHTS_INTERVIEWED
    if stage in (Stage.NO_RESPONSE, Stage.AFTER_APPLYING):
        return THOUGHTS + THOUGHTS_APPLIED
    return THOUGHTS


def balanced_for(stage: Stage | None) -> tuple[str, ...]:
    """A balanced view, in words that fit the stage."""
    if stage is Stage.OFFER_WITHDRAWN:
        return BALANCED + BALANCED_WITHDRAWN
    if stage in INTERVIEWED:
        return BALANCED + BALANCED_INTERVIEWED
    if stage in (Stage.NO_RESPONSE, Stage.AFTER_APPLYING):
        return BALANCED + BALANCED_APPLIED
    return BALANCED
