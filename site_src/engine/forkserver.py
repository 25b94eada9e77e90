"""A fork server with numpy and matplotlib already imported.

A fresh interpreter that imports numpy and pyplot costs about half a second
here, which would dominate a build of many short snippets. This process pays
that once, then forks one child per snippet: each child starts warm but is
its own process, so snippets cannot see each other or the build.

Protocol (JSON lines): the parent writes ``{"id", "path", "out"}`` on stdin;
the server answers ``{"id", "pid"}`` when the child starts and
``{"id", "status"}`` when it ends. ``status`` is the child's exit code, or
minus the signal that killed it.
"""

from __future__ import annotations

import json
import os
import select
import signal
import sys


def _preload() -> None:
    os.environ.setdefault("MPLBACKEND", "Agg")
    import importlib

    import matplotlib

    matplotlib.use("Agg")
    for module in ("matplotlib.pyplot", "numpy", "PIL.Image"):
        importlib.import_module(module)

    import site_src.engine.worker as worker

    worker.warm_up()


def _send(message: dict) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def serve() -> None:
    _preload()
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    running: dict[int, str] = {}
    stdin = sys.stdin.buffer
    buffer = b""
    _send({"ready": True})
    open_input = True
    while open_input or running:
        readable, _, _ = select.select(
            [stdin, wake_r] if open_input else [wake_r], [], [], 1.0
        )
        if wake_r in readable:
            os.read(wake_r, 4096)
        if stdin in readable:
            chunk = os.read(stdin.fileno(), 65536)
            if not chunk:
                open_input = False
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                if line.strip():
                    job = json.loads(line)
                    pid = _start(job)
                    running[pid] = job["id"]
                    _send({"id": job["id"], "pid": pid})
        while running:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            job_id = running.pop(pid, None)
            if job_id is not None:
                _send({"id": job_id, "status": os.waitstatus_to_exitcode(status)})


def _start(job: dict) -> int:
    pid = os.fork()
    if pid == 0:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        code = 1
        try:
            from site_src.engine.worker import run_snippet

            code = run_snippet(job["path"], job["out"])
        finally:
            os._exit(code)
    return pid


if __name__ == "__main__":
    serve()
