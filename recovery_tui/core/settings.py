"""The user's settings file, ``settings.toml`` in the config folder. No Textual here.

A missing file means the defaults. A file that can't be used never stops the app: each
setting that can't be used falls back to its default, the good ones still apply, and every
problem is described in plain words (the file, the line and column or the setting, what is
wrong). One TOML syntax error doesn't cost the rest of the file: each top-level line before
the first ``[table]`` that is valid on its own still applies (above all ``journal``, so the
app never quietly opens another folder). Saving never writes over a file that could not be
read or parsed, and keeps every other key (and the comments) as they are.

What this layer can't check, it leaves to the app: whether a theme name exists and whether
a key remap makes sense are Textual questions (see `recovery_tui.keymap`).
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recovery_tui.core import folders, fsutil
from recovery_tui.core.own_prompts import PROMPTS_EXPECTED, parse_prompts
from recovery_tui.core.printable import printable, shown_value
from recovery_tui.core.prompts import OwnPrompt

FOLLOW_UP_DAYS = 7
FOLLOW_UP_RANGE = (1, 90)
STALE_DAYS = 30
STALE_RANGE = (1, 3650)
MAX_SETTINGS_BYTES = 256 * 1024
#: The start-up notification shows one problem in full up to this many characters (about
#: three lines at 80 columns); otherwise it gives the count and where to read them.
NOTICE_BUDGET = 200

#: What each setting should look like, for messages ("should be ...").
EXPECTED = {
    "theme": 'a theme name in quotes, e.g. theme = "nord"',
    "journal": 'a folder path in quotes, e.g. journal = "~/journal"',
    "follow_up_days": (
        f"a whole number of days from {FOLLOW_UP_RANGE[0]} to {FOLLOW_UP_RANGE[1]}, "
        f"e.g. follow_up_days = {FOLLOW_UP_DAYS}"
    ),
    "stale_days": (
        f"a whole number of days from {STALE_RANGE[0]} to {STALE_RANGE[1]}, "
        f"e.g. stale_days = {STALE_DAYS}"
    ),
    "your_name": 'your name in quotes, e.g. your_name = "Sam Lee"',
    "keys": 'keys in quotes, e.g. "home.new" = "N"',
    "prompts": PROMPTS_EXPECTED,
    "auto_sync": "true or false, e.g. auto_sync = true",
}


@functools.cache
def _settings_model() -> Any:
    """The file's shape; strict, so a number in quotes or a true/false is not a count.

    Built on first use: pydantic costs tens of milliseconds to import, and most people
    have no settings file, so the first frame shouldn't wait for it.
    """
    from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

    class SettingsModel(BaseModel):
        model_config = ConfigDict(extra="ignore", strict=True)

        theme: StrictStr | None = Field(default=None, min_length=1)
        journal: StrictStr | None = Field(default=None, min_length=1)
        follow_up_days: StrictInt = Field(
            default=FOLLOW_UP_DAYS, ge=FOLLOW_UP_RANGE[0], le=FOLLOW_UP_RANGE[1]
        )
        stale_days: StrictInt = Field(default=STALE_DAYS, ge=STALE_RANGE[0], le=STALE_RANGE[1])
        your_name: StrictStr = ""
        keys: dict[str, StrictStr] = Field(default_factory=dict)
        auto_sync: StrictBool = False

    return SettingsModel


@dataclass(frozen=True)
class Settings:
    """The settings in force: every field valid, or its default."""

    theme: str | None = None
    #: The journal folder, ``~`` expanded; used when neither --dir nor the environment says.
    journal: Path | None = None
    #: A feedback request with no reply shows as a follow-up once MORE than this many days
    #: have passed (``days > follow_up_days``, see `insights.follow_ups.follow_ups`).
    follow_up_days: int = FOLLOW_UP_DAYS
    #: A next action steps off home (it stays on the list of all actions) once MORE than
    #: this many days have passed since it was written and since it was due.
    stale_days: int = STALE_DAYS
    #: The name letters are signed with; "" leaves a placeholder in them to fill.
    your_name: str = ""
    #: Key remaps: action id (e.g. ``home.new``) -> key string, as written in the file.
    keys: dict[str, str] = field(default_factory=dict)
    #: Your own prompts (``[[prompts]]`` tables), in the file's order.
    prompts: tuple[OwnPrompt, ...] = ()
    #: Sync on start and a while after saves (a journal set up with ``sync init``).
    auto_sync: bool = False


@dataclass(frozen=True)
class LoadedSettings:
    settings: Settings
    #: One plain sentence per setting that can't be used, naming it and what is wrong.
    problems: list[str] = field(default_factory=list)
    #: Why the whole file can't be used (unreadable, not TOML, ...): never save over it.
    failure: str | None = None
    #: With a syntax error: the top-level settings still used, each valid on its own line.
    salvaged: tuple[str, ...] = ()

    @property
    def parsed(self) -> bool:
        return self.failure is None

    def _failure_text(self) -> str:
        if not self.salvaged:
            return f"{self.failure}. The defaults apply until it's fixed"
        used = _names(self.salvaged)
        verb = "is" if len(self.salvaged) == 1 else "are"
        return (
            f"{self.failure}. {used} {verb} still used, from lines that are fine on their "
            "own; everything else keeps its default until it's fixed"
        )

    def message(self, path: Path) -> str | None:
        """One calm message naming the file and every problem; None when all is well."""
        where = folders.display_path(path)
        if self.failure is not None:
            text = f"Couldn't use all of your settings file {where}: {self._failure_text()}; "
            text += "the file is left as it is."
            if self.problems:
                text += "\n" + "\n".join(f"- {problem}" for problem in self.problems)
            return text
        if not self.problems:
            return None
        lines = "\n".join(f"- {problem}" for problem in self.problems)
        return f"Some of your settings in {where} can't be used:\n{lines}"

    def notice(self, path: Path, help_key: str = "F1") -> str | None:
        """The start-up notification: short enough to read whole in a toast at 80x24.

        One problem is shown in full when it is short; otherwise the count, and where to
        read them (`help_key` in the app, ``recovery-tui locate`` outside it).
        """
        name = path.name
        if self.failure is not None:
            if not self.problems:
                whole = f"{name}: {self._failure_text()}."
                if len(whole) <= NOTICE_BUDGET:
                    return whole
            kept = f"; {_names(self.salvaged)} still apply" if self.salvaged else ""
            return (
                f"{name} can't be read in full{kept}. The rest keep their defaults: press "
                f"{help_key} to see why, or run recovery-tui locate."
            )
        if not self.problems:
            return None
        if len(self.problems) == 1:
            whole = f"{name}: {self.problems[0]}."
            if len(whole) <= NOTICE_BUDGET:
                return whole
        count = len(self.problems)
        if count == 1:
            what, rest = "1 setting can't be used, so it keeps its default", "it"
        else:
            what, rest = f"{count} settings can't be used, so they keep their defaults", "them"
        return f"{name}: {what}. Press {help_key} to read {rest}, or run recovery-tui locate."


def _names(names: tuple[str, ...]) -> str:
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _syntax_problem(error: tomllib.TOMLDecodeError) -> str:
    text = str(error)
    match = re.search(r"\s*\(at line (\d+), column (\d+)\)$", text)
    if match:
        what = text[: match.start()]
        what = what.rstrip(".")
        return f"line {match.group(1)}, column {match.group(2)}: {what[:1].lower()}{what[1:]}"
    match = re.search(r"\s*\(at end of document\)$", text)
    if match:
        what = text[: match.start()].rstrip(".")
        return f"at the end of the file: {what[:1].lower()}{what[1:]}"
    return text


def _read_text(path: Path) -> tuple[str | None, str | None]:
    """(text, None), or (None, what went wrong). A missing file reads as empty."""
    try:
        raw = fsutil.read_file(path, MAX_SETTINGS_BYTES)  # a FIFO there can't hang it
    except fsutil.TooLargeToRead:
        return None, f"it is larger than {MAX_SETTINGS_BYTES // 1024} KiB"
    except FileNotFoundError:
        return "", None
    except IsADirectoryError:
        return None, "it is a folder, not a file"
    except fsutil.NotAFile:
        return None, "it isn't a regular file (a pipe, socket or device)"
    except OSError as error:
        return None, f"it can't be read ({fsutil.describe_os_error(error)})"
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        return None, "it isn't UTF-8 text"


def read_data(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """(data, None), or (None, what went wrong). A missing file reads as empty."""
    text, failure = _read_text(path)
    if text is None:
        return None, failure
    try:
        return tomllib.loads(text), None
    except tomllib.TOMLDecodeError as error:
        return None, f"it isn't valid TOML ({_syntax_problem(error)})"


def salvage(text: str) -> dict[str, Any]:
    """The top-level settings of a file that isn't valid TOML, one line at a time.

    Each line before the first ``[table]`` header that is valid TOML on its own still
    counts (``journal = "..."``); a setting written on more than one line is left out,
    since which one was meant can't be told.
    """
    found: dict[str, Any] = {}
    twice: set[str] = set()
    for line in text.splitlines():
        if line.lstrip().startswith("["):
            break
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            data = tomllib.loads(line)
        except tomllib.TOMLDecodeError:
            continue
        for name, value in data.items():
            if name in found:
                twice.add(name)
            found[name] = value
    return {name: value for name, value in found.items() if name not in twice}


def _flatten_keys(value: object, prefix: str = "") -> dict[str, object]:
    """``[keys.home] new = "N"`` and ``[keys] "home.new" = "N"`` mean the same."""
    if not isinstance(value, dict):
        return {prefix: value}
    flat: dict[str, object] = {}
    for name, inner in value.items():
        flat.update(_flatten_keys(inner, f"{prefix}.{name}" if prefix else str(name)))
    return flat


def _default_text(name: str) -> str:
    if name == "follow_up_days":
        return f"using {FOLLOW_UP_DAYS} for now"
    if name == "stale_days":
        return f"using {STALE_DAYS} for now"
    if name == "journal":
        return "using the usual folder for now"
    return "using the default for now"


def _journal_folder(text: str | None) -> tuple[Path | None, str | None]:
    """The folder ``journal`` names, or None and why it can't be used (the usual folder is)."""
    if text is None:
        return None, None
    if not text.startswith("~") and not Path(text).is_absolute():
        return None, (
            f'journal should be a full path, e.g. journal = "~/journal", not {shown_value(text)}; '
            f"{_default_text('journal')}"
        )
    journal, problem = folders.expand(text)
    if journal is not None:
        problem = folders.journal_problem(journal)
    if problem is None:
        return journal, None
    return None, f"journal {shown_value(text)} can't be used: {problem}; {_default_text('journal')}"


def parse_settings(data: dict[str, Any]) -> tuple[Settings, list[str]]:
    """Validate each setting on its own: a bad one falls back, the others still apply."""
    from pydantic import ValidationError

    model_type = _settings_model()
    problems: list[str] = []
    data = dict(data)
    if "keys" in data:
        if isinstance(data["keys"], dict):
            data["keys"] = _flatten_keys(data["keys"])
        else:
            problems.append(
                f"keys should be a table, [keys], not {shown_value(data['keys'])}; no keys changed"
            )
            del data["keys"]
    own: tuple[OwnPrompt, ...] = ()
    if "prompts" in data:
        own, more = parse_prompts(data.pop("prompts"))
        problems += more
    try:
        model = model_type.model_validate(data)
    except ValidationError as error:
        bad_fields: set[str] = set()
        bad_keys: set[str] = set()
        for detail in error.errors():
            loc = detail["loc"]
            name = str(loc[0]) if loc else ""
            if name == "keys" and len(loc) > 1:
                key = str(loc[1])
                if key not in bad_keys:
                    bad_keys.add(key)
                    problems.append(
                        f'keys: "{printable(key, one_line=True)}" should be a key name in '
                        'quotes, e.g. "ctrl+h", '
                        f"not {shown_value(data['keys'][key])}; it keeps its usual key"
                    )
            elif name not in bad_fields:
                bad_fields.add(name)
                problems.append(
                    f"{name} should be {EXPECTED.get(name, 'something else')}, not "
                    f"{shown_value(data.get(name))}; {_default_text(name)}"
                )
        data = {name: value for name, value in data.items() if name not in bad_fields}
        if bad_keys:
            data["keys"] = {k: v for k, v in data["keys"].items() if k not in bad_keys}
        model = model_type.model_validate(data)
    journal, problem = _journal_folder(model.journal)
    if problem is not None:
        problems.append(problem)
    for name in data:
        if name not in model_type.model_fields:
            problems.append(
                f"{printable(name, one_line=True)} isn't a setting this version knows; it is "
                "left as it is"
            )
    settings = Settings(
        theme=model.theme,
        journal=journal,
        follow_up_days=model.follow_up_days,
        stale_days=model.stale_days,
        your_name=printable(model.your_name, one_line=True).strip(),
        keys=dict(model.keys),
        prompts=own,
        auto_sync=model.auto_sync,
    )
    return settings, problems


# -- your own prompts ----------------------------------------------------------------------


#: At most this many of your own prompts are asked; the rest are named as left out.
def load_settings(path: Path) -> LoadedSettings:
    """The settings in the file, with a list of what couldn't be used. Never raises."""
    text, failure = _read_text(path)
    if text is None:
        return LoadedSettings(Settings(), failure=failure)
    if not text.strip():
        return LoadedSettings(Settings())  # no file (most people): no need to load pydantic
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        failure = f"it isn't valid TOML ({_syntax_problem(error)})"
        data = salvage(text)
        if not data:
            return LoadedSettings(Settings(), failure=failure)
        settings, problems = parse_settings(data)
        used = tuple(name for name in data if not parse_settings({name: data[name]})[1])
        return LoadedSettings(settings, problems, failure, used)
    plain = plain_settings(data)
    if plain is not None:
        return LoadedSettings(plain)
    settings, problems = parse_settings(data)
    return LoadedSettings(settings, problems)


def plain_settings(data: dict[str, Any]) -> Settings | None:
    """The settings of the usual file (a theme the app wrote, perhaps a follow-up delay)
    when each value is plainly right, without loading pydantic (tens of milliseconds at
    every start). None sends the file through `parse_settings`, which says what is wrong;
    a test checks that both agree wherever this gives an answer."""
    if not set(data) <= {"theme", "follow_up_days", "stale_days", "your_name"}:
        return None  # a journal folder or key remaps: the full checks
    theme = data.get("theme")
    days = data.get("follow_up_days", FOLLOW_UP_DAYS)
    stale = data.get("stale_days", STALE_DAYS)
    name = data.get("your_name", "")
    if type(name) is not str:
        return None
    if theme is not None and (type(theme) is not str or not theme):
        return None
    if type(days) is not int or not FOLLOW_UP_RANGE[0] <= days <= FOLLOW_UP_RANGE[1]:
        return None
    if type(stale) is not int or not STALE_RANGE[0] <= stale <= STALE_RANGE[1]:
        return None
    your_name = printable(name, one_line=True).strip()
    return Settings(theme=theme, follow_up_days=days, stale_days=stale, your_name=your_name)
