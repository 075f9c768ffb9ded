"""`make serve`: Debian's nginx in front of N app processes on this machine, as the current user.

    python -m deploy.serve [--apps 1] [--https-port 8443] [--first-app-port 8501] [--run-dir DIR]
    python -m deploy.serve --light-only      # only write the light pages of the newest snapshot

Renders deploy/nginx.conf.template into a run folder (certificate, pid, logs, temp files; never
/etc), makes a self-signed certificate there (deploy/make-cert.sh), writes the light pages of the
newest snapshot, starts the app processes and the link preview server (deploy/preview.py) on
127.0.0.1 and nginx on https://localhost:PORT, and stops them all on Ctrl-C or when an app process
stops; the preview server is started again when it dies (deploy/supervise.py). The tests and
`make bench` use the same pieces.
"""
from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path

from deploy import fonts, warm
from deploy.supervise import Supervised

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "deploy" / "nginx.conf.template"
MAKE_CERT = REPO / "deploy" / "make-cert.sh"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
NGINX_MODULES = Path("/usr/lib/nginx/modules")
BROTLI_MODULE = NGINX_MODULES / "ngx_http_brotli_filter_module.so"
BROTLI_STATIC_MODULE = NGINX_MODULES / "ngx_http_brotli_static_module.so"
ASSETS = REPO / ".run" / "assets"
COMPRESSED_SUFFIXES = (".js", ".css", ".json", ".svg", ".html", ".txt", ".map")
MIME_TYPES = Path("/etc/nginx/mime.types")
# Streamlit's modules behind a chart, in the order it asks for them.
CHART_MODULES = ("ArrowVegaLiteChart.", "loadVegaEmbed.", "embed.", "vega-interpreter.")
CONFIG = REPO / ".streamlit" / "config.toml"
WORKER_USERS = ("www-data", "nobody")  # nginx's workers, when it is started as root
# Streamlit draws with inline styles, runs the meeting deck's keys as an inline script (st.html with
# unsafe_allow_javascript; its text holds the slides, so no fixed hash) and talks over a websocket.
CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' wss://$http_host; "
       "frame-src 'self' blob: data:; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; "
       "form-action 'self'; frame-ancestors 'self'")
SECURITY_HEADERS = {
    "Strict-Transport-Security": "max-age=31536000",
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "SAMEORIGIN",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
TEXT_TYPES = ("text/plain text/css text/javascript application/javascript application/json "
              "application/manifest+json image/svg+xml application/xml")


def streamlit_static_dir() -> Path:
    """The folder Streamlit serves `/static/...` from (its hashed JavaScript, CSS and fonts)."""
    import streamlit

    return Path(streamlit.__file__).resolve().parent / "static"


def precompressed_static() -> Path:
    """Streamlit's hashed files beside their best compressed forms (`.br` at brotli's quality 11 when
    Debian's `brotli` is installed, `.gz` at gzip's 9), made once per Streamlit version under .run/:
    nginx then sends them as they are (brotli_static, gzip_static) instead of compressing each answer
    at a quicker, looser level. Returns the folder nginx serves `/static/` from (its parent's root)."""
    import streamlit

    done = ASSETS / f"streamlit-{streamlit.__version__}"
    if (done / "static").is_dir():
        return done
    ASSETS.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=".building-", dir=ASSETS))
    building.chmod(0o755)  # read by nginx's workers, which do not run as this user
    shutil.copytree(streamlit_static_dir() / "static", building / "static")
    texts = [path for path in (building / "static").rglob("*")
             if path.suffix in COMPRESSED_SUFFIXES and path.stat().st_size >= 512]
    brotli = shutil.which("brotli")

    def squeeze(path: Path) -> None:
        Path(f"{path}.gz").write_bytes(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))
        if brotli:
            subprocess.run([brotli, "-q", "11", "-k", "-f", str(path)], check=True)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(squeeze, sorted(texts, key=lambda p: -p.stat().st_size)))
    try:
        building.rename(done)
    except OSError:  # another run finished first: its copy is as good
        shutil.rmtree(building, ignore_errors=True)
    return done


def chart_preloads(static: Path) -> str:
    """`<link rel=modulepreload>` tags that start the chart modules' download with the page (hashed
    names, as shipped). nginx puts them at the end of the page, after the page's own scripts: the
    browser asks for them after Streamlit's entry modules, so its 225 KB of Vega do not come before
    the code that starts the app (as `Link` headers, asked first, they did)."""
    found = [path.name for prefix in CHART_MODULES for path in sorted((static / "js").glob(f"{prefix}*.js"))
             if path.name.count(".") == 2]
    # A preloaded module's own imports are asked for only once it runs, one round trip per level
    # (Arrow's reader, d3's scales): named too, except those the page itself names.
    page = set(re.findall(r'(?:href|src)="\./static/js/([^"]+)"', (static.parent / "index.html").read_text()))
    queue = list(found)
    while queue:
        for name in re.findall(r'(?:from|import)\s*"\./([\w.\-]+\.js)"', (static / "js" / queue.pop()).read_text()):
            if name not in found and name not in page:
                found.append(name)
                queue.append(name)
    return "".join(f'<link rel="modulepreload" href="/static/js/{name}">' for name in found)


def upload_limit_mb() -> int:
    """The app's upload limit (server.maxUploadSize, MB; Streamlit's default 200)."""
    import tomllib

    try:
        return int(tomllib.loads(CONFIG.read_text(encoding="utf-8")).get("server", {}).get("maxUploadSize", 200))
    except (OSError, ValueError):
        return 200


def worker_user() -> str | None:
    """The system user nginx's workers run as when it is started as root (never root itself)."""
    if os.geteuid() != 0:
        return None
    import pwd

    for name in WORKER_USERS:
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("no unprivileged user (www-data, nobody) for nginx's workers")


def server_names(listen_address: str) -> str:
    """The host names the proxy answers: localhost, and on a network address that address, this
    machine's name and addresses; CHITIEU_SERVER_NAMES adds more (space-separated)."""
    names = ["localhost", "127.0.0.1", "[::1]"]
    if listen_address not in ("127.0.0.1", "::1", "localhost"):
        if listen_address not in ("0.0.0.0", "::"):
            names.append(listen_address)
        host = socket.gethostname()
        names.append(host)
        try:
            names.extend(socket.gethostbyname_ex(host)[2])
        except OSError:
            pass
    names.extend(os.environ.get("CHITIEU_SERVER_NAMES", "").split())
    return " ".join(dict.fromkeys(names))


def preview_pages() -> str:
    """The nginx map from a page's address (as asked, or as passed to the preview server) to its light
    page's name: what a chat app gets when the preview server does not answer."""
    return "\n".join(f'        "{prefix}/{address}" {address or "index"};'
                     for address in warm.light_addresses().values() for prefix in ("", "/app/link"))


def security_headers() -> str:
    return "\n".join(f'            add_header {name} "{value}" always;' for name, value in SECURITY_HEADERS.items())


def render(run_dir: Path, https_port: int, app_ports: list[int], light_dir: Path,
           listen_address: str = "127.0.0.1", preview_port: int | None = None) -> str:
    """The nginx configuration, every path absolute; brotli only where Debian's module is installed."""
    brotli = BROTLI_MODULE.exists() and BROTLI_STATIC_MODULE.exists()
    user = worker_user()
    ipv6 = listen_address == "127.0.0.1" and _ipv6_loopback()
    values = {
        "user_line": f"user {user};" if user else "",
        "max_body": f"{upload_limit_mb() + 1}m", "upload_mb": str(upload_limit_mb()),
        "server_names": server_names(listen_address),
        "security_headers": security_headers(),
        "listen_ipv6_default": f"        listen [::1]:{https_port} ssl http2 default_server;" if ipv6 else "",
        "load_modules": f"load_module {BROTLI_MODULE};\nload_module {BROTLI_STATIC_MODULE};" if brotli else "",
        "brotli": (f"    brotli on;\n    brotli_static on;\n    brotli_comp_level 5;\n    brotli_min_length 512;\n"
                   f"    brotli_types {TEXT_TYPES};") if brotli else "",
        # `localhost` is often ::1 first; a machine without IPv6 gets the IPv4 address only.
        "listen_address": listen_address,
        "listen_ipv6": f"        listen [::1]:{https_port} ssl http2;" if ipv6 else "",
        "run_dir": str(run_dir), "mime_types": str(MIME_TYPES), "https_port": str(https_port),
        "upstream_servers": "\n".join(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;"
                                      for port in app_ports),
        "cert": str(run_dir / "localhost.crt"), "key": str(run_dir / "localhost.key"),
        "streamlit_static": str(precompressed_static()), "light_dir": str(light_dir),
        "preload": chart_preloads(streamlit_static_dir() / "static"),
        "preview_pages": preview_pages(),
        # Without the preview server (deploy/preview.py) a chat app gets the static light page of the page.
        "preview_upstream": f"127.0.0.1:{preview_port}" if preview_port else "127.0.0.1:9",
        "font_subsets": fonts.nginx_locations(ASSETS / "fonts"),  # only the icons and letters the app draws
    }
    conf = TEMPLATE.read_text(encoding="utf-8")
    for name, value in values.items():
        conf = conf.replace("{{ " + name + " }}", value)
    return conf


def _ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


def insecure_context() -> ssl.SSLContext:
    """The self-signed certificate is ours: checks of the local proxy skip verification."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def answers(url: str, path: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}{path}", timeout=2, context=insecure_context()) as response:
            return response.status == 200
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(check, process: subprocess.Popen, log: Path, what: str, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}: {log.read_text(errors='replace')[-2000:]}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} not answering after {timeout_s} s: {log.read_text(errors='replace')[-2000:]}")
        time.sleep(0.2)


def _stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        process.send_signal(sig)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@contextmanager
def app_process(port: int, log: Path, env: dict[str, str] | None = None, timeout_s: float = 90):
    """One `streamlit run app.py` on 127.0.0.1:port; yields the process once healthy."""
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(REPO / ".venv/bin/streamlit"), "run", "app.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=REPO, env=env or dict(os.environ), stdout=out, stderr=subprocess.STDOUT)
        try:
            _wait(lambda: answers(f"http://127.0.0.1:{port}", "/_stcore/health"), process, log,
                  f"app on port {port}", timeout_s)
            yield process
        finally:
            _stop(process)


@contextmanager
def preview_process(port: int, log: Path, cache_dir: Path, env: dict[str, str] | None = None, timeout_s: float = 60):
    """The link preview server (deploy/preview.py) on 127.0.0.1:port, supervised: started again with a
    back-off whenever it exits (deploy/supervise.py). Yields the Supervised once it first answers."""
    command = [str(REPO / ".venv/bin/python"), "-m", "deploy.preview", "--port", str(port), "--cache-dir", str(cache_dir)]
    log.write_text("", encoding="utf-8")

    def start() -> subprocess.Popen:
        with log.open("a") as out:  # a restart's output follows the one before
            return subprocess.Popen(command, cwd=REPO, env=env or dict(os.environ), stdout=out, stderr=subprocess.STDOUT)

    preview = Supervised(start, "the preview server", log)
    try:
        _wait(lambda: answers(f"http://127.0.0.1:{port}", "/healthz"), preview.process, log, "the preview server", timeout_s)
        yield preview.watch()
    finally:
        preview.stop(_stop)


@contextmanager
def nginx(run_dir: Path, https_port: int, app_ports: list[int], light_dir: Path, timeout_s: float = 20,
          listen_address: str = "127.0.0.1", preview_port: int | None = None):
    """Debian's nginx in the foreground with a configuration rendered into `run_dir`; yields its
    https address once it answers."""
    if not Path(NGINX).exists():
        raise RuntimeError("nginx is not installed (make nginx)")
    for sub in ("tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi"):
        (run_dir / sub).mkdir(parents=True, exist_ok=True)
    user = worker_user()
    if user:  # the workers write request bodies and proxied answers there, and pass through to it
        for sub in ("tmp", "tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi"):
            shutil.chown(run_dir / sub, user)
        for folder in [run_dir, *run_dir.parents]:
            if folder.stat().st_mode & 0o001:
                break
            folder.chmod(folder.stat().st_mode | 0o001)  # search only: nothing listed, nothing read
    subprocess.run(["bash", str(MAKE_CERT), str(run_dir)], check=True)
    conf = run_dir / "nginx.conf"
    conf.write_text(render(run_dir, https_port, app_ports, light_dir, listen_address, preview_port), encoding="utf-8")
    log = run_dir / "nginx.out"
    with log.open("w") as out:
        process = subprocess.Popen([NGINX, "-p", str(run_dir), "-c", str(conf), "-e", str(run_dir / "error.log"),
                                    "-g", "daemon off;"], stdout=out, stderr=subprocess.STDOUT)
        url = f"https://localhost:{https_port}"
        try:
            _wait(lambda: answers(url, "/healthz"), process, log, "nginx", timeout_s)
            yield url
        finally:
            _stop(process, signal.SIGQUIT)  # graceful: lets open answers finish


@contextmanager
def served(apps: int = 1, https_port: int | None = None, run_dir: Path | None = None,
           app_ports: list[int] | None = None, env: dict[str, str] | None = None, light_dir: Path | None = None,
           listen_address: str = "127.0.0.1"):
    """N app processes behind nginx. Yields {"url", "apps": [{"port", "process", "url"}], "run_dir"}."""
    from lib.export.light_page import light_dir_of

    with ExitStack() as stack:
        if run_dir is None:
            run_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="chitieu-serve-")))
        run_dir.mkdir(parents=True, exist_ok=True)
        data_dir = Path((env or os.environ).get("CHITIEU_DATA_DIR") or REPO / "data")
        if light_dir is None:
            warm.write_light(data_dir)
            light_dir = light_dir_of(data_dir)
        ports = app_ports or [free_port() for _ in range(apps)]
        started = [{"port": port, "url": f"http://127.0.0.1:{port}",
                    "process": stack.enter_context(app_process(port, run_dir / f"app-{port}.log", env))}
                   for port in ports]
        preview_port = free_port()
        preview = stack.enter_context(preview_process(preview_port, run_dir / "preview.log", run_dir / "previews", env))
        url = stack.enter_context(nginx(run_dir, https_port or free_port(), ports, light_dir,
                                        listen_address=listen_address, preview_port=preview_port))
        yield {"url": url, "apps": started, "run_dir": run_dir, "preview": preview, "data_dir": data_dir}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=1)
    parser.add_argument("--https-port", type=int, default=8443)
    parser.add_argument("--first-app-port", type=int, default=8501)
    parser.add_argument("--run-dir", type=Path, default=REPO / ".run" / "serve")
    parser.add_argument("--listen", default="127.0.0.1", help="address nginx listens on (0.0.0.0: every interface)")
    parser.add_argument("--light-only", action="store_true", help="write the light pages and stop")
    args = parser.parse_args(argv)
    if args.light_only:
        folder = warm.write_light(REPO / "data")
        print(f"Light pages: {folder}" if folder else "No snapshot yet (make data)")
        return 0 if folder else 1
    ports = list(range(args.first_app_port, args.first_app_port + args.apps))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped by a service manager: clean up too
    with served(args.apps, args.https_port, args.run_dir, ports, listen_address=args.listen) as running:
        urls, seen = [app["url"] for app in running["apps"]], warm.shown_snapshot(running["data_dir"])
        warm.warm(urls)  # every page built before it says ready
        warm.keep_warm(urls, running["data_dir"], seen)  # and again for each snapshot published later
        print(f"Chỉ tiêu: {running['url']}/ ({args.apps} app process(es) on ports "
              f"{', '.join(map(str, ports))}; light pages at {running['url']}/app/static/). Ctrl-C stops.",
              flush=True)
        print(f"Configuration and logs: {running['run_dir']}", flush=True)
        try:
            while all(app["process"].poll() is None for app in running["apps"]):
                time.sleep(1)
            print("An app process stopped; stopping the rest.", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            return 0


if __name__ == "__main__":
    sys.exit(main())
