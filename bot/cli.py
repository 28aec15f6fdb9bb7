"""The command line: ``seller-coach run | coach | match | lint | tone | bench | schema``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.core.loader import load_playbooks, shipped_playbooks_dir
from bot.core.safe_yaml import DocumentError
from bot.core.schema import playbook_schema_text, tone_schema_text
from bot.core.tone import ToneChecker, ToneKind, ToneReport, load_tone_rules


def _lint(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or [shipped_playbooks_dir()]
    result = load_playbooks(paths)
    for problem in sorted(result.problems):
        print(problem)
    count = len(result.playbooks)
    if result.problems:
        print(f"{len(result.problems)} problem(s); {count} playbook(s) valid", file=sys.stderr)
        return 1
    print(f"{count} playbook(s) valid", file=sys.stderr)
    return 0


def _schema(args: argparse.Namespace) -> int:
    text = tone_schema_text() if args.tone else playbook_schema_text()
    if args.write:
        target = shipped_playbooks_dir() / ("tone/schema.json" if args.tone else "schema.json")
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _tone(args: argparse.Namespace) -> int:
    try:
        rules = load_tone_rules(Path(args.rules) if args.rules else None)
    except DocumentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 2
    if args.text is None:
        if sys.stdin.isatty():
            print("Paste or type the draft, then press Ctrl-D:", file=sys.stderr)
        draft = sys.stdin.buffer.read().decode("utf-8", errors="replace")
    else:
        draft = args.text
    report = ToneChecker(rules, compile_all=False).check(draft, complaint=not args.no_complaint)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        _print_report(report, rules.label)
    return 0 if report.ok else 1


def _print_report(report: ToneReport, label: Callable[[ToneKind], str]) -> None:
    print(report.verdict)
    for number, finding in enumerate(report.findings, start=1):
        print()
        print(f'{number}. {label(finding.kind)}: "{finding.text}"')
        print(f"   Why: {finding.why}")
        print(f"   Kinder: {finding.suggestion}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="seller-coach", description="Coach a seller through answering an unhappy customer."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    lint = commands.add_parser("lint", help="validate playbook files or folders")
    lint.add_argument("paths", nargs="*", metavar="PATH", help="default: the shipped playbooks")
    lint.set_defaults(handler=_lint)

    schema = commands.add_parser("schema", help="print the playbook JSON Schema")
    schema.add_argument(
        "--write", action="store_true", help="update playbooks/schema.json (or tone/schema.json)"
    )
    schema.add_argument("--tone", action="store_true", help="the schema of the tone rules instead")
    schema.set_defaults(handler=_schema)

    tone = commands.add_parser(
        "tone", help="check a draft reply for defensive, rude or cold wording"
    )
    tone.add_argument("text", nargs="?", metavar="TEXT", help="the draft (default: read stdin)")
    tone.add_argument("--json", action="store_true", help="print the report as JSON")
    tone.add_argument(
        "--no-complaint",
        action="store_true",
        help="the draft does not answer a complaint (no apology or thanks needed)",
    )
    tone.add_argument(
        "--rules", metavar="PATH", help="a tone rules file (default: the shipped English one)"
    )
    tone.set_defaults(handler=_tone)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)
