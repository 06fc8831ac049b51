"""The ``[keys]`` remaps of the settings file, checked before Textual applies them.

Every action of the app's own has a stable id, ``<screen>.<action>`` (``home.new``,
``entry.edit``, ``app.help``...), given as ``Binding(..., id=...)``; `App.set_keymap` moves
it to the key the person chose. Textual itself would take any remap and silently drop the
binding it collides with, so each remap is checked first: an unknown id, a key name Textual
doesn't know, a key already used on the same screen (by another action or by the lists and
text boxes there), or a plain character for a key that works while you type, is described in
a calm sentence and left out; the other remaps still apply.

Two actions may share a key on one screen, told apart by ``check_action`` (on home,
``space`` ticks off a next action or notes a follow-up sent, depending on the list in
focus). Textual applies a remap by dropping the old key's whole entry, which would take
the other action's key away too; so `check_keymap` also maps each untouched partner to its
own usual key, which puts it back.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import Keys, key_to_character
from textual.widget import Widget

from recovery_tui.core.printable import printable
from recovery_tui.core.settings import Settings
from recovery_tui.textual_private import character_to_key, merged_bindings

MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
NAMED_KEYS = frozenset(
    key.value.rpartition("+")[2] for key in Keys if not key.value.startswith("<")
) | {"enter", "tab", "space", "backspace", "escape"}
#: Keys the lists and boxes of every screen use to move around.
MOVING = ("tab", "shift+tab", "enter", "up", "down", "left", "right", "pageup", "pagedown")
#: Plain words for keys that have no description of their own.
UNLABELLED = {
    "tab": "moving to the next box",
    "shift+tab": "moving to the previous box",
    "ctrl+c": "copying text",
    "ctrl+p": "the command palette",
    "question_mark": "the list of keys",
}


@dataclass
class Place:
    """One screen: its name, its bindings and the widgets on it that take keys."""

    name: str
    node: type[DOMNode]
    widgets: tuple[type[Widget], ...] = ()
    #: A modal screen: the app's keys reach it only if they are priority keys.
    modal: bool = False
    #: Has text boxes: a plain character bound with priority would stop you typing it.
    typing: bool = False
    taken: dict[str, str] = field(default_factory=dict)  # key -> binding id or a description
    ids: dict[str, list[Binding]] = field(default_factory=dict)
    #: Action id -> the other actions that share one of its usual keys on this screen.
    partners: dict[str, set[str]] = field(default_factory=dict)


def places() -> list[Place]:
    """Every screen whose keys can be remapped (imports them all: call only when needed)."""
    from textual.widgets import DataTable, Input, OptionList, Select, SelectionList, TextArea

    from recovery_tui.app import RecoveryApp
    from recovery_tui.screens.actions import ActionsScreen
    from recovery_tui.screens.entry import EntryScreen
    from recovery_tui.screens.feedback import FeedbackRequestScreen
    from recovery_tui.screens.help import LIST_WORDS, TEXT_WORDS, HelpScreen
    from recovery_tui.screens.history import HistoryScreen
    from recovery_tui.screens.home import HomeScreen
    from recovery_tui.screens.practice import PracticeScreen, SketchDialog
    from recovery_tui.screens.problems import ProblemsScreen
    from recovery_tui.screens.progress import ProgressScreen
    from recovery_tui.screens.review import ReviewScreen
    from recovery_tui.screens.search import SearchScreen
    from recovery_tui.screens.session import SessionScreen
    from recovery_tui.screens.trash import TrashScreen
    from recovery_tui.screens.versions import VersionsScreen
    from recovery_tui.widgets.rating import Rating

    found = [
        Place("every screen", RecoveryApp),
        Place("home", HomeScreen, (OptionList,)),
        Place(
            "reflection",
            SessionScreen,
            (Input, TextArea, Select, SelectionList, Rating),
            typing=True,
        ),
        Place("review", ReviewScreen, (OptionList,)),
        Place("saved reflection", EntryScreen),
        Place("history", HistoryScreen, (Input, DataTable, Select), typing=True),
        Place("search", SearchScreen, (Input, OptionList), typing=True),
        Place("practice", PracticeScreen, (OptionList,)),
        Place("answer sketch", SketchDialog, (Input, TextArea), modal=True, typing=True),
        Place("progress", ProgressScreen),
        Place("files to look at", ProblemsScreen, (OptionList,)),
        Place("trash", TrashScreen, (OptionList,)),
        Place("next actions", ActionsScreen, (Input, OptionList), typing=True),
        Place("earlier versions", VersionsScreen, (OptionList,)),
        Place(
            "feedback request", FeedbackRequestScreen, (Input, TextArea), modal=True, typing=True
        ),
        Place("keys", HelpScreen, modal=True),
    ]
    for place in found:
        for widget in place.widgets:
            words = TEXT_WORDS if issubclass(widget, (Input, TextArea)) else LIST_WORDS
            for key, binding in merged_bindings(widget):
                what = words.get(binding.action) or binding.description or "moving around"
                place.taken.setdefault(key, f'"{what}" in the {_box(widget)} there')
        sharing: dict[str, set[str]] = {}
        for key, binding in merged_bindings(place.node):
            place.taken[key] = binding.id or (
                f'"{binding.description}"' if binding.description else UNLABELLED.get(key, key)
            )
            if binding.id:
                place.ids.setdefault(binding.id, []).append(binding)
                sharing.setdefault(key, set()).add(binding.id)
        for owners in sharing.values():
            for owner in owners:
                if len(owners) > 1:
                    place.partners.setdefault(owner, set()).update(owners - {owner})
        for key in MOVING:
            place.taken.setdefault(key, UNLABELLED.get(key, "moving around the screen"))
    found[0].taken.setdefault("ctrl+p", UNLABELLED["ctrl+p"])
    return found


def normalize(keys: str) -> tuple[str | None, str | None]:
    """(Textual's form of `keys`, None), or (None, the part that isn't a key name)."""
    normalized: list[str] = []
    for part in keys.split(","):
        key = part.strip()
        if not key:
            return None, part
        *modifiers, base = key.split("+") if len(key) > 1 else [key]
        if any(modifier not in MODIFIERS for modifier in modifiers) or not base:
            return None, key
        if len(base) == 1:
            if not base.isprintable() or base.isspace():
                return None, key
            base = character_to_key(base)
        elif base not in NAMED_KEYS and key_to_character(base) is None:
            return None, key
        normalized.append("+".join([*modifiers, base]))
    return ",".join(normalized), None


def _types(key: str) -> bool:
    """Would this key type a character into a text box?"""
    return key_to_character(key) is not None and key not in {"space"} | set(MOVING)


def check_keymap(remaps: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """(the remaps that can be used, one sentence for each that can't)."""
    found = places()
    app = found[0]
    problems: list[str] = []
    keymap: dict[str, str] = {}
    known = sorted({binding_id for place in found for binding_id in place.ids})
    for binding_id, keys in remaps.items():
        where = [place for place in found if binding_id in place.ids]
        if not where:
            close = difflib.get_close_matches(binding_id, known, n=1, cutoff=0.5)
            suffix = [k for k in known if k.endswith(f".{binding_id}")]
            hint = close or suffix
            maybe = f' (did you mean "{hint[0]}"?)' if hint else ""
            problems.append(f'keys: "{binding_id}" isn\'t an action this app has{maybe}')
            continue
        normalized, bad = normalize(keys)
        if normalized is None:
            problems.append(
                f'keys: "{binding_id}" = "{keys}": "{bad}" isn\'t a key name, e.g. '
                '"N", "ctrl+h", "f2", "question_mark"; it keeps its usual key'
            )
            continue
        clash = _clash(binding_id, normalized.split(","), where, found, app)
        if clash:
            problems.append(f'keys: "{binding_id}" = "{keys}": {clash}; it keeps its usual key')
            continue
        keymap[binding_id] = normalized
        for place in found:
            if binding_id in place.ids:
                for key in [k for k, owner in place.taken.items() if owner == binding_id]:
                    del place.taken[key]
                    staying = [p for p in _sharing(place, binding_id, key) if p not in keymap]
                    if staying:
                        place.taken[key] = staying[0]
                for key in normalized.split(","):
                    place.taken[key] = binding_id
    return keymap | _keep_partners(found, keymap), problems


def _sharing(place: Place, binding_id: str, key: str) -> list[str]:
    """The other actions on `place` whose usual key `key` is, like `binding_id`'s."""
    return sorted(
        partner
        for partner in place.partners.get(binding_id, ())
        if any(binding.key == key for binding in place.ids[partner])
    )


def _keep_partners(found: list[Place], keymap: Mapping[str, str]) -> dict[str, str]:
    """Each action sharing a usual key with a remapped one, mapped to its own usual keys.

    Textual drops a remapped action's old key entry as a whole, with every other action on
    it; mapping the partner to its own key puts it back (and changes nothing else).
    """
    keep: dict[str, str] = {}
    for place in found:
        for binding_id, partners in place.partners.items():
            if binding_id in keymap:
                for partner in sorted(partners - keymap.keys()):
                    keep[partner] = ",".join(binding.key for binding in place.ids[partner])
    return keep


def _box(widget: type[Widget]) -> str:
    from textual.widgets import DataTable, Input, TextArea

    if issubclass(widget, (Input, TextArea)):
        return "text boxes"
    return "table" if issubclass(widget, DataTable) else "lists"


def _shown(key: str) -> str:
    character = key_to_character(key)
    visible = character is not None and character.isprintable() and not character.isspace()
    return f'"{character if visible else key}"'


def _what(found: list[Place], owner: str) -> str:
    """An owner of a key in words: an action's own label and id, or a description."""
    for place in found:
        if owner in place.ids:
            return f'"{place.ids[owner][0].description}" ({owner})'
    return owner


def _clash(
    binding_id: str, keys: list[str], where: list[Place], found: list[Place], app: Place
) -> str | None:
    """Why these keys can't be used for this action, or None."""
    own = {binding.key for place in where for binding in place.ids[binding_id]}
    # The app's keys work on every screen (on modal ones only if they are priority keys).
    affected = found if app in where else where
    for place in affected:
        priority = any(binding.priority for binding in place.ids.get(binding_id, ())) or (
            place in where and app in where
        )
        for key in keys:
            if key in own:
                continue
            owners = [place.taken.get(key)]
            if place is not app and not place.modal:
                owners.append(app.taken.get(key))
            elif place is app:
                owners = [app.taken.get(key)]
            for owner in owners:
                # Partners may share a new key too: check_action tells them apart.
                partner = owner in place.partners.get(binding_id, ())
                if owner is not None and owner != binding_id and not partner:
                    what = _what(found, owner)
                    return f"{_shown(key)} is already used on the {place.name} screen, for {what}"
            if place.typing and priority and _types(key):
                return (
                    f"{_shown(key)} types a character, so on the {place.name} screen it would "
                    "stop you typing it (a key with ctrl, or a function key, works)"
                )
    return None


def check_settings(settings: Settings, themes: Collection[str]) -> tuple[dict[str, str], list[str]]:
    """(the key remaps to use, what can't be used): the checks that need Textual."""
    problems: list[str] = []
    if settings.theme and settings.theme not in themes:
        problems.append(
            f'theme "{settings.theme}" isn\'t a theme this app has; using the default for now '
            '(ctrl+p, "Theme" lists them)'
        )
    keymap: dict[str, str] = {}
    if settings.keys:
        keymap, key_problems = check_keymap(settings.keys)
        problems += key_problems
    # The problems quote what the file says: a control character there must not reach the
    # terminal (locate) or a toast.
    return keymap, [printable(problem, one_line=True) for problem in problems]
