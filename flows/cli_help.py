"""How `pressroom --help` names things: SOURCE and SQL as the text says them, no
`<bool>` beside a flag, no `<list[str]>` beside an argument, and a choice refused with
the choices (and the nearest one), not a validation library's "Value error, ...".

Typer (0.29) prints a Python type beside every parameter and wraps a required argument in
braces ("{sql}"). These are the few methods that decide it; each is replaced only where
it exists, so another typer version prints its own way rather than failing.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

import typer
from typer import core


def _argument_usage(self) -> str:
    name = self.display_name_raw
    name = name if self.required else f"[{name}]"
    return name + ("..." if self.nargs != 1 else "")


def _argument_type(self, ctx) -> None:
    return None  # the argument's name (SOURCE, SQL, URL, DIR) says what it is


def _option_type(self, ctx) -> str | None:
    if self.metavar is not None:
        return self.metavar
    if self.is_flag:
        return None
    return _typer_option_type(self, ctx)


_typer_option_type = getattr(core.TyperOption, "display_type_rich", None)


def tune() -> None:
    if hasattr(core.TyperArgument, "_usage_display_name"):
        core.TyperArgument._usage_display_name = _argument_usage
    if hasattr(core.TyperArgument, "display_type_rich"):
        core.TyperArgument.display_type_rich = _argument_type
    if _typer_option_type is not None:
        core.TyperOption.display_type_rich = _option_type


class Choice:
    """A parser for an option with a few allowed words: it takes words meaning one of them
    (`rss` is a feed), and its refusal lists them and names the nearest."""

    def __init__(self, choices: Sequence[str], aliases: dict[str, str] | None = None):
        self.choices = tuple(choices)
        self.aliases = aliases or {}

    def __call__(self, value: str) -> str:
        word = str(value).strip().lower()
        if word in self.choices:
            return word
        if word in self.aliases:
            return self.aliases[word]
        near = difflib.get_close_matches(word, self.choices, 1)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(self.choices)}{hint}")
