"""The real-browser helpers, shared with the benchmark (bench/serving.py)."""
from contextlib import contextmanager
from pathlib import Path

from bench.serving import (  # noqa: F401
                           APP_IDLE,
                           CHART,
                           CHROMIUM,
                           CHROMIUM_ARGS,
                           REPO,
                           WAIT_MS,
                           copy_data,
                           free_port,
                           healthy,
                           streamlit_server,
                           wait_idle,
)


@contextmanager
def staff_server(tmp_path: Path, password: str, env: dict[str, str] | None = None):
    """A server over a copy of data/, its staff password set (and `env` added to its environment,
    such as CHITIEU_STATE_DIR for named accounts): yields (server, data folder)."""
    from lib.web.staff_access import hash_password

    data = tmp_path / "data"
    copy_data(data)
    home = tmp_path / "home"
    (home / ".streamlit").mkdir(parents=True)
    (home / ".streamlit" / "secrets.toml").write_text(f'staff_password_hash = "{hash_password(password)}"\n')
    with streamlit_server(home, {"CHITIEU_DATA_DIR": str(data), **(env or {})}) as server:
        yield server, data
