"""Tài khoản văn phòng: the quan_tri account adds accounts, changes their role, units and password, and
disables or enables them; every change is written to the trail (the same store as make staff-user)."""
from __future__ import annotations

import streamlit as st

from lib.offices import trail
from lib.offices.accounts import MANAGE, ROLES, Account, AccountError, Accounts, UnitTree, may
from lib.words.labels import text


def _role(role: str, lang: str) -> str:
    return text(f"role_{role}", lang)


def _saved(admin: Account, name: str, lang: str, **change) -> None:
    trail.record(trail.ACCOUNT_CHANGE, admin.name, account=name, **change)
    st.success(text("accounts_saved", lang, name=name), icon=":material/check_circle:")


def section(lang: str, admin: Account, tree: UnitTree) -> None:
    if not may(admin, MANAGE, None):
        return
    store = Accounts()
    units = sorted(tree.parents)
    st.subheader(text("accounts_title", lang))
    with st.form("accounts_add", clear_on_submit=True):
        st.markdown(f"**{text('accounts_add', lang)}**")
        name = st.text_input(text("staff_name", lang), key="accounts_new_name").strip().lower()
        role = st.selectbox(text("accounts_role", lang), ROLES, format_func=lambda r: _role(r, lang),
                            key="accounts_new_role")
        chosen = st.multiselect(text("accounts_units", lang), units, key="accounts_new_units",
                                accept_new_options=True)
        password = st.text_input(text("staff_password", lang), type="password", key="accounts_new_password")
        if st.form_submit_button(text("accounts_add", lang)):
            try:
                store.add(name, role, list(chosen), password)
            except AccountError as refused:
                st.error(text("accounts_refused", lang, why=str(refused)), icon=":material/block:")
            else:
                _saved(admin, name, lang, added=role, units=list(chosen))
    for account in store.all():
        state = f" ({text('accounts_disabled', lang)})" if account.disabled else ""
        with st.expander(f"{account.name} · {_role(account.role, lang)} · {', '.join(account.units) or '-'}{state}"):
            _one(lang, admin, store, account, units)


def _one(lang: str, admin: Account, store: Accounts, account: Account, units: list[str]) -> None:
    key = account.name
    role = st.selectbox(text("accounts_role", lang), ROLES, index=ROLES.index(account.role),
                        format_func=lambda r: _role(r, lang), key=f"accounts_role_{key}")
    chosen = st.multiselect(text("accounts_units", lang), sorted({*units, *account.units}),
                            default=list(account.units), key=f"accounts_units_{key}", accept_new_options=True)
    password = st.text_input(text("accounts_password", lang), type="password", key=f"accounts_password_{key}")
    save, toggle = st.columns(2)
    try:
        if save.button(text("accounts_save", lang), key=f"accounts_save_{key}"):
            if role != account.role:
                store.set_role(key, role)
            if tuple(chosen) != account.units:
                store.set_units(key, list(chosen))
            if password:
                store.set_password(key, password)
            _saved(admin, key, lang, role=role, units=list(chosen), password_changed=bool(password))
        label = "accounts_enable" if account.disabled else "accounts_disable"
        if key != admin.name and toggle.button(text(label, lang), key=f"accounts_toggle_{key}"):
            store.set_disabled(key, not account.disabled)
            _saved(admin, key, lang, disabled=not account.disabled)
            st.rerun()
    except AccountError as refused:
        st.error(text("accounts_refused", lang, why=str(refused)), icon=":material/block:")
