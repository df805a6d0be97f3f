"""`make cluster`: the multi-replica deployment on one machine, for trying and testing it.

    python -m deploy.cluster [--replicas 2] [--port 8000]

Starts, all on 127.0.0.1:

- a throwaway Postgres cluster (Debian's package) holding the history, unless
  ``ASSISTANT_DATABASE`` already names a ``postgresql://`` database;
- ``--replicas`` chat processes (`assistant chat`) sharing that database, one signing secret, one
  accounts file and one index folder, which they only read (``make cluster`` builds it first
  when it is missing);
- HAProxy (Debian's package) on ``--port`` in front of them, sticky by a cookie so that each
  browser's socket stays with its replica, and sending a browser elsewhere when its replica
  stops answering.

A replica that stops is started again on its port; HAProxy sends its browsers to the others
meanwhile. Ctrl+C stops everything; the database folder (``--database-folder``) is kept, with
the history in it, and used again by the next start, unless ``--remove-database`` asks to
remove it on exit. The same pieces on a griffie's servers: docs/deployment.md.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from deploy.local import Haproxy, Postgres, free_port

ROOT = Path(__file__).resolve().parent.parent


class Cluster:
    """Postgres, ``replicas`` chat processes and HAProxy; a context manager."""

    def __init__(self, folder: Path, env: dict[str, str], replicas: int = 2,
                 port: int | None = None, database_folder: Path | None = None,
                 remove_database: bool = True) -> None:
        self.folder = folder
        self.database_folder = database_folder
        self.remove_database = remove_database
        self.env = dict(env)
        self.count = replicas
        self.port = port or free_port()
        self.postgres: Postgres | None = None
        self.haproxy: Haproxy | None = None
        self.replicas: list[tuple[int, subprocess.Popen[bytes]]] = []
        self._base: dict[str, str] = {}
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Cluster:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def database(self) -> str:
        return self.env["ASSISTANT_DATABASE"]

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if not self.env.get("ASSISTANT_DATABASE", "").startswith("postgres"):
            self.postgres = Postgres(folder=self.database_folder).init()
            self.postgres.start()
            self.env["ASSISTANT_DATABASE"] = self.postgres.url
        self.env.setdefault("ASSISTANT_SECRET_FILE", str(self.folder / "secret"))
        self.env.setdefault("ASSISTANT_AUTH", "password")
        self.env["ASSISTANT_PUBLIC_URL"] = self.url
        # HAProxy forwards the browser's address (sign-in throttling counts per address).
        self.env.setdefault("ASSISTANT_TRUSTED_PROXIES", '["127.0.0.1"]')
        base = {**os.environ, **self.env}
        subprocess.run([sys.executable, "-m", "assistant.cli", "history", "migrate"], env=base,
                       check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        ports = [free_port() for _ in range(self.count)]
        self._base = base
        for port in ports:
            self.replicas.append((port, self._replica(port, base)))
        for port, proc in self.replicas:
            self._wait(f"http://127.0.0.1:{port}/health", proc)
        self.haproxy = Haproxy(self.folder / "haproxy", ports, self.port)
        self.haproxy.start()
        self._wait(self.url + "/health")

    def _replica(self, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
        log = open(self.folder / f"replica-{port}.log", "wb")  # noqa: SIM115 - the process keeps it
        return subprocess.Popen([sys.executable, "-m", "assistant.cli", "chat", "--host",
                                 "127.0.0.1", "--port", str(port)], env=env, cwd=ROOT,
                                stdout=log, stderr=subprocess.STDOUT)

    def _wait(self, url: str, proc: subprocess.Popen[bytes] | None = None,
              timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc is not None and proc.poll() is not None:
                raise RuntimeError(f"a replica exited; see the logs in {self.folder}")
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")

    def kill(self, port: int) -> None:
        """SIGKILL the replica on ``port`` (fault tests)."""
        for p, proc in self.replicas:
            if p == port:
                proc.kill()
                proc.wait()

    def revive(self) -> list[int]:
        """Start again every replica that has stopped, on its port; the ports restarted."""
        restarted = []
        for i, (port, proc) in enumerate(self.replicas):
            if proc.poll() is not None:
                self.replicas[i] = (port, self._replica(port, self._base))
                self._wait(f"http://127.0.0.1:{port}/health", self.replicas[i][1])
                restarted.append(port)
        return restarted

    def stop(self) -> None:
        if self.haproxy is not None:
            self.haproxy.stop()
        for _, proc in self.replicas:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
        for _, proc in self.replicas:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self.replicas = []
        if self.postgres is not None:
            if self.remove_database:
                self.postgres.remove()
            else:
                self.postgres.stop()
            self.postgres = None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.cluster",
                                     description="chat replicas behind HAProxy, on Postgres")
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--folder", type=Path, default=ROOT / "var" / "cluster")
    # Beside the cluster's logs, not in the shared /tmp where another account could make it
    # first; the 'postgres' account must be able to reach it (it is, when root starts it).
    parser.add_argument("--database-folder", type=Path, default=None,
                        help="where the history's Postgres lives (default: FOLDER/postgres)")
    parser.add_argument("--remove-database", action="store_true",
                        help="remove the database folder, and the history in it, on exit")
    args = parser.parse_args(argv)
    args.database_folder = args.database_folder or args.folder / "postgres"
    env = {k: v for k, v in os.environ.items() if k.startswith("ASSISTANT_")}
    env.setdefault("ASSISTANT_USERS_FILE", str(ROOT / "var" / "users.json"))
    with Cluster(args.folder, env, args.replicas, args.port, args.database_folder,
                 args.remove_database) as cluster:
        kept = ("" if args.remove_database or cluster.postgres is None
                else f", bewaard in {args.database_folder}")
        print(f"De raadsgids draait op {cluster.url} ({args.replicas} replica's achter HAProxy, "
              f"geschiedenis in Postgres{kept}); stoppen met Ctrl+C.", flush=True)
        try:
            while True:
                time.sleep(1)
                try:
                    for port in cluster.revive():
                        print(f"De replica op poort {port} was gestopt en draait weer; zie de "
                              f"logs in {args.folder}", file=sys.stderr, flush=True)
                except RuntimeError as exc:  # it stopped again at once: the others serve on
                    print(f"{exc}; de andere replica's draaien door.", file=sys.stderr,
                          flush=True)
                    time.sleep(30)
        except KeyboardInterrupt:
            return 0


if __name__ == "__main__":
    raise SystemExit(main())
