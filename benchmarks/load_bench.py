"""`make bench-load`: many signed-in chat sessions at once, through HAProxy, to one and to two
replicas on Postgres (deploy/cluster.py), all on 127.0.0.1.

For each number of sessions (default 10, 50, 100, 200, 400), every session signs in with its own
widget token (auth=jwt), opens the chat's socket and asks 5 questions one after another, all
sessions at the same time. A connect that fails is tried again as the page's socket.io client
does (after 1, 2, 4 and 5 s; counted as reconnects). Printed per row: errors (exceptions,
timeouts, connects that failed five times), questions without an answer, refusals ("probeer
het zo opnieuw"), answer latency p50/p95 as the client sees it, answers per second over the
row's run time, the questions stored in the database against the questions asked, users who see
their thread, the row's run time and each replica's resident memory. The first line names the
date, the cores and the settings; the last, the whole run's time. Bounded: at most --seconds
per row; loopback only.

Then, with the last replica count, two attacks: one user flooding 10,000 questions over one
socket while 20 others ask (their p95 against the same 20 without the flood, and what the
flooder stored against its quota), and 5,000 slow connections from one address against HAProxy
while /health is checked (``--no-attacks`` leaves them out).

    python benchmarks/load_bench.py [--sessions 10 50 100 200 400] [--replicas 1 2]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import resource
import shutil
import statistics
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import Settings  # noqa: E402
from assistant.intranet import accounts, history  # noqa: E402
from assistant.messages.nl import BUSY, TOO_MANY  # noqa: E402
from benchmarks.bench import QUESTIONS  # noqa: E402
from deploy.cluster import Cluster  # noqa: E402
from tests.support.socket_client import ChatSocket, jwt_sign_in, threads  # noqa: E402

ASKED = 5
# The replicas' settings that shape the figures (besides the cluster's own: database, secret).
SETTINGS = {"ASSISTANT_AUTH": "jwt", "ASSISTANT_QUESTIONS_PER_MINUTE": "20"}


async def session(base: str, cookie: str, offset: int, deadline: float,
                  out: dict[str, list[float] | int]) -> None:
    sock = ChatSocket(base, cookie)
    try:
        # As the page's socket.io client does: a failed connect is tried again after 1, 2, 4
        # and 5 seconds (counted as a reconnect, not an error).
        for delay in (1, 2, 4, 5, None):
            try:
                await sock.connect(timeout=min(20.0, max(5.0, deadline - time.monotonic())))
                break
            except Exception:
                with contextlib.suppress(Exception):
                    await sock.close()
                if delay is None or time.monotonic() + delay > deadline:
                    raise
                out["reconnects"] += 1  # type: ignore[operator]
                await asyncio.sleep(delay)
                sock = ChatSocket(base, cookie)
        for i in range(ASKED):
            answer, seconds = await sock.ask(QUESTIONS[(offset + i) % len(QUESTIONS)],
                                             timeout=max(1.0, deadline - time.monotonic()))
            if answer == BUSY or answer.startswith(TOO_MANY.split("{")[0]):
                out["refused"] += 1  # type: ignore[operator]
            elif answer:
                out["latencies"].append(seconds)  # type: ignore[union-attr]
            else:
                out["unanswered"] += 1  # type: ignore[operator]
    except Exception as exc:  # noqa: BLE001 - every failure is counted, none stops the run
        out["errors"] += 1  # type: ignore[operator]
        out["kinds"].append(f"{type(exc).__name__}: {str(exc)[:60]}")  # type: ignore[union-attr]
    finally:
        with contextlib.suppress(Exception):
            await sock.close()


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run_row(cluster: Cluster, settings: Settings, sessions: int, tag: str,
            seconds: float) -> dict[str, object]:
    users = [f"load-{tag}-{i}" for i in range(sessions)]
    with ThreadPoolExecutor(16) as pool:
        cookies = list(pool.map(
            lambda u: jwt_sign_in(cluster.url, accounts.mint_token(settings, u, 60)), users))
    out: dict[str, list[float] | int] = {"latencies": [], "errors": 0, "unanswered": 0,
                                         "refused": 0, "kinds": [], "reconnects": 0}
    deadline = time.monotonic() + seconds

    async def everyone() -> None:
        await asyncio.gather(*(session(cluster.url, c, i, deadline, out)
                               for i, c in enumerate(cookies)))

    started = time.monotonic()
    asyncio.run(everyone())
    elapsed = time.monotonic() - started
    time.sleep(2.0)  # the last history writes are tasks of their own
    stored = history_rows(cluster.database, tag)
    with ThreadPoolExecutor(16) as pool:
        seen = sum(pool.map(lambda c: len(threads(cluster.url, c)) == 1, cookies))
    latencies = sorted(out["latencies"])  # type: ignore[arg-type]
    return {
        "sessions": sessions, "asked": sessions * ASKED, "answered": len(latencies),
        "errors": out["errors"], "unanswered": out["unanswered"], "refused": out["refused"],
        "reconnects": out["reconnects"],
        "p50": statistics.median(latencies) if latencies else float("nan"),
        "p95": latencies[int(len(latencies) * 0.95)] if latencies else float("nan"),
        "stored": stored, "users_see_thread": seen, "seconds": elapsed,
        "rss": [round(rss_mb(proc.pid)) for _, proc in cluster.replicas],
        "kinds": Counter(out["kinds"]).most_common(3),  # type: ignore[arg-type]
    }


def history_rows(database: str, tag: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(history.sync_url(database))
    with engine.connect() as conn:
        count = conn.execute(text(
            'SELECT count(*) FROM steps s JOIN threads t ON t."id" = s."threadId" '
            "WHERE s.\"type\" = 'user_message' AND t.\"userIdentifier\" LIKE :tag"),
            {"tag": f"load-{tag}-%"}).scalar_one()
    engine.dispose()
    return int(count)


def outage_row(cluster: Cluster, settings: Settings, sessions: int = 40,
               seconds: float = 45.0, down: tuple[float, float] = (10.0, 30.0)) -> str:
    """Postgres stopped from ``down[0]`` to ``down[1]`` seconds into a run of ``sessions``
    sessions asking every two seconds: what was answered, told and stored, before, during and
    after."""
    assert cluster.postgres is not None
    tag = "outage"
    cookies = [jwt_sign_in(cluster.url, accounts.mint_token(settings, f"load-{tag}-{i}", 60))
               for i in range(sessions)]
    asked: list[tuple[float, str]] = []  # (seconds into the run, question id)
    answered = [0]
    refused = [0]
    told = [0]
    started = time.monotonic()

    async def one(cookie: str, offset: int) -> None:
        sock = ChatSocket(cluster.url, cookie)
        await sock.connect(timeout=30)
        await asyncio.sleep(offset * 2.0 / sessions)  # spread over the two seconds
        i = 0
        while time.monotonic() - started < seconds:
            t = time.monotonic() - started
            answer, _ = await sock.ask(QUESTIONS[(offset + i) % len(QUESTIONS)], timeout=60)
            if answer.startswith(TOO_MANY.split("{")[0]):
                refused[0] += 1  # past the questions per minute: refused before it is stored
            else:
                asked.append((t, sock.asked[-1]))
                answered[0] += bool(answer)
            i += 1
            await asyncio.sleep(max(0.0, 2.0 - (time.monotonic() - started - t)))
        told[0] += len(sock.toasts)
        await sock.close()

    async def database_down() -> None:
        await asyncio.sleep(down[0])
        await asyncio.to_thread(cluster.postgres.stop, "immediate")  # type: ignore[union-attr]
        await asyncio.sleep(down[1] - down[0])
        await asyncio.to_thread(cluster.postgres.start)  # type: ignore[union-attr]

    async def run() -> None:
        await asyncio.gather(database_down(), *(one(c, i) for i, c in enumerate(cookies)))

    asyncio.run(run())
    time.sleep(2.0)
    from sqlalchemy import create_engine, text

    engine = create_engine(history.sync_url(cluster.database))
    with engine.connect() as conn:
        stored = {str(r[0]) for r in conn.execute(text(
            "SELECT \"id\" FROM steps WHERE \"type\" = 'user_message'"))}
    engine.dispose()
    windows = {"before": (0, down[0]), "during": (down[0], down[1]),
               "after (from 5 s on)": (down[1] + 5, seconds + 60)}
    parts = []
    for name, (low, high) in windows.items():
        ids = [q for t, q in asked if low <= t < high]
        parts.append(f"{name}: {sum(q in stored for q in ids)}/{len(ids)} stored")
    return (f"Postgres down {down[0]:.0f}-{down[1]:.0f} s of {seconds:.0f} s, {sessions} "
            f"sessions: {answered[0]}/{len(asked)} answered ({refused[0]} more refused by the "
            f"questions-per-minute limit, which are not stored); " + "; ".join(parts)
            + f"; warnings shown to the sessions: {told[0]}")


def flood_row(cluster: Cluster, settings: Settings, seconds: float, others: int = 20,
              flood: int = 10_000) -> str:
    """One user sends ``flood`` questions over one socket as fast as it can while ``others``
    sessions ask as in a row above: their p95 against the same run without the flood, what the
    flooder got answered, whether its socket was closed, and what it stored."""
    quiet = run_row(cluster, settings, others, "quiet", seconds)
    cookie = jwt_sign_in(cluster.url, accounts.mint_token(settings, "load-flooder", 60))
    result: dict[str, object] = {}

    async def flooder() -> None:
        sock = ChatSocket(cluster.url, cookie)
        await sock.connect(timeout=30)
        sent = 0
        for i in range(flood):
            if not sock.sio.connected:
                break
            await sock.send(sock.message(QUESTIONS[i % len(QUESTIONS)]))
            sent += 1
        end = time.monotonic() + 30.0  # the server works through what it received first
        while sock.sio.connected and time.monotonic() < end:
            await asyncio.sleep(0.1)
        replies = [m for m in sock.messages.values() if m.get("type") == "assistant_message"]
        result.update(sent=sent, closed=not sock.sio.connected,
                      answered=sum("Bronnen" in str(m.get("output")) for m in replies))
        with contextlib.suppress(Exception):
            await sock.close()

    flooding = threading.Thread(target=lambda: asyncio.run(flooder()))
    flooding.start()
    loud = run_row(cluster, settings, others, "flooded", seconds)
    flooding.join()  # it ends 30 s after its last question at most
    stored = stored_chars(cluster.database, "load-flooder")
    return (f"flood: one user sent {result.get('sent')} of {flood} questions over one socket "
            f"(socket closed: {result.get('closed')}; {result.get('answered')} answered; "
            f"{stored:,} characters stored, quota {settings.history.history_max_mb:g} MB); "
            f"the {others} other sessions: p95 {loud['p95']:.2f} s against {quiet['p95']:.2f} s "
            f"without the flood, {loud['answered']}/{loud['asked']} answered, "
            f"{loud['errors']} errors")


def stored_chars(database: str, user: str) -> int:
    from sqlalchemy import create_engine, text

    from assistant.intranet.history_layer import STORED_TEXT

    engine = create_engine(history.sync_url(database))
    with engine.connect() as conn:
        size = conn.execute(text(STORED_TEXT), {"ident": user}).scalar_one()
    engine.dispose()
    return int(size)


def slow_row(cluster: Cluster, count: int = 5000, seconds: float = 15.0) -> str:
    """``count`` connections from 127.0.0.2 that send half a request's headers and wait, while
    /health is asked from 127.0.0.1 every half second through HAProxy."""
    from tests.support.slow_clients import health, hold

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, count + 1024)), hard))
    port = int(cluster.url.rsplit(":", 1)[1])
    times: list[float] = []
    failed = [0]

    async def attack() -> int:
        writers = await hold(port, count)
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            t0 = time.monotonic()
            try:
                await asyncio.to_thread(health, cluster.url)
                times.append(time.monotonic() - t0)
            except Exception:  # noqa: BLE001 - a failed check is what this row counts
                failed[0] += 1
            await asyncio.sleep(0.5)
        for w in writers:
            w.close()
        return len(writers)

    held = asyncio.run(attack())
    return (f"slow clients: {count} connections from one address sending half a request "
            f"({held} opened; HAProxy closes those past its limit per address); /health through "
            f"HAProxy answered {len(times)}/{len(times) + failed[0]} over {seconds:.0f} s, "
            f"slowest {max(times, default=float('nan')):.2f} s")


def single_session(cluster: Cluster, settings: Settings) -> float:
    cookie = jwt_sign_in(cluster.url, accounts.mint_token(settings, "load-single", 60))

    async def one() -> list[float]:
        sock = ChatSocket(cluster.url, cookie)
        await sock.connect()
        times = [(await sock.ask(q))[1] for q in QUESTIONS[:ASKED]]
        await sock.close()
        return times

    return statistics.median(asyncio.run(one()))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 50, 100, 200, 400])
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seconds", type=float, default=300.0, help="limit per row")
    parser.add_argument("--no-attacks", action="store_true",
                        help="leave out the flood and slow-client rows (run with the last "
                        "replica count)")
    parser.add_argument("--outage", action="store_true",
                        help="also stop Postgres for 20 s during a run (with the last replica "
                        "count)")
    args = parser.parse_args()
    started = time.monotonic()
    print(f"Load benchmark, {time.strftime('%Y-%m-%d %H:%M')}: {os.cpu_count()} cores; "
          f"{ASKED} questions per session; limit per row {args.seconds:.0f} s; settings: "
          + ", ".join(f"{k}={v}" for k, v in sorted(SETTINGS.items())), flush=True)
    print("| replicas | sessions | asked | answered | refused | unanswered | errors | reconnects "
          "| p50 s | p95 s | answers/s | stored/asked | users see thread | run s "
          "| replica RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for replicas in args.replicas:
        # Logs and configuration stay in var/load/ for reading afterwards.
        folder = ROOT / "var" / "load" / f"replicas-{replicas}"
        shutil.rmtree(folder, ignore_errors=True)
        env = {"ASSISTANT_SECRET_FILE": str(folder / "secret"),
               "ASSISTANT_INDEX_DIR": str(ROOT / "index"), **SETTINGS}
        settings = Settings.of(secret_file=folder / "secret")
        with Cluster(folder, env, replicas=replicas) as cluster:
            single = single_session(cluster, settings)
            print(f"| {replicas} | 1 | {ASKED} | | | | | | {single:.2f} | | | | | | |",
                  flush=True)
            for n in args.sessions:
                row = run_row(cluster, settings, n, f"{replicas}r{n}", args.seconds)
                print(f"| {replicas} | {n} | {row['asked']} | {row['answered']} | "
                      f"{row['refused']} | {row['unanswered']} | {row['errors']} | "
                  f"{row['reconnects']} | "
                      f"{row['p50']:.2f} | {row['p95']:.2f} | "
                      f"{row['answered'] / row['seconds']:.1f} | {row['stored']}/{row['asked']}"
                      f" | {row['users_see_thread']}/{n} | {row['seconds']:.0f} | "
                      f"{row['rss']} |", flush=True)
            if row["kinds"]:
                print(f"  errors: {row['kinds']}", flush=True)
            if not args.no_attacks and replicas == args.replicas[-1]:
                print("  " + flood_row(cluster, settings, args.seconds), flush=True)
                print("  " + slow_row(cluster), flush=True)
            if args.outage and replicas == args.replicas[-1]:
                print("  " + outage_row(cluster, settings), flush=True)
            errors = sum(1 for p in folder.glob("replica-*.log")
                         for line in p.read_text(errors="replace").splitlines()
                         if "Traceback" in line or line.startswith("ERROR"))
            print(f"  replica logs: {errors} error lines or tracebacks", flush=True)
    print(f"Whole run: {time.monotonic() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main()
