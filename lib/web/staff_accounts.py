"""Tài khoản văn phòng: the quan_tri account adds accounts, changes their role, units and password, and
disables or enables them; every change is written to the trail (the same store as make staff-user)."""
from __future__ import annotations

import streamlit as st

from lib.offices import trail
from lib.offices.accounts import MANAGE, ROLES, Account, AccountError, Accounts, ReportingUnitTree, may
from lib.words.words import Words


def _role(role: str, words: Words) -> str:
    return words.text(f"role_{role}")


def _saved(admin: Account, name: str, words: Words, **change) -> None:
    trail.record(trail.ACCOUNT_CHANGE, admin.name, account=name, **change)
    st.success(words.text("accounts_saved", name=name), icon=":material/check_circle:")


def section(words: Words, admin: Account, tree: ReportingUnitTree) -> None:
    if not may(admin, MANAGE, None):
        return
    store = Accounts()
    reporting_units = sorted(tree.parents)
    st.subheader(words.text("accounts_title"))
    with st.form("accounts_add", clear_on_submit=True):
        st.markdown(f"**{words.text('accounts_add')}**")
        name = st.text_input(words.text("staff_name"), key="accounts_new_name").strip().lower()
        role = st.selectbox(words.text("accounts_role"), ROLES, format_func=lambda r: _role(r, words),
                            key="accounts_new_role")
        chosen = st.multiselect(words.text("accounts_units"), reporting_units, key="accounts_new_units",
                                accept_new_options=True)
        password = st.text_input(words.text("staff_password"), type="password", key="accounts_new_password")
        if st.form_submit_button(words.text("accounts_add")):
            try:
                store.add(name, role, list(chosen), password)
            except AccountError as refused:
                st.error(words.text("accounts_refused", why=str(refused)), icon=":material/block:")
            else:
                _saved(admin, name, words, added=role, reporting_units=list(chosen))
    for account in store.all():
        state = f" ({words.text('accounts_disabled')})" if account.disabled else ""
        with st.expander(f"{account.name} · {_role(account.role, words)} · {', '.join(account.reporting_units) or '-'}{state}"):
            _one(words, admin, store, account, reporting_units)


def _one(words: Words, admin: Account, store: Accounts, account: Account, reporting_units: list[str]) -> None:
    key = account.name
    role = st.selectbox(words.text("accounts_role"), ROLES, index=ROLES.index(account.role),
                        format_func=lambda r: _role(r, words), key=f"accounts_role_{key}")
    chosen = st.multiselect(words.text("accounts_units"), sorted({*reporting_units, *account.reporting_units}),
                            default=list(account.reporting_units), key=f"accounts_units_{key}", accept_new_options=True)
    password = st.text_input(words.text("accounts_password"), type="password", key=f"accounts_password_{key}")
    save, toggle = st.columns(2)
    try:
        if save.button(words.text("accounts_save"), key=f"accounts_save_{key}"):
            if role != account.role:
                store.set_role(key, role)
            if tuple(chosen) != account.reporting_units:
                store.set_units(key, list(chosen))
            if password:
                store.set_password(key, password)
            _saved(admin, key, words, role=role, reporting_units=list(chosen), password_changed=bool(password))
        label = "accounts_enable" if account.disabled else "accounts_disable"
        if key != admin.name and toggle.button(words.text(label), key=f"accounts_toggle_{key}"):
            store.set_disabled(key, not account.disabled)
            _saved(admin, key, words, disabled=not account.disabled)
            st.rerun()
    except AccountError as refused:
        st.error(words.text("accounts_refused", why=str(refused)), icon=":material/block:")
