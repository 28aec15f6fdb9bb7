"""The command line: ``seller-coach run | sync | coach | draft | match | lint | tone | bench |
schema``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from bot.core import engine
from bot.core.catalog import Catalog
from bot.core.details import read_details
from bot.core.engine import (
    CaseDetails,
    CoachError,
    CoachState,
    OfferStatus,
    Policy,
    ReturnShipping,
    parse_money,
)
from bot.core.lexicon import lexicon_path, load_lexicon
from bot.core.loader import (
    LoadResult,
    PlaybookCache,
    load_playbooks,
    read_document,
    shipped_playbooks_dir,
)
from bot.core.marketplace import Marketplace
from bot.core.models import Playbook
from bot.core.safe_yaml import DocumentError, Problem
from bot.core.text import Analyzer

if TYPE_CHECKING:
    from bot.core.tone import ToneKind, ToneReport
    from bot.settings import Settings


def cache_dir() -> Path:
    """The folder of the validated-playbook cache and saved index, shared by every command
    (``run`` too): ``cache`` in the data folder."""
    from bot.settings import Settings, default_data_dir

    try:
        return Settings().data_dir / "cache"
    except ValidationError:
        return default_data_dir() / "cache"


def _lint(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or [shipped_playbooks_dir()]
    result = load_playbooks(paths, cache=PlaybookCache(cache_dir()))
    result.problems.extend(_proofreading_problems(result))
    if not args.paths:  # the shipped set: its language and tone data too
        result.problems.extend(_data_problems())
    for problem in sorted(result.problems):
        print(problem)
    count = len(result.playbooks)
    if result.problems:
        print(f"{len(result.problems)} problem(s); {count} playbook(s) valid", file=sys.stderr)
        return 1
    print(f"{count} playbook(s) valid", file=sys.stderr)
    return 0


def _proofreading_problems(result: LoadResult) -> list[Problem]:
    """What a proofreader finds in each valid playbook and its assembled replies, located."""
    from bot.core.lint import proofreading_problems

    problems: list[Problem] = []
    for playbook in result.playbooks:
        path = result.sources[playbook.id]
        problems.extend(proofreading_problems(playbook, lambda path=path: read_document(path)))
    return problems


def _data_problems() -> list[Problem]:
    """Problems in the shipped lexicon and tone rules, checked like playbooks."""
    from bot.core.tone import load_tone_checker

    problems: list[Problem] = []
    try:
        load_tone_checker(compile_all=False)
    except DocumentError as error:
        problems.extend(error.problems)
    try:
        Analyzer(load_lexicon())  # the analyser refuses synonyms that clash once stemmed
    except DocumentError as error:
        problems.extend(error.problems)
    except ValueError as error:
        problems.append(Problem(str(lexicon_path()), 1, 1, str(error)))
    return problems


def _catalog(args: argparse.Namespace) -> Catalog:
    paths = [Path(p) for p in args.playbooks] if getattr(args, "playbooks", None) else None
    catalog, problems = Catalog.load(paths, cache_dir=cache_dir())
    for problem in problems:
        print(f"skipped: {problem}", file=sys.stderr)
    return catalog


def _match(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    queries = [args.text] if args.text is not None else (line.rstrip("\n") for line in sys.stdin)
    for query in queries:
        result = catalog.matcher.match(query, top=args.top)
        details = read_details(query)
        if args.json:
            answer = {**result.to_dict(), "details": details.to_dict()}
            print(json.dumps(answer, ensure_ascii=False), flush=True)
            continue
        verdict = "confident" if result.confident else "not confident"
        print(f"{query!r}: {verdict}")
        for match in result.matches:
            print(f"  {match.score:5.1f}  {match.id:<24} {match.title}")
        if not result.matches:
            print("  no playbook matches")
        if result.also:
            print("  also sounds like: " + ", ".join(f"{m.id} ({m.title})" for m in result.also))
        if details:
            shown = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in details.found().items())
            print(f"  read from the message: {shown}")
    return 0


def _money(text: str) -> Decimal:
    try:
        return parse_money(text)[0]
    except CoachError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _share(text: str) -> float:
    try:
        value = float(text.strip().rstrip("%")) / 100
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a percentage: {text!r}") from None
    if not 0 <= value <= 2:
        raise argparse.ArgumentTypeError("a percentage between 0 and 200")
    return value


def _marketplace(text: str) -> Marketplace:
    """``--marketplace``: etsy, ebay, shopify, vinted, own-website (or "own website"), other."""
    try:
        return Marketplace(" ".join(text.strip().casefold().replace("-", " ").split()))
    except ValueError:
        names = ", ".join(m.value.replace(" ", "-") for m in Marketplace)
        raise argparse.ArgumentTypeError(f"one of {names}") from None


def _coach(args: argparse.Namespace) -> int:
    from bot.core.tone import load_tone_checker
    from bot.terminal import CoachOptions, Console, load_policy, run_coach, save_policy

    case = _case(args, "coach")
    if case is None:
        return 2
    details, given = case
    folder = _data_dir()
    policy = _remembered(load_policy(folder), given, args)
    catalog = _catalog(args)
    console = Console(interactive=sys.stdin.isatty() and sys.stdout.isatty())
    options = CoachOptions(
        situation=args.text,
        playbook_id=args.playbook,
        details=details,
        policy=policy,
        remember=lambda chosen: save_policy(folder, chosen),
        marketplace=args.marketplace,
    )
    checker = load_tone_checker(compile_all=False)

    def tone_check(draft: str) -> list[str]:
        report = checker.check(draft)
        return [
            f'{checker.rules.label(f.kind)}: "{f.text}". {f.why} Kinder: {f.suggestion}'
            for f in report.findings
        ]

    return run_coach(catalog, options, console, tone_check)


class _Refused(Exception):
    """A command-line value that cannot be used; the message is one clear line."""


def _case(args: argparse.Namespace, command: str) -> tuple[CaseDetails, Policy] | None:
    """The case details and policy given as flags, or None after printing why not."""
    try:
        details = CaseDetails(
            customer=args.customer,
            item=args.item,
            order=args.order,
            order_value=args.order_value,
            currency=args.currency,
            customer_message=getattr(args, "message", None),
            code=args.code,
            tracking=args.tracking,
            date=args.date,
        )
        policy = Policy(
            currency=args.currency or "USD",
            max_goodwill=args.max_goodwill,
            max_goodwill_share=args.max_goodwill_share,
            return_shipping=ReturnShipping(args.return_shipping or ReturnShipping.BUYER),
            insures_parcels=bool(args.insured),
            seller_name=args.seller,
            shop_name=args.shop,
        )
    except ValidationError as error:
        for problem in error.errors(include_url=False):
            where = ".".join(str(p) for p in problem["loc"])
            print(f"seller-coach {command}: {where}: {problem['msg']}", file=sys.stderr)
        return None
    return details, policy


def _numbers(text: str, what: str) -> list[int]:
    """1-based numbers as typed ("1,3"), as 0-based indexes."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts or not all(p.isdigit() and int(p) >= 1 for p in parts):
        raise _Refused(f"--{what} takes numbers from 1, like 1,3, or 'none'")
    return [int(p) - 1 for p in parts]


def _drafts_of(
    playbook: Playbook, details: CaseDetails, policy: Policy, args: argparse.Namespace
) -> list[tuple[CoachState, bool]]:
    """The walkthrough states to draft for ``playbook``, each with whether its offer is the
    recommended one."""
    try:
        state = engine.start(playbook, details, policy, marketplace=args.marketplace)
        if args.apology is not None:
            state = engine.choose_apology(state, playbook, args.apology - 1)
        if args.questions is not None:
            indexes = [] if args.questions == "none" else _numbers(args.questions, "questions")
            state = engine.choose_questions(state, playbook, indexes)
        if args.follow_up_days is not None:
            days = None if args.follow_up_days == "none" else args.follow_up_days
            if days is not None and not days.isdigit():
                raise _Refused("--follow-up-days takes a number of days or 'none'")
            state = engine.choose_follow_up(state, playbook, int(days) if days else None)
        ladder = [offer.id for offer in playbook.steps.compensate.ladder]
        if args.offer == "all":
            offers: list[str | None] = [*ladder, None]
        elif args.offer == "none":
            offers = [None]
        elif args.offer is None:
            offers = [state.choices.offer]
        else:
            offers = [args.offer]
        states = [engine.choose_offer(state, playbook, offer) for offer in offers]
    except CoachError as error:
        raise _Refused(f"{playbook.id}: {error}") from None
    recommended = engine.recommended_offer(playbook, policy)
    return [(s, s.choices.offer == recommended) for s in states]


def _data_dir() -> Path:
    """The data folder (``SELLER_COACH_DATA_DIR``, else the XDG default)."""
    from bot.settings import Settings, default_data_dir

    try:
        return Settings().data_dir
    except ValidationError:
        return default_data_dir()


#: The policy flags and the Policy fields they set.
_POLICY_FLAGS = {
    "currency": "currency",
    "max_goodwill": "max_goodwill",
    "max_goodwill_share": "max_goodwill_share",
    "return_shipping": "return_shipping",
    "insured": "insures_parcels",
    "seller": "seller_name",
    "shop": "shop_name",
}


def _remembered(saved: Policy | None, given: Policy, args: argparse.Namespace) -> Policy:
    """The remembered policy with the flags given this time on top."""
    if saved is None:
        return given
    update = {
        field: getattr(given, field)
        for flag, field in _POLICY_FLAGS.items()
        if getattr(args, flag) is not None
    }
    return saved.model_copy(update=update)


def _draft_record(state: CoachState, playbook: Playbook, recommended: bool) -> dict[str, object]:
    reply = engine.compose(state, playbook)
    offer = engine.selected_offer(state, playbook)
    described = None
    if offer is not None:
        assessment = engine.assess_offer(offer, state.details, state.policy)
        described = {
            "id": offer.id,
            "label": offer.label,
            "kind": offer.kind.value,
            "cost": offer.cost,
            "returns_item": offer.returns_item,
            "status": assessment.status.value,
        }
    follow_up = None
    if state.choices.follow_up_days is not None:
        follow_up = engine.follow_up_message(state, playbook)
    return {
        "playbook": playbook.id,
        "offer": described,
        "recommended": recommended,
        "draft": reply.text,
        "follow_up": follow_up,
        "missing": list(reply.missing),
    }


def _draft(args: argparse.Namespace) -> int:
    case = _case(args, "draft")
    if case is None:
        return 2
    details, policy = case
    paths = [Path(p) for p in args.playbooks] if args.playbooks else [shipped_playbooks_dir()]
    loaded = load_playbooks(paths)  # no matcher needed: drafting reads playbooks only
    for problem in loaded.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    playbooks = {playbook.id: playbook for playbook in loaded.playbooks}
    ids = args.playbook_ids or sorted(playbooks)
    unknown = [i for i in ids if i not in playbooks]
    if unknown:
        print(f"seller-coach draft: no playbook called '{unknown[0]}'", file=sys.stderr)
        return 2
    records = []
    try:
        for playbook_id in ids:
            playbook = playbooks[playbook_id]
            for state, recommended in _drafts_of(playbook, details, policy, args):
                records.append(_draft_record(state, playbook, recommended))
    except _Refused as error:
        print(f"seller-coach draft: {error}", file=sys.stderr)
        return 2
    for number, record in enumerate(records):
        if args.json:
            print(json.dumps(record, ensure_ascii=False), flush=True)
            continue
        _print_draft(record, first=number == 0)
    return 0


def _print_draft(record: dict[str, object], *, first: bool) -> None:
    offer = record["offer"]
    if isinstance(offer, dict):
        what = f"{offer['label']} ({offer['id']}, {offer['kind']})"
        if offer["status"] != OfferStatus.WITHIN.value:
            what += f", {offer['status']} your policy"
    else:
        what = "no offer yet"
    if record["recommended"]:
        what += ", recommended"
    if not first:
        print()
    print(f"=== {record['playbook']} · {what}")
    print()
    print(record["draft"])
    if record["follow_up"]:
        print()
        print("--- follow-up message:")
        print(record["follow_up"])
    missing = record["missing"]
    if isinstance(missing, list) and missing:
        print()
        print(f"(fill in before sending: {', '.join(missing)})")


def _settings(command: str) -> Settings | None:
    """The settings from the environment, with logging set up; None (problems printed) if
    they are wrong."""
    from bot.logs import configure_logging
    from bot.settings import Settings

    try:
        settings = Settings()
    except ValidationError as error:
        for problem in error.errors(include_url=False):
            where = ".".join(str(p) for p in problem["loc"]).upper()
            message = problem["msg"].removeprefix("Value error, ")
            print(
                f"seller-coach {command}: {where + ': ' if where else ''}{message}", file=sys.stderr
            )
        return None
    configure_logging(
        settings.log_level,
        discord_level=settings.discord_log_level,
        sql_level=settings.sql_log_level,
    )
    return settings


def _run(args: argparse.Namespace) -> int:
    from bot.app import run

    settings = _settings("run")
    return 2 if settings is None else run(settings)


def _sync(args: argparse.Namespace) -> int:
    from bot.app import sync

    settings = _settings("sync")
    return 2 if settings is None else sync(settings)


def _bench(args: argparse.Namespace) -> int:
    from bot.bench import DEFAULT_BENCH_POSTGRES, run_bench

    report = run_bench(
        tuple(args.sizes),
        discord=not args.skip_discord,
        postgres_url=None if args.no_pair else (args.postgres or DEFAULT_BENCH_POSTGRES),
        servers=args.servers,
    )
    if args.json:
        print(json.dumps(report, indent=2))
    return 0


def _schema(args: argparse.Namespace) -> int:
    from bot.core.schema import playbook_schema_text, tone_schema_text

    text = tone_schema_text() if args.tone else playbook_schema_text()
    if args.write:
        target = shipped_playbooks_dir() / ("tone/schema.json" if args.tone else "schema.json")
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _reply_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--code", metavar="CODE", help="a discount code the reply gives")
    parser.add_argument("--tracking", metavar="NUMBER", help="a tracking number the reply gives")
    parser.add_argument("--date", metavar="DATE", help="a date the reply names, e.g. 'Friday'")
    parser.add_argument(
        "--marketplace",
        type=_marketplace,
        metavar="NAME",
        help="where you sell, named by {marketplace}: etsy, ebay, shopify, vinted, own-website, "
        "other (default: 'the marketplace')",
    )


def _policy_options(parser: argparse.ArgumentParser) -> None:
    policy = parser.add_argument_group("your policy")
    policy.add_argument(
        "--max-goodwill", type=_money, metavar="AMOUNT", help="the most you'll spend on a case"
    )
    policy.add_argument(
        "--max-goodwill-share",
        type=_share,
        metavar="PERCENT",
        help="the same limit as a percentage of the order value",
    )
    policy.add_argument(
        "--return-shipping",
        choices=[r.value for r in ReturnShipping],
        help="who pays to send items back when nobody is at fault (default: buyer)",
    )
    policy.add_argument(
        "--insured",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="you insure your parcels (or, with --no-insured, you don't)",
    )
    policy.add_argument("--seller", metavar="NAME", help="your name, to sign the reply")
    policy.add_argument("--shop", metavar="NAME", help="your shop's name, to sign the reply")


def _playbooks_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--playbooks",
        action="append",
        metavar="DIR",
        help="use the playbooks in DIR instead of the shipped ones (repeatable)",
    )


def _tone(args: argparse.Namespace) -> int:
    from bot.core.tone import load_tone_checker

    try:
        checker = load_tone_checker(Path(args.rules) if args.rules else None, compile_all=False)
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
    complaint = True if args.complaint else False if args.no_complaint else None
    report = checker.check(draft, complaint=complaint)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        _print_report(report, checker.rules.label)
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

    coach = commands.add_parser("coach", help="walk through a case in the terminal")
    coach.add_argument("text", nargs="?", help="what happened; asked for when left out")
    coach.add_argument("--playbook", metavar="ID", help="use this playbook instead of matching")
    coach.add_argument("--customer", metavar="NAME", help="the customer's name")
    coach.add_argument("--item", help="the item the case is about")
    coach.add_argument("--order", metavar="NUMBER", help="the order number")
    coach.add_argument("--order-value", type=_money, metavar="AMOUNT", help="what the order cost")
    coach.add_argument("--currency", metavar="CODE", help="three-letter currency code, e.g. EUR")
    coach.add_argument("--message", metavar="TEXT", help="the customer's own message")
    _reply_options(coach)
    _policy_options(coach)
    _playbooks_option(coach)
    coach.set_defaults(handler=_coach)

    draft = commands.add_parser(
        "draft", help="print the assembled reply for playbooks and offers (for proofreading)"
    )
    draft.add_argument(
        "playbook_ids", nargs="*", metavar="PLAYBOOK_ID", help="default: every playbook"
    )
    draft.add_argument(
        "--offer",
        metavar="RUNG_ID|none|all",
        help="the offer to make (default: the recommended one); all: one draft per offer",
    )
    draft.add_argument("--apology", type=int, metavar="N", help="the apology line (from 1)")
    draft.add_argument(
        "--questions", metavar="N,N|none", help="the questions to ask (from 1; default: 1)"
    )
    draft.add_argument(
        "--follow-up-days",
        metavar="N|none",
        help="when to check back (default: the playbook's suggestion)",
    )
    draft.add_argument("--customer", metavar="NAME", help="the customer's name")
    draft.add_argument("--item", help="the item the case is about")
    draft.add_argument("--order", metavar="ORDER", help="the order number")
    draft.add_argument("--order-value", type=_money, metavar="N", help="what the order cost")
    draft.add_argument("--currency", metavar="CUR", help="three-letter currency code, e.g. GBP")
    _reply_options(draft)
    _policy_options(draft)
    draft.add_argument("--json", action="store_true", help="one JSON object per line per draft")
    _playbooks_option(draft)
    draft.set_defaults(handler=_draft)

    match = commands.add_parser("match", help="rank the playbooks for a situation")
    match.add_argument("text", nargs="?", help="the situation; default: one per line on stdin")
    match.add_argument("--top", type=int, default=5, help="how many matches (default 5)")
    match.add_argument("--json", action="store_true", help="one JSON object per line")
    _playbooks_option(match)
    match.set_defaults(handler=_match)

    run = commands.add_parser("run", help="start the Discord bot (needs DISCORD_TOKEN)")
    run.set_defaults(handler=_run)

    sync = commands.add_parser(
        "sync", help="register the slash commands with Discord now, even if unchanged"
    )
    sync.set_defaults(handler=_sync)

    bench = commands.add_parser("bench", help="print the performance report")
    bench.add_argument(
        "--sizes",
        type=int,
        nargs="*",
        default=[1000, 10000],
        metavar="N",
        help="synthetic playbook set sizes to measure (default: 1000 10000)",
    )
    bench.add_argument(
        "--servers",
        type=int,
        default=1000,
        metavar="N",
        help="servers with 20 playbooks of their own each, for the server sets' figures "
        "(default: 1000; 0 leaves them out)",
    )
    bench.add_argument("--json", action="store_true", help="also print the figures as JSON")
    bench.add_argument(
        "--skip-discord", action="store_true", help="leave out the Discord interaction figures"
    )
    bench.add_argument(
        "--postgres",
        metavar="URL",
        default=None,
        help="a PostgreSQL server to make a throwaway database on, for the run with two "
        "sharded processes (default: $TEST_POSTGRES_URL or the local server)",
    )
    bench.add_argument(
        "--no-pair", action="store_true", help="leave out the run with two sharded processes"
    )
    bench.set_defaults(handler=_bench)

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
    answers = tone.add_mutually_exclusive_group()
    answers.add_argument(
        "--complaint",
        action="store_true",
        help="the draft answers a complaint, so it needs an apology or thanks (default: told "
        "from the draft, which needs one when it names a problem, a refund or a refusal)",
    )
    answers.add_argument(
        "--no-complaint",
        action="store_true",
        help="the draft does not answer a complaint (no apology or thanks needed; the rules "
        "alone judge it, not the model of how cold the whole draft reads)",
    )
    tone.add_argument(
        "--rules", metavar="PATH", help="a tone rules file (default: the shipped English one)"
    )
    tone.set_defaults(handler=_tone)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)
