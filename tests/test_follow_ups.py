"""Follow-ups on home: feedback asked over a week ago with no reply, one key to note it sent."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest
import tomli_w
from textual.widgets import OptionList, TextArea

from recovery_tui.core.journal import Journal
from recovery_tui.screens.entry import EntryScreen
from recovery_tui.screens.feedback import FeedbackRequestScreen
from tests.conftest import SNAPSHOT_SIZE, settle
from tests.samples import write_samples
from tests.test_today import digests


def ask_feedback(path: Path, on: str | None) -> None:
    data = tomllib.loads(path.read_text("utf-8"))
    feedback = {"status": "asked"} | ({"date": date.fromisoformat(on)} if on else {})
    data.setdefault("learn", {})["feedback"] = feedback
    path.write_text(tomli_w.dumps(data), "utf-8")


def journal_waiting(app_paths) -> list[Path]:  # type: ignore[no-untyped-def]
    """Northwind asked on 10 November (15 days ago), Initech asked without a date (it was
    written on 19 November: 6 days, not yet), Globex asked on 1 November (24 days)."""
    paths = write_samples(Journal(app_paths.journal))
    ask_feedback(paths[0], "2026-11-10")
    ask_feedback(paths[1], "2026-11-01")
    ask_feedback(paths[2], None)
    return paths


async def focus_follow_ups(pilot) -> OptionList:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await settle(pilot)
    follow_ups = pilot.app.screen.query_one("#follow-ups", OptionList)
    pilot.app.screen.set_focus(follow_ups)
    await pilot.pause()
    return follow_ups


def lines(option_list: OptionList) -> list[str]:
    return [str(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)]


async def test_feedback_waiting_over_a_week_shows_longest_wait_first(make_app, app_paths):
    journal_waiting(app_paths)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        follow_ups = await focus_follow_ups(pilot)
        assert lines(follow_ups) == [
            "Globex  ·  asked 24 days ago, no reply yet",
            "Northwind Labs  ·  Backend engineer  ·  asked 15 days ago, no reply yet",
        ]
        shown = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "Sent" in shown and "Let go" not in shown


async def test_space_notes_the_follow_up_sent_in_that_file_only(make_app, app_paths):
    paths = journal_waiting(app_paths)
    before = digests(app_paths.journal.entries)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        follow_ups = await focus_follow_ups(pilot)
        follow_ups.highlighted = 1
        await pilot.press("space")
        await settle(pilot)
        await settle(pilot)
        assert lines(follow_ups) == ["Globex  ·  asked 24 days ago, no reply yet"]
    after = digests(app_paths.journal.entries)
    assert {name for name in after if after[name] != before[name]} == {paths[0].name}
    feedback = tomllib.loads(paths[0].read_text("utf-8"))["learn"]["feedback"]
    asked = date(2026, 11, 10)  # kept: the day feedback was first asked
    assert feedback == {
        "status": "asked",
        "date": asked,
        "first_asked": asked,
        "followed_up": date(2026, 11, 25),
    }


async def test_enter_drafts_a_gentle_follow_up(make_app, app_paths):
    journal_waiting(app_paths)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        follow_ups = await focus_follow_ups(pilot)
        follow_ups.highlighted = 1
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackRequestScreen)
        await pilot.press(*"Priya")
        text = app.screen.query_one("#request", TextArea).text
        assert text.startswith(
            "Subject: Re: A quick question after the final round for the Backend engineer role"
            "\n\nHi Priya,"
        ), text
        assert "my note of 10 November about the Backend engineer role at Northwind Labs" in text
        await pilot.press("ctrl+x")
        await settle(pilot)
    exported = list(app_paths.journal.exports.iterdir())
    assert [p.name.startswith("feedback-follow-up-") for p in exported] == [True]


async def test_the_wait_follows_the_settings(make_app, app_paths):
    journal_waiting(app_paths)
    app_paths.config_dir.mkdir(parents=True, exist_ok=True)
    app_paths.settings_file.write_text("follow_up_days = 20\n", "utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        follow_ups = await focus_follow_ups(pilot)
        assert lines(follow_ups) == ["Globex  ·  asked 24 days ago, no reply yet"]


def test_home_with_a_follow_up_snapshot(snap_compare, make_app, app_paths):
    journal_waiting(app_paths)

    async def run(pilot):  # type: ignore[no-untyped-def]
        await focus_follow_ups(pilot)

    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=run)


def test_follow_up_draft_snapshot(snap_compare, make_app, app_paths):
    journal_waiting(app_paths)

    async def run(pilot):  # type: ignore[no-untyped-def]
        follow_ups = await focus_follow_ups(pilot)
        follow_ups.highlighted = 1
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=run)


async def test_asking_again_from_a_long_waiting_reflection_drafts_the_follow_up(
    make_app, app_paths
):
    paths = journal_waiting(app_paths)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.open_entry(paths[0])
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackRequestScreen) and app.screen.follow_up
        assert app.screen.text().startswith("Subject: Re: A quick question after the final")


async def test_a_reflection_changed_meanwhile_is_left_alone(make_app, app_paths):
    paths = journal_waiting(app_paths)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        follow_ups = await focus_follow_ups(pilot)
        follow_ups.highlighted = 1
        # Another window records the reply before space is pressed here.
        data = tomllib.loads(paths[0].read_text("utf-8"))
        data["learn"]["feedback"] = {"status": "received", "said": "More domain experience."}
        paths[0].write_text(tomli_w.dumps(data), "utf-8")
        before = paths[0].read_bytes()
        await pilot.press("space")
        await settle(pilot)
        await settle(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert any("Couldn't note it in" in m and "(it changed)" in m for m in messages)
        assert all("More domain" not in m for m in messages)
        assert lines(follow_ups) == ["Globex  ·  asked 24 days ago, no reply yet"]
    assert paths[0].read_bytes() == before


async def test_a_name_changes_the_greeting_and_keeps_what_was_written(make_app, app_paths):
    journal_waiting(app_paths)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        follow_ups = await focus_follow_ups(pilot)
        follow_ups.highlighted = 1
        await pilot.press("enter")
        await settle(pilot)
        request = app.screen.query_one("#request", TextArea)
        request.insert("P.S. I enjoyed meeting the team.\n", (request.document.end[0], 0))
        app.screen.query_one("#contact").focus()
        await pilot.press(*"Jo")
        await settle(pilot)
        text = app.screen.text()
        assert "Hi Jo," in text and "Hello," not in text
        assert text.endswith("Thank you,\n[your name]\nP.S. I enjoyed meeting the team.\n")


def messages(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(n.message) for n in app._notifications]


def feedback_of(path: Path) -> dict:  # type: ignore[type-arg]
    return tomllib.loads(path.read_text("utf-8"))["learn"].get("feedback", {})


async def open_request(pilot, path: Path) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.app.open_entry(path)
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FeedbackRequestScreen)
    assert not pilot.app.screen.follow_up


@pytest.mark.parametrize("key", ["ctrl+y", "ctrl+x"])
async def test_copying_or_exporting_a_request_notes_feedback_asked_today(make_app, app_paths, key):
    paths = write_samples(Journal(app_paths.journal))  # Globex: feedback never asked
    before = digests(app_paths.journal.entries)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_request(pilot, paths[1])
        await pilot.press(key)
        await settle(pilot)
        today = date(2026, 11, 25)
        assert feedback_of(paths[1]) == {"status": "asked", "date": today, "first_asked": today}
        assert any("Noted as asked today" in m for m in messages(app))
        written = paths[1].read_bytes()
        await pilot.press(key)  # again: already noted, the file is left alone
        await settle(pilot)
        assert paths[1].read_bytes() == written
        assert sum("Noted as asked" in m for m in messages(app)) == 1
    after = digests(app_paths.journal.entries)
    assert {name for name in after if after[name] != before[name]} == {paths[1].name}


async def test_after_noting_asked_the_reflection_opens_for_editing_as_it_is_now(
    make_app, app_paths
):
    paths = write_samples(Journal(app_paths.journal))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_request(pilot, paths[1])
        await pilot.press("ctrl+y", "escape")
        await settle(pilot)
        await pilot.press("e")  # the view below read the file again: no "changed on disk"
        await settle(pilot)
        await pilot.press(*" Ltd", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
    today = date(2026, 11, 25)
    assert feedback_of(paths[1]) == {"status": "asked", "date": today, "first_asked": today}
    assert tomllib.loads(paths[1].read_text("utf-8"))["about"]["company"] == "Globex Ltd"


def received(data: dict) -> None:  # type: ignore[type-arg]
    data.setdefault("learn", {})["feedback"] = {"status": "received", "said": "Too junior."}


def from_a_newer_version(data: dict) -> None:  # type: ignore[type-arg]
    data["schema_version"] = 99


@pytest.mark.parametrize(
    ("change", "key", "said"),
    [
        (received, "ctrl+x", None),  # an answer is never turned back into "asked"
        (from_a_newer_version, "ctrl+y", "a newer version of recovery-tui wrote this"),
    ],
)
async def test_a_file_that_is_not_noted_is_left_exactly_as_it_is(
    make_app, app_paths, change, key, said
):
    paths = write_samples(Journal(app_paths.journal))
    data = tomllib.loads(paths[1].read_text("utf-8"))
    change(data)
    paths[1].write_text(tomli_w.dumps(data), "utf-8")
    before = paths[1].read_bytes()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_request(pilot, paths[1])
        await pilot.press(key)
        await settle(pilot)
        assert not any("Noted as asked" in m for m in messages(app))
        if said:
            assert any("isn't noted as asked" in m and said in m for m in messages(app))
    assert paths[1].read_bytes() == before


# --- one follow-up, then let it go ---------------------------------------------------------


async def test_one_follow_up_then_home_offers_to_let_it_go(make_app, app_paths):
    from datetime import timedelta

    from tests.conftest import FIXED_NOW

    paths = journal_waiting(app_paths)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        follow_ups = await focus_follow_ups(pilot)
        follow_ups.highlighted = 1  # Northwind, asked on 10 November
        await pilot.press("space")
        await settle(pilot)
    first = feedback_of(paths[0])
    assert (first["first_asked"], first["followed_up"]) == (date(2026, 11, 10), date(2026, 11, 25))

    # Eight days after the follow-up, still no reply: nothing more to send, only to let go.
    later = FIXED_NOW + timedelta(days=8)
    app = make_app(clock=lambda: later)
    async with app.run_test(size=(80, 24)) as pilot:
        follow_ups = await focus_follow_ups(pilot)
        assert lines(follow_ups) == [
            "Globex  ·  asked 32 days ago, no reply yet",
            "Initech  ·  Data analyst  ·  asked 14 days ago, no reply yet",
            "Northwind Labs  ·  Backend engineer  ·  followed up 8 days ago; fine to let it go",
        ]
        follow_ups.highlighted = 2
        written = paths[0].read_bytes()
        await pilot.pause()
        shown = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "Let go" in shown and "Sent" not in shown
        await pilot.press("space")  # a second follow-up isn't offered
        await settle(pilot)
        assert paths[0].read_bytes() == written
        await pilot.press("l")
        await settle(pilot)
        await settle(pilot)
        assert [line.split("  ·  ")[0] for line in lines(follow_ups)] == ["Globex", "Initech"]
        assert any(m.startswith("Let go: no more waiting on Northwind Labs") for m in messages(app))
    assert feedback_of(paths[0]) == {
        "status": "no_reply",
        "date": date(2026, 11, 10),
        "first_asked": date(2026, 11, 10),
        "followed_up": date(2026, 11, 25),
        "let_go": later.date(),
    }

    # Let go stays let go, however long after.
    app = make_app(clock=lambda: later + timedelta(days=100))
    async with app.run_test(size=(80, 24)) as pilot:
        follow_ups = await focus_follow_ups(pilot)
        assert [line.split("  ·  ")[0] for line in lines(follow_ups)] == ["Globex", "Initech"]


async def test_the_day_first_asked_is_never_overwritten(make_app, app_paths):
    paths = write_samples(Journal(app_paths.journal))
    data = tomllib.loads(paths[1].read_text("utf-8"))
    first = date(2026, 10, 1)
    data.setdefault("learn", {})["feedback"] = {"status": "no_reply", "first_asked": first}
    paths[1].write_text(tomli_w.dumps(data), "utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_request(pilot, paths[1])  # asked again, from the reflection
        await pilot.press("ctrl+y")
        await settle(pilot)
    today = date(2026, 11, 25)
    assert feedback_of(paths[1]) == {"status": "asked", "date": today, "first_asked": first}


async def test_the_follow_up_dialog_after_a_follow_up_says_to_let_it_go(make_app, app_paths):
    paths = journal_waiting(app_paths)
    data = tomllib.loads(paths[1].read_text("utf-8"))
    data["learn"]["feedback"]["followed_up"] = date(2026, 11, 10)
    paths[1].write_text(tomli_w.dumps(data), "utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        follow_ups = await focus_follow_ups(pilot)
        assert lines(follow_ups)[0] == "Globex  ·  followed up 15 days ago; fine to let it go"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackRequestScreen)
        hint = str(app.screen.query_one("#dialog-message").render())
        assert "You followed up once already" in hint and "l lets this one go" in hint


def test_home_offering_to_let_go_snapshot(snap_compare, make_app, app_paths):
    paths = journal_waiting(app_paths)
    data = tomllib.loads(paths[1].read_text("utf-8"))
    data["learn"]["feedback"]["followed_up"] = date(2026, 11, 10)
    paths[1].write_text(tomli_w.dumps(data), "utf-8")

    async def run(pilot):  # type: ignore[no-untyped-def]
        await focus_follow_ups(pilot)

    assert snap_compare(make_app(), terminal_size=SNAPSHOT_SIZE, run_before=run)
