"""Hand-written sample reflections with fixed ids and times, for tests and snapshots."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from recovery_tui.core.journal import Journal
from recovery_tui.core.models import build_entry
from tests.conftest import FIXED_NOW

SAMPLES = [
    {
        "about": {
            "company": "Northwind Labs",
            "role": "Backend engineer",
            "stage": "after_final_round",
            "news_date": "2026-11-24",
            "channel": "email",
            "tags": ["python", "remote"],
        },
        "personal": {
            "what_happened": "A short email three days after the final round.\nNo details.",
            "sting_before": 75,
            "recurring_thought": "I always fall at the last step.",
            "traps": ["overgeneralising", "mind_reading"],
            "reasons": ["more_experience", "internal_candidate"],
            "balanced_thought": "Reaching the final round means I was close.",
        },
        "learn": {
            "prepare_better": "Practise system design out loud.",
            "unready_questions": [
                "How would you scale the job queue?",
                "Tell me about a conflict.",
            ],
            "fit": 4,
            "skills": ["Kubernetes basics"],
            "feedback": {"status": "asked", "date": "2026-11-24"},
            "past_successes": {"sources": ["referral"], "reuse": "Ask Priya for a referral again."},
        },
        "prepare": {
            "actions": [
                {"text": "Email Sam at TalentBridge", "due": "2026-11-27"},
                {"text": "Mock system design with Jo", "done": True},
            ],
            "pipeline": ["Globex: phone screen Tuesday"],
            "people": ["Sam Ortiz, recruiter"],
            "carry_forward": "Every no narrows the search.",
            "sting_after": 45,
        },
    },
    {"about": {"company": "Globex", "stage": "no_response", "channel": "silence"}},
    {
        "about": {"company": "Initech", "role": "Data analyst", "stage": "after_phone_screen"},
        "personal": {"what_happened": "A call from the recruiter.", "sting_before": 40},
        "prepare": {"sting_after": 20},
    },
]


def write_samples(journal: Journal) -> list[Path]:
    paths = []
    for index, data in enumerate(SAMPLES):
        when = FIXED_NOW - timedelta(days=3 * index)
        entry = build_entry(data, id=f"{index + 1:02d}" * 16, created=when, updated=when)
        paths.append(journal.save(entry))
    return paths
