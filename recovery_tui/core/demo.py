"""Made-up reflections, for trying the app and for testing it at scale. No Textual here.

Everything comes from one seeded random generator, so the same ``(count, seed, now)`` gives
the same entries, ids included. Companies and people are invented; any match with a real
one is a coincidence. The words are written as the person keeping the journal would write
them: short, honest, sometimes blunt, sometimes kind to themselves.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any

from recovery_tui.core.journal import Journal
from recovery_tui.core.models import Entry, build_entry
from recovery_tui.core.prompts import (
    Channel,
    FeedbackStatus,
    OtherReason,
    Stage,
    SuccessSource,
    ThinkingTrap,
)

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

ROLES = (
    "Backend engineer", "Frontend developer", "Mobile developer", "Data analyst",
    "Data scientist", "Machine learning engineer", "Site reliability engineer", "QA engineer",
    "Security analyst", "IT support specialist", "Engineering manager", "Product manager",
    "Product designer", "UX researcher", "Graphic designer", "Technical writer",
    "Content strategist", "Marketing specialist", "Sales development rep",
    "Customer success manager", "Operations coordinator", "Project manager",
    "Supply chain analyst", "Warehouse supervisor", "Junior accountant", "Financial analyst",
    "HR generalist", "Recruiter", "Office manager", "Registered nurse", "Lab technician",
    "Primary school teacher", "Policy officer", "Grant writer",
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

PREPARE_BETTER = (
    "Talk through trade-offs out loud instead of jumping to the answer.",
    "Have three short stories ready: a conflict, a failure, a win.",
    "Research the team, not only the company.",
    "Know the numbers from my last project: users, savings, time.",
    "Ask better questions at the end.",
    "Do a mock interview with someone who will interrupt me.",
    "Slow down on the first question. I rush when I'm nervous.",
    "Bring a one-page summary of the portfolio.",
    "Read the job description the night before and match each line to an example.",
    "Practise the salary conversation.",
    "Sleep. I prepared until 2am and it showed.",
    "Test the video setup before the call.",
    "Revise SQL joins and window functions.",
    "Have a clear answer for why I'm changing fields.",
    "Time the take-home and stop at the limit.",
    "Know my own CV better: they asked about a job from five years ago.",
)

QUESTIONS = (
    "Tell me about a time you disagreed with your manager.",
    "Why do you want to leave your current role?",
    "What is your biggest weakness?",
    "What salary are you expecting?",
    "Describe a project that failed and what you learned.",
    "How do you prioritise when everything is urgent?",
    "Why should we hire you over the other candidates?",
    "Where do you see yourself in five years?",
    "How would you scale a background job queue?",
    "Walk me through how you would design a URL shortener.",
    "Tell me about a time you handled a difficult customer.",
    "Why is there a gap in your CV?",
    "How do you explain a technical idea to someone non-technical?",
    "What would you do in your first 90 days?",
    "How do you handle feedback you disagree with?",
    "Explain the difference between a process and a thread.",
    "How would you measure the success of this feature?",
    "Tell me about a time you led without authority.",
    "What do you know about our product?",
    "How do you make sure your work is accessible?",
    "Write a SQL query to find the second highest salary.",
    "What happens when you type a URL into the browser?",
    "Describe a conflict in your team and how it ended.",
    "How do you stay organised across several projects?",
    "What is a mistake you made, and how did you fix it?",
    "How would you handle a missed deadline?",
    "Tell me about your experience managing a budget.",
    "How do you test code that talks to an external API?",
    "What metrics would you track for a subscription business?",
    "How would you reduce customer churn?",
    "Describe your design process from brief to handoff.",
    "How do you decide what not to build?",
    "Tell me about a time you changed someone's mind.",
    "How would you debug a slow database query?",
    "What does good documentation look like to you?",
    "How do you find your way around a new codebase?",
    "Explain eventual consistency.",
    "How do you handle stress at work?",
    "What motivates you?",
    "Tell me about a time you had to learn something fast.",
    "How would you run a usability test on a tight budget?",
    "What is your management style?",
    "How do you handle an underperforming team member?",
    "Describe a time you used data to make a decision.",
    "What would your last manager say about you?",
    "How would you design a rate limiter?",
    "Why this industry?",
    "How do you keep your skills current?",
    "Tell me about a process you improved.",
    "How do you balance speed and quality?",
    "Walk me through a budget variance you found.",
    "How would you respond to a security incident at 2am?",
    "What is the hardest bug you have fixed?",
    "Describe a time you missed something important.",
    "How would you handle two stakeholders asking for opposite things?",
    "Can you relocate within three months?",
    "Tell me about a time you worked with a remote team.",
    "What are you learning right now?",
    "How would you improve our onboarding flow?",
    "What would you do if you disagreed with the product direction?",
    "Explain how HTTPS keeps data private.",
)

SKILLS = (
    "System design practice, one problem a week",
    "SQL window functions course",
    "AWS Cloud Practitioner",
    "Kubernetes basics",
    "Public speaking: join a local speaking club",
    "Excel: pivot tables and lookups",
    "Storytelling for interviews (situation, task, action, result)",
    "Python testing with pytest",
    "Statistics refresher",
    "Scrum Master certification",
    "PMP certification",
    "Accessibility: WCAG basics",
    "Figma auto layout",
    "Terraform",
    "Docker",
    "TypeScript",
    "Power BI",
    "Tableau",
    "Negotiation workshop",
    "Spanish to B2",
    "Security+ certification",
    "Product analytics: funnels and cohorts",
    "Customer interview practice",
    "Git beyond the basics",
    "Linux command line",
    "Machine learning crash course",
    "Technical writing course",
    "Leadership course for new managers",
    "Project budgeting",
    "Data structures refresher",
    "First aid certificate",
    "Copywriting course",
)

FIT_NOTES = (
    "Strong on the day-to-day work, light on the industry.",
    "They wanted five years; I have three.",
    "More people management than the ad suggested.",
    "Matched almost every line of the posting except the cloud part.",
    "Honestly a stretch. I applied to see how far I'd get.",
    "Good fit on skills, less so on the on-call expectations.",
    "My portfolio is mostly print; they wanted product work.",
    "I'd fit the team. The tools were new to me.",
    "The job description undersold how senior it was.",
    "Close match on paper. The gap was in how I told my story.",
)

FEEDBACK_SAID = (
    "You were a strong candidate. Someone else had led a similar migration before.",
    "They liked the portfolio but wanted more research experience.",
    "The technical round was fine; they felt I was quiet in the team conversation.",
    "A close call between two people. They chose the one who could start sooner.",
    "They wanted more depth on testing.",
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
    "Update the portfolio the way I did last time, with one deep case study.",
    "A referral got me past the screen before. Ask for one.",
    "Keep the spreadsheet of applications; it kept me steady last time.",
)

ACTIONS = (
    "Send a thank-you note to {person_first}",
    "Ask {company} for feedback",
    "Update my CV with numbers from the last project",
    "Apply to two roles at {other}",
    "Practise: {question}",
    "Book a mock interview with {person_first}",
    "Message {person_first} about referrals",
    "Rewrite the portfolio case study",
    "Start the course: {skill}",
    "Do one system design problem",
    "Follow up with the recruiter at {other}",
    "Take a day off from applications",
    "Tidy my LinkedIn headline",
    "Write down three stories: conflict, failure, win",
    "Coffee with {person_first}",
    "Research {other} before the screen",
    "Set up job alerts for {role_lower} roles",
    "Send five tailored applications",
    "Go for a walk before opening the inbox",
    "Ask {person_first} to read my cover letter",
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

# fmt: on

STAGE_WEIGHTS: dict[Stage, int] = {
    Stage.NO_RESPONSE: 22,
    Stage.AFTER_APPLYING: 22,
    Stage.PHONE_SCREEN: 16,
    Stage.INTERVIEW: 20,
    Stage.FINAL_ROUND: 10,
    Stage.OFFER_WITHDRAWN: 3,
    Stage.OTHER: 7,
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

_INTERVIEWED = {Stage.PHONE_SCREEN, Stage.INTERVIEW, Stage.FINAL_ROUND, Stage.OFFER_WITHDRAWN}

#: Entries placed at fixed spots so that every stage, channel, feedback status, a long
#: entry and an almost empty one appear whenever there are at least this many entries.
_PLAN: tuple[dict[str, Any], ...] = (
    {"stage": Stage.NO_RESPONSE, "channel": Channel.SILENCE},
    {"stage": Stage.AFTER_APPLYING, "channel": Channel.PORTAL, "feedback": "not_asked"},
    {"stage": Stage.PHONE_SCREEN, "channel": Channel.CALL, "feedback": "no_reply"},
    {"stage": Stage.INTERVIEW, "channel": Channel.EMAIL, "feedback": "received"},
    {"stage": Stage.FINAL_ROUND, "channel": Channel.CALL, "kind": "long", "feedback": "asked"},
    {"stage": Stage.OFFER_WITHDRAWN, "channel": Channel.EMAIL},
    {"stage": Stage.OTHER, "channel": Channel.OTHER},
    {"kind": "empty"},
)

_KINDS = ("empty", "sparse", "full", "long")
_KIND_WEIGHTS = (4, 18, 66, 12)
_DENSITY = {"sparse": 0.35, "full": 1.0, "long": 1.0}


def span_days(count: int) -> float:
    """How far back the demo entries reach: a few weeks for a handful, ~3 years for 10,000."""
    return 7 + 110 * math.sqrt(max(count, 1) / 100)


def _zipf(size: int, exponent: float = 0.8) -> list[float]:
    """Cumulative weights where early items are picked much more often (so they repeat)."""
    return list(accumulate(1 / (rank + 1) ** exponent for rank in range(size)))


_QUESTION_WEIGHTS = _zipf(len(QUESTIONS))
_SKILL_WEIGHTS = _zipf(len(SKILLS))


class _Maker:
    """Builds one entry's form at a time from a shared random generator."""

    def __init__(self, rng: random.Random, now: datetime) -> None:
        self.rng = rng
        self.now = now
        self.today = now.date()

    # small helpers ---------------------------------------------------------------------

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def pick(self, pool: Sequence[str], **context: Any) -> str:
        return self.rng.choice(pool).format(**context)

    def pick_many(
        self, pool: Sequence[Any], low: int, high: int, cum_weights: list[float] | None = None
    ) -> list[Any]:
        wanted = self.rng.randint(low, high)
        if cum_weights is None:
            return self.rng.sample(list(pool), wanted)
        chosen: list[Any] = []
        for _ in range(wanted * 4):
            if len(chosen) == wanted:
                break
            item = self.rng.choices(pool, cum_weights=cum_weights)[0]
            if item not in chosen:
                chosen.append(item)
        return chosen

    def sting(self, base: int) -> int:
        value = round(self.rng.gauss(base, 18) / 5) * 5
        return max(0, min(100, value))

    def person(self, context: dict[str, Any]) -> str:
        first = self.rng.choice(FIRST_NAMES)
        last = self.rng.choice(LAST_NAMES)
        relation = self.pick(RELATIONS, **context)
        return f"{first} {last}, {relation}"

    def paragraphs(self, first: str, pool: Sequence[str], low: int, high: int, **ctx: Any) -> str:
        """`first`, then `low` to `high` more paragraphs from `pool` (no repeats)."""
        rest = [text for text in pool if text != first]
        extra = [text.format(**ctx) for text in self.pick_many(rest, low, min(high, len(rest)))]
        return "\n\n".join([first, *extra])

    def vary(self, question: str) -> str:
        """Typed by hand: sometimes lower case, sometimes without the question mark."""
        roll = self.rng.random()
        if roll < 0.06:
            return question[0].lower() + question[1:]
        if roll < 0.12:
            return question.rstrip("?.")
        return question

    # the entry ---------------------------------------------------------------------------

    def form(self, created: datetime, updated: datetime, plan: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        kind = plan.get("kind") or rng.choices(_KINDS, weights=_KIND_WEIGHTS)[0]
        if "stage" in plan and kind == "empty":
            kind = "full"
        company = "unknown" if self.chance(0.02) else rng.choice(COMPANIES)
        if kind == "empty":
            return {"about": {"company": company}}
        density = _DENSITY[kind]
        long = kind == "long"

        def maybe(probability: float) -> bool:
            return self.chance(probability * density)

        role = rng.choice(ROLES)
        context: dict[str, Any] = {
            "company": "the company" if company == "unknown" else company,
            "other": rng.choice(COMPANIES),
            "role_lower": role[0].lower() + role[1:],
            "agency": rng.choice(AGENCIES),
            "person_first": rng.choice(FIRST_NAMES),
            "weekday": rng.choice(WEEKDAYS),
            "days": rng.randint(2, 14),
            "weeks": rng.randint(2, 8),
            "hours": rng.randint(2, 20),
        }

        stage: Stage | None = plan.get("stage")
        if stage is None and (long or self.chance(0.95)):
            stage = rng.choices(list(STAGE_WEIGHTS), weights=list(STAGE_WEIGHTS.values()))[0]
        channel: Channel | None = plan.get("channel")
        if channel is None and stage is not None and self.chance(0.9):
            weights = CHANNEL_WEIGHTS[stage]
            channel = rng.choices(list(weights), weights=list(weights.values()))[0]
        news_date: date | None = None
        if channel is not Channel.SILENCE or self.chance(0.5):
            news_date = created.date() - timedelta(days=rng.choice((0, 0, 0, 1, 1, 2, 3, 4)))

        about: dict[str, Any] = {"company": company}
        if "stage" in plan or long or self.chance(0.85):
            about["role"] = role
        about.update(stage=stage, channel=channel, news_date=news_date)
        if maybe(0.5):
            about["tags"] = self.pick_many(TAGS, 1, 3)

        personal: dict[str, Any] = {}
        if stage is not None and (long or maybe(0.85)):
            event = self.pick(EVENTS[stage], **context)
            if long:
                event = self.paragraphs(event, _details(stage), 2, 4, **context)
            personal["what_happened"] = event
        sting_before: int | None = None
        if long or maybe(0.85):
            sting_before = self.sting(STING_BASE.get(stage or Stage.OTHER, 50))
            personal["sting_before"] = sting_before
        if maybe(0.6):
            personal["recurring_thought"] = rng.choice(_thoughts(stage))
        if maybe(0.55):
            personal["traps"] = self.pick_many(list(ThinkingTrap), 1, 3)
        if maybe(0.6):
            personal["reasons"] = self.pick_many(list(OtherReason), 1, 3)
        if maybe(0.25):
            personal["other_reasons"] = rng.choice(OTHER_REASONS)
        if long or maybe(0.6):
            personal["balanced_thought"] = rng.choice(_balanced(stage))

        learn = self.learn(stage, news_date or created.date(), updated, plan, context, maybe, long)
        prepare = self.prepare(created, sting_before, context, maybe, long)
        return {"about": about, "personal": personal, "learn": learn, "prepare": prepare}

    def learn(
        self,
        stage: Stage | None,
        heard: date,
        updated: datetime,
        plan: dict[str, Any],
        context: dict[str, Any],
        maybe: Any,
        long: bool,
    ) -> dict[str, Any]:
        rng = self.rng
        interviewed = stage in _INTERVIEWED
        learn: dict[str, Any] = {}
        if long or maybe(0.7 if interviewed else 0.35):
            first = rng.choice(PREPARE_BETTER)
            learn["prepare_better"] = (
                self.paragraphs(first, PREPARE_BETTER, 1, 3) if long else first
            )
        if long or maybe(0.75 if interviewed else 0.08):
            questions = self.pick_many(QUESTIONS, 1, 4, _QUESTION_WEIGHTS)
            learn["unready_questions"] = [self.vary(question) for question in questions]
        if maybe(0.6):
            learn["fit"] = rng.choices((1, 2, 3, 4, 5), weights=(1, 3, 6, 6, 3))[0]
        if long or maybe(0.35):
            note = rng.choice(FIT_NOTES)
            learn["fit_notes"] = self.paragraphs(note, FIT_NOTES, 1, 2) if long else note
        if maybe(0.5):
            learn["skills"] = self.pick_many(SKILLS, 1, 3, _SKILL_WEIGHTS)

        status: FeedbackStatus | None = None
        if "feedback" in plan:
            status = FeedbackStatus(plan["feedback"])
        elif maybe(0.7):
            weights = (40, 20, 20, 20) if interviewed else (75, 10, 5, 10)
            status = rng.choices(list(FeedbackStatus), weights=weights)[0]
        if status is not None:
            feedback: dict[str, Any] = {"status": status}
            if status is not FeedbackStatus.NOT_ASKED:
                latest = max(heard, updated.date())
                asked = min(heard + timedelta(days=rng.randint(0, 14)), latest)
                feedback["date"] = asked
            if status is FeedbackStatus.RECEIVED:
                feedback["said"] = rng.choice(FEEDBACK_SAID)
            learn["feedback"] = feedback

        if maybe(0.4):
            sources = self.pick_many(list(SuccessSource), 1, 2)
            past: dict[str, Any] = {"sources": sources}
            if self.chance(0.6):
                past["reuse"] = self.pick(REUSE, **context)
            learn["past_successes"] = past
        return learn

    def prepare(
        self,
        created: datetime,
        sting_before: int | None,
        context: dict[str, Any],
        maybe: Any,
        long: bool,
    ) -> dict[str, Any]:
        rng = self.rng
        prepare: dict[str, Any] = {}
        if long or maybe(0.7):
            actions = []
            for _ in range(rng.randint(1, 5)):
                text = self.pick(
                    ACTIONS,
                    **context,
                    question=rng.choices(QUESTIONS, cum_weights=_QUESTION_WEIGHTS)[0],
                    skill=rng.choices(SKILLS, cum_weights=_SKILL_WEIGHTS)[0],
                )
                action: dict[str, Any] = {"text": text}
                due: date | None = None
                if self.chance(0.5):
                    due = created.date() + timedelta(days=rng.randint(1, 21))
                    action["due"] = due
                if due is not None and due < self.today:
                    done = self.chance(0.6)
                elif due is None and (self.now - created).days > 14:
                    done = self.chance(0.45)
                else:
                    done = self.chance(0.15)
                action["done"] = done
                actions.append(action)
            prepare["actions"] = actions
        if maybe(0.45):
            prepare["pipeline"] = [
                self.pick(PIPELINE, **(context | {"other": rng.choice(COMPANIES)}))
                for _ in range(rng.randint(1, 3))
            ]
        if maybe(0.4):
            prepare["people"] = [self.person(context) for _ in range(rng.randint(1, 3))]
        if long or maybe(0.5):
            prepare["carry_forward"] = rng.choice(CARRY_FORWARD)
        if sting_before is not None and (long or maybe(0.8)):
            if self.chance(0.12):
                after = sting_before + rng.choice((0, 5, 10, 15))
            else:
                after = sting_before - rng.choice((5, 10, 15, 20, 25, 30, 40))
            prepare["sting_after"] = max(0, min(100, after))
        return prepare


def _details(stage: Stage) -> tuple[str, ...]:
    if stage is Stage.FINAL_ROUND:
        return DETAILS + DETAILS_INTERVIEWED + DETAILS_FINAL
    if stage in _INTERVIEWED:
        return DETAILS + DETAILS_INTERVIEWED
    if stage in (Stage.NO_RESPONSE, Stage.AFTER_APPLYING):
        return DETAILS + DETAILS_APPLIED
    return DETAILS


def _thoughts(stage: Stage | None) -> tuple[str, ...]:
    if stage in _INTERVIEWED:
        return THOUGHTS + THOUGHTS_INTERVIEWED
    if stage in (Stage.NO_RESPONSE, Stage.AFTER_APPLYING):
        return THOUGHTS + THOUGHTS_APPLIED
    return THOUGHTS


def _balanced(stage: Stage | None) -> tuple[str, ...]:
    if stage is Stage.OFFER_WITHDRAWN:
        return BALANCED + BALANCED_WITHDRAWN
    if stage in _INTERVIEWED:
        return BALANCED + BALANCED_INTERVIEWED
    if stage in (Stage.NO_RESPONSE, Stage.AFTER_APPLYING):
        return BALANCED + BALANCED_APPLIED
    return BALANCED


def _plan_positions(count: int) -> dict[int, dict[str, Any]]:
    if count < len(_PLAN):
        return dict(enumerate(_PLAN[:count]))
    return {index * count // len(_PLAN): plan for index, plan in enumerate(_PLAN)}


def make_entries(count: int, *, seed: int = 0, now: datetime) -> Iterator[Entry]:
    """Yield `count` made-up entries, oldest first, all created at or before `now`.

    The same ``(count, seed, now)`` always gives the same entries. `now` must be
    timezone-aware; every timestamp is given in its timezone.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    if count < 0:
        raise ValueError("count must be zero or more")
    rng = random.Random(seed)
    now_utc = now.astimezone(UTC)
    span = span_days(count) * 86400
    offsets = sorted((rng.random() * span for _ in range(count)), reverse=True)
    plans = _plan_positions(count)
    maker = _Maker(rng, now)
    for index, offset in enumerate(offsets):
        entry_id = f"{rng.getrandbits(128):032x}"
        created_utc = (now_utc - timedelta(seconds=offset)).replace(microsecond=0)
        roll = rng.random()
        if roll < 0.7:
            later = timedelta(minutes=rng.randint(2, 45))
        elif roll < 0.9:
            later = timedelta(days=rng.randint(1, 30), minutes=rng.randint(0, 600))
        else:
            later = timedelta(0)
        updated_utc = max(created_utc, min(created_utc + later, now_utc.replace(microsecond=0)))
        created = created_utc.astimezone(now.tzinfo)
        updated = updated_utc.astimezone(now.tzinfo)
        form = maker.form(created, updated, plans.get(index, {}))
        yield build_entry(form, id=entry_id, created=created, updated=updated)


def write_demo(journal: Journal, count: int, *, seed: int, now: datetime) -> list[Path]:
    """Write `count` made-up entries into `journal` (not fsynced: throwaway data)."""
    journal.ensure()
    return [journal.save(entry, durable=False) for entry in make_entries(count, seed=seed, now=now)]


__all__ = ["make_entries", "span_days", "write_demo"]
