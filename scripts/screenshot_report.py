"""Screenshot the HTML report of the embedded data in headless Chromium, with no network.

Usage (from the repository root)::

    .venv/bin/python scripts/screenshot_report.py                # docs/images/report-vi.png
    .venv/bin/python scripts/screenshot_report.py --lang en --output /tmp/report-en.png

It does what the browser test in ``tests/test_report_html.py`` does (the
test imports this file): it renders ``dean06.report.build(
dean06.datasets.quang_ngai_2023()).render("html", lang)`` to a temporary
file, opens it in Debian's ``chromium`` (headless, a fresh profile, every
background service off) and saves the first screen: 1240 x 1754 CSS
pixels, the proportions of an A4 page.

No network, and proof of it.  Chromium runs with
``--host-resolver-rules="MAP * ~NOTFOUND"`` and ``--proxy-server=127.0.0.1:9``,
so any request it tried would fail (fail closed), and it is driven through
the DevTools protocol over a pipe (``--remote-debugging-pipe``: no port is
opened), which reports every request the page makes
(``Network.requestWillBeSent``): the only one allowed is the document's own
``file://`` URL.  The same session checks that the page finished loading
and rendered every chart (``Runtime.evaluate``) and takes the screenshot
(``Page.captureScreenshot``).

Needs Chromium (``apt-get install -y chromium``); exits with status 2 and a
message when it is missing.  Nothing here is part of the dean06 package.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import signal
import struct
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = ROOT / "docs" / "images" / "report-vi.png"
WIDTH, HEIGHT = 1240, 1754  # CSS pixels: A4 proportions (210 x 297 mm) at 150 dpi
TIMEOUT = 60.0  # seconds, for the whole browser session

#: The flags every run uses: headless, a throwaway profile (added per run),
#: no background service, and no way out (any request fails).
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
    f"--window-size={WIDTH},{HEIGHT}",
    "--remote-debugging-pipe",
)

# What the page reports about itself once loaded (Runtime.evaluate).
_PAGE_FACTS = """JSON.stringify({
  readyState: document.readyState,
  title: document.title,
  lang: document.documentElement.lang,
  svgs: document.querySelectorAll("svg").length,
  tables: document.querySelectorAll("table").length,
  figures: document.querySelectorAll("[data-figure]").length,
  footer: document.querySelector("footer") !== null,
  images: document.images.length,
  scripts: document.scripts.length,
  stylesheets: document.styleSheets.length,
  height: document.documentElement.scrollHeight
})"""


class BrowserError(RuntimeError):
    """Chromium failed, answered with an error, or did not answer in time."""


def find_chromium() -> str | None:
    """The path of Debian's chromium (or chromium-browser), or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass(frozen=True)
class Capture:
    """What one browser session saw.

    Attributes:
        url: the document's URL.
        png: the screenshot (PNG).
        requests: every URL the page requested, the document's own first.
        facts: what the page reported about itself (see ``_PAGE_FACTS``).
    """

    url: str
    png: bytes
    requests: tuple[str, ...]
    facts: dict[str, Any]

    @property
    def outside_requests(self) -> list[str]:
        """Requests other than the document itself: any is a failure."""
        return [url for url in self.requests if url != self.url]


class _DevTools:
    """The Chrome DevTools protocol over ``--remote-debugging-pipe`` (NUL-separated JSON)."""

    def __init__(self, send: int, receive: int, deadline: float) -> None:
        self.send, self.receive, self.deadline = send, receive, deadline
        self.buffer = b""
        self.events: list[dict[str, Any]] = []
        self.last_id = 0

    def _message(self) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            left = self.deadline - time.monotonic()
            ready, _, _ = select.select([self.receive], [], [], max(left, 0.0))
            if not ready:
                msg = f"chromium did not answer within {TIMEOUT:.0f} s"
                raise BrowserError(msg)
            chunk = os.read(self.receive, 1 << 20)
            if not chunk:
                msg = "chromium closed the DevTools pipe"
                raise BrowserError(msg)
            self.buffer += chunk
        message, _, self.buffer = self.buffer.partition(b"\0")
        result: dict[str, Any] = json.loads(message)
        return result

    def call(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        self.last_id += 1
        command: dict[str, Any] = {"id": self.last_id, "method": method, "params": params or {}}
        if session is not None:
            command["sessionId"] = session
        os.write(self.send, json.dumps(command).encode() + b"\0")
        while True:
            message = self._message()
            if message.get("id") == self.last_id:
                if "error" in message:
                    msg = f"{method}: {message['error']}"
                    raise BrowserError(msg)
                result: dict[str, Any] = message.get("result", {})
                return result
            self.events.append(message)

    def wait_for(self, method: str) -> dict[str, Any]:
        for event in self.events:
            if event.get("method") == method:
                return event
        while True:
            message = self._message()
            self.events.append(message)
            if message.get("method") == method:
                return message


def _high_fd(fd: int) -> int:
    """A copy of *fd* numbered 10 or more, so that moving it to 3 or 4 clobbers nothing."""
    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return high


def _wait(pid: int, seconds: float) -> bool:
    """Wait up to *seconds* for process *pid* to end; True when it did (and is reaped)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            return True
        time.sleep(0.05)
    return False


def capture(
    html_path: Path,
    *,
    chromium: str | None = None,
    fast: bool = False,
    timeout: float = TIMEOUT,
) -> Capture:
    """Open *html_path* in headless Chromium with no network; screenshot the first screen.

    Chromium is started with :func:`os.posix_spawn` in a session of its own,
    the DevTools pipe on its descriptors 3 (commands in) and 4 (answers
    out); if it has not ended 10 s after the session, its process group
    (only the processes this call started) is killed.

    Args:
        html_path: the HTML file.
        chromium: the browser (default: :func:`find_chromium`).
        fast: ask for a PNG that is quick to encode and decode (larger).
        timeout: seconds for the whole session.

    Raises:
        BrowserError: when Chromium is missing, fails or does not answer.
    """
    browser = chromium or find_chromium()
    if browser is None:
        msg = "chromium is not installed (apt-get install -y chromium)"
        raise BrowserError(msg)
    url = html_path.resolve().as_uri()
    deadline = time.monotonic() + timeout
    with tempfile.TemporaryDirectory(prefix="dean06-chromium-") as profile:
        child_in, send = os.pipe()  # we write commands; chromium reads its fd 3
        receive, child_out = os.pipe()  # chromium writes its fd 4; we read
        child_in, child_out = _high_fd(child_in), _high_fd(child_out)
        log = Path(profile, "chromium.log")
        argv = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"]
        pid = os.posix_spawn(
            browser,
            argv,
            os.environ,
            file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
                (os.POSIX_SPAWN_OPEN, 2, str(log), os.O_WRONLY | os.O_CREAT, 0o600),
                (os.POSIX_SPAWN_DUP2, child_in, 3),
                (os.POSIX_SPAWN_DUP2, child_out, 4),
            ],
            setsid=True,
        )
        os.close(child_in)
        os.close(child_out)
        try:
            return _session(_DevTools(send, receive, deadline), url, fast=fast)
        except BrowserError as error:
            tail = log.read_text(errors="replace").splitlines()[-5:] if log.exists() else []
            msg = "\n".join([str(error), *tail])
            raise BrowserError(msg) from None
        finally:
            os.close(send)
            os.close(receive)
            if not _wait(pid, 10):
                os.killpg(pid, signal.SIGKILL)
                os.waitpid(pid, 0)


def _session(devtools: _DevTools, url: str, *, fast: bool) -> Capture:
    targets = devtools.call("Target.getTargets")["targetInfos"]
    page = next(t["targetId"] for t in targets if t["type"] == "page")
    attach = {"targetId": page, "flatten": True}
    session = devtools.call("Target.attachToTarget", attach)["sessionId"]
    devtools.call("Network.enable", session=session)
    devtools.call("Page.enable", session=session)
    metrics = {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False}
    devtools.call("Emulation.setDeviceMetricsOverride", metrics, session=session)
    devtools.call("Page.navigate", {"url": url}, session=session)
    devtools.wait_for("Page.loadEventFired")
    evaluate = {"expression": _PAGE_FACTS, "returnByValue": True}
    facts = json.loads(
        devtools.call("Runtime.evaluate", evaluate, session=session)["result"]["value"]
    )
    shot = {"format": "png", "optimizeForSpeed": fast}
    png = base64.b64decode(devtools.call("Page.captureScreenshot", shot, session=session)["data"])
    requests = tuple(
        event["params"]["request"]["url"]
        for event in devtools.events
        if event.get("method") == "Network.requestWillBeSent"
    )
    with contextlib.suppress(BrowserError):  # it may close the pipe before it answers
        devtools.call("Browser.close")
    return Capture(url=url, png=png, requests=requests, facts=facts)


# -- PNG, without Pillow --------------------------------------------------------------------


def decode_png(data: bytes) -> tuple[int, int, int, list[bytes]]:
    """(width, height, bytes per pixel, rows) of an 8-bit, non-interlaced PNG.

    Raises:
        ValueError: for anything else.
    """
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        msg = "not a PNG"
        raise ValueError(msg)
    position, chunks, header = 8, [], b""
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or interlace or channels is None:
        msg = f"unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})"
        raise ValueError(msg)
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    rows, previous, offset = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[offset], bytearray(raw[offset + 1 : offset + 1 + stride])
        offset += 1 + stride
        _unfilter(kind, line, previous, channels)
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def _unfilter(kind: int, line: bytearray, previous: bytearray, bpp: int) -> None:
    if kind == 2:  # Up, the common case: add the row above, byte by byte
        size = len(line)
        low = int.from_bytes((b"\xff\x00" * (size // 2 + 1))[:size], "big")
        high = int.from_bytes(b"\xff" * size, "big") ^ low
        a, b = int.from_bytes(line, "big"), int.from_bytes(previous, "big")
        total = (((a & low) + (b & low)) & low) | (((a & high) + (b & high)) & high)
        line[:] = total.to_bytes(size, "big")
        return
    for k in range(len(line)):
        left = line[k - bpp] if k >= bpp else 0
        up = previous[k]
        if kind == 1:
            line[k] = (line[k] + left) & 255
        elif kind == 3:
            line[k] = (line[k] + ((left + up) >> 1)) & 255
        elif kind == 4:
            corner = previous[k - bpp] if k >= bpp else 0
            guess = left + up - corner
            pa, pb, pc = abs(guess - left), abs(guess - up), abs(guess - corner)
            nearest = left if pa <= pb and pa <= pc else up if pb <= pc else corner
            line[k] = (line[k] + nearest) & 255


def pixel_variety(png: bytes, step: int = 4) -> tuple[int, float]:
    """(distinct colours, share of pixels that are not white) over a grid of *step* pixels."""
    width, height, channels, rows = decode_png(png)
    colours: set[bytes] = set()
    ink = total = 0
    for y in range(0, height, step):
        row = rows[y]
        for x in range(0, width, step):
            pixel = row[x * channels : x * channels + min(channels, 3)]
            colours.add(pixel)
            total += 1
            ink += pixel != b"\xff" * len(pixel)
    return len(colours), ink / max(total, 1)


# -- the command ----------------------------------------------------------------------------


def render_report(lang: str, path: Path) -> str:
    """Write the embedded report's HTML in *lang* to *path*; returns the HTML."""
    import dean06.datasets  # noqa: PLC0415 - after argument parsing, for a quick --help
    import dean06.report  # noqa: PLC0415

    report = dean06.report.build(dean06.datasets.quang_ngai_2023())
    text = report.render("html", lang=lang)
    path.write_text(text, encoding="utf-8")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    if find_chromium() is None:
        print("chromium is not installed: apt-get install -y chromium", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="dean06-report-") as folder:
        page = Path(folder) / f"report-{args.lang}.html"
        render_report(args.lang, page)
        result = capture(page)
    if result.outside_requests:
        print(f"the page made requests: {result.outside_requests}", file=sys.stderr)
        return 1
    colours, ink = pixel_variety(result.png, step=8)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(result.png)
    print(
        f"{args.output}: {len(result.png):,} bytes, {WIDTH}x{HEIGHT}, {colours} colours, "
        f"{ink:.0%} ink; {result.facts['svgs']} charts; no request outside the file"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
