"""The command table (commands/registry.py) is the single source of the CLI: every
command module is in it, each is imported only when chosen, and the parsed flags
become the command's frozen options record."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import pipeline.commands
from pipeline.checks.findings import Severity
from pipeline.cli import _parser, main
from pipeline.commands.base import Command, CommandGroup, options_from
from pipeline.commands.build import BuildOptions
from pipeline.commands.check import CheckOptions
from pipeline.commands.registry import BY_NAME, COMMANDS, load
from pipeline.render.editions import MarkdownStyle

ROOT = Path(__file__).resolve().parents[2]


def test_every_command_module_is_in_the_table_once() -> None:
    declared = set()
    for info in pkgutil.iter_modules(pipeline.commands.__path__):
        module = importlib.import_module(f"pipeline.commands.{info.name}")
        if hasattr(module, "COMMAND"):
            declared.add(info.name)
    assert sorted(entry.module for entry in COMMANDS) == sorted(declared)
    assert len(BY_NAME) == len(COMMANDS)
    for entry in COMMANDS:
        command = load(entry)
        assert isinstance(command, Command | CommandGroup), entry
        actions = (command.actions.values() if isinstance(command, CommandGroup) else ())
        for one in [command, *(action.command for action in actions)]:
            if isinstance(one, Command):
                assert dataclasses.is_dataclass(one.options)
                assert one.options.__dataclass_params__.frozen  # type: ignore[attr-defined]


def test_top_level_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["-h"])
    out = capsys.readouterr().out
    for entry in COMMANDS:
        assert f"    {entry.name:<12}" in out or f"    {entry.name}\n" in out, entry.name
        assert entry.help.split()[0] in out


def test_only_the_chosen_command_is_imported() -> None:
    probe = ("import sys; from pipeline.cli import run; code = run(['check', '--list-rules']); "
             "print(code, sorted(m for m in sys.modules if m.startswith('pipeline.commands.')))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.splitlines()[-1]
    assert out.startswith("0 ")
    assert "pipeline.commands.check" in out and "pipeline.commands.build'" not in out
    assert "pipeline.commands.update" not in out and "pipeline.commands.serve" not in out


def test_parsed_flags_become_the_options_record() -> None:
    args = _parser(BY_NAME["build"]).parse_args(
        ["build", "--md-style", "table", "--no-cache", "--no-proof", "-j", "3",
         "--min-complete", "50"])
    assert options_from(BuildOptions, args) == BuildOptions(
        min_complete=50.0, md_style=MarkdownStyle.TABLE, proof=False, jobs=3, use_cache=False)
    args = _parser(BY_NAME["check"]).parse_args(
        ["check", "--rule", "bl101", "--rule", "BL102", "--skip", "BL201", "--severity",
         "warning", "--format", "sarif"])
    options = options_from(CheckOptions, args)
    assert options == CheckOptions(format="sarif", severity=Severity.WARNING,
                                   only=("bl101", "BL102"), skip=("BL201",))
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.strict = True  # type: ignore[misc]


def test_a_command_group_runs_its_action(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["memory"])  # an action is required
    assert exc.value.code == 2
    assert "ACTION" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["glossary", "export", "-h"])
    out = capsys.readouterr().out
    assert "--tbx-version {3,2}" in out and "--column OURS=THEIRS" in out
