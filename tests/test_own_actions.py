"""The app's actions and Textual's: none of the app's replaces one of Textual's own by
accident, and every key binding of the app names an action that exists.

An action method of the same name as one of Textual's takes its place for every caller:
the practice screen's `action_toggle` (mark practised) once replaced `DOMNode.action_toggle`
(flip an attribute), which takes an argument. mypy reports a clash of signatures; this
also catches a same-name action whose signature happens to fit.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.binding import Binding
from textual.dom import DOMNode

import recovery_tui
from recovery_tui.app import RecoveryApp
from recovery_tui.screens.practice import PracticeScreen

#: Textual actions the app means to replace: quit asks first when there is unsaved writing.
REPLACED_ON_PURPOSE = {("RecoveryApp", "action_quit")}


def own_node_classes() -> list[type[DOMNode]]:
    """Every screen, widget and app class defined in recovery_tui."""
    found: list[type[DOMNode]] = []
    for module_info in pkgutil.walk_packages(recovery_tui.__path__, "recovery_tui."):
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and issubclass(value, DOMNode)
                and value.__module__ == module.__name__
            ):
                found.append(value)
    return found


def textual_bases(cls: type) -> list[type]:
    return [base for base in cls.__mro__ if base.__module__.split(".")[0] == "textual"]


def test_the_classes_are_found():
    names = {cls.__name__ for cls in own_node_classes()}
    assert {"RecoveryApp", "PracticeScreen", "SessionScreen", "ReuseBox"} <= names


def test_no_action_of_the_app_replaces_one_of_textuals_by_accident():
    replaced = {
        (cls.__name__, name)
        for cls in own_node_classes()
        for name in vars(cls)
        if name.startswith("action_") and any(hasattr(base, name) for base in textual_bases(cls))
    }
    assert replaced == REPLACED_ON_PURPOSE


def _action_name(binding: Binding) -> tuple[str, str]:
    """("app" or "", the action's name) of a binding such as ``app.help`` or
    ``dismiss(None)``."""
    action = binding.action.partition("(")[0]
    namespace, _, name = action.rpartition(".")
    return namespace, name


def test_every_binding_names_an_action_that_exists():
    missing = []
    for cls in own_node_classes():
        for binding in Binding.make_bindings(cls.BINDINGS):
            namespace, name = _action_name(binding)
            owner = {"app": RecoveryApp, "": cls}.get(namespace)
            if owner is None:  # screen.x / focused.x: not checked here
                continue
            if not callable(getattr(owner, f"action_{name}", None)):
                missing.append(f"{cls.__name__}: {binding.key} -> {binding.action}")
    assert missing == []


def test_space_on_the_practice_screen_keeps_its_id_for_remaps():
    marks = [b for b in Binding.make_bindings(PracticeScreen.BINDINGS) if b.id == "practice.mark"]
    assert [(b.key, b.action) for b in marks] == [("space", "mark")]
    # Textual's own toggle (flip an attribute) is still the one on the practice screen.
    assert PracticeScreen.action_toggle is DOMNode.action_toggle
