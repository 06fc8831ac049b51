"""The demo's words by field of work: roles, and the skills, interview questions, lessons,
requirements and next actions that fit them (a teacher doesn't get SQL window functions).
No Textual here.

Words that fit every field (the usual interview questions, a mock interview, a walk before
opening the inbox) are in the `GENERAL_*` lists; a reflection draws from its field's lists
and from those.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

from recovery_tui.core.prompts import Stage, SuccessSource


@dataclass(frozen=True)
class Field:
    roles: tuple[str, ...]
    skills: tuple[str, ...]
    questions: tuple[str, ...]  # asked in interviews for these roles
    lessons: tuple[str, ...]  # what to prepare better, after an interview
    requirements: tuple[str, ...]  # what a posting put first, for targeting notes
    actions: tuple[str, ...]


# fmt: off

FIELDS: dict[str, Field] = {
    "software": Field(
        roles=("Backend engineer", "Frontend developer", "Mobile developer",
               "Site reliability engineer", "QA engineer", "Security analyst",
               "IT support specialist", "Engineering manager"),
        skills=("System design practice, one problem a week", "Kubernetes basics", "Terraform",
                "Docker", "TypeScript", "Python testing with pytest", "AWS Cloud Practitioner",
                "Git beyond the basics", "Linux command line", "Security+ certification",
                "Data structures refresher"),
        questions=("How would you scale a background job queue?",
                   "Walk me through how you would design a URL shortener.",
                   "Explain the difference between a process and a thread.",
                   "What happens when you type a URL into the browser?",
                   "How do you test code that talks to an external API?",
                   "How would you debug a slow database query?",
                   "How do you find your way around a new codebase?",
                   "Explain eventual consistency.", "How would you design a rate limiter?",
                   "How would you respond to a security incident at 2am?",
                   "What is the hardest bug you have fixed?",
                   "Explain how HTTPS keeps data private."),
        lessons=("Talk through trade-offs out loud instead of jumping to the answer.",
                 "Time the take-home and stop at the limit.",
                 "Draw the design before explaining it."),
        requirements=("production cloud experience", "on-call experience",
                      "a public code sample"),
        actions=("Do one system design problem", "Push the side project to a public repo",
                 "Write up the hardest bug I fixed, in five sentences",
                 "Pair on a practice problem with {person_first}"),
    ),
    "data": Field(
        roles=("Data analyst", "Data scientist", "Machine learning engineer",
               "Supply chain analyst", "Financial analyst", "Junior accountant"),
        skills=("SQL window functions course", "Statistics refresher", "Power BI", "Tableau",
                "Excel: pivot tables and lookups", "Machine learning crash course",
                "Product analytics: funnels and cohorts", "Project budgeting"),
        questions=("Write a SQL query to find the second highest salary.",
                   "What metrics would you track for a subscription business?",
                   "How would you reduce customer churn?",
                   "Walk me through a budget variance you found.",
                   "How would you measure the success of this feature?",
                   "Describe a time you used data to make a decision."),
        lessons=("Revise SQL joins and window functions.",
                 "Know the numbers from my last project: users, savings, time.",
                 "Explain one chart in plain words before the numbers."),
        requirements=("dashboard experience in Power BI", "SQL every day",
                      "month-end close experience"),
        actions=("Rebuild one old report as a clean dashboard",
                 "Do two SQL practice problems",
                 "Ask {person_first} how their team hires analysts"),
    ),
    "design": Field(
        roles=("Product manager", "Product designer", "UX researcher", "Graphic designer",
               "Technical writer", "Content strategist", "Marketing specialist"),
        skills=("Figma auto layout", "Accessibility: WCAG basics", "Customer interview practice",
                "Copywriting course", "Technical writing course",
                "Product analytics: funnels and cohorts"),
        questions=("Describe your design process from brief to handoff.",
                   "How would you run a usability test on a tight budget?",
                   "How do you decide what not to build?",
                   "How do you make sure your work is accessible?",
                   "What does good documentation look like to you?",
                   "How would you improve our onboarding flow?",
                   "What would you do if you disagreed with the product direction?"),
        lessons=("Bring a one-page summary of the portfolio.",
                 "Lead with the problem, not the screens.",
                 "Have one case study where the first idea failed."),
        requirements=("a portfolio with product work", "research with real users",
                      "writing for a technical audience"),
        actions=("Rewrite the portfolio case study", "Ask {person_first} to review the portfolio",
                 "Add one accessibility fix to a portfolio piece"),
    ),
    "business": Field(
        roles=("Sales development rep", "Customer success manager", "Operations coordinator",
               "Project manager", "HR generalist", "Recruiter", "Office manager",
               "Policy officer", "Grant writer"),
        skills=("Negotiation workshop", "Scrum Master certification", "PMP certification",
                "Project budgeting", "Excel: pivot tables and lookups",
                "Leadership course for new managers", "Spanish to B2"),
        questions=("Tell me about a time you handled a difficult customer.",
                   "Tell me about your experience managing a budget.",
                   "How would you handle two stakeholders asking for opposite things?",
                   "How do you handle an underperforming team member?",
                   "Tell me about a process you improved.",
                   "What would you do in your first 90 days?"),
        lessons=("Have a clear answer for why I'm changing fields.",
                 "Bring one number for every claim: targets, budgets, people.",
                 "Practise the salary conversation."),
        requirements=("CRM experience", "managing a budget of their size",
                      "experience in the public sector"),
        actions=("Write down the three biggest numbers from my last job",
                 "Ask {person_first} what their team looks for",
                 "Draft a 90-day plan for a role like this"),
    ),
    "health": Field(
        roles=("Registered nurse", "Lab technician", "Care assistant", "Pharmacy technician"),
        skills=("Advanced life support refresher", "IV and cannulation refresher",
                "Medication safety module", "Infection control update",
                "Mentorship course for new staff", "First aid certificate"),
        questions=("Tell me about a time a patient's condition changed quickly.",
                   "How do you handle a disagreement with a doctor about a care plan?",
                   "How do you prioritise a heavy caseload on a short-staffed shift?",
                   "Describe a time you spotted a medication error.",
                   "How do you support a distressed family member?",
                   "How do you keep samples traceable from collection to result?"),
        lessons=("Have a clear example of escalating a patient who was getting worse.",
                 "Use the situation-background-assessment shape for clinical stories.",
                 "Know the trust's values before the panel."),
        requirements=("two years on an acute ward", "experience with the new records system",
                      "night shifts"),
        actions=("Book the medication safety module",
                 "Ask {person_first} about openings on their ward",
                 "Write down two patient stories I'm proud of"),
    ),
    "education": Field(
        roles=("Primary school teacher", "Teaching assistant", "Secondary maths teacher",
               "SEN coordinator"),
        skills=("Behaviour management course", "Phonics training", "SEN and inclusion module",
                "Google Classroom basics", "Assessment for learning workshop",
                "Safeguarding refresher"),
        questions=("How would you handle a child who disrupts the lesson every day?",
                   "How do you adapt a lesson for a pupil with additional needs?",
                   "Tell me about a lesson that didn't go to plan.",
                   "How do you work with parents who disagree with you?",
                   "How do you track progress across a mixed-ability class?"),
        lessons=("Plan the sample lesson to the minute, with a spare activity.",
                 "Talk about one pupil's progress, not teaching in general.",
                 "Know the school's last inspection report."),
        requirements=("Key Stage 2 experience", "experience leading a subject",
                      "a phonics qualification"),
        actions=("Film a practice lesson and watch it once",
                 "Ask {person_first} to observe a lesson",
                 "Update the teaching portfolio with this term's work"),
    ),
    "logistics": Field(
        roles=("Warehouse supervisor", "Warehouse team lead", "Delivery planner",
               "Stock controller"),
        skills=("Forklift licence renewal", "Lean and 5S basics",
                "Health and safety: managing safely course",
                "Warehouse management system training", "Excel: pivot tables and lookups"),
        questions=("How would you handle a shift where two people call in sick?",
                   "Tell me about a time you improved picking accuracy.",
                   "How do you keep a team safe when targets are tight?",
                   "Describe how you would run a stock count.",
                   "What would you do if a delivery arrives damaged?"),
        lessons=("Bring numbers: pick rates, error rates, days without an accident.",
                 "Have one story about a shift that went wrong and how I fixed it.",
                 "Ask about the systems they use before the interview."),
        requirements=("experience running a night shift", "a current forklift licence",
                      "warehouse management system experience"),
        actions=("Renew the forklift licence", "Ask {person_first} about team lead openings",
                 "Write down my best month's numbers"),
    ),
}

GENERAL_QUESTIONS = (
    "Tell me about a time you disagreed with your manager.",
    "Why do you want to leave your current role?",
    "What is your biggest weakness?",
    "What salary are you expecting?",
    "Describe a project that failed and what you learned.",
    "How do you prioritise when everything is urgent?",
    "Why should we hire you over the other candidates?",
    "Where do you see yourself in five years?",
    "Why is there a gap in your CV?",
    "How do you explain a complicated idea to someone new to it?",
    "How do you handle feedback you disagree with?",
    "Tell me about a time you led without authority.",
    "What do you know about our organisation?",
    "Describe a conflict in your team and how it ended.",
    "How do you stay organised across several pieces of work?",
    "What is a mistake you made, and how did you fix it?",
    "How would you handle a missed deadline?",
    "Tell me about a time you changed someone's mind.",
    "How do you handle stress at work?",
    "What motivates you?",
    "Tell me about a time you had to learn something fast.",
    "What would your last manager say about you?",
    "How do you keep your skills current?",
    "How do you balance speed and quality?",
    "Describe a time you missed something important.",
    "Can you relocate within three months?",
    "Tell me about a time you worked with a team you rarely saw in person.",
    "What are you learning right now?",
)

GENERAL_SKILLS = (
    "Storytelling for interviews (situation, task, action, result)",
    "Public speaking: join a local speaking club",
    "Negotiation workshop",
)

GENERAL_LESSONS = (
    "Have three short stories ready: a conflict, a failure, a win.",
    "Research the team, not only the organisation.",
    "Ask better questions at the end.",
    "Do a mock interview with someone who will interrupt me.",
    "Slow down on the first question. I rush when I'm nervous.",
    "Read the job description the night before and match each line to an example.",
    "Sleep. I prepared until 2am and it showed.",
    "Test the video setup before the call.",
    "Know my own CV better: they asked about a job from five years ago.",
)

#: What to do better before the next application (application stage, silence).
APPLICATION_LESSONS = (
    "Match the first three lines of the CV to their top requirements.",
    "Write the cover letter for this role, not one for every role.",
    "Apply in the first week the posting is up.",
    "Find someone who works there before applying.",
    "Say what the ad asks for in my own words, near the top.",
    "Check the CV reads well as plain text, for the portal.",
)

#: Targeting notes (schema 2, application stage and silence); {need} is a requirement.
TARGETING = (
    "Top of their list: {need}. My CV showed it, but only on page two.",
    "They asked for {need}. I have it and never said so.",
    "Their first requirement was {need}; I answered the second and third instead.",
    "I had {need} on the CV, in the last bullet of an old job.",
)

GENERAL_ACTIONS = (
    "Send a thank-you note to {person_first}",
    "Add one number to the {role_lower} CV: people, money or time",
    "Apply to two roles at {other}",
    "Practise: {question}",
    "Book a mock interview with {person_first}",
    "Message {person_first} about referrals",
    "Start the course: {skill}",
    "Follow up with the recruiter at {other}",
    "Take {weekday} off from applications",
    "Tidy my LinkedIn headline for {role_lower} roles",
    "Write down three stories for {role_lower} interviews: conflict, failure, win",
    "Coffee with {person_first}",
    "Research {other} before applying",
    "Set up job alerts for {role_lower} roles",
    "Send three tailored applications by {weekday}",
    "Go for a walk on {weekday} before opening the inbox",
    "Ask {person_first} to read my cover letter",
    "Rewrite the top third of the CV for {role_lower} roles",
    "List ten places I'd like to work as a {role_lower}",
    "Reply to {person_first}'s message from last week",
    "Look up who hires for {role_lower} roles at {other}",
    "Put the application spreadsheet in order on {weekday}",
)

#: Actions that only make sense after an interview.
INTERVIEW_ACTIONS = (
    "Write down every question they asked while I still remember",
    "Practise the answer I stumbled on, out loud, twice",
    "Time my answers: two minutes each",
)

# fmt: on


def field_of(role: str) -> Field:
    """The field a role belongs to (a role not listed: business)."""
    for field in FIELDS.values():
        if role in field.roles:
            return field
    return FIELDS["business"]


ROLES = tuple(role for field in FIELDS.values() for role in field.roles)
#: Every question the demo may ask, general ones first (a question's wording is its key).
QUESTIONS = GENERAL_QUESTIONS + tuple(
    question for field in FIELDS.values() for question in field.questions
)


def zipf(size: int, exponent: float = 0.8) -> list[float]:
    """Cumulative weights where early items are picked much more often (so they repeat)."""
    return list(accumulate(1 / (rank + 1) ** exponent for rank in range(size)))


#: How roles were found: mostly applying directly, as most people do.
APPLIED_VIA = {
    SuccessSource.DIRECT: 60,
    SuccessSource.RECRUITER: 15,
    SuccessSource.REFERRAL: 10,
    SuccessSource.NETWORKING: 10,
    SuccessSource.OTHER: 5,
}
APPLICATION_STAGES = (Stage.NO_RESPONSE, Stage.AFTER_APPLYING)


def questions_for(field: Field) -> tuple[list[str], list[float]]:
    """The questions for a field's interviews, its own first (they repeat most), with
    cumulative weights."""
    pool = [*field.questions, *GENERAL_QUESTIONS]
    return pool, zipf(len(pool))


def skills_for(field: Field) -> tuple[list[str], list[float]]:
    pool = [*field.skills, *GENERAL_SKILLS]
    return pool, zipf(len(pool))
