"""Command line: ``assistant index``, ``ask "..."``, ``review FILE``, ``eval FILE``, ``chat``
and, for the intranet, ``users add|remove|list``, ``token USER`` and ``history migrate|purge``.

Every failure a user can cause ends in one sentence on stderr and a non-zero exit code, never a
traceback (run with ``--debug`` to see one).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
import time
import warnings
from pathlib import Path
from typing import Any

from .config import load_settings
from .errors import AssistantError

EXAMPLE = "Wat moet ik vragen over wifi-telling?"


def _quiet_libraries() -> None:
    """Keep library chatter (progress bars of loaders, info logs) off the user's terminal."""
    warnings.filterwarnings("ignore")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    for name in ("faiss", "faiss.loader", "sentence_transformers", "transformers",
                 "llama_index", "bm25s", "httpx", "pypdf"):
        logging.getLogger(name).setLevel(logging.ERROR)
    logging.getLogger("assistant").setLevel(logging.INFO)


def cmd_index(args: argparse.Namespace) -> int:
    from .engine.index.build import build_index

    settings = load_settings()
    print(f"Building the index from {settings.index.corpus_dir} ...", file=sys.stderr)
    report = build_index(settings, progress=not args.quiet)
    for name, reason in report.skipped:
        print(f"warning: skipped {name}: it {reason}.", file=sys.stderr)
    print(f"Indexed {report.passages:,} passages from {report.documents:,} documents into "
          f"{report.path} in {report.seconds:.1f} s (embedding {report.embed_seconds:.1f} s; "
          f"{report.reused:,} of {report.embeddings:,} vectors reused from earlier builds, "
          f"{report.embedded:,} texts embedded).")
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from .engine import Engine
    from .engine.text.cleaning import clean_question

    settings = load_settings()
    question = " ".join(args.question) if args.question else sys.stdin.read()
    # Refuse bad input before loading.
    clean_question(question, settings.retrieval.max_question_chars)
    engine = Engine.load(settings)
    if engine.llm_problem:
        print(engine.llm_problem, file=sys.stderr)
    answer = engine.ask(question)
    if args.json:
        print(answer.model_dump_json(indent=2))
    else:
        from .render.markdown import render_markdown

        print(render_markdown(answer))
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from .engine import Engine
    from .engine.review import Reviewer
    from .engine.review.proposal import read_proposal
    from .render.worksheet import to_docx, to_markdown

    settings = load_settings()
    path = Path(args.file)
    chat = settings.chat  # refuse an unreadable file before loading the index
    started = time.perf_counter()
    proposal = read_proposal(path, int(chat.max_upload_mb * 1048576), chat.max_upload_pages,
                             max_ocr_pages=chat.max_ocr_pages)
    read = time.perf_counter() - started
    sheet = Reviewer(Engine.load(settings)).from_proposal(proposal)[0]
    sheet.timings_ms["read"] = round(read * 1000, 1)
    sheet.timings_ms["total"] = round(sheet.timings_ms["total"] + read * 1000, 1)
    markdown = to_markdown(sheet)
    if args.out:
        out = Path(args.out)
        try:
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{path.stem}-werkblad.md").write_text(markdown, encoding="utf-8")
            (out / f"{path.stem}-werkblad.docx").write_bytes(to_docx(sheet))
        except OSError as exc:
            raise AssistantError(f"The worksheet cannot be written to {out} "
                                 f"({exc.strerror or exc}).") from exc
        print(f"Wrote {out / (path.stem + '-werkblad.md')} and "
              f"{out / (path.stem + '-werkblad.docx')}.", file=sys.stderr)
    print(sheet.model_dump_json(indent=2) if args.json else markdown)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .engine import Engine
    from .evals.report import compare, load_baseline, print_comparison, print_table, write_report
    from .evals.runner import evaluate, load_reference

    settings = load_settings()
    # The understanding evaluations (--kinds, --names, --conversations, --characteristics) run
    # together; each other evaluation runs alone, so none given beside it is silently skipped.
    given = [name for name, value in (
        ("a reference set", args.file), ("--cases", args.cases), ("--fits", args.fits),
        ("--readings", args.readings), ("--costs", args.costs),
        ("--worksheets", args.worksheets),
        ("--kinds, --names, --conversations or --characteristics",
         args.kinds or args.names or args.conversations or args.characteristics)) if value]
    if not given:
        print("Name a reference set, --kinds FILE, --names FILE, --conversations FILE, "
              "--characteristics FILE, --cases FILE, --fits FILE, --readings FILE, --costs FILE "
              "or --worksheets DIR.",
              file=sys.stderr)
        return 2
    if args.grades and not args.cases:
        print("--grades goes with --cases FILE.", file=sys.stderr)
        return 2
    if len(given) > 1:
        print(f"Give one evaluation at a time: {' and '.join(given)} were given together.",
              file=sys.stderr)
        return 2
    baseline = load_baseline(Path(args.baseline)) if args.baseline else None
    if args.fits:  # a bad file is refused before the engine loads
        from .evals.fits import load_fits

        fits = load_fits(Path(args.fits))
    if args.readings:
        from .evals.readings import load_readings_file

        readings = load_readings_file(Path(args.readings))
    if args.costs:
        from .evals.costs import load_costs

        costs = load_costs(Path(args.costs))
    if args.names:
        from .evals.understanding import load_names

        names = load_names(Path(args.names))
    engine = Engine.load(settings)
    if args.cases:
        return _eval_cases(engine, args)
    if args.fits:
        from .evals.fits import evaluate_fits, print_fits

        result = evaluate_fits(engine, fits)
        print_fits(result)
        _write_json(args.json, result)
        return 0
    if args.readings:
        from .evals.readings import evaluate_readings, print_readings

        result = evaluate_readings(engine, readings)
        print_readings(result)
        _write_json(args.json, result)
        return 0
    if args.costs:
        from .evals.costs import evaluate_costs, print_costs

        result = evaluate_costs(engine, costs)
        print_costs(result)
        _write_json(args.json, result)
        return 0
    if args.worksheets:
        from .evals.worksheets import evaluate_worksheets, print_worksheets

        result = evaluate_worksheets(engine, Path(args.worksheets))
        print_worksheets(result)
        _write_json(args.json, result)
        return 0
    if args.kinds or args.names or args.conversations or args.characteristics:
        return _eval_understanding(engine, args, names if args.names else None)
    questions = load_reference(Path(args.file), set(engine.index.documents))
    if args.llm and engine.llm is None:
        print(engine.llm_problem or "--llm needs ASSISTANT_LLM_URL and ASSISTANT_LLM_MODEL.",
              file=sys.stderr)
        return 2
    result = evaluate(engine, questions, include_answers=bool(args.json))
    result["settings"] = {"embedding_model": settings.index.embedding_model,
                          "index": str(settings.index.index_dir)}
    print_table(result)
    if args.llm:
        from .evals.llm import compare_writers, print_writers

        result["llm"] = compare_writers(engine, questions)
        from .engine.answer.llm import shown_url

        result["settings"] |= {"llm_model": settings.llm.model,
                               "llm_url": shown_url(settings.llm.url or "")}
        print_writers(result["llm"])
    diff = compare(result, baseline) if baseline else None
    if diff is not None:
        print_comparison(diff)
    passages = {p.id: p.cited_text for p in engine.index.passages}
    report = write_report(result, Path(args.file), Path(args.reports), passages, diff)
    print(f"Report: {report}")
    _write_json(args.json, result)
    return 0


def _eval_cases(engine: Any, args: argparse.Namespace) -> int:
    from .evals.cases import evaluate_cases, load_cases, load_grades, print_cases, summarise_grades

    cases = load_cases(Path(args.cases))
    grades = load_grades(Path(args.grades)) if args.grades else None
    result = evaluate_cases(engine, cases)
    if grades is not None:
        result["grades"] = summarise_grades(grades)
    print_cases(result)
    _write_json(args.json, result)
    return 0


def _eval_understanding(engine: Any, args: argparse.Namespace,
                        names: list[dict[str, Any]] | None = None) -> int:
    from .evals import understanding as eu

    out: dict[str, Any] = {"analyser": engine.index.analyser.meta["report"]
                           | {"trained_on": engine.index.analyser.meta["trained_on"]}}
    eu.print_analyser(engine.index.analyser.meta)
    if args.kinds:
        out["kinds"] = eu.score_kinds(engine, eu.load_kinds(Path(args.kinds)))
        eu.print_kinds(out["kinds"])
    if names is not None:
        out["names"] = eu.score_names(engine, names)
        eu.print_names(out["names"])
    if args.conversations:
        out["conversations"] = eu.score_conversations(
            engine, eu.load_conversations(Path(args.conversations)))
        eu.print_conversations(out["conversations"])
    if args.characteristics:
        keys = {c.key for c in engine.index.framework.characteristics}
        out["characteristics"] = eu.score_characteristics(
            engine, eu.load_characteristics(Path(args.characteristics), keys))
        eu.print_characteristics(out["characteristics"])
    name = Path(args.kinds or args.names or args.conversations or args.characteristics).stem
    print(f"Report: {eu.write_report(out, Path(args.reports), name)}")
    _write_json(args.json, out)
    return 0


def _write_json(path: str | None, result: dict[str, Any]) -> None:
    """``assistant eval --json OUT``: the figures (with each answer) as JSON."""
    if path:
        Path(path).write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"JSON: {path}")


def cmd_chat(args: argparse.Namespace) -> int:
    from .chat.server import run_chat

    run_chat(args.host, args.port)
    return 0


def cmd_users(args: argparse.Namespace) -> int:
    from .intranet import accounts

    settings = load_settings()
    if args.action == "list":
        for name, created, status in accounts.account_status(settings):
            print(f"{name}\t{created}\t{status}")
        return 0
    if not args.name:
        raise accounts.AccountError(f"`assistant users {args.action}` needs a user name.")
    if args.action == "remove":
        accounts.remove_user(settings, args.name)
        print(f"Removed {args.name}; their sessions have ended.")
        return 0
    if args.action == "unlock":
        accounts.unlock(settings, args.name)
        print(f"Unlocked {args.name}.")
        return 0
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        import getpass

        password = getpass.getpass(f"Password for {args.name}: ")
        if getpass.getpass("Again: ") != password:
            raise accounts.AccountError("The two passwords differ; nothing was changed.")
    new = accounts.add_user(settings, args.name, password)
    print(f"{'Added' if new else 'Changed the password of'} {args.name} in "
          f"{settings.intranet.users_file}.")
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    from .intranet.accounts import mint_token

    print(mint_token(load_settings(), args.user, args.minutes))
    return 0


def cmd_demo_intranet(args: argparse.Namespace) -> int:
    from .intranet.demo import serve

    try:
        serve(load_settings(), args.chat, args.port)
    except OSError as exc:
        raise AssistantError(f"Port {args.port} cannot be used ({exc.strerror or exc}); choose "
                             "another with --port.") from exc
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from .intranet.accounts import parse_age
    from .intranet.history import describe, migrate, purge

    settings = load_settings()
    if args.history_command == "migrate":
        revision = migrate(settings.history.database)
        print(f"History database {describe(settings.history.database)} is at schema revision "
              f"{revision}.")
        return 0
    age = parse_age(args.older_than)
    removed = purge(settings.history.database, age)
    print(f"Deleted {removed} conversation(s) older than {args.older_than} from "
          f"{describe(settings.history.database)}.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant",
        description="Cited denkraam questions for raadsleden, from Dutch guidance texts.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("index", help="build index/ from the texts in corpus/")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("ask", help="answer one question")
    p.add_argument("question", nargs="*", help=f'the question, e.g. "{EXAMPLE}" (or stdin)')
    p.add_argument("--json", action="store_true", help="print the Answer object as JSON")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("review", help="read a proposal (PDF, Word, HTML, Markdown, text) along "
                       "the denkraam: what it says and leaves out per step, what to ask")
    p.add_argument("file", help="the proposal, e.g. raadsvoorstel.pdf")
    p.add_argument("--json", action="store_true", help="print the worksheet as JSON")
    p.add_argument("--out", metavar="DIR",
                   help="also write the worksheet as Markdown and Word (A4) into DIR")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("eval", help="score a reference question set, the question analyser on "
                       "labelled kinds, or conversations (JSON Lines)")
    p.add_argument("file", nargs="?", help="reference set, e.g. evals/reference.jsonl")
    p.add_argument("--kinds", metavar="FILE",
                   help="score the kinds and subjects of a labelled question set, e.g. "
                   "evals/heldout/questions.jsonl")
    p.add_argument("--names", metavar="FILE",
                   help="score the subject and the short name the council's questions use on "
                   "messages that describe a plan, e.g. evals/heldout/names.jsonl")
    p.add_argument("--conversations", metavar="FILE",
                   help="put conversations through the chat's follow-up handling, e.g. "
                   "evals/conversations.jsonl")
    p.add_argument("--characteristics", metavar="FILE",
                   help="score what the analyser reads a technology or plan to do against "
                   "labelled cases, e.g. evals/heldout/characteristics.jsonl")
    p.add_argument("--cases", metavar="FILE",
                   help="answer what-to-ask questions and plans and measure the questions for the "
                   "council (distinct wordings, overlap, steps, citations), e.g. "
                   "evals/ask-cases.jsonl")
    p.add_argument("--fits", metavar="FILE",
                   help="answer the messages of question-fit judgements and count the questions "
                   "shown that are judged not to fit their case, e.g. "
                   "evals/heldout/fit.jsonl")
    p.add_argument("--readings", metavar="FILE",
                   help="score what the proposal model reads sentences as claiming (a gain, a "
                   "cost) against labelled sentences, e.g. evals/heldout/readings.jsonl")
    p.add_argument("--costs", metavar="FILE",
                   help="score which amount of a message a what-to-ask answer takes for what the "
                   "plan costs against labelled messages, e.g. evals/heldout/costs.jsonl")
    p.add_argument("--worksheets", metavar="DIR",
                   help="review the proposals of DIR and score them against DIR/keys.jsonl "
                   "(step assignment and gaps), e.g. evals/worksheets")
    p.add_argument("--grades", metavar="FILE",
                   help="with --cases: a grading file (id, score 0-3, why) to summarise")
    p.add_argument("--json", metavar="OUT",
                   help="also write the results, with each question's Answer, as JSON to OUT")
    p.add_argument("--reports", default="evals/reports",
                   help="folder for the Markdown report and chart (default: evals/reports)")
    p.add_argument("--baseline", metavar="OLD.json",
                   help="an earlier --json result: list the questions that got better or worse")
    p.add_argument("--llm", action="store_true",
                   help="also compare the composer with the language model of ASSISTANT_LLM_URL")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("chat", help="serve the chat in the browser (builds the index if missing)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("users", help="accounts for ASSISTANT_AUTH=password")
    p.add_argument("action", choices=["add", "remove", "list", "unlock"])
    p.add_argument("name", nargs="?", help="user name (for add, remove and unlock)")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from the first line of stdin instead of asking")
    p.set_defaults(func=cmd_users)

    p = sub.add_parser("token", help="a short-lived widget token for USER (ASSISTANT_AUTH=jwt)")
    p.add_argument("user")
    p.add_argument("--minutes", type=float, default=15, help="lifetime (default 15)")
    p.set_defaults(func=cmd_token)

    p = sub.add_parser("demo-intranet",
                       help="serve the example intranet page with the widget, ready to try")
    p.add_argument("--chat", default="http://127.0.0.1:8000",
                   help="address of the running chat (default http://127.0.0.1:8000)")
    p.add_argument("--port", type=int, default=8080, help="port of the page (default 8080)")
    p.set_defaults(func=cmd_demo_intranet)

    p = sub.add_parser("history", help="chat history kept in ASSISTANT_DATABASE")
    hsub = p.add_subparsers(dest="history_command", required=True)
    m = hsub.add_parser("migrate", help="create or upgrade the database schema (the chat "
                        "does this at start)")
    m.set_defaults(func=cmd_history)
    q = hsub.add_parser("purge", help="delete conversations older than an age")
    q.add_argument("--older-than", required=True, help="age such as 90d, 12h or 2w")
    q.set_defaults(func=cmd_history)
    return parser


def _interrupted(args: argparse.Namespace) -> str:
    if getattr(args, "func", None) is cmd_index:
        from .engine.index.swap import partial_embeddings

        with contextlib.suppress(AssistantError):
            if partial_embeddings(load_settings().index.index_dir).exists():
                return ("Interrupted; the index was not changed. What was embedded is kept: the "
                        "next `assistant index` carries on from there.")
    return "Interrupted; nothing was changed."


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _quiet_libraries()
    try:
        return int(args.func(args))
    except AssistantError as exc:
        if args.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # output piped into `head` and the like
        return 0
    except KeyboardInterrupt:
        print(_interrupted(args), file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
