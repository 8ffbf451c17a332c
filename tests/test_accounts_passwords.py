"""Passwords with the production argon2id parameters: what is stored, and an unknown username
costing a stranger as much time as a wrong password (so timing does not say which names exist)."""

from __future__ import annotations

import statistics
import time

import pytest
from argon2 import PasswordHasher

from ttx_data import accounts
from ttx_data.accounts import AccountError, Actor, passwords

ADMIN = Actor("quan.tri", "Quản trị", "admin", None, "local")
PASSWORD = "Mật khẩu đủ dài 2026"


def test_a_password_is_kept_as_an_argon2id_hash_with_the_rfc_9106_parameters():
    stored = passwords.hash_password(PASSWORD)
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert PASSWORD not in stored and stored != passwords.hash_password(PASSWORD)  # salted
    assert passwords.verify_password(stored, PASSWORD)
    assert not passwords.verify_password(stored, PASSWORD + " ")
    assert not passwords.verify_password("not a hash", PASSWORD)
    assert not passwords.needs_rehash(stored)
    assert passwords.needs_rehash(PasswordHasher(time_cost=1, memory_cost=1024).hash(PASSWORD))


def test_the_policy_wants_ten_characters_and_not_the_username():
    passwords.check_policy("đủ mười ký", "nguyen.van.a")
    with pytest.raises(AccountError) as caught:
        passwords.check_policy("chín ký t", "nguyen.van.a")
    assert "ít nhất 10 ký tự (mật khẩu này có 9)" in caught.value.vi
    with pytest.raises(AccountError, match="must not be the username"):
        passwords.check_policy(" Nguyen.Van.A ", "nguyen.van.a")


def test_an_unknown_username_takes_as_long_as_a_wrong_password(store):
    accounts.add_account(
        store, "nguyen.van.a", role="reviewer", agency_code=None, password=PASSWORD, actor=ADMIN
    )

    def median_seconds(username: str) -> float:
        times = []
        for _ in range(3):
            started = time.perf_counter()
            accounts.sign_in(store, username, "mật khẩu sai 123")
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    wrong, unknown = median_seconds("nguyen.van.a"), median_seconds("khong.co.ai")
    assert 0.5 < unknown / wrong < 2, (unknown, wrong)
