"""The staff page's door: is a password set, is the secrets file readable, who is knocking, and the
password form with a lock that lifts by itself."""
from __future__ import annotations

import math

import streamlit as st

from lib.web.staff_access import (
    HASH_COMMAND,
    LIMITER,
    SECRET_KEY,
    TRUSTED_PROXY_KEY,
    client_address,
    lock_key,
    unreadable_secrets,
    verify_password,
)
from lib.words.labels import text

SIGNED_IN = "staff_signed_in"  # session flag; no widget has this key, so no client can set it


def _secret(key: str):
    try:
        return st.secrets.get(key)
    except Exception:  # no secrets file, or one that does not parse: told apart by _secrets_state
        return None


def _secrets_state() -> tuple[str | None, tuple[str, str] | None]:
    """(the stored hash, None) when set; (None, (file, reason)) when a secrets file is broken."""
    value = _secret(SECRET_KEY)
    if isinstance(value, str) and value:
        return value, None
    return None, unreadable_secrets(list(st.get_option("secrets.files")))


def signed_in() -> bool:
    return bool(st.session_state.get(SIGNED_IN))


def sign_out() -> None:
    st.session_state.pop(SIGNED_IN, None)


def _client() -> str:
    headers = st.context.headers
    forwarded = headers.get("X-Forwarded-For") if headers is not None else None
    address = st.context.ip_address
    return client_address(address if isinstance(address, str) else None, forwarded,
                          _secret(TRUSTED_PROXY_KEY) is True)


@st.fragment(run_every=1)
def _countdown(key: str, lang: str) -> None:
    """Counts down where the staff member is looking, and opens the form again at zero."""
    wait = LIMITER.wait_seconds(key)
    if wait <= 0:
        st.rerun(scope="app")
    st.error(text("staff_wait", lang, seconds=math.ceil(wait)), icon=":material/timer:")


def gate(lang: str) -> bool:
    """True once this session has given the staff password; otherwise shows the door (or how to
    set one up, or how to mend the secrets file) and returns False."""
    stored, broken = _secrets_state()
    if stored is None:
        if broken:
            st.error(text("staff_secret_broken", lang, file=broken[0], reason=broken[1]), icon=":material/lock:")
        else:
            st.warning(text("staff_no_secret", lang), icon=":material/lock:")
        st.markdown(text("staff_how_to_secret", lang))
        st.code(HASH_COMMAND, language="bash")
        return False
    if signed_in():
        return True
    key = lock_key(_client())
    wait = LIMITER.wait_seconds(key)
    with st.form("staff_login"):
        password = st.text_input(text("staff_password", lang), type="password")
        submitted = st.form_submit_button(text("staff_enter", lang), disabled=wait > 0)
    if wait > 0:
        _countdown(key, lang)
        return False
    if submitted:
        if verify_password(password, stored):
            LIMITER.succeeded(key)
            st.session_state[SIGNED_IN] = True
            st.rerun()
        if LIMITER.failed(key):
            st.rerun()  # drawn again locked: the button disabled and the countdown running
        st.error(text("staff_wrong", lang), icon=":material/lock:")
    return False
