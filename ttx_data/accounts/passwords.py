"""Passwords: kept only as argon2id hashes (argon2-cffi's defaults, RFC 9106), checked against a
small policy with messages in Vietnamese and English."""

from __future__ import annotations

import unicodedata
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ttx_data.accounts.errors import AccountError

MIN_LENGTH = 10
MAX_LENGTH = 1024

_hasher = PasswordHasher()


def check_policy(password: str, username: str) -> None:
    """AccountError unless the password has at least MIN_LENGTH characters and is not the
    username."""
    if len(password) < MIN_LENGTH:
        raise AccountError(
            f"Mật khẩu phải có ít nhất {MIN_LENGTH} ký tự (mật khẩu này có {len(password)})",
            f"The password must have at least {MIN_LENGTH} characters (this one has"
            f" {len(password)})",
        )
    if len(password) > MAX_LENGTH:
        raise AccountError(
            f"Mật khẩu dài quá {MAX_LENGTH} ký tự", f"The password is longer than {MAX_LENGTH}"
        )
    if _folded(password) == _folded(username):
        raise AccountError(
            "Mật khẩu không được trùng tên đăng nhập", "The password must not be the username"
        )


def _folded(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().casefold()


def hash_password(password: str) -> str:
    """The argon2id hash to store (salted; the password itself is never stored)."""
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """Whether `password` matches the stored hash (False for a wrong password or a bad hash)."""
    try:
        return _hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """The hash was made with weaker parameters than today's: store a new one at sign-in."""
    return _hasher.check_needs_rehash(stored_hash)


@cache
def _dummy_hash(hasher: PasswordHasher) -> str:
    return hasher.hash("not the password of any account")


def waste_a_verification(password: str) -> None:
    """Verify against a dummy hash made with today's parameters: an unknown username takes as
    long as a wrong password."""
    verify_password(_dummy_hash(_hasher), password)
