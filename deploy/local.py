"""Throwaway servers on 127.0.0.1 from Debian's packages: Postgres and HAProxy.

Used by ``make cluster`` (``deploy/cluster.py``), the Postgres and cluster tests and the load
benchmark. Everything lives in one folder given by the caller and goes with it; nothing listens
beyond loopback.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

DEBIAN_POSTGRES = "postgresql"
DEBIAN_HAPROXY = "haproxy"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def postgres_bin() -> Path | None:
    """The folder with initdb/pg_ctl from Debian's postgresql package, if installed."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _as_postgres(cmd: list[str]) -> list[str]:
    # Postgres refuses to run as root; Debian's package brings the 'postgres' account.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


class Postgres:
    """A Postgres cluster in ``folder`` (a new one under /tmp by default; the 'postgres' account
    must reach it) on 127.0.0.1:``port``, with database and user ``assistant`` (password
    authentication). A folder that holds a cluster already is started as it is (:meth:`init`
    leaves it alone), so a kept history is there again."""

    def __init__(self, port: int | None = None, folder: Path | None = None) -> None:
        bin_dir = postgres_bin()
        if bin_dir is None:
            raise RuntimeError(f"Postgres is not installed (apt-get install {DEBIAN_POSTGRES}).")
        self.bin = bin_dir
        if folder is None:
            folder = Path(tempfile.mkdtemp(prefix="raadsgids-pg-"))
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.folder = folder
        self.data = self.folder / "pgdata"
        self.port = port or free_port()
        self.password = "raadsgids-test"
        self.url = (f"postgresql://assistant:{self.password}@127.0.0.1:{self.port}/assistant")

    def _run(self, *cmd: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(_as_postgres(list(cmd)), capture_output=True, text=True,
                              timeout=120, stdin=subprocess.DEVNULL,
                              env={**os.environ, "PGPASSWORD": self.password})
        if check and done.returncode != 0:
            raise RuntimeError(f"{Path(cmd[0]).name} failed: {(done.stderr or done.stdout)[-500:]}")
        return done

    def init(self) -> Postgres:
        if (self.data / "PG_VERSION").exists():
            # A kept cluster: the port may have changed since.
            with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
                conf.write(f"\nport = {self.port}\n")
            return self
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        pwfile = self.folder / "pw"
        pwfile.write_text(self.password + "\n")
        if os.geteuid() == 0:
            shutil.chown(pwfile, "postgres", "postgres")
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "assistant",
                  "--auth=scram-sha-256", f"--pwfile={pwfile}", "-E", "UTF8", "--no-instructions")
        pwfile.unlink()
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(f"\nlisten_addresses = '127.0.0.1'\nport = {self.port}\n"
                       f"unix_socket_directories = '{self.folder}'\nmax_connections = 300\n"
                       "fsync = on\nshared_buffers = 64MB\n")
        return self

    def start(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l",
                  str(self.folder / "postgres.log"), "-w", "-t", "60", "start")
        if not self._has_database():
            self._run(str(self.bin / "createdb"), "-h", str(self.folder), "-p", str(self.port),
                      "-U", "assistant", "assistant")

    def _has_database(self) -> bool:
        out = self._run(str(self.bin / "psql"), "-h", str(self.folder), "-p", str(self.port),
                        "-U", "assistant", "-d", "postgres", "-tAc",
                        "SELECT 1 FROM pg_database WHERE datname = 'assistant'", check=False)
        return out.stdout.strip() == "1"

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop",
                  check=False)

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)

    def psql(self, sql: str) -> str:
        return self._run(str(self.bin / "psql"), "-h", str(self.folder), "-p", str(self.port),
                         "-U", "assistant", "-d", "assistant", "-tAc", sql).stdout.strip()


# Connections one client address may hold open at once. An intranet's users may all come from
# one address (a proxy, a NAT): raise it there. A browser holds one or two.
CONNECTIONS_PER_ADDRESS = 500


def haproxy_config(port: int, backends: list[int], stats_socket: Path) -> str:
    """HAProxy in front of chat replicas: sticky by a cookie it sets, websocket upgrade passed
    through, a replica that stops answering taken out within seconds. Slow clients cannot hold
    it: a request's headers must arrive within 10 s, an idle client is let go after 30 s (an
    open websocket after an hour), and one address holds at most
    :data:`CONNECTIONS_PER_ADDRESS` connections, so others (and ``/health``) are still served
    while one sends headers a byte at a time."""
    servers = "\n".join(
        f"    server chat{i} 127.0.0.1:{p} check inter 1s fall 2 rise 2 cookie chat{i}"
        for i, p in enumerate(backends, 1))
    return f"""global
    maxconn 4096
    stats socket {stats_socket} mode 600 level admin

defaults
    mode http
    timeout connect 5s
    timeout http-request 10s
    timeout http-keep-alive 10s
    timeout client 30s
    timeout server 5m
    timeout tunnel 1h
    option redispatch
    retries 2

frontend chat
    bind 127.0.0.1:{port}
    option forwardfor
    stick-table type ip size 100k expire 1m store conn_cur
    tcp-request connection track-sc0 src
    tcp-request connection reject if {{ sc_conn_cur(0) gt {CONNECTIONS_PER_ADDRESS} }}
    default_backend replicas

backend replicas
    balance roundrobin
    cookie RAADSGIDS_REPLICA insert indirect nocache httponly
    option httpchk GET /health
    http-check expect status 200
{servers}
"""


class Haproxy:
    def __init__(self, folder: Path, backends: list[int], port: int | None = None) -> None:
        exe = shutil.which("haproxy") or "/usr/sbin/haproxy"
        if not Path(exe).exists():
            raise RuntimeError(f"HAProxy is not installed (apt-get install {DEBIAN_HAPROXY}).")
        self.exe = exe
        self.folder = folder
        self.port = port or free_port()
        self.config = folder / "haproxy.cfg"
        folder.mkdir(parents=True, exist_ok=True)
        self.config.write_text(haproxy_config(self.port, backends, folder / "haproxy.sock"),
                               encoding="utf-8")
        self.proc: subprocess.Popen[bytes] | None = None
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        check = subprocess.run([self.exe, "-c", "-q", "-f", str(self.config)],
                               capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"HAProxy refuses its configuration: {check.stderr.strip()}")
        log = open(self.folder / "haproxy.log", "wb")  # noqa: SIM115 - kept open with the process
        self.proc = subprocess.Popen([self.exe, "-db", "-f", str(self.config)], stdout=log,
                                     stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        raise RuntimeError("HAProxy did not start; see haproxy.log")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None
