"""pressroom's background Prefect server: one local server shared by every command.

Without a configured Prefect API (PREFECT_API_URL, in the environment or the active
Prefect profile), Prefect starts a temporary server inside every command and stops it at
the end: seconds of every run's start-up (most of a small run's time). Instead, the first
command that needs Prefect starts this server in a process of its own, in the background;
later commands find it and use it. It stops itself once no command has used it for
`PRESSROOM_PREFECT_SERVER_IDLE_MINUTES` (30 by default) and none is running, or with
`pressroom server stop`. It is Prefect's own server as `prefect server start` runs it,
services included (so the scheduler makes a `pressroom serve` deployment's cron runs),
without the UI, on the temporary server's database (`$PREFECT_HOME/prefect.db`) and a
free loopback port.

Its files live in `$PREFECT_HOME/pressroom-server/` (or `$PRESSROOM_PREFECT_SERVER_DIR`):
`server.json` (pid and address of the running server), `server.log`, and two lock files.
Every command using the server holds `users.lock` shared while it runs; the server stops
only when it can take it exclusively, so it never stops under a running command (or a
`pressroom serve`). `PRESSROOM_PREFECT_SERVER=temporary` brings back Prefect's temporary
server per command.

This module is imported before Prefect (its point is to start the server while the
command imports Prefect), so it uses the standard library only, until the server
process itself imports Prefect's server.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
import subprocess
import sys
import threading
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from . import prefect_db

MODE_ENV = "PRESSROOM_PREFECT_SERVER"
DIR_ENV = "PRESSROOM_PREFECT_SERVER_DIR"
IDLE_ENV = "PRESSROOM_PREFECT_SERVER_IDLE_MINUTES"
DEFAULT_IDLE_MINUTES = 30.0
# A first start creates Prefect's database (migrations): tens of seconds on a busy machine.
START_TIMEOUT = 180.0
_MODULE = "flows.local_server"


class ServerError(RuntimeError):
    """The background server could not be started or reached."""


@dataclass(frozen=True)
class ServerInfo:
    pid: int
    port: int
    started_at: float
    # Runs Prefect's scheduler (every server this version starts does); False for a
    # server an earlier pressroom started in the temporary server's mode, still running.
    scheduler: bool = True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"


def server_dir() -> Path:
    if os.environ.get(DIR_ENV):
        return Path(os.environ[DIR_ENV]).expanduser()
    return prefect_home() / "pressroom-server"


def prefect_home() -> Path:
    return Path(os.environ.get("PREFECT_HOME") or "~/.prefect").expanduser()


def idle_seconds() -> float:
    raw = os.environ.get(IDLE_ENV, "")
    try:
        minutes = float(raw) if raw.strip() else DEFAULT_IDLE_MINUTES
    except ValueError:
        raise ServerError(f"{IDLE_ENV}={raw!r} is not a number of minutes") from None
    return max(0.0, minutes) * 60


def wanted() -> bool:
    """Whether commands should use the background server: not when a Prefect API is
    configured where this module can see it cheaply (the environment, the active
    profile), nor when PRESSROOM_PREFECT_SERVER=temporary."""
    mode = os.environ.get(MODE_ENV, "background").strip().lower() or "background"
    if mode not in ("background", "temporary"):
        raise ServerError(f"{MODE_ENV}={mode!r}: use 'background' (the default) or 'temporary'")
    return mode == "background" and not _api_url_in_env_or_profile()


def _api_url_in_env_or_profile() -> bool:
    return bool(prefect_settings().get("PREFECT_API_URL"))


def prefect_settings() -> dict[str, str]:
    """The active Prefect profile's settings with the environment's over them (the ones
    this module needs to see before Prefect is imported)."""
    path = Path(os.environ.get("PREFECT_PROFILES_PATH") or prefect_home() / "profiles.toml")
    try:
        profiles = tomllib.loads(path.expanduser().read_text("utf-8"))
    except (OSError, ValueError):
        profiles = {}
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active") or "ephemeral"
    settings = profiles.get("profiles", {}).get(active, {})
    merged = {str(k): str(v) for k, v in settings.items()} if isinstance(settings, dict) else {}
    merged.update((k, v) for k, v in os.environ.items() if k.startswith("PREFECT_"))
    return merged


# The lock every command using the server holds (shared) until it exits: the server
# stops only when it can take it exclusively.
_users_fd: int | None = None


def _hold_users_lock(directory: Path) -> None:
    global _users_fd
    if _users_fd is None:
        fd = os.open(directory / "users.lock", os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(fd, fcntl.LOCK_SH)
        _users_fd = fd


def release_users_lock() -> None:
    """Stop counting this process as a user (for `pressroom server stop`, and tests)."""
    global _users_fd
    if _users_fd is not None:
        os.close(_users_fd)
        _users_fd = None


@contextlib.contextmanager
def _locked(path: Path, how: int = fcntl.LOCK_EX) -> Iterator[None]:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, how)
        yield
    finally:
        os.close(fd)


def read_state(directory: Path | None = None) -> ServerInfo | None:
    directory = directory or server_dir()
    try:
        data = json.loads((directory / "server.json").read_text("utf-8"))
        return ServerInfo(
            pid=int(data["pid"]),
            port=int(data["port"]),
            started_at=data["started"],
            scheduler=bool(data.get("scheduler", False)),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_state(directory: Path, info: ServerInfo) -> None:
    tmp = directory / "server.json.tmp"
    tmp.write_text(
        json.dumps(
            {
                "pid": info.pid,
                "port": info.port,
                "started": info.started_at,
                "scheduler": info.scheduler,
            }
        ),
        "utf-8",
    )
    tmp.replace(directory / "server.json")


def _forget(directory: Path, pid: int) -> None:
    """Remove the state file if it still names `pid`."""
    state = read_state(directory)
    if state and state.pid == pid:
        with contextlib.suppress(OSError):
            (directory / "server.json").unlink()


def is_alive(pid: int) -> bool:
    """Whether `pid` is a running (not zombie) background server process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: a signal 0 tells at least that the pid exists
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return True
    state = stat.rsplit(")", 1)[-1].split()[0]
    return state not in ("Z", "X") and _MODULE.encode() in cmdline


def is_healthy(info: ServerInfo, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{info.url}/health", timeout=timeout) as answer:
            return answer.status == 200
    except (OSError, ValueError):
        return False


@dataclass
class Pending:
    """A background server this command uses: already running, or starting."""

    info: ServerInfo
    started: bool  # this command started it
    process: subprocess.Popen | None = None

    def wait(self, timeout: float = START_TIMEOUT) -> ServerInfo:
        """Block until the server answers; its address."""
        deadline = time.monotonic() + timeout
        pause = 0.02
        while True:
            if is_healthy(self.info):
                return self.info
            dead = (
                self.process.poll() is not None
                if self.process is not None
                else not is_alive(self.info.pid)
            )
            if dead:
                raise ServerError(
                    f"the background Prefect server (pid {self.info.pid}) stopped while "
                    f"starting; its log: {server_dir() / 'server.log'}{_log_tail()}"
                )
            if time.monotonic() > deadline:
                raise ServerError(
                    f"the background Prefect server did not answer within {timeout:.0f} s; "
                    f"its log: {server_dir() / 'server.log'}{_log_tail()}"
                )
            time.sleep(pause)
            pause = min(0.1, pause * 1.5)


def _log_tail(lines: int = 5) -> str:
    try:
        tail = (server_dir() / "server.log").read_text("utf-8", "replace").splitlines()[-lines:]
    except OSError:
        return ""
    return "".join(f"\n  {line}" for line in tail)


def begin() -> Pending | None:
    """Find the background server or start it, without waiting for it to answer (the
    caller imports Prefect meanwhile). None when it is not wanted (see `wanted`)."""
    if not wanted():
        return None
    directory = server_dir()
    directory.mkdir(parents=True, exist_ok=True)
    # First the users lock: a server that decided to stop has removed its state file
    # before this returns, so it is not found below.
    _hold_users_lock(directory)
    with _locked(directory / "start.lock"):
        state = read_state(directory)
        if state and is_alive(state.pid):
            return Pending(state, started=False)
        return _spawn(directory)


def _spawn(directory: Path) -> Pending:
    settings = prefect_settings()
    prefect_db.plant(prefect_home(), settings)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    if prefect_db.migrated(prefect_home(), settings):
        env.setdefault("PREFECT_SERVER_DATABASE_MIGRATE_ON_START", "false")
    with open(directory / "server.log", "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", _MODULE, "--port", str(port), "--dir", str(directory)],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            # Its own session: a Ctrl-C in the terminal is for the command, not for it.
            start_new_session=True,
            cwd=str(directory),
        )
    info = ServerInfo(pid=process.pid, port=port, started_at=time.time())
    _write_state(directory, info)
    return Pending(info, started=True, process=process)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(directory: Path | None = None, timeout: float = 15.0) -> ServerInfo | None:
    """Stop the background server (waiting for it to exit); what was stopped, or None."""
    import signal

    directory = directory or server_dir()
    with _locked(directory / "start.lock") if directory.is_dir() else contextlib.nullcontext():
        state = read_state(directory)
        if state is None:
            return None
        if is_alive(state.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(state.pid, signal.SIGTERM)
            deadline = time.monotonic() + timeout
            while is_alive(state.pid) and time.monotonic() < deadline:
                time.sleep(0.05)
            if is_alive(state.pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(state.pid, signal.SIGKILL)
        _forget(directory, state.pid)
        return state


def cancel(pending: Pending | None) -> None:
    """Stop a server this command started and no longer needs (a usage error found
    after starting it); a server found running is left alone."""
    if pending is not None and pending.started:
        stop()


@contextlib.contextmanager
def connected(pending: Pending | None, updates: dict | None = None) -> Iterator[str | None]:
    """Run the block against the background server `pending` (waiting for it to answer),
    unless Prefect's own settings name an API after all (a prefect.toml, say): then the
    block runs as Prefect would run it. Prefect settings `updates` apply too (one settings
    context: each costs a validation of all of Prefect's settings). The address used, or
    None. Imports Prefect."""
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    updates = dict(updates or {})
    url = None
    if pending is not None and not get_current_settings().api.url:
        url = pending.wait().url
        # The environment too: processes this one starts (served runs, local Dask
        # workers) report to the same server.
        os.environ["PREFECT_API_URL"] = url
        updates[PREFECT_API_URL] = url
    if not updates:
        yield url
        return
    with temporary_settings(updates=updates):
        yield url


# The server process.


class _LastRequest:
    """The ASGI app, noting when it last received a request."""

    def __init__(self, app) -> None:
        self.app = app
        self.at = time.monotonic()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "lifespan":
            self.at = time.monotonic()
        await self.app(scope, receive, send)


def _watch_idle(server, tracked: _LastRequest, directory: Path, idle: float) -> None:
    """Stop the server once unused for `idle` seconds with no command running."""
    while not server.should_exit:
        time.sleep(max(0.2, min(5.0, idle / 4)))
        if time.monotonic() - tracked.at < idle:
            continue
        fd = os.open(directory / "users.lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        try:
            # While this holds the lock no command can find the server: after the state
            # file is gone, the next command starts a new one.
            with _locked(directory / "start.lock"):
                _forget(directory, os.getpid())
        finally:
            os.close(fd)
        server.should_exit = True


def _serve(port: int, directory: Path) -> None:
    # Not the temporary server's (ephemeral) mode: that runs no scheduler, so a
    # `pressroom serve` cron schedule would create no runs. This is `prefect server start`
    # without the UI: the scheduler, late-run marking and the other loop services run
    # (each a cheap query every few seconds; they make no HTTP requests, so they do not
    # keep the server from stopping when unused).
    os.environ.pop("PREFECT__SERVER_EPHEMERAL", None)
    os.environ.update({"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_FINAL": "1"})
    import uvicorn
    from prefect.server.api.server import create_app

    tracked = _LastRequest(create_app(final=True))
    config = uvicorn.Config(tracked, host="127.0.0.1", port=port, log_level="error", lifespan="on")
    server = uvicorn.Server(config)
    watcher = threading.Thread(
        target=_watch_idle, args=(server, tracked, directory, idle_seconds()), daemon=True
    )
    watcher.start()
    try:
        server.run()
    finally:
        _forget(directory, os.getpid())


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description="pressroom's background Prefect server")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", type=Path, required=True)
    args = parser.parse_args(argv)
    _serve(args.port, args.dir)


if __name__ == "__main__":
    main()
