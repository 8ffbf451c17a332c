"""Command line for data managers and meeting secretaries.

python -m ttx_data catalog --format csv [--snapshot ID]   the indicator catalog
python -m ttx_data status --format csv [--snapshot ID]    each indicator's latest value and status
python -m ttx_data brief -o brief.pptx [--pdf] [--lang en] [--snapshot ID]   the meeting brief
                                                                    (with today's reporting status)
python -m ttx_data snapshot create "Phiên họp BCĐ tháng 11/2026"    freeze the current data
python -m ttx_data snapshot list | changes ID                       snapshots and what changed
python -m ttx_data export -o data.xlsx [--snapshot ID]              the whole dataset, one sheet per table
python -m ttx_data units --as-of 2025-07-01 --format csv             administrative units valid that day
python -m ttx_data agencies --as-of 2026-01-01 --format csv         the agencies that exist that day
python -m ttx_data agencies --successors --as-of 2026-01-01 --format csv   who answers for each
                                                                    agency the plan names that day
python -m ttx_data tasks --format csv [--agency CODE] [--as-of DATE]   the plan's tasks (mục III):
                                                                    agencies, today's lead, targets
python -m ttx_data tasks --duties --format csv [--agency CODE]      the duties of mục IV by year
python -m ttx_data users add NAME --role reporter|reviewer|admin [--agency CODE] [--display-name TEXT]
python -m ttx_data users list | disable NAME | enable NAME | reset-password NAME   accounts
python -m ttx_data db upgrade                                       create or upgrade the database
python -m ttx_data template --agency CODE --period 2026 [--example] -o FILE.xlsx   an agency's
                                                                    report workbook for a period
python -m ttx_data submit FILE.xlsx --user NAME [--dry-run]         submit an agency's workbook
python -m ttx_data review ID --accept | --return "REASON" --user NAME   accept (publishes) or return
python -m ttx_data withdraw ID --user NAME [--reason TEXT]          withdraw a waiting submission
python -m ttx_data submissions [--agency CODE] [--period P] [--status S] --format csv
python -m ttx_data completeness --period P --format csv             who has reported, on time or not
python -m ttx_data publish [--rebuild]                              finish an interrupted publication
python -m ttx_data demo-data --out data                             the bundled demo data (`make data`):
                                                                    generated, then reported, accepted
                                                                    and published as example reports
python -m ttx_data regime [--format csv]                            the reporting regime in effect
python -m ttx_data regime set INDICATOR --deadline 01-31 ... --reason TEXT --user NAME   change
                                                                    one indicator's regime
python -m ttx_data regime reset INDICATOR --reason TEXT --user NAME  back to the bundled file's

`users add` and `users reset-password` ask for the password twice on a terminal, else read one
line from standard input. Account commands are audited as "cli:<your login name>".

`submit`, `review` and `withdraw` act for the account --user NAME (it must exist, be enabled and
hold the role: a reporter of the workbook's agency, a reviewer), without its password: whoever
can run commands on the server is trusted to act for its accounts, and each step is audited as
"cli:<your login name> as NAME". `submit` prints every problem of the workbook (Vietnamese and
English) and exits 2 when it cannot be submitted, storing nothing; otherwise it prints the new
submission's id alone on standard output. Each of these commands first completes a publication
that a killed process left unfinished.

`regime set` and `regime reset` act the same way for a reviewer's or administrator's account;
`set` takes the fields to change (--frequency, --cutoff, --deadline, --reporter, --plausible-min,
--plausible-max, --max-change-factor, --note; "" empties an optional one) and prints every problem
in both languages, exit status 2 and nothing stored, when the regime would break a rule.

Commands that read data read the published data, or with --snapshot ID (`snapshot changes ID`)
that snapshot's, through one `ttx_data.sources.DataSource`; an unknown, broken or altered
snapshot is said in Vietnamese and English, with exit status 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
import time
from pathlib import Path

import pandas as pd

from ttx_data import agencies, catalog, scorecard, snapshots, sources
from ttx_data.export import formula_safe
from ttx_data.filters import Filters
from ttx_data.paths import replace_atomically
from ttx_data.query import DataError
from ttx_data.sources import DataSource

CATALOG_COLUMNS = [
    "indicator_id",
    "target_no",
    "part",
    "group",
    "name_vi",
    "name_en",
    "unit",
    "direction",
    "kind",
    "target_value",
    "target_high",
    "target_strict",
    "baseline_year",
    "target_year",
    "lead_agency",
    "cooperating_agencies",
    "sectors",
    "breakdowns",
    "plan_clause",
    "district_target",
    "rollup",
]
STATUS_COLUMNS = [
    "indicator_id",
    "label",
    "latest_value",
    "latest_year",
    "latest_provenance",
    "status",
    "ratio",
    "required_annual_change",
    "achieved_annual_change",
    "projected_value",
]


def catalog_frame(source: DataSource | None = None) -> pd.DataFrame:
    """The catalog columns data managers check against the plan (of `source`, else published)."""
    return (source or sources.published()).catalog()[CATALOG_COLUMNS]


def status_frame(source: DataSource | None = None) -> pd.DataFrame:
    """Each indicator's latest province value, year, provenance and progress status (of `source`,
    else of the published data)."""
    card = scorecard.load_scorecard(directory=(source or sources.published()).directory)
    frame = card[STATUS_COLUMNS].copy()
    frame["latest_year"] = frame["latest_year"].astype("Int64")
    return frame


def as_of_date(text: str) -> dt.date:
    """The --as-of date (YYYY-MM-DD); argparse reports anything else and exits with status 2."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' không phải ngày YYYY-MM-DD, ví dụ --as-of 2026-01-01 / "
            f"'{text}' is not a YYYY-MM-DD date, e.g. --as-of 2026-01-01"
        ) from None


def agencies_frame(on: dt.date) -> pd.DataFrame:
    """The agencies that exist on `on`: code, name, kind, valid_from, valid_to."""
    rows = agencies.agencies_on(on)
    return rows.rename(columns={"agency_id": "code", "name_vi": "name"})[
        ["code", "name", "kind", "valid_from", "valid_to"]
    ]


def successors_frame(on: dt.date) -> pd.DataFrame:
    """For each agency the plan names, who answers for it on `on`, on what basis, and whether
    every step is sourced (several current agencies after a split are ';'-joined)."""
    register = agencies.load_register()
    rows = []
    for plan_id in register.plan_agencies():
        found = agencies.successor(plan_id, on, register)
        rows.append(
            {
                "plan_agency_code": plan_id,
                "plan_agency": register.name(plan_id),
                "current_agency_code": ";".join(found.current),
                "current_agency": "; ".join(register.name(a) for a in found.current),
                "basis": " → ".join(
                    f"{s.effective.isoformat()} {s.from_agency} {s.kind} {s.to_agency}: {s.basis}"
                    for s in found.steps
                ),
                "verified": str(found.verified).lower(),
            }
        )
    return pd.DataFrame(rows)


def _print(frame: pd.DataFrame, fmt: str) -> None:
    if fmt == "csv":
        formula_safe(frame).to_csv(sys.stdout, index=False, float_format="%.6g")
    else:
        with pd.option_context("display.max_rows", None, "display.width", 200):
            print(frame.to_string(index=False))


def _source(args: argparse.Namespace) -> DataSource | None:
    """The data a command reads: the snapshot it names (checked; SnapshotError otherwise), else
    the published data; None for a command that reads none."""
    if args.command == "snapshot":
        return sources.snapshot(args.snapshot_id) if args.action == "changes" else None
    if args.command in ("catalog", "status", "brief", "export"):
        return sources.resolve(args.snapshot)
    return None


def _brief(args: argparse.Namespace, source: DataSource) -> int:
    """The brief of the data read (published or a snapshot's), with the reporting status read
    from the store today (a slide that says so when the store cannot be read)."""
    from ttx_data import brief, meeting
    from ttx_data.reporting.completeness import reporting_status
    from ttx_data.store import ensure_schema

    started = time.perf_counter()
    plan = meeting.build_meeting(Filters(lang=args.lang), source.directory, source.snapshot_name,
                                 reporting_status(ensure_schema))  # fmt: skip
    out = brief.write_brief(plan, Path(args.output), source.directory)
    print(f"{out} ({len(plan.slides)} slides, {time.perf_counter() - started:.1f} s)")
    if args.pdf:
        pdf = brief.pptx_to_pdf(out, out.with_suffix(".pdf"))
        print(pdf)
    return 0


def _snapshot(args: argparse.Namespace, source: DataSource | None) -> int:
    if args.action == "create":
        snapshots.clean_staging()
        taken = snapshots.create_snapshot(args.name, args.id)
        print(f"{taken.snapshot_id}\t{taken.name}\t{taken.created_at}\t{taken.directory}")
    elif args.action == "list":
        for snap in snapshots.list_snapshots():
            print(f"{snap.snapshot_id}\t{snap.name}\t{snap.created_at}\tas_of={snap.as_of}")
        for problem in snapshots.snapshot_problems():
            print(f"ttx_data snapshot list: {problem}", file=sys.stderr)
    else:
        changes = snapshots.what_changed(source.directory, sources.published().directory)
        print(f"# {source.label} ({args.snapshot_id}) -> current data")
        statuses = changes.statuses[["indicator_id", "status_old", "status_new"]]
        print(f"status changes: {len(statuses)}")
        if len(statuses):
            print(statuses.to_string(index=False))
        for name, change in changes.datasets.items():
            print(
                f"{name}: {len(change.added)} added, {len(change.revised)} revised values,"
                f" {len(change.removed)} removed"
            )
            if len(change.revised):
                print(change.revised.to_string(index=False, max_rows=50))
    return 0


def _export(args: argparse.Namespace, source: DataSource) -> int:
    from ttx_data import export

    data = export.dataset_workbook(None, args.lang, source.directory, source.snapshot_name)
    out = Path(args.output)
    replace_atomically(out, lambda path: path.write_bytes(data))
    print(out)
    return 0


def _tasks(args: argparse.Namespace) -> int:
    from ttx_data.tasks import AgencyError, listing

    try:
        make = listing.duties_frame if args.duties else listing.tasks_frame
        frame = make(args.as_of, args.agency)
    except AgencyError as error:
        print(f"ttx_data tasks: {error}", file=sys.stderr)
        return 2
    except catalog.CatalogError as error:  # a data file breaks a rule: said as `catalog` says it
        print(f"ttx_data tasks: {error}", file=sys.stderr)
        return 1
    if args.format == "table":
        frame = listing.short(frame, "duties" if args.duties else "tasks")
    _print(frame, args.format)
    return 0


def _units(args: argparse.Namespace) -> int:
    from ttx_data import places

    _print(places.units_frame(args.as_of), args.format)
    return 0


USER_COLUMNS = ["username", "display_name", "role", "agency", "disabled", "auth_source"]


def _password() -> str:
    """The new password: asked twice on a terminal (not echoed), else one line of stdin."""
    from ttx_data.accounts import AccountError

    if sys.stdin.isatty():
        first = getpass.getpass("Mật khẩu / Password: ")
        if getpass.getpass("Nhập lại / Again: ") != first:
            raise AccountError("Hai lần nhập mật khẩu không khớp", "The two passwords differ")
        return first
    line = sys.stdin.readline()
    if not line:
        raise AccountError(
            "Không có mật khẩu ở đầu vào chuẩn (một dòng)",
            "No password on standard input (one line)",
        )
    return line.rstrip("\r\n")


def users_frame(engine) -> pd.DataFrame:
    """Every account: username, display name, role, agency, disabled, how it signs in."""
    from ttx_data.accounts import list_accounts

    rows = [
        [a.username, a.display_name, a.role, a.agency_code or "", a.disabled, a.auth_source]
        for a in list_accounts(engine)
    ]
    return pd.DataFrame(rows, columns=USER_COLUMNS)


def _users(args: argparse.Namespace) -> int:
    from ttx_data import accounts
    from ttx_data.store import StoreError, ensure_schema

    try:
        engine = ensure_schema()
        if args.action == "list":
            _print(users_frame(engine), args.format)
            return 0
        if args.action == "add":
            password = _password()
            added = accounts.add_account(
                engine,
                args.name,
                role=args.role,
                agency_code=args.agency,
                password=password,
                display_name=args.display_name,
                client="cli",
            )
            print(
                f"Đã thêm tài khoản {added.username} ({added.role}) / "
                f"Added account {added.username} ({added.role})"
            )
        elif args.action == "disable":
            accounts.disable_account(engine, args.name, client="cli")
            print(f"Đã khóa tài khoản {args.name} / Disabled account {args.name}")
        elif args.action == "enable":
            accounts.enable_account(engine, args.name, client="cli")
            print(f"Đã mở lại tài khoản {args.name} / Enabled account {args.name}")
        else:
            accounts.reset_password(engine, args.name, _password(), client="cli")
            print(f"Đã đặt lại mật khẩu của {args.name} / Password of {args.name} reset")
    except (accounts.AccountError, StoreError) as error:
        print(f"ttx_data users {args.action}: {error}", file=sys.stderr)
        return 2
    return 0


def _db(args: argparse.Namespace) -> int:
    from ttx_data.store import StoreError, database

    try:
        engine = database.engine()
        database.upgrade()
    except StoreError as error:
        print(f"ttx_data db {args.action}: {error}", file=sys.stderr)
        return 2
    print(
        f"Cơ sở dữ liệu {database.shown(engine.url)} đã cập nhật / "
        f"Database {database.shown(engine.url)} is up to date"
    )
    return 0


REPORTING_COMMANDS = ("submit", "review", "withdraw", "submissions", "completeness", "publish")
SEVERITY_LABELS = {"fatal": "lỗi / error", "warning": "cảnh báo / warning"}


def _say(vi: str, en: str) -> None:
    print(f"{vi} / {en}", file=sys.stderr)


def _cli_actor(engine, username: str):
    """The account --user NAME acting through the command line (AccountError when it does not
    exist or is disabled)."""
    from ttx_data.accounts import AccountError, get_account

    account = get_account(engine, username)
    if account is None:
        raise AccountError(
            f"Không có tài khoản {username!r}; xem danh sách: python -m ttx_data users list",
            f"There is no account {username!r}; list them: python -m ttx_data users list",
        )
    if account.disabled:
        raise AccountError(
            f"Tài khoản {username!r} đã bị khóa", f"The account {username!r} is disabled"
        )
    return account.actor().through_cli()


def _print_problems(problems) -> None:
    for problem in problems:
        label = SEVERITY_LABELS.get(problem.severity, problem.severity)
        print(f"[{label}] {problem.message('vi')}", file=sys.stderr)
        print(f"    {problem.message('en')}", file=sys.stderr)


def _submit(args: argparse.Namespace, engine) -> int:
    from ttx_data.reporting import submissions
    from ttx_data.reporting.intake import read_workbook

    actor = _cli_actor(engine, args.user)
    path = Path(args.file)
    try:
        before = path.stat()
        intake = read_workbook(path, agency_id=actor.agency_code)
        _print_problems(intake.problems)
        submissions.check_submittable(intake, actor)
        if args.dry_run:
            _say(
                f"Tệp {path.name} nộp được ({len(intake.rows)} giá trị); --dry-run: chưa lưu gì",
                f"{path.name} can be submitted ({len(intake.rows)} values); --dry-run: nothing"
                " stored",
            )
            return 0
        data = path.read_bytes()
        after = path.stat()
    except OSError as error:
        _say(f"Không đọc được tệp {path.name}: {error.strerror}",
             f"Cannot read the file {path.name}: {error.strerror}")  # fmt: skip
        return 2
    if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns) or len(
        data
    ) != before.st_size:
        _say(f"Tệp {path.name} đã thay đổi trong khi đọc; chưa lưu gì, hãy chạy lại",
             f"{path.name} changed while it was read; nothing stored, run the command again")  # fmt: skip
        return 2
    made = submissions.submit(
        engine, intake, actor=actor, file_name=path.name, data=data,
        comments=args.comments or "", client="cli",
    )  # fmt: skip
    print(made.id)
    _say(
        f"Đã nhận số liệu nộp {made.id} của {made.agency_id} kỳ {made.period}, chờ thẩm định",
        f"Submission {made.id} of {made.agency_id} for {made.period} received, pending review",
    )
    return 0


def _review(args: argparse.Namespace, engine) -> int:
    from ttx_data.reporting import submissions

    actor = _cli_actor(engine, args.user)
    accept = args.return_reason is None
    done = submissions.review(engine, args.id, actor=actor, accept=accept,
                              reason=args.return_reason, client="cli")  # fmt: skip
    if accept:
        _say(f"Đã chấp nhận và công bố {done.id}", f"{done.id} accepted and published")
    else:
        _say(f"Đã trả lại {done.id}: {done.reason}", f"{done.id} returned: {done.reason}")
    return 0


def _reporting(args: argparse.Namespace) -> int:
    """The reporting cycle's commands; every refusal said in both languages, exit status 2."""
    from ttx_data.accounts import AccountError, Actor
    from ttx_data.query import DataError
    from ttx_data.reporting import completeness, publish, submissions
    from ttx_data.reporting.refusals import PublicationPending, ReportingError
    from ttx_data.store import StoreError, ensure_schema

    try:
        engine = ensure_schema()
        operator = Actor.operator()
        if args.command == "publish":
            done = publish.publish(engine, actor=operator, client="cli", force=args.rebuild)
            _say(f"Đã công bố: {', '.join(done) or 'không còn gì dở dang'}",
                 f"Published: {', '.join(done) or 'nothing was left unfinished'}")  # fmt: skip
            return 0
        publish.recover(engine, actor=operator, client="cli")
        if args.command == "submit":
            return _submit(args, engine)
        if args.command == "review":
            return _review(args, engine)
        if args.command == "withdraw":
            done = submissions.withdraw(engine, args.id, actor=_cli_actor(engine, args.user),
                                        reason=args.reason or "", client="cli")  # fmt: skip
            _say(f"Đã rút {done.id}", f"{done.id} withdrawn")
            return 0
        if args.command == "submissions":
            found = submissions.list_submissions(
                engine, agency=args.agency, period=args.period, state=args.status
            )
            _print(submissions.submissions_frame(found), args.format)
            return 0
        frame = completeness.completeness(engine, args.period, today=args.today)
        _print(frame, args.format)
        return 0
    except PublicationPending as error:
        print(f"ttx_data {args.command}: {error}", file=sys.stderr)
        return 1
    except (ReportingError, AccountError, StoreError, DataError) as error:
        print(f"ttx_data {args.command}: {error}", file=sys.stderr)
        return 2


def _regime(args: argparse.Namespace) -> int:
    """The regime in effect (read without the store when it cannot be reached), or a change of
    one indicator's row; a refused change said in both languages, exit status 2."""
    from ttx_data.accounts import AccountError
    from ttx_data.i18n import t
    from ttx_data.reporting import regime, regime_store
    from ttx_data.store import StoreError, ensure_schema

    if args.action is None:
        try:
            frame = regime_store.current()
        except regime.RegimeError as error:
            print(f"ttx_data regime: {error}", file=sys.stderr)
            return 1
        frame["changed"] = frame["changed"].map(lambda changed: str(changed).lower())
        frame["changed_at"] = [w.isoformat() if w is not None else "" for w in frame["changed_at"]]
        _print(frame, args.format)
        return 0
    try:
        engine = ensure_schema()
        actor = _cli_actor(engine, args.user)
        if args.action == "set":
            changes = {field: getattr(args, field) for field in regime.FIELDS}
            entry = regime_store.set_entry(engine, args.indicator, changes, reason=args.reason,
                                           actor=actor, client="cli")  # fmt: skip
        else:
            entry = regime_store.reset_entry(engine, args.indicator, reason=args.reason,
                                             actor=actor, client="cli")  # fmt: skip
    except regime_store.RegimeEditRefused as error:
        _say(error.headline("vi"), error.headline("en"))
        for vi, en in error.problems:
            print(f"- {vi}\n  {en}", file=sys.stderr)
        return 2
    except (AccountError, StoreError) as error:
        print(f"ttx_data regime {args.action}: {error}", file=sys.stderr)
        return 2
    key = "regime.saved" if args.action == "set" else "regime.reset_done"
    changes = regime_store.changes_text(entry)
    _say(t(key, "vi", id=args.indicator, changes=changes),
         t(key, "en", id=args.indicator, changes=changes))  # fmt: skip
    return 0


def _regime_parser(commands) -> None:
    from ttx_data.reporting.regime import FIELDS

    parser = commands.add_parser(
        "regime", help="print the reporting regime in effect; set or reset one indicator's row"
    )
    parser.add_argument("--format", choices=("csv", "table"), default="table")
    actions = parser.add_subparsers(dest="action")
    setter = actions.add_parser("set", help="change fields of one indicator's row (with a reason)")
    reset = actions.add_parser("reset", help="put one indicator's row back to the bundled file's")
    for action in (setter, reset):
        action.add_argument("indicator", help="the indicator id, e.g. t13_hdi")
        action.add_argument("--reason", required=True, help="why (kept in the audit log)")
        action.add_argument("--user", required=True, help="a reviewer's or administrator's account")
    for field in FIELDS:
        setter.add_argument(f"--{field.replace('_', '-')}", dest=field, metavar="VALUE",
                            help=f"the new {field} (\"\" empties an optional field)")  # fmt: skip


def _reporting_parsers(commands) -> None:
    submit = commands.add_parser("submit", help="submit an agency's workbook for review")
    submit.add_argument("file", help="the filled workbook (.xlsx)")
    submit.add_argument("--user", required=True, help="the reporter's account (no password)")
    submit.add_argument("--dry-run", action="store_true", help="check only; store nothing")
    submit.add_argument("--comments", help="a covering note for the reviewer")
    review = commands.add_parser("review", help="accept (and publish) or return a submission")
    review.add_argument("id", help="the submission id, e.g. 2026-0003")
    decision = review.add_mutually_exclusive_group(required=True)
    decision.add_argument("--accept", action="store_true", help="accept and publish its values")
    decision.add_argument("--return", dest="return_reason", metavar="REASON",
                          help="return it to the agency with this reason")  # fmt: skip
    review.add_argument("--user", required=True, help="the reviewer's account (no password)")
    withdraw = commands.add_parser("withdraw", help="withdraw a submission waiting for review")
    withdraw.add_argument("id")
    withdraw.add_argument("--user", required=True, help="a reporter of its agency")
    withdraw.add_argument("--reason", help="why it is withdrawn")
    listing = commands.add_parser("submissions", help="list submissions with their state")
    listing.add_argument("--agency", help="only this agency's (code)")
    listing.add_argument("--period", help="only this period's, e.g. 2026")
    listing.add_argument("--status", help="only this state, e.g. pending_review")
    listing.add_argument("--format", choices=("csv", "table"), default="table")
    complete = commands.add_parser(
        "completeness", help="expected, received, accepted, on time, late and missing reports"
    )
    complete.add_argument("--period", required=True, help="the period, e.g. 2026")
    complete.add_argument("--today", type=as_of_date, help="the day to judge deadlines by")
    complete.add_argument("--format", choices=("csv", "table"), default="table")
    publisher = commands.add_parser(
        "publish", help="finish publishing accepted submissions a killed process left unfinished"
    )
    publisher.add_argument(
        "--rebuild", action="store_true", help="write every accepted value into the data again"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ttx_data", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("catalog", "print the indicator catalog"),
        ("status", "print each indicator's latest province value and progress status"),
    ):
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--format", choices=("csv", "table"), default="table")
        sub.add_argument("--snapshot", help="a snapshot id: as of that snapshot")
    brief = commands.add_parser("brief", help="write the meeting brief (.pptx, optionally .pdf)")
    brief.add_argument("-o", "--output", required=True, help="the .pptx file to write")
    brief.add_argument(
        "--pdf", action="store_true", help="also write a PDF beside it (LibreOffice)"
    )
    brief.add_argument("--lang", choices=("vi", "en"), default="vi")
    brief.add_argument("--snapshot", help="a snapshot id: the brief as of that snapshot")
    snap = commands.add_parser("snapshot", help="freeze the data, list snapshots, what changed")
    actions = snap.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="freeze the current data under a name")
    create.add_argument("name")
    create.add_argument("--id", help="the snapshot id (default: made from the name)")
    actions.add_parser("list", help="list snapshots, newest first")
    changes = actions.add_parser("changes", help="what changed in the data since a snapshot")
    changes.add_argument("snapshot_id")
    export = commands.add_parser("export", help="write the whole dataset as one .xlsx")
    export.add_argument("-o", "--output", required=True)
    export.add_argument("--lang", choices=("vi", "en"), default="vi")
    export.add_argument("--snapshot", help="a snapshot id: the data as of that snapshot")
    units = commands.add_parser("units", help="print the administrative units valid on a date")
    units.add_argument("--as-of", type=as_of_date, required=True, help="the date, YYYY-MM-DD")
    units.add_argument("--format", choices=("csv", "table"), default="table")
    register = commands.add_parser(
        "agencies", help="agencies that exist on a date, or who answers for the plan's agencies"
    )
    register.add_argument("--as-of", type=as_of_date, default=dt.date.today(), help="YYYY-MM-DD")
    register.add_argument(
        "--successors", action="store_true", help="who answers for each agency the plan names"
    )
    register.add_argument("--format", choices=("csv", "table"), default="table")
    plan_tasks = commands.add_parser(
        "tasks", help="the plan's tasks (section III) or duties (section IV) and who answers"
    )
    plan_tasks.add_argument("--agency", help="only what this agency answers for (code)")
    plan_tasks.add_argument(
        "--as-of", type=as_of_date, default=dt.date.today(), help="who answers that day, YYYY-MM-DD"
    )
    plan_tasks.add_argument(
        "--duties", action="store_true", help="the duties of section IV, a row per year"
    )
    plan_tasks.add_argument("--format", choices=("csv", "table"), default="table")
    users = commands.add_parser("users", help="accounts: add, list, disable, reset a password")
    user_actions = users.add_subparsers(dest="action", required=True)
    add = user_actions.add_parser("add", help="add an account (asks for its password)")
    add.add_argument("name", help="the username, e.g. nguyen.van.a")
    add.add_argument("--role", required=True, metavar="reporter|reviewer|admin")
    add.add_argument("--agency", help="the agency code (required for a reporter)")
    add.add_argument("--display-name", help="the person's name as shown in the app")
    listing = user_actions.add_parser("list", help="list the accounts (never their passwords)")
    listing.add_argument("--format", choices=("csv", "table"), default="table")
    for action, help_text in (
        ("disable", "disable an account and end its sessions"),
        ("enable", "enable a disabled account again"),
        ("reset-password", "set a new password (asks for it); lifts a sign-in lock"),
    ):
        user_actions.add_parser(action, help=help_text).add_argument("name")
    db = commands.add_parser("db", help="the database of accounts, sessions and the audit log")
    db.add_subparsers(dest="action", required=True).add_parser(
        "upgrade", help="create the database or bring its schema up to date"
    )
    from ttx_data.reporting import cli as reporting_cli

    reporting_cli.add_template_parser(commands)
    reporting_cli.add_demo_data_parser(commands)
    _reporting_parsers(commands)
    _regime_parser(commands)
    args = parser.parse_args(argv)
    if args.command == "template":
        return reporting_cli.run_template(args)
    if args.command == "demo-data":
        return reporting_cli.run_demo_data(args)
    if args.command in REPORTING_COMMANDS:
        return _reporting(args)
    if args.command == "regime":
        return _regime(args)
    if args.command == "units":
        return _units(args)
    if args.command == "tasks":
        return _tasks(args)
    if args.command == "users":
        return _users(args)
    if args.command == "db":
        return _db(args)
    try:
        source = _source(args)
    except snapshots.SnapshotError as error:  # a bad --snapshot: a usage error, as argparse's
        print(f"ttx_data {args.command}: {error}", file=sys.stderr)
        return 2
    try:
        if args.command == "brief":
            return _brief(args, source)
        if args.command == "snapshot":
            return _snapshot(args, source)
        if args.command == "export":
            return _export(args, source)
        if args.command == "agencies":
            on = args.as_of
            frame = successors_frame(on) if args.successors else agencies_frame(on)
        elif args.command == "catalog":
            frame = catalog_frame(source)
        else:
            frame = status_frame(source)
    except (
        snapshots.SnapshotError,
        DataError,
        catalog.CatalogError,
        RuntimeError,
    ) as error:
        print(f"ttx_data {args.command}: {error}", file=sys.stderr)
        return 1
    _print(frame, args.format)
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except BrokenPipeError:  # `... | head` closed the pipe: stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(1) from None
