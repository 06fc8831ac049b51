"""What the reflections add up to. No Textual here.

Every function is pure: it takes ``(path, entry)`` pairs already read by the caller (for
example with `Journal.read_all`) and returns plain data; the index gives the same answers
from its sums (`index.summary`, `index.carry_forward`). Progress is numbers only; the UI
phrases it. The date of an entry is the day the news came (``about.news_date``), else the
day it was written (``created``).

By idea (import from the module itself; this file loads nothing):

- `pairs`: the entries' date and the order "newest first";
- `practice_bank`: the questions you weren't ready for, and the skills to build;
- `open_actions`: next actions not done yet;
- `follow_ups`: feedback asked and still waiting;
- `letters`: a feedback request and a follow-up note, drafted;
- `progress`: the numbers behind Progress;
- `prep_packet`: one Markdown page for the next interview.
"""
