"""The staff page's door: named accounts (lib/offices/accounts.py) once any exists, otherwise the one
shared password (is it set, is the secrets file readable); who is knocking, the form with a lock that
lifts by itself, and every sign-in and failed sign-in written to the trail."""
from __future__ import annotations

import math

import streamlit as st

from lib.offices import trail
from lib.offices.accounts import Account, Accounts
from lib.web.staff_access import (
    ACCOUNT,
    HASH_COMMAND,
    LIMITER,
    SECRET_KEY,
    TRUSTED_PROXY_KEY,
    client_address,
    issue_token,
    lock_key,
    token_valid,
    try_check,
    try_password,
    unreadable_secrets,
)
from lib.words.words import Words

SIGNED_IN = "staff_signed_in"  # a signed token (staff_access.issue_token); no widget has this key
STAFF_NAME = "staff_account_name"  # who signed in: an account's name, or ACCOUNT for the shared password
TRIED = "staff_tried_name"  # the name last tried, whose lock the countdown shows
XSRF_COOKIE = "_streamlit_xsrf"


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


def browser_binding() -> str:
    """What ties a sign-in to the browser that gave the password: Streamlit's XSRF cookie (its token,
    the same across its re-masked copies). A session id read from a log, reconnected from another
    browser, arrives without it; a session's headers and cookies are the current connection's."""
    cookies = st.context.cookies
    raw = cookies.get(XSRF_COOKIE, "") if cookies is not None else ""
    if not isinstance(raw, str) or not raw:  # no cookie (or AppTest's stand-in context)
        return ""
    try:
        from streamlit.web.server.starlette.starlette_app_utils import decode_xsrf_token_string

        token, _ = decode_xsrf_token_string(raw)
        return token.hex() if token else raw
    except Exception:  # another Streamlit: the cookie as sent
        return raw


def accounts_on() -> bool:
    """Named accounts exist: from then on only they sign in, the shared password no longer does."""
    return Accounts().exist()


def _binding() -> str:
    """The browser, and for a named account its name: a token for one name does not open another."""
    name = st.session_state.get(STAFF_NAME, ACCOUNT)
    return browser_binding() if name == ACCOUNT else f"{browser_binding()}|{name}"


def signed_in() -> bool:
    """Signed in, by a token issued to this browser for this name and not expired, by an account that
    is still enabled (or by the shared password while no account exists); anything else signs out."""
    token = st.session_state.get(SIGNED_IN)
    if token is None:
        return False
    name = st.session_state.get(STAFF_NAME, ACCOUNT)
    if token_valid(token, _binding()) and (current_account() is not None if accounts_on() else name == ACCOUNT):
        return True
    sign_out()
    return False


def current_account() -> Account | None:
    """The signed-in account as it stands now (a role or units changed apply at once); None for the
    shared password or a disabled account."""
    name = st.session_state.get(STAFF_NAME)
    account = Accounts().get(name) if name and name != ACCOUNT else None
    return account if account and not account.disabled else None


def who() -> str:
    """The name the trail records for this session."""
    return st.session_state.get(STAFF_NAME, ACCOUNT)


def sign_in(name: str = ACCOUNT) -> None:
    st.session_state[STAFF_NAME] = name
    st.session_state[SIGNED_IN] = issue_token(_binding())


def sign_out() -> None:
    st.session_state.pop(SIGNED_IN, None)
    st.session_state.pop(STAFF_NAME, None)


def _client() -> str:
    headers = st.context.headers
    forwarded = headers.get("X-Forwarded-For") if headers is not None else None
    address = st.context.ip_address
    return client_address(address if isinstance(address, str) else None, forwarded, _secret(TRUSTED_PROXY_KEY))


@st.fragment(run_every=1)
def _countdown(key: str, words: Words) -> None:
    """Counts down where the staff member is looking, and opens the form again at zero."""
    wait = LIMITER.wait_seconds(key)
    if wait <= 0:
        st.rerun(scope="app")
    st.error(words.text("staff_wait", seconds=math.ceil(wait)), icon=":material/timer:")


def gate(words: Words) -> bool:
    """True once this session has given the staff password; otherwise shows the door (or how to
    set one up, or how to mend the secrets file) and returns False."""
    if accounts_on():
        return True if signed_in() else _door(words)
    stored, broken = _secrets_state()
    if stored is None:
        if broken:
            st.error(words.text("staff_secret_broken", file=broken[0], reason=broken[1]), icon=":material/lock:")
        else:
            st.warning(words.text("staff_no_secret"), icon=":material/lock:")
        st.markdown(words.text("staff_how_to_secret"))
        st.code(HASH_COMMAND, language="bash")
        return False
    return True if signed_in() else _door(words, stored)


def _door(words: Words, stored: str | None = None) -> bool:
    """The sign-in form: a name and its password once accounts exist (`stored` None), else the shared
    staff password whose hash is `stored`. Wrong tries lock the client (a name from this client, then
    the name); while locked the button is disabled and a countdown runs."""
    named = stored is None
    client = _client()
    key = lock_key(client, st.session_state.get(TRIED, "?")) if named else lock_key(client)
    wait = LIMITER.wait_seconds(key)
    with st.form("staff_login"):
        name = st.text_input(words.text("staff_name")).strip().lower()[:40] if named else ACCOUNT
        password = st.text_input(words.text("staff_password"), type="password")
        submitted = st.form_submit_button(words.text("staff_enter"), disabled=wait > 0)
    if wait > 0:
        _countdown(key, words)
        return False
    if submitted:
        if stored is None:
            st.session_state[TRIED] = name or "?"
            right, wait = try_check(lock_key(client, name or "?"),
                                    lambda: Accounts().authenticate(name, password) is not None)
        else:
            right, wait = try_password(key, password, stored)
        trail.record(trail.SIGN_IN if right else trail.SIGN_IN_FAILED, name, client=client)
        if right:
            sign_in(name)
            st.rerun()
        if wait > 0:
            st.rerun()  # drawn again locked: the button disabled and the countdown running
        st.error(words.text("staff_wrong_named" if named else "staff_wrong"), icon=":material/lock:")
    return False
