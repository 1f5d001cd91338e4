"""Chromium driven over its DevTools pipe with as little instrumentation as the measures allow.

Playwright enables DevTools domains (Runtime, Network, ...) in every page and every worker it sees, so that
it can report their requests and evaluate in them, and its driver process handles their events on the
same cores as the page. For the live demo's first output, whose Python worker streams 20 MB while it
boots, that cost 160-270 ms here (docs/performance.md, "How it is measured"). A reader's browser has no
DevTools attached, so the time-critical measures use this driver instead: one browser context per page
(cold HTTP cache), the Page domain for its init script, device metrics for the viewport, and
`Runtime.evaluate` polls in the page. Nothing is attached to workers.

The protocol over the pipe: JSON messages separated by NUL bytes, Chromium reading fd 3 and writing fd 4.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from typing import Any


class DevToolsError(RuntimeError):
    pass


class PipeBrowser:
    """A headless Chromium and its DevTools pipe; `new_page()` opens a page in a new browser context."""

    def __init__(self, executable: str, args: list[str]) -> None:
        to_chromium, self._writer_fd = os.pipe()
        self._reader_fd, from_chromium = os.pipe()
        self.profile = tempfile.mkdtemp(prefix="docsgen-bench-")

        def give_pipe_fds() -> None:  # in the child, before exec: descriptor calls only
            # Out of the way first (either end may itself be 3 or 4), as copies that close on exec: Chromium
            # keeps only 3 and 4.
            reads, writes = (fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (to_chromium, from_chromium))
            os.dup2(reads, 3)
            os.dup2(writes, 4)

        command = [executable, "--headless", *args, "--remote-debugging-pipe", f"--user-data-dir={self.profile}",
                   "about:blank"]
        self.process = subprocess.Popen(command, preexec_fn=give_pipe_fds, close_fds=False,
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chromium)
        os.close(from_chromium)
        self._next_id = 0
        self._replies: dict[int, dict[str, Any]] = {}
        self._done = threading.Condition()
        self._closed = False
        threading.Thread(target=self._read_messages, daemon=True).start()
        self.version = self.send("Browser.getVersion")["product"].split("/", 1)[-1]

    def _read_messages(self) -> None:
        pending = b""
        while chunk := os.read(self._reader_fd, 1 << 16):
            pending += chunk
            *messages, pending = pending.split(b"\0")
            with self._done:
                for raw in messages:
                    message = json.loads(raw)
                    if "id" in message:
                        self._replies[message["id"]] = message
                self._done.notify_all()
        os.close(self._reader_fd)
        with self._done:
            self._closed = True
            self._done.notify_all()

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None,
             timeout: float = 60) -> dict[str, Any]:
        """Send one command and wait for its reply (the reply's `result`)."""
        with self._done:
            self._next_id += 1
            number = self._next_id
        message: dict[str, Any] = {"id": number, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._writer_fd, json.dumps(message).encode() + b"\0")
        with self._done:
            if not self._done.wait_for(lambda: number in self._replies or self._closed, timeout=timeout):
                raise DevToolsError(f"{method}: no reply within {timeout} s")
            if number not in self._replies:
                raise DevToolsError(f"{method}: Chromium closed its DevTools pipe")
            reply = self._replies.pop(number)
        if "error" in reply:
            raise DevToolsError(f"{method}: {reply['error'].get('message')}")
        return reply["result"]

    def new_page(self, width: int = 1280, height: int = 720, init_script: str | None = None) -> PipePage:
        """A blank page in a new browser context (its own, empty HTTP cache)."""
        context = self.send("Target.createBrowserContext")["browserContextId"]
        target = self.send("Target.createTarget", {"url": "about:blank", "browserContextId": context})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = PipePage(self, context, session)
        page.send("Page.enable")
        page.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        if init_script:
            page.send("Page.addScriptToEvaluateOnNewDocument", {"source": init_script})
        return page

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=10)
            self.process.wait(10)
        except (DevToolsError, OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        finally:
            os.close(self._writer_fd)
            shutil.rmtree(self.profile, ignore_errors=True)


class PipePage:
    def __init__(self, browser: PipeBrowser, context: str, session: str) -> None:
        self.browser = browser
        self.context = context
        self.session = session

    def send(self, method: str, params: dict[str, Any] | None = None, timeout: float = 60) -> dict[str, Any]:
        return self.browser.send(method, params, self.session, timeout)

    def goto(self, url: str) -> None:
        reply = self.send("Page.navigate", {"url": url})
        if reply.get("errorText"):
            raise DevToolsError(f"{url}: {reply['errorText']}")

    def evaluate(self, expression: str, timeout: float = 60) -> Any:
        """The value of `expression` in the page (awaited if it is a promise), as JSON."""
        reply = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True},
                          timeout)
        if "exceptionDetails" in reply:
            details = reply["exceptionDetails"]
            raise DevToolsError(details.get("exception", {}).get("description") or details.get("text"))
        return reply["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 120, every: float = 0.02) -> Any:
        """Poll `expression` until it is neither null nor false; return its value."""
        deadline = time.monotonic() + timeout
        last_error = ""
        while True:
            try:
                value = self.evaluate(expression)
            except DevToolsError as err:  # a poll that meets a navigation: the old document's context is gone
                if "context" not in str(err).lower():
                    raise
                value, last_error = None, f" (last: {err})"
            if value not in (None, False):
                return value
            if time.monotonic() > deadline:
                raise DevToolsError(f"timed out after {timeout} s waiting for {expression}{last_error}")
            time.sleep(every)

    def close(self) -> None:
        self.browser.send("Target.disposeBrowserContext", {"browserContextId": self.context})
