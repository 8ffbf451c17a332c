"""Accounts and roles, on SQLite and PostgreSQL: what each role may do, passwords kept only as
argon2id hashes and never logged, sign-in that tells a stranger nothing and locks after five
failures, sessions that end, single sign-on mapped to a role and agency; every write audited."""

from __future__ import annotations

import datetime as dt
import logging
import os
import stat
import threading

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from ttx_data import accounts
from ttx_data.accounts import AccountError, Actor, PermissionDenied, can, passwords, signin
from ttx_data.accounts import sessions as sessions_module
from ttx_data.accounts.signin import LOCK_TIME, MAX_FAILED_ATTEMPTS, WRONG_EN, WRONG_VI
from ttx_data.store import audit, database
from ttx_data.store.schema import accounts as account_table
from ttx_data.store.schema import metadata

T0 = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC)
AGENCY = "ban_quan_ly_kcn"
OTHER_AGENCY = "ngan_hang_nha_nuoc"
PASSWORD = "Mật khẩu đủ dài 2026"
ADMIN = Actor("quan.tri", "Quản trị", "admin", None, "local")
REPORTER = Actor("nguyen.van.a", "Nguyễn Văn A", "reporter", AGENCY, "local")
REVIEWER = Actor("tran.thi.b", "Trần Thị B", "reviewer", None, "local")


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch):
    """Cheaper argon2id parameters, for speed: the production ones take about half a second a
    hash on a test machine (they are checked in test_accounts_passwords.py)."""
    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(passwords, "_hasher", cheap)


def _add(store, username="nguyen.van.a", role="reporter", agency=AGENCY, **kw):
    kw.setdefault("password", PASSWORD)
    return accounts.add_account(
        store, username, role=role, agency_code=agency, actor=ADMIN, now=T0, **kw
    )


def _audit_text(store) -> str:
    """Every cell of the audit log, as one text."""
    with store.connect() as connection:
        rows = connection.execute(sa.select(metadata.tables["audit_log"])).all()
    return "\n".join(" ".join(str(cell) for cell in row) for row in rows)


def _hash_of(store, username: str) -> str | None:
    with store.connect() as connection:
        return connection.execute(
            sa.select(account_table.c.password_hash).where(account_table.c.username == username)
        ).scalar_one()


# --- roles ------------------------------------------------------------------------------------


def test_each_role_may_do_what_the_plan_of_work_says():
    viewer = Actor.anonymous()
    table = {
        "read": [viewer, REPORTER, REVIEWER, ADMIN],
        "review": [REVIEWER],
        "snapshot": [REVIEWER],
        "audit": [REVIEWER, ADMIN],
        "regime": [REVIEWER, ADMIN],
        "manage_accounts": [ADMIN],
        "clear_cache": [ADMIN],
    }
    for permission, allowed in table.items():
        for actor in (viewer, REPORTER, REVIEWER, ADMIN):
            assert can(actor, permission) is (actor in allowed), (permission, actor.role)


def test_a_reporter_submits_for_their_own_agency_only():
    assert can(REPORTER, "submit", agency_code=AGENCY)
    assert not can(REPORTER, "submit", agency_code=OTHER_AGENCY)
    assert not can(REPORTER, "submit")
    for actor in (Actor.anonymous(), REVIEWER, ADMIN, Actor("x", "x", "reviewer", AGENCY)):
        assert not can(actor, "submit", agency_code=AGENCY)


def test_an_unknown_permission_is_an_error_not_a_quiet_no():
    with pytest.raises(ValueError, match="unknown permission 'delete_everything'"):
        can(ADMIN, "delete_everything")


def test_the_operator_at_the_command_line_is_an_administrator_named_cli():
    operator = Actor.operator()
    assert operator.username.startswith("cli:") and can(operator, "manage_accounts")
    assert not Actor.anonymous().signed_in and accounts.role_label("viewer", "en") == "Viewer"


# --- accounts ---------------------------------------------------------------------------------


def test_an_account_keeps_an_argon2id_hash_never_the_password(store, caplog):
    caplog.set_level(logging.DEBUG)
    added = _add(store, "  Nguyen.Van.A ", display_name="Nguyễn  Văn A")
    assert (added.username, added.display_name, added.role) == (
        "nguyen.van.a",
        "Nguyễn Văn A",
        "reporter",
    )
    stored = _hash_of(store, "nguyen.van.a")
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert passwords.verify_password(stored, PASSWORD)
    [entry] = audit.entries(store)
    assert (entry.action, entry.actor, entry.target) == (
        "account_added",
        "quan.tri",
        "nguyen.van.a",
    )
    assert entry.detail["agency_code"] == AGENCY and entry.detail["can_sign_in"] is True
    assert PASSWORD not in _audit_text(store) and stored not in _audit_text(store)
    assert PASSWORD not in caplog.text and stored not in caplog.text


@pytest.mark.parametrize(
    ("kwargs", "said_en"),
    [
        ({"agency": "so_khong_co"}, "No agency with code 'so_khong_co' exists on 2026-11-24"),
        ({"agency": None}, "A reporter must belong to an agency: add --agency CODE"),
        ({"role": "boss"}, "Role 'boss' is not valid; use one of: reporter, reviewer, admin"),
        ({"username": "nguyễn"}, "Username 'nguyễn' is not valid"),
        ({"password": "ngắn quá"}, "at least 10 characters (this one has 8)"),
        ({"username": "nguyen.van.abc", "password": "Nguyen.Van.ABC"}, "must not be the username"),
    ],
)
def test_a_bad_account_is_refused_with_a_clear_message(store, kwargs, said_en):
    args = {"username": "nguyen.van.a", "role": "reporter", "agency": AGENCY} | kwargs
    with pytest.raises(AccountError) as caught:
        _add(store, **args)
    assert said_en in caught.value.en and caught.value.vi
    assert accounts.list_accounts(store) == [] and audit.entries(store) == []


def test_an_unknown_agency_message_names_valid_codes_and_how_to_list_them(store):
    with pytest.raises(AccountError) as caught:
        _add(store, agency="so_ke_hoach_dau_tu")  # the plan's, merged away on 1/3/2025
    assert "python -m ttx_data agencies --as-of 2026-11-24" in caught.value.vi
    assert AGENCY in caught.value.en


def test_a_username_is_taken_whatever_its_case(store):
    _add(store)
    with pytest.raises(AccountError, match="An account 'nguyen.van.a' already exists"):
        _add(store, "NGUYEN.VAN.A")
    assert len(accounts.list_accounts(store)) == 1


def test_only_an_administrator_manages_accounts(store):
    _add(store)
    for actor in (Actor.anonymous(), REPORTER, REVIEWER):
        with pytest.raises(PermissionDenied, match="needs the administrator role"):
            accounts.add_account(store, "x.y", role="reviewer", agency_code=None, actor=actor)
        with pytest.raises(PermissionDenied):
            accounts.disable_account(store, "nguyen.van.a", actor=actor)
        with pytest.raises(PermissionDenied):
            accounts.reset_password(store, "nguyen.van.a", "một mật khẩu mới", actor=actor)
    assert [e.action for e in audit.entries(store)] == ["account_added"]


def test_the_last_enabled_administrator_cannot_be_disabled(store):
    _add(store, "quan.tri", role="admin", agency=None)
    with pytest.raises(AccountError, match="last enabled administrator"):
        accounts.disable_account(store, "quan.tri", actor=ADMIN)
    _add(store, "quan.tri.2", role="admin", agency=None)
    assert accounts.disable_account(store, "quan.tri", actor=ADMIN).disabled


def test_every_write_leaves_an_audit_entry_with_where_it_came_from(store):
    _add(store)
    accounts.reset_password(store, "nguyen.van.a", "mật khẩu mới 2027", actor=ADMIN, client="cli")
    result = accounts.sign_in(store, "nguyen.van.a", "sai mật khẩu rồi", client="10.0.0.8")
    assert not result.ok
    result = accounts.sign_in(store, "nguyen.van.a", "mật khẩu mới 2027", client="10.0.0.8")
    token = accounts.open_session(store, result.actor, client="10.0.0.8")
    assert accounts.close_session(store, token, client="10.0.0.8")
    accounts.disable_account(store, "nguyen.van.a", actor=ADMIN, client="cli")
    accounts.enable_account(store, "nguyen.van.a", actor=ADMIN, client="cli")
    logged = [(e.action, e.actor, e.target, e.client) for e in reversed(audit.entries(store))]
    assert logged == [
        ("account_added", "quan.tri", "nguyen.van.a", ""),
        ("password_reset", "quan.tri", "nguyen.van.a", "cli"),
        ("sign_in_failed", "", "nguyen.van.a", "10.0.0.8"),
        ("sign_in", "nguyen.van.a", "nguyen.van.a", "10.0.0.8"),
        ("sign_out", "nguyen.van.a", "nguyen.van.a", "10.0.0.8"),
        ("account_disabled", "quan.tri", "nguyen.van.a", "cli"),
        ("account_enabled", "quan.tri", "nguyen.van.a", "cli"),
    ]
    assert audit.verify_chain(store) == []
    text = _audit_text(store)
    assert "mật khẩu mới 2027" not in text and "sai mật khẩu rồi" not in text
    assert _hash_of(store, "nguyen.van.a") not in text


# --- sign-in ----------------------------------------------------------------------------------


def test_unknown_user_wrong_password_and_disabled_account_get_the_same_message(store):
    _add(store)
    _add(store, "da.khoa", role="reviewer", agency=None)
    accounts.disable_account(store, "da.khoa", actor=ADMIN)
    results = [
        accounts.sign_in(store, "khong.co.ai", PASSWORD),
        accounts.sign_in(store, "nguyen.van.a", "mật khẩu sai 123"),
        accounts.sign_in(store, "da.khoa", PASSWORD),
        accounts.sign_in(store, "tên có dấu", PASSWORD),
    ]
    assert {(r.actor, r.message_vi, r.message_en) for r in results} == {(None, WRONG_VI, WRONG_EN)}
    assert WRONG_VI == "Tên đăng nhập hoặc mật khẩu không đúng."
    reasons = [e.detail["reason"] for e in reversed(audit.entries(store, action="sign_in_failed"))]
    assert reasons == ["unknown_username", "wrong_password", "disabled", "unknown_username"]


def test_a_right_password_signs_in_as_the_account(store, caplog):
    caplog.set_level(logging.DEBUG)
    _add(store, display_name=REPORTER.display_name)
    result = accounts.sign_in(store, " Nguyen.Van.A", PASSWORD, client="10.0.0.8")
    assert result.ok and result.actor == REPORTER
    assert PASSWORD not in caplog.text


def test_five_failures_lock_the_username_for_fifteen_minutes(store):
    _add(store)
    for attempt in range(MAX_FAILED_ATTEMPTS - 1):
        result = accounts.sign_in(
            store, "nguyen.van.a", "sai", now=T0 + dt.timedelta(seconds=attempt)
        )
        assert result.message_en == WRONG_EN
    fifth = accounts.sign_in(store, "nguyen.van.a", "sai", now=T0 + dt.timedelta(minutes=1))
    assert "Try again in 15 minutes, or ask an administrator" in fifth.message_en
    assert "Hãy thử lại sau 15 phút" in fifth.message_vi
    during = accounts.sign_in(store, "nguyen.van.a", PASSWORD, now=T0 + dt.timedelta(minutes=10))
    assert not during.ok and "Try again in 6 minutes" in during.message_en
    after = T0 + dt.timedelta(minutes=1) + LOCK_TIME + dt.timedelta(seconds=1)
    assert accounts.sign_in(store, "nguyen.van.a", PASSWORD, now=after).ok
    assert accounts.get_account(store, "nguyen.van.a").locked_until is None


def test_an_unknown_username_locks_exactly_like_an_existing_one(store):
    _add(store)
    said = {}
    for username in ("nguyen.van.a", "khong.co.ai"):
        said[username] = [
            accounts.sign_in(store, username, "sai", now=T0).message_en
            for _ in range(MAX_FAILED_ATTEMPTS + 1)
        ]
    assert said["nguyen.van.a"] == said["khong.co.ai"]
    assert said["khong.co.ai"][-1].startswith("Too many failed sign-ins")


def test_failures_a_day_apart_do_not_add_up_and_a_success_starts_again(store):
    _add(store)
    for day in range(MAX_FAILED_ATTEMPTS + 1):
        result = accounts.sign_in(
            store, "nguyen.van.a", "sai", now=T0 + dt.timedelta(hours=25 * day)
        )
        assert result.message_en == WRONG_EN
    later = T0 + dt.timedelta(days=10)
    for _ in range(MAX_FAILED_ATTEMPTS - 1):
        accounts.sign_in(store, "nguyen.van.a", "sai", now=later)
    assert accounts.sign_in(store, "nguyen.van.a", PASSWORD, now=later).ok
    assert accounts.sign_in(store, "nguyen.van.a", "sai", now=later).message_en == WRONG_EN


def test_an_administrator_lifts_a_lock_by_resetting_the_password(store):
    _add(store)
    for _ in range(MAX_FAILED_ATTEMPTS):
        accounts.sign_in(store, "nguyen.van.a", "sai", now=T0)
    accounts.reset_password(store, "nguyen.van.a", "mật khẩu mới 2027", actor=ADMIN, now=T0)
    assert accounts.sign_in(store, "nguyen.van.a", "mật khẩu mới 2027", now=T0).ok
    assert not accounts.sign_in(store, "nguyen.van.a", PASSWORD, now=T0).ok


def test_a_hash_made_with_weaker_parameters_is_replaced_at_sign_in(store):
    _add(store)
    weak = PasswordHasher(time_cost=1, memory_cost=512, parallelism=1).hash(PASSWORD)
    with store.begin() as connection:
        connection.execute(sa.update(account_table).values(password_hash=weak))
    result = accounts.sign_in(store, "nguyen.van.a", PASSWORD)
    assert result.ok
    stronger = _hash_of(store, "nguyen.van.a")
    assert stronger != weak and not passwords.needs_rehash(stronger)
    assert audit.entries(store, action="sign_in")[0].detail["rehashed"] is True


@pytest.mark.parametrize("meanwhile", ["disable", "reset"])
def test_an_account_changed_while_its_password_is_checked_does_not_sign_in(
    store, monkeypatch, meanwhile
):
    _add(store)
    checked = signin.verify_password

    def check_while_an_administrator_acts(stored: str, password: str) -> bool:
        if meanwhile == "disable":
            accounts.disable_account(store, "nguyen.van.a", actor=ADMIN)
        else:
            accounts.reset_password(store, "nguyen.van.a", "mật khẩu mới 2027", actor=ADMIN)
        return checked(stored, password)

    monkeypatch.setattr(signin, "verify_password", check_while_an_administrator_acts)
    result = accounts.sign_in(store, "nguyen.van.a", PASSWORD)
    assert (result.actor, result.message_en) == (None, WRONG_EN)


# --- sessions ---------------------------------------------------------------------------------


def test_a_session_lasts_eight_hours_then_is_refused(store):
    _add(store, display_name=REPORTER.display_name)
    token = accounts.open_session(store, REPORTER, client="10.0.0.8", now=T0)
    assert accounts.session_actor(store, token, now=T0 + dt.timedelta(hours=7)) == REPORTER
    assert accounts.session_actor(store, token, now=T0 + dt.timedelta(hours=8)) is None


def test_signing_out_ends_the_session(store):
    _add(store)
    token = accounts.open_session(store, REPORTER)
    assert accounts.close_session(store, token)
    assert accounts.session_actor(store, token) is None
    assert not accounts.close_session(store, token)
    assert [e.action for e in audit.entries(store, action="sign_out")] == ["sign_out"]


def test_a_disabled_account_or_a_reset_password_ends_its_sessions(store):
    _add(store)
    _add(store, "tran.thi.b", role="reviewer", agency=None)
    disabled = accounts.open_session(store, REPORTER)
    reset = accounts.open_session(store, REVIEWER)
    accounts.disable_account(store, "nguyen.van.a", actor=ADMIN)
    accounts.reset_password(store, "tran.thi.b", "mật khẩu mới 2027", actor=ADMIN)
    assert accounts.session_actor(store, disabled) is None
    assert accounts.session_actor(store, reset) is None
    with pytest.raises(AccountError, match="does not exist or is disabled"):
        accounts.open_session(store, REPORTER)
    accounts.enable_account(store, "nguyen.van.a", actor=ADMIN)
    assert accounts.session_actor(store, disabled) is None  # enabling again revives none


def test_a_disabled_accounts_session_stops_working_even_if_not_revoked(store):
    _add(store)
    token = accounts.open_session(store, REPORTER)
    with store.begin() as connection:
        connection.execute(sa.update(account_table).values(disabled=True))
    assert accounts.session_actor(store, token) is None


def test_a_forged_or_foreign_token_is_refused(store, monkeypatch):
    _add(store)
    token = accounts.open_session(store, REPORTER)
    session_id = token.split(".")[0]
    assert accounts.session_actor(store, session_id) is None
    assert accounts.session_actor(store, token[:-2] + "xx") is None
    assert accounts.session_actor(store, None) is None
    monkeypatch.setenv("TTX_SECRET_KEY", "another server's key")
    assert accounts.session_actor(store, token) is None


def test_the_secret_key_is_made_once_readable_by_its_owner_only(tmp_path, monkeypatch):
    monkeypatch.delenv("TTX_SECRET_KEY", raising=False)
    path = tmp_path / "secret_key"
    first = sessions_module.secret_key(path)
    assert len(first) >= 64 and sessions_module.secret_key(path) == first
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]
    monkeypatch.setenv("TTX_SECRET_KEY", "from the environment")
    assert sessions_module.secret_key(path) == "from the environment"


# --- single sign-on ---------------------------------------------------------------------------

MAPPING = {
    "username_claim": "email",
    "display_name_claim": "name",
    "role_claim": "groups",
    "agency_claim": "ttx_agency",
    "roles": {"ttx-reporter": "reporter", "ttx-reviewer": "reviewer", "ttx-admin": "admin"},
}
CLAIMS = {
    "email": "Le.Van.C@bacninh.gov.vn",
    "name": "Lê Văn C",
    "groups": ["staff", "ttx-reporter"],
    "ttx_agency": AGENCY,
}


def test_claims_map_to_an_actor_with_a_role_and_agency():
    actor = accounts.actor_from_claims(CLAIMS, MAPPING, now=T0)
    assert actor == Actor("le.van.c@bacninh.gov.vn", "Lê Văn C", "reporter", AGENCY, "oidc")


@pytest.mark.parametrize(
    ("claims", "said_en"),
    [
        ({"groups": ["staff"]}, "The provider's role 'staff' matches no TTX role"),
        ({"groups": ["ttx-reporter", "ttx-admin"]}, "maps to several TTX roles (reporter, admin)"),
        ({"ttx_agency": "so_khong_co"}, "No agency with code 'so_khong_co'"),
        ({"ttx_agency": None}, "sent no agency (claim 'ttx_agency')"),
        ({"email": None}, "sent no username (claim 'email')"),
    ],
)
def test_claims_without_one_role_or_a_real_agency_are_refused(claims, said_en):
    with pytest.raises(AccountError) as caught:
        accounts.actor_from_claims(CLAIMS | claims, MAPPING, now=T0)
    assert said_en in caught.value.en and caught.value.vi


def test_a_mapping_to_a_role_that_does_not_exist_is_refused():
    with pytest.raises(AccountError, match="invalid roles: superuser; use one of: reporter"):
        accounts.actor_from_claims(CLAIMS, MAPPING | {"roles": {"ttx-reporter": "superuser"}})


def test_a_single_sign_on_person_becomes_an_account_then_follows_the_provider(store):
    first = accounts.sso_sign_in(store, CLAIMS, MAPPING, client="10.0.0.9", now=T0)
    assert first.ok and first.actor.role == "reporter"
    account = accounts.get_account(store, "le.van.c@bacninh.gov.vn")
    assert (account.auth_source, account.agency_code) == ("oidc", AGENCY)
    assert _hash_of(store, "le.van.c@bacninh.gov.vn") is None
    promoted = CLAIMS | {"groups": ["ttx-reviewer"], "ttx_agency": None}
    assert accounts.sso_sign_in(store, promoted, MAPPING, now=T0).actor.role == "reviewer"
    logged = [(e.action, e.detail) for e in reversed(audit.entries(store))]
    assert [a for a, _ in logged] == ["account_added", "sign_in", "account_updated", "sign_in"]
    assert logged[2][1]["changed"] == {
        "role": ["reporter", "reviewer"],
        "agency_code": [AGENCY, None],
    }
    token = accounts.open_session(store, accounts.get_account(store, CLAIMS["email"]).actor())
    assert accounts.session_actor(store, token).role == "reviewer"


def test_single_sign_on_cannot_take_over_a_password_account_nor_a_disabled_one(store):
    _add(store, "le.van.c@bacninh.gov.vn")
    refused = accounts.sso_sign_in(store, CLAIMS, MAPPING, now=T0)
    assert not refused.ok and "A password account" in refused.message_en
    other = CLAIMS | {"email": "pham.d@bacninh.gov.vn"}
    assert accounts.sso_sign_in(store, other, MAPPING, now=T0).ok
    accounts.disable_account(store, "pham.d@bacninh.gov.vn", actor=ADMIN)
    again = accounts.sso_sign_in(store, other, MAPPING, now=T0)
    assert not again.ok and "is disabled" in again.message_en
    assert [e.detail["reason"] for e in audit.entries(store, action="sign_in_failed")] == [
        "sso_refused",
        "sso_refused",
    ]


def test_a_single_sign_on_account_has_no_password_to_sign_in_or_reset(store):
    accounts.upsert_sso_account(store, accounts.actor_from_claims(CLAIMS, MAPPING, now=T0), now=T0)
    result = accounts.sign_in(store, CLAIMS["email"], PASSWORD)
    assert result.message_en == WRONG_EN
    with pytest.raises(AccountError, match="signs in through single sign-on"):
        accounts.reset_password(store, CLAIMS["email"], "mật khẩu mới 2027", actor=ADMIN)


def test_accounts_work_on_the_engine_ensure_schema_gives(store_url):
    engine = database.ensure_schema(store_url)
    assert database.ensure_schema(store_url) is engine
    _add(engine)
    assert [a.username for a in accounts.list_accounts(engine)] == ["nguyen.van.a"]


def test_one_persons_first_sign_ins_from_four_tabs_at_once_make_one_account(store):
    barrier = threading.Barrier(4)
    results = []

    def sign_in() -> None:
        barrier.wait()
        results.append(accounts.sso_sign_in(store, CLAIMS, MAPPING, now=T0))

    threads = [threading.Thread(target=sign_in) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.ok for r in results] == [True] * 4
    assert len(audit.entries(store, action="account_added")) == 1
    assert len(audit.entries(store, action="sign_in")) == 4
