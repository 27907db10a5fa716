"""Accessibility and markup checks for any page a browser journey reaches.

`audit(page)` runs axe-core in the page and the Nu HTML Checker (vnu) on its HTML, so every
journey also proves that what it walked through is usable with a screen reader and a keyboard
and is valid HTML. Both tools come from package.json (`npm ci` installs them into
node_modules/, `make test` does it); vnu runs once per test session as a local HTTP service,
because starting Java for each page would cost seconds.

What fails a test: axe violations of impact "serious" or "critical", and vnu errors. Lesser axe
violations and vnu warnings are collected and printed in the summary at the end of the run;
a vnu warning that we knowingly keep is listed in KEPT_WARNINGS with the reason.
"""

import atexit
import contextlib
import http.client
import json
import re
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
FATAL_IMPACTS = ("serious", "critical")
USER_AGENT = "ruhrbridge-browser-audit"  # the checker answers 400 to requests without one

# vnu warnings we keep, each with the reason; matched against the message text. A warning
# not listed here is still only reported (in the run's summary), so that it gets a look.
KEPT_WARNINGS: dict[str, str] = {}

# vnu errors that are not errors for this site, each with the reason (none: htmx's attributes
# are written data-hx-*, which HTML allows).
IGNORED_ERRORS: dict[str, str] = {}


@dataclass
class Audited:
    """What one audit saw: printed in the summary at the end of the test run."""

    url: str
    label: str
    minor: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


AUDITED: list[Audited] = []


def audit(page, label: str = "") -> None:
    """Fail the test if the page has serious or critical axe violations or invalid HTML."""
    page.wait_for_load_state("load")
    record = Audited(url=page.url, label=label)
    AUDITED.append(record)
    problems = _axe_problems(page, record) + _markup_problems(page, record)
    if problems:
        where = f"{label} " if label else ""
        pytest.fail(
            f"{where}{page.url}: {len(problems)} accessibility/markup problem(s)\n"
            + "\n".join(problems),
            pytrace=False,
        )


# axe-core ------------------------------------------------------------------------------------


def _axe_problems(page, record: Audited) -> list[str]:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS.relative_to(ROOT)} is missing: run `npm ci` (make test does).")
    # page.evaluate runs through the DevTools protocol, which the site's CSP does not govern;
    # a <script> tag would need the CSP to allow inline script.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    problems = []
    for violation in results["violations"]:
        line = _axe_line(violation)
        if violation.get("impact") in FATAL_IMPACTS:
            problems.append(line)
        else:
            record.minor.append(line)
    return problems


_AXE_SOURCE: list[str] = []


def _axe_source() -> str:
    if not _AXE_SOURCE:
        _AXE_SOURCE.append(AXE_JS.read_text(encoding="utf-8"))
    return _AXE_SOURCE[0]


def _axe_line(violation: dict) -> str:
    targets = [
        " ".join(map(str, node["target"]))
        if isinstance(node["target"], list)
        else str(node["target"])
        for node in violation["nodes"][:3]
    ]
    more = len(violation["nodes"]) - len(targets)
    return (
        f"  axe {violation['id']} ({violation.get('impact')}): {violation['help']}\n"
        f"      at {', '.join(targets)}" + (f" and {more} more" if more > 0 else "")
    )


# Nu HTML Checker ---------------------------------------------------------------------------


def _markup_problems(page, record: Audited) -> list[str]:
    problems = []
    for message in vnu_messages(_document_html(page)):
        line = _vnu_line(message)
        if message.get("type") == "info":
            if message.get("subType") != "warning":
                continue
            reason = _reason(KEPT_WARNINGS, message.get("message", ""))
            (record.kept if reason else record.warnings).append(line)
        elif not _reason(IGNORED_ERRORS, message.get("message", "")):
            problems.append(line)  # "error" and "non-document-error"
    return problems


def _document_html(page) -> str:
    """The HTML as the server sent it, when the journey recorded the response (see
    journeys.watch_csp): the browser's own serialization (page.content()) would hide parse
    errors such as a stray end tag or a block inside a paragraph, which the parser repairs."""
    response = getattr(page, "document_response", None)
    if response is not None and response.url.split("#")[0] == page.url.split("#")[0]:
        with contextlib.suppress(Exception):  # body gone (e.g. a redirect): use the DOM
            return response.text()
    return page.content()


def _reason(known: dict[str, str], message: str) -> str:
    for pattern, reason in known.items():
        if re.search(pattern, message):
            return reason
    return ""


def _vnu_line(message: dict) -> str:
    extract = (message.get("extract") or "").replace("\n", "⏎")
    kind = message.get("subType") or message.get("type")
    return (
        f"  vnu {kind} line {message.get('lastLine', '?')}: {message.get('message', '')}\n"
        f"      {extract[:160]}"
    )


def vnu_messages(html: str) -> list[dict]:
    """The Nu HTML Checker's messages for the document."""
    connection = http.client.HTTPConnection("127.0.0.1", _vnu_port(), timeout=60)
    try:
        connection.request(
            "POST",
            "/?out=json",
            body=html.encode("utf-8"),
            headers={"Content-Type": "text/html; charset=utf-8", "User-Agent": USER_AGENT},
        )
        return json.load(connection.getresponse())["messages"]
    finally:
        connection.close()


_VNU: dict[str, object] = {}


def vnu_start() -> None:
    """Start the checker on a free loopback port, without waiting for it: Java takes a few
    seconds to come up, which the first journey's browser work can hide."""
    if "process" in _VNU:
        return
    if not VNU_JAR.exists():
        pytest.fail(f"{VNU_JAR.relative_to(ROOT)} is missing: run `npm ci` (make test does).")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [
            "java",
            # C1 only: the checker starts in half the time; its deep schema recursion
            # needs a larger stack than the default then.
            "-XX:TieredStopAtLevel=1",
            "-Xss4m",
            "-Dnu.validator.servlet.bind-address=127.0.0.1",
            "-cp",
            str(VNU_JAR),
            "nu.validator.servlet.Main",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    atexit.register(_stop, process)
    _VNU["process"] = process
    _VNU["port"] = port


def _vnu_port() -> int:
    """The checker's port, once it answers."""
    vnu_start()
    port = int(_VNU["port"])
    if _VNU.get("ready"):
        return port
    process = _VNU["process"]
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"The Nu HTML Checker exited at start (code {process.returncode}).")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", "/", headers={"User-Agent": USER_AGENT})
            if connection.getresponse().status == 200:
                _VNU["ready"] = True
                return port
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.2)
    pytest.fail("The Nu HTML Checker did not answer within 180 seconds.")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


# Summary -------------------------------------------------------------------------------------


def summary_lines() -> list[str]:
    """For the end of the run: how many pages were audited and what was let through."""
    if not AUDITED:
        return []
    lines = [f"{len(AUDITED)} page views audited ({len({a.url for a in AUDITED})} distinct URLs)"]
    for record in AUDITED:
        if record.minor or record.warnings:
            lines.append(f"{record.label or '-'} {record.url}")
            lines.extend(record.minor + record.warnings)
    kept = sum(len(record.kept) for record in AUDITED)
    if kept:
        lines.append(f"{kept} known vnu warnings kept (see KEPT_WARNINGS in audit.py)")
    return lines
