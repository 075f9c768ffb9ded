"""A reader on a phone over mobile data: first and repeat visits, straight to the app and through the
proxy (deploy/serve.py), under Chromium's network emulation.

    python -m bench.network [--no-write]

One app process behind Debian's nginx; the same process is also asked directly. For each link
(slow 4G: 1,6 Mbit/s down, 750 kbit/s up, 150 ms round trip; fast 3G: Chrome's preset, 1,44 Mbit/s,
675 kbit/s, 562,5 ms), each way in and each of `/` and `/kinh_te`: a new reader (empty cache) opens
the page — time until the view's chart is first painted (through the proxy: the picture the proxy
puts in the page, at the browser's first contentful paint) and until the app's live chart is drawn,
bytes over the wire (HTTP bodies and headers, and the
websocket's messages: through the proxy as nginx sent them, deflated), requests — then opens it again (the repeat visit, with what the browser kept).
Then the light page through the proxy on slow 4G: its size and first paint. Checks the budgets of
issues 16 and 27, prints a table, writes it into docs/benchmark.md and exits 1 on any FAIL.
"""
from __future__ import annotations

import argparse
import base64
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

from bench.serving import CHART, CHROMIUM, CHROMIUM_ARGS, REPO
from deploy.serve import served

DOC = REPO / "docs" / "benchmark.md"
BEGIN, END = "<!-- bench:network -->", "<!-- /bench:network -->"
LINKS = {  # Chromium's Network.emulateNetworkConditions: bytes per second, milliseconds
    "slow 4G": {"downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8, "latency": 150},
    "fast 3G": {"downloadThroughput": 1_440_000 / 8, "uploadThroughput": 675_000 / 8, "latency": 562.5},
}
PATHS = ("/", "/kinh_te")
# Issue 27's first visit (issue 16's were 9 s and 1,4 MB): what a weak link carries in a blink.
BUDGET_FIRST_S, BUDGET_FIRST_MB, BUDGET_REPEAT_S, BUDGET_LIGHT_S, BUDGET_LIGHT_KB = 5.0, 0.9, 4.0, 2.0, 150


class Wire:
    """What one page asked over the network, from Chromium's own events."""

    def __init__(self, cdp):
        self.http_bytes = 0
        self.socket_bytes = 0
        self.requests = 0
        self.from_cache = 0
        cdp.on("Network.requestWillBeSent", self._request)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.requestServedFromCache", self._cached)
        cdp.on("Network.webSocketFrameReceived", self._frame)
        cdp.on("Network.webSocketFrameSent", self._frame)

    def _request(self, event):
        self.requests += 1

    def _finished(self, event):
        self.http_bytes += int(event.get("encodedDataLength", 0))

    def _cached(self, event):
        self.from_cache += 1

    def _frame(self, event):
        payload = event["response"]["payloadData"]
        self.socket_bytes += len(base64.b64decode(payload)) if event["response"]["opcode"] == 2 else len(payload)

    def reset(self):
        self.http_bytes = self.socket_bytes = self.requests = self.from_cache = 0


def _visit(page, url: str, wire: Wire) -> dict:
    wire.reset()
    started = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=120_000)
    page.wait_for_selector(CHART, timeout=120_000)
    seconds = time.perf_counter() - started
    # Everything the visit brings counts, also what arrives after the first chart (the icon font).
    try:
        page.wait_for_load_state("networkidle", timeout=60_000)
    except Exception:  # noqa: BLE001 - a page that never falls quiet is counted as far as it got
        pass
    page.wait_for_timeout(500)
    # The first paint the proxy puts in the page (the view's title, summary and chart as SVG): when the
    # browser first painted content, if that paint was it (it is in the page and was shown).
    painted = page.evaluate("""() => {
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        return {fcp: paint ? paint.startTime / 1000 : null, first: !!document.querySelector('#ct-first svg')};
    }""")
    return {"seconds": seconds, "bytes": wire.http_bytes + wire.socket_bytes, "http_bytes": wire.http_bytes,
            "requests": wire.requests, "cached": wire.from_cache,
            "first_paint": painted["fcp"] if painted["first"] else None}


def socket_bytes_sent(access_log: Path) -> int | None:
    """What nginx sent on the last websocket that closed, as it went out (deflated when the app
    compresses its messages; Chromium reports them inflated)."""
    time.sleep(0.5)  # nginx writes the line once the socket is closed
    lines = [line for line in access_log.read_text().splitlines() if '"GET /_stcore/stream' in line]
    return int(lines[-1].split('" ', 1)[1].split()[1]) if lines else None


def measure_visits(browser, base: str, link: str | None, path: str,
                   access_log: Path | None = None) -> tuple[dict, dict]:
    """A new reader's first visit, then the same reader's repeat visit; through the proxy
    (`access_log`), the websocket's bytes as nginx sent them."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", ignore_https_errors=True)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        if link is not None:
            cdp.send("Network.emulateNetworkConditions", {"offline": False, **LINKS[link]})
        wire = Wire(cdp)
        first = _visit(page, base + path, wire)
        page.goto("about:blank")
        if access_log is not None:
            first["bytes"] = first["http_bytes"] + (socket_bytes_sent(access_log) or wire.socket_bytes)
        repeat = _visit(page, base + path, wire)
        page.goto("about:blank")
        if access_log is not None:
            repeat["bytes"] = repeat["http_bytes"] + (socket_bytes_sent(access_log) or wire.socket_bytes)
        return first, repeat
    finally:
        context.close()


def measure_light(browser, base: str) -> dict:
    """The light page on slow 4G: its bytes and the browser's first contentful paint. The page has
    no script; the browser's own is on only to read the paint timing."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", ignore_https_errors=True)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {"offline": False, **LINKS["slow 4G"]})
        wire = Wire(cdp)
        page.goto(f"{base}/app/static/kinh_te.html", wait_until="load", timeout=60_000)
        page.wait_for_function("() => performance.getEntriesByName('first-contentful-paint').length > 0",
                               timeout=30_000)
        first_paint = page.evaluate("() => performance.getEntriesByName('first-contentful-paint')[0].startTime")
        size = len((REPO / "data" / "light" / "kinh_te.html").read_bytes())
        return {"seconds": first_paint / 1000, "bytes": wire.http_bytes, "size": size}
    finally:
        context.close()


def run() -> dict:
    from playwright.sync_api import sync_playwright

    results = {"visits": [], "load_start": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="chitieu-network-") as home, \
            served(apps=1, run_dir=Path(home) / "run", env=home_env(Path(home) / "home")) as running, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            ways = {"direct": running["apps"][0]["url"], "proxy": running["url"]}
            for path in PATHS:  # the server's caches warm: the network is measured, not a first run
                measure_visits(browser, ways["direct"], None, path)
            for link in LINKS:
                for path in PATHS:
                    for way, base in ways.items():
                        first, repeat = measure_visits(browser, base, link, path,
                                                       running["run_dir"] / "access.log" if way == "proxy" else None)
                        results["visits"].append({"link": link, "path": path, "way": way,
                                                  "first": first, "repeat": repeat})
                        print(f"{link:8} {way:6} {path:9} first {first['seconds']:5.1f} s "
                              f"(its picture {_seconds(first['first_paint'])}) "
                              f"{first['bytes'] / 1e6:4.2f} MB {first['requests']:3} req · repeat "
                              f"{repeat['seconds']:4.1f} s {repeat['bytes'] / 1e6:4.2f} MB", flush=True)
            results["light"] = measure_light(browser, running["url"])
        finally:
            browser.close()
    results["load_end"] = os.getloadavg()[0]
    return results


def _seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} s"


def home_env(home: Path) -> dict[str, str]:
    home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
           "XDG_CACHE_HOME": str(home / ".cache"), "TMPDIR": str(home)}
    env.pop("CHITIEU_DATA_DIR", None)
    return env


def budgets(results: dict) -> list[tuple[str, str, str, bool]]:
    checks = []
    for visit in results["visits"]:
        if visit["link"] != "slow 4G" or visit["way"] != "proxy":
            continue
        first, repeat, path = visit["first"], visit["repeat"], visit["path"]
        checks.append((f"proxy, slow 4G: first visit `{path}` → the view's chart painted (picture in the page)",
                       f"≤ {BUDGET_FIRST_S:g} s", _seconds(first["first_paint"]),
                       first["first_paint"] is not None and first["first_paint"] <= BUDGET_FIRST_S))
        checks.append((f"proxy, slow 4G: first visit `{path}` → the app's first live chart", f"≤ {BUDGET_FIRST_S:g} s",
                       f"{first['seconds']:.1f} s", first["seconds"] <= BUDGET_FIRST_S))
        checks.append((f"proxy, slow 4G: first visit `{path}` bytes", f"≤ {BUDGET_FIRST_MB} MB",
                       f"{first['bytes'] / 1e6:.2f} MB", first["bytes"] / 1e6 <= BUDGET_FIRST_MB))
        checks.append((f"proxy, slow 4G: repeat visit `{path}` → first chart", f"≤ {BUDGET_REPEAT_S:.0f} s",
                       f"{repeat['seconds']:.1f} s", repeat["seconds"] <= BUDGET_REPEAT_S))
    light = results["light"]
    checks.append(("light page `kinh_te.html`, slow 4G: first paint", f"≤ {BUDGET_LIGHT_S:.0f} s",
                   f"{light['seconds']:.2f} s", 0 < light["seconds"] <= BUDGET_LIGHT_S))
    checks.append(("light page `kinh_te.html`: size", f"≤ {BUDGET_LIGHT_KB} KB",
                   f"{light['size'] / 1000:.0f} KB ({light['bytes'] / 1000:.0f} KB over the wire)",
                   light["size"] / 1000 <= BUDGET_LIGHT_KB))
    return checks


def report(results: dict, checks: list) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"Run of {now}. Load average (1 min) {results['load_start']:.2f} at start, {results['load_end']:.2f} "
             "at end: the machine's 2 cores are shared with other work, so the timings are noisy (one "
             "visit each); the bytes are exact.", "",
             "| link | way in | page | first visit → chart's picture | → live chart | bytes | requests | "
             "repeat visit → live chart | bytes |",
             "|---|---|---|--:|--:|--:|--:|--:|--:|"]
    for v in results["visits"]:
        f, r = v["first"], v["repeat"]
        lines.append(f"| {v['link']} | {v['way']} | `{v['path']}` | {_seconds(f['first_paint'])} | {f['seconds']:.1f} s | "
                     f"{f['bytes'] / 1e6:.2f} MB | {f['requests']} | {r['seconds']:.1f} s | {r['bytes'] / 1e6:.2f} MB |")
    lines += ["", "| budget | limit | measured | |", "|---|---|---|---|"]
    lines += [f"| {name} | {limit} | {value} | {'PASS' if ok else 'FAIL'} |" for name, limit, value, ok in checks]
    return "\n".join(lines)


def write_doc(text: str) -> None:
    doc = DOC.read_text(encoding="utf-8")
    if BEGIN in doc:
        head, rest = doc.split(BEGIN, 1)
        doc = head + BEGIN + "\n" + text + "\n" + END + rest.split(END, 1)[1]
    else:
        doc += f"\n{BEGIN}\n{text}\n{END}\n"
    DOC.write_text(doc, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmark.md alone")
    args = parser.parse_args(argv)
    if CHROMIUM is None:
        print("Debian's chromium is not installed (make chromium)", file=sys.stderr)
        return 2
    results = run()
    checks = budgets(results)
    text = report(results, checks)
    print(text)
    if not args.no_write:
        write_doc(text)
    return 0 if all(ok for *_, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
