"""The link previews behind the proxy: a small HTTP server on 127.0.0.1 that nginx asks when a chat
app fetches a shared link (deploy/nginx.conf.template), with no Streamlit in it.

    python -m deploy.preview --port 8601 [--cache-dir DIR]

GET /app/link/<page>?<query> → the page a chat app reads for that link (lib/export/link_preview.py);
GET /app/preview.png?page=<page>&<query> → the picture of that view's headline chart;
GET /app/first/<page>?<query> → the first paint of that view inside the app's page (nginx includes it);
GET /healthz → ok once the default views' first paints are made (503 before). Anything else is a 404.
The default views' first paints are made again whenever a new snapshot is published.
"""
from __future__ import annotations

import argparse
import contextlib
import logging
import os
import queue
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import parse_qs, quote, urlsplit

if TYPE_CHECKING:
    from lib.export.link_preview import Previews

REPO = Path(__file__).resolve().parent.parent
LINK, PICTURE, FIRST = "/app/link", "/app/preview.png", "/app/first"
BUSY_S = 10
log = logging.getLogger("chitieu.preview")


def data_dir() -> Path:
    return Path(os.environ.get("CHITIEU_DATA_DIR") or REPO / "data")


class Handler(BaseHTTPRequestHandler):
    previews: ClassVar[Previews]  # set by serve(): one for every request
    lock = threading.Lock()  # one picture or first paint made at a time: they hold a core each
    wanted: queue.Queue = queue.Queue(maxsize=64)  # first paints asked for before they were made
    prepared = threading.Event()

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        parts = urlsplit(self.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        try:
            if parts.path == "/healthz":
                if not self.prepared.is_set():
                    return self._send(503, "text/plain; charset=utf-8", b"preparing\n")
                return self._send(200, "text/plain; charset=utf-8", b"ok\n")
            if parts.path == PICTURE:
                page = (query.pop("page", None) or [""])[0]
                link = self.previews.read(page, query)
                if not self.lock.acquire(timeout=BUSY_S):  # a flood of new views waits no longer than this
                    return self._send(503, "text/plain; charset=utf-8", b"busy\n")
                try:
                    png = self.previews.picture(link)
                finally:
                    self.lock.release()
                if png is None:  # the page draws no chart for that view
                    return self._send(404, "text/plain; charset=utf-8", b"no chart\n")
                return self._send(200, "image/png", png, "public, max-age=86400")
            if parts.path == FIRST or parts.path.startswith(FIRST + "/"):
                # Included in the app's page by nginx: never made while that page waits, only queued.
                link = self.previews.read(parts.path[len(FIRST):] or "/", query)
                fragment = self.previews.first_paint_made(link)
                if fragment is None:
                    with contextlib.suppress(queue.Full):
                        self.wanted.put_nowait(link)
                return self._send(200, "text/html; charset=utf-8", (fragment or "").encode("utf-8"), "no-cache")
            if parts.path == LINK or parts.path.startswith(LINK + "/"):
                path = parts.path[len(LINK):] or "/"
                host = self.headers.get("Host", "localhost")
                address = quote(path) + (f"?{parts.query}" if parts.query else "")
                page = self.previews.html(self.previews.read(path, query), f"https://{host}", address)
                return self._send(200, "text/html; charset=utf-8", page.encode("utf-8"), "no-cache")
            return self._send(404, "text/plain; charset=utf-8", b"not found\n")
        except Exception:  # noqa: BLE001 - the proxy then gives the static light page instead
            log.exception("preview of %s failed", self.path)
            return self._send(500, "text/plain; charset=utf-8", b"preview failed\n")

    def _send(self, status: int, kind: str, body: bytes, cache: str = "no-store") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - nginx's access log has every request
        pass


def serve(port: int, cache_dir: Path) -> None:
    from lib.export.link_preview import Previews
    from lib.web.registry import reader_pages

    pages = reader_pages()  # every page's link previews its own view
    Handler.previews = Previews(data_dir(), {key: address for key, (address, _) in pages.items()}, cache_dir,
                                {key: kind for key, (_, kind) in pages.items()})
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    # Links answered at once (a restarted server is back in seconds); make serve waits for /healthz,
    # which says ok only once the default views' first paints are made.
    threading.Thread(target=prepare, args=(Handler.previews,), daemon=True).start()
    server.daemon_threads = True
    server.serve_forever()


def prepare(previews) -> None:
    """The first paints of every page's default view in both languages, made before anyone asks, and
    again for each snapshot published later; then the first paints pages asked for and did not get."""
    from deploy import warm

    seen = warm.shown_snapshot(previews.data_dir)
    make_defaults(previews)
    Handler.prepared.set()
    warm.on_new_snapshot(previews.data_dir, lambda _: make_defaults(previews), seen, threading.Event())
    make_wanted(previews)


def make_defaults(previews) -> None:
    """The first paints of every page's default view of the snapshot shown now, in both languages."""
    for address in previews.addresses.values():
        for query in ({}, {"lang": ["en"]}):
            try:
                with Handler.lock:
                    previews.first_paint(previews.read(f"/{address}", query))
            except Exception:  # noqa: BLE001 - made on the first ask instead
                log.exception("first paint of /%s %s not prepared", address, query)


def make_wanted(previews) -> None:
    """The first paints pages asked for and did not get, made one by one for their next reader."""
    while True:
        link = Handler.wanted.get()
        try:
            with Handler.lock:
                previews.first_paint(link)
        except Exception:  # noqa: BLE001 - the page is shown without it
            log.exception("first paint of %s not made", link.address)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8601)
    parser.add_argument("--cache-dir", type=Path, default=REPO / ".run" / "previews")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    serve(args.port, args.cache_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
