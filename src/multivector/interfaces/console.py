"""What every command shares on the terminal: safe text, error lines, progress bars and plain --help.

Contract:
- :func:`safe` makes untrusted text (article bodies, evidence, titles, file names, error messages) harmless on a
  terminal: control characters (C0 but tab and newline, DEL, C1: ESC sequences that move the cursor, recolour or
  retitle the terminal) and bidirectional overrides ("Trojan Source") become visible ``\\x1b``-style escapes, and
  rich markup (``[red]``) is escaped, so what the article says is printed, never interpreted. ``one_line=True`` also
  folds newlines and tabs into spaces (error lines, table cells of one line).
- :func:`fail` prints ``error <message>`` as one line on stderr and exits with ``status`` (2: bad usage, 1: the corpus
  or the input cannot be used).
- :func:`progress` is the one progress bar: rich, on stderr, shown for two inputs or more, a no-op otherwise.
- :func:`plain_help` gives every command of a Typer app plain option types in --help (``--db PATH``,
  ``--limit INTEGER``, a flag shows none: no ``<bool>``), and :func:`examples` the epilog of runnable examples each
  command's --help ends with, as sqlite-utils and Datasette print them.
Only typer is imported at module level; rich loads when something is printed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

#: C0 controls but tab and newline, DEL, C1 controls, and the bidirectional embeddings, overrides and isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile(r"[\t\n]+")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: object, *, one_line: bool = False, markup: bool = True) -> str:
    """``text`` as a string that cannot act on the terminal (module docstring); markup-escaped for rich unless
    ``markup`` is false (for typer.echo and plain writes)."""
    value = _UNSAFE.sub(_visible, str(text))
    if one_line:
        value = _BREAKS.sub(" ", value)
    if markup:
        from rich.markup import escape

        value = escape(value)
    return value


def stderr() -> Any:
    """A rich console on stderr that never wraps a line (one error is one line, whatever the terminal width)."""
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True)


def fail(message: str, status: int = 2) -> NoReturn:
    """``error <message>`` on stderr in one line, then exit with ``status``."""
    stderr().print(f"[red]error[/red] {safe(message, one_line=True)}")
    raise typer.Exit(status)


@contextmanager
def progress(console: Any, total: int, *, label: str, done: int = 0) -> Iterator[Callable[[], None]]:
    """A progress bar of ``total`` items (``done`` of them already counted) on ``console``; yields ``advance()``.
    Shown only when at least two items remain: one input needs no bar."""
    if total - done < 2:
        yield lambda: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console) as bar:
        task = bar.add_task(label, total=total, completed=done)
        yield lambda: bar.advance(task)


# -- help ------------------------------------------------------------------------------------------------------------

#: typer's type labels -> the plain metavars click, sqlite-utils and Datasette print.
_METAVARS = {"str": "TEXT", "int": "INTEGER", "int range": "INTEGER", "float": "FLOAT", "float range": "FLOAT",
             "path": "PATH", "file": "FILE", "directory": "DIRECTORY", "bool": ""}  # fmt: skip


def _plain_metavars(params: Iterable[Any], ctx: Any) -> None:
    for param in params:
        if isinstance(param, TyperArgument) and param.metavar is None:
            _plain_argument(param)
            continue
        if not isinstance(param, TyperOption) or param.metavar is not None:
            continue
        if param.is_flag:
            param.metavar = ""
            continue
        label = param.display_type(ctx).strip("<>")
        label = label[5:-1] if label.startswith("list[") else label
        param.metavar = _METAVARS.get(label, label.upper())


def _plain_argument(param: TyperArgument) -> None:
    """``PATHS...`` (click's way) in the usage line and the help, not ``{paths}...`` and ``<list[str]>``."""
    name = (param.name or "").upper() + ("..." if param.nargs != 1 else "")
    param.metavar = (param.name or "").upper()
    param._rich_display_name = lambda: name  # type: ignore[method-assign]
    param._usage_display_name = lambda: name if param.required else f"[{name}]"  # type: ignore[method-assign]
    param.display_type_rich = lambda ctx: None  # type: ignore[method-assign]


class PlainCommand(TyperCommand):
    """A command whose --help names option types plainly (TEXT, INTEGER, PATH; nothing for a flag)."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        _plain_metavars(params, ctx)
        return params


class PlainGroup(TyperGroup):
    """A group (``multivector``, ``multivector query``) with the same plain --help as :class:`PlainCommand`."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        _plain_metavars(params, ctx)
        return params


def plain_help(app: typer.Typer) -> None:
    """Every command registered on ``app`` and its sub-apps so far gets the plain --help (before the app runs)."""
    for info in app.registered_commands:
        if info.cls in (None, TyperCommand):  # a command class of its own is left alone
            info.cls = PlainCommand
    for group in app.registered_groups:
        if group.cls in (None, TyperGroup) or not group.cls:
            group.cls = PlainGroup
        if group.typer_instance is not None:
            if group.typer_instance.info.cls in (None, TyperGroup) or not group.typer_instance.info.cls:
                group.typer_instance.info.cls = PlainGroup
            plain_help(group.typer_instance)


def examples(*lines: str, note: str | None = None) -> str:
    """An epilog: "Examples:" then one runnable command per paragraph (rich markup mode keeps each on its line)."""
    from rich.markup import escape

    text = "[bold]Examples:[/bold]\n\n" + "\n\n".join(f"[cyan]{escape(line)}[/cyan]" for line in lines)
    return text + (f"\n\n{note}" if note else "")


# -- text tables -----------------------------------------------------------------------------------------------------

#: How a list-valued field (authors, speakers) is written in a CSV or TSV cell, by `query --csv` and every export:
#: its items joined by "; " (docs/format.md), so a spreadsheet shows names and pandas splits with .str.split("; ").
LIST_SEPARATOR = "; "


def csv_cell(value: Any) -> Any:
    """A value as the CSV outputs write it: a list as its items joined by :data:`LIST_SEPARATOR`, None as empty."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join("" if item is None else str(item) for item in value)
    return value
