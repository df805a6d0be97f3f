"""Who may use the chat: password accounts, the signing secret and widget tokens.

* Accounts (``auth=password``) live in ``settings.intranet.users_file``: JSON ``{"users": {name:
  {"hash": bcrypt hash, "created": ISO time}}}``, written atomically with mode 0600. Passwords are
  never stored or logged.
* The secret signs Chainlit's session tokens and the intranet's widget tokens (``auth=jwt``). It
  comes from ``CHAINLIT_AUTH_SECRET`` or, if that is unset, from
  ``settings.intranet.secret_file``, which is created with 64 random bytes on first use.
* Sign-in is throttled (:func:`sign_in_refusal`, :func:`record_sign_in`): after
  ``signin_max_failures`` wrong passwords an account is locked for ``signin_lock_minutes``, twice
  as long after each further failure (at most a day); the lock and the failures are kept in the
  accounts file, so every replica sharing it and ``assistant users list`` see them. Signing out
  (:func:`sign_out`) or removing an account ends the sessions signed in before
  (:func:`session_ended`).
* A widget token is an HS256 JWT with the claims Chainlit expects (``identifier``,
  ``display_name``, ``metadata``) and a short expiry; ``assistant token USER`` mints one for tests.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import AccountError
from ..filelock import held
from ..messages import nl

NAME = re.compile(r"^[\w.@+-]{1,64}$")
MIN_PASSWORD = 10
MAX_PASSWORD_BYTES = 72  # bcrypt uses no more


# --- accounts ----------------------------------------------------------------------------------

def _read(path: Path) -> dict[str, dict[str, Any]]:
    # Read afresh each time: replicas and the CLI change the file, and a cache keyed on its
    # modification time misses changes within the clock's granularity.
    try:
        return _parse(path)
    except FileNotFoundError:
        return {}


def _parse(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        users = data["users"]
        if not isinstance(users, dict):
            raise TypeError
        return users
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise AccountError(f"The accounts file {path} is damaged; restore it from a backup or "
                           "remove it and add the accounts again.") from exc


def _write(path: Path, users: dict[str, dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".users-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"users": users}, f, ensure_ascii=False, indent=2)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _update(path: Path, change: Callable[[dict[str, dict[str, Any]]], Any]) -> Any:
    # One writer at a time: the CLI and every chat replica sharing the file.
    path.parent.mkdir(parents=True, exist_ok=True)
    with held(path.with_name(path.name + ".lock")):
        users = _read(path)
        result = change(users)
        _write(path, users)
        return result


def check_name(name: str) -> str:
    if not NAME.match(name or ""):
        raise AccountError("A user name is 1 to 64 letters, digits or . @ + - _ characters.")
    return name


def add_user(settings: Settings, name: str, password: str) -> bool:
    """Add or replace an account; True when it is new."""
    import bcrypt

    check_name(name)
    if len(password) < MIN_PASSWORD or len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        raise AccountError(f"A password has at least {MIN_PASSWORD} characters and at most "
                           f"{MAX_PASSWORD_BYTES} bytes.")
    hashed = bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode()
    now = datetime.now(UTC).isoformat(timespec="seconds")

    def add(users: dict[str, dict[str, Any]]) -> bool:
        new = name not in users
        # A new password also ends the sessions signed in with the old one.
        users[name] = {"hash": hashed, "created": now, "signed_out": now if not new else ""}
        return new

    return bool(_update(settings.intranet.users_file, add))


def remove_user(settings: Settings, name: str) -> None:
    def remove(users: dict[str, dict[str, Any]]) -> None:
        if name not in users:
            raise AccountError(f"There is no account {name!r}.")
        del users[name]

    _update(settings.intranet.users_file, remove)


def list_users(settings: Settings) -> list[tuple[str, str]]:
    return sorted((name, info.get("created", "")) for name, info in
                  _read(settings.intranet.users_file).items())


def account_status(settings: Settings, now: datetime | None = None) -> list[tuple[str, str, str]]:
    """(name, created, status) for each account; status says whether it is locked."""
    now = now or datetime.now(UTC)
    rows = []
    for name, info in sorted(_read(settings.intranet.users_file).items()):
        until = _time(info.get("locked_until"))
        failures = int(info.get("failures") or 0)
        if until and until > now:
            status = (f"locked until {until.astimezone().strftime('%Y-%m-%d %H:%M:%S')} "
                      f"({failures} failed sign-ins)")
        elif failures:
            status = f"{failures} failed sign-in(s)"
        else:
            status = "ok"
        rows.append((name, str(info.get("created", "")), status))
    return rows


def unlock(settings: Settings, name: str) -> None:
    def clear(users: dict[str, dict[str, Any]]) -> None:
        if name not in users:
            raise AccountError(f"There is no account {name!r}.")
        users[name].pop("failures", None)
        users[name].pop("locked_until", None)

    _update(settings.intranet.users_file, clear)


# --- throttling and the end of sessions ---------------------------------------------------------

def _time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def lock_sentence(until: datetime, now: datetime) -> str:
    minutes = max(1, round((until - now).total_seconds() / 60))
    return nl.LOCKED.format(minutes=minutes, unit=nl.MINUTE if minutes == 1 else nl.MINUTES)


def sign_in_refusal(settings: Settings, name: str, now: datetime | None = None) -> str | None:
    """A Dutch sentence when the account is locked now, else None."""
    now = now or datetime.now(UTC)
    try:
        info = _read(settings.intranet.users_file).get(name) or {}
    except AccountError:
        return None
    until = _time(info.get("locked_until"))
    return lock_sentence(until, now) if until and until > now else None


def lock_length(settings: Settings, failures: int) -> timedelta:
    """How long the lock after ``failures`` wrong passwords lasts (zero before the limit)."""
    over = failures - settings.intranet.signin_max_failures
    if over < 0:
        return timedelta(0)
    return min(timedelta(minutes=settings.intranet.signin_lock_minutes) * (2 ** min(over, 20)),
               timedelta(days=1))


def record_sign_in(settings: Settings, name: str, ok: bool, now: datetime | None = None
                   ) -> bool:
    """Count a wrong password against an existing account (and lock it past the limit), or
    clear the count after a right one; whether ``name`` is an account."""
    now = now or datetime.now(UTC)

    def change(users: dict[str, dict[str, Any]]) -> None:
        info = users.get(name)
        if info is None:
            return
        if ok:
            info.pop("failures", None)
            info.pop("locked_until", None)
            return
        failures = int(info.get("failures") or 0) + 1
        info["failures"] = failures
        length = lock_length(settings, failures)
        if length:
            info["locked_until"] = (now + length).isoformat(timespec="seconds")

    try:
        users = _read(settings.intranet.users_file)
    except AccountError:
        return False
    if name in users and (not ok or users[name].get("failures")):
        _update(settings.intranet.users_file, change)
    return name in users


def sign_out(settings: Settings, name: str, now: datetime | None = None) -> None:
    """End every session of ``name`` signed in until now."""
    stamp = (now or datetime.now(UTC)).isoformat(timespec="microseconds")

    def change(users: dict[str, dict[str, Any]]) -> None:
        if name in users:
            users[name]["signed_out"] = stamp

    _update(settings.intranet.users_file, change)


def session_ended(settings: Settings, name: str, issued_at: float | None) -> bool:
    """True when the account is gone, or signed out after the session's token was issued."""
    try:
        info = _read(settings.intranet.users_file).get(name)
    except AccountError:
        return False  # a damaged file is reported elsewhere; sessions are not cut for it
    if info is None:
        return True
    signed_out = _time(info.get("signed_out"))
    if signed_out is None:
        return False
    # Token times are whole seconds: a token from the second of signing out counts as before.
    return issued_at is None or int(issued_at) <= int(signed_out.timestamp())


def verify(settings: Settings, name: str, password: str) -> bool:
    """True for a known user with the right password; same cost for unknown users."""
    import bcrypt

    if not NAME.match(name or "") or len(password.encode("utf-8")) > MAX_PASSWORD_BYTES * 4:
        return False
    try:
        users = _read(settings.intranet.users_file)
    except AccountError:
        return False
    stored = users.get(name, {}).get("hash")
    # Compare against a dummy hash for unknown users so timing does not reveal names.
    candidate = stored.encode() if stored else _DUMMY
    try:
        ok = bcrypt.checkpw(password.encode("utf-8")[:MAX_PASSWORD_BYTES], candidate)
    except ValueError:
        return False
    return ok and stored is not None


_DUMMY = b"$2b$12$hEEl7LfuVnvbytKLG1RFIOmN0Uk8pQdM5e9hEaS4rmfNyDG1D6peK"


# --- secret and tokens -------------------------------------------------------------------------

def auth_secret(settings: Settings) -> str:
    """The chat's signing secret, created on first use."""
    given = settings.intranet.auth_secret
    if given is not None and given.get_secret_value():
        return given.get_secret_value()
    path = settings.intranet.secret_file
    if path.exists():
        value = path.read_text(encoding="utf-8").strip()
        if len(value) >= 32:
            return value
        raise AccountError(f"The secret in {path} is too short; remove the file to make a new "
                           "one (everyone signs in again).")
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_hex(64)
    # Written whole beside it, then linked into place: replicas starting together agree on the
    # one that lands first, and none reads a half-written secret.
    fd, tmp = tempfile.mkstemp(prefix=".secret-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(value + "\n")
        os.chmod(tmp, 0o600)
        try:
            os.link(tmp, path)
        except FileExistsError:
            return auth_secret(settings)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return value


def mint_token(settings: Settings, user: str, minutes: float = 15) -> str:
    """A widget token for ``user`` that expires after ``minutes``: more than zero and at most
    ``token_max_hours``, the longest the chat accepts."""
    import jwt

    check_name(user)
    if not 0 < minutes <= settings.intranet.token_max_hours * 60:
        raise AccountError(f"A widget token lasts more than 0 and at most "
                           f"{settings.intranet.token_max_hours * 60:g} minutes "
                           f"(ASSISTANT_TOKEN_MAX_HOURS={settings.intranet.token_max_hours:g}); "
                           f"{minutes:g} was asked.")
    now = datetime.now(UTC)
    claims: dict[str, Any] = {
        "identifier": user, "display_name": user, "metadata": {"provider": "jwt"},
        "token_use": WIDGET_USE, "iat": now, "exp": now + timedelta(minutes=minutes),
        # Its own id: two tokens minted in the same second for the same user still differ.
        "jti": secrets.token_urlsafe(12),
    }
    return str(jwt.encode(claims, auth_secret(settings), algorithm="HS256"))


# The claim that tells a widget token from the session tokens Chainlit mints from it: Chainlit
# copies only the user's fields into a session token, so a session token never carries it, and
# the widget's sign-in (``POST /auth/jwt``) takes only widget tokens. Chainlit's own decoding
# ignores claims that are not a user's field (an ``aud`` claim it would refuse).
WIDGET_CLAIM = "token_use"
WIDGET_USE = "widget"


def token_refusal(settings: Settings, token: str) -> str | None:
    """Why a token that the chat's secret signed is refused wherever it is presented, in one
    sentence (None: let it through; Chainlit itself refuses what is not signed or expired): a
    widget token outside the widget's sign-in mode, or any token that lasts longer than its
    kind may (a widget token ``token_max_hours``, a session ``session_hours``)."""
    import jwt

    try:
        claims = jwt.decode(token, auth_secret(settings), algorithms=["HS256"],
                            options={"verify_aud": False})
    except jwt.PyJWTError:
        return None
    if not isinstance(claims, dict):
        return None
    widget = claims.get(WIDGET_CLAIM) == WIDGET_USE
    if widget and settings.intranet.auth != "jwt":
        return nl.WIDGET_KEY_ONLY_IN_WIDGET
    hours = settings.intranet.token_max_hours if widget else settings.intranet.session_hours
    now = datetime.now(UTC).timestamp()
    try:  # as PyJWT reads them, which takes a number written as text too
        expires = float(int(claims["exp"]))
        start = float(int(claims["iat"])) if "iat" in claims else now
    except (KeyError, TypeError, ValueError):
        return nl.KEY_WITHOUT_LIFETIME
    if expires - min(start, now) > hours * 3600 + 60:  # a minute for clocks and rounding
        return nl.KEY_TOO_LONG.format(hours=hours)
    return None


def token_problem(settings: Settings, token: str) -> str | None:
    """Why a widget token is refused at the widget's sign-in, in one sentence (None when it is
    good): a bad signature, an expired token, no expiry, no user, not a widget token (a session
    token would otherwise be renewed there for ever), or a lifetime over ``token_max_hours``."""
    import jwt

    try:
        claims = jwt.decode(token, auth_secret(settings), algorithms=["HS256"],
                            options={"require": ["exp", "identifier", WIDGET_CLAIM]})
    except jwt.ExpiredSignatureError:
        return nl.TOKEN_EXPIRED
    except jwt.MissingRequiredClaimError as e:
        return nl.TOKEN_MISSES.format(claim=e.claim)
    except jwt.InvalidTokenError:
        return nl.TOKEN_NOT_SIGNED
    if claims[WIDGET_CLAIM] != WIDGET_USE:
        return nl.TOKEN_NOT_WIDGET.format(claim=WIDGET_CLAIM, use=WIDGET_USE)
    start = claims.get("iat") or datetime.now(UTC).timestamp()
    if float(claims["exp"]) - float(start) > settings.intranet.token_max_hours * 3600:
        return nl.TOKEN_TOO_LONG.format(hours=settings.intranet.token_max_hours)
    if not isinstance(claims["identifier"], str) or not NAME.match(claims["identifier"]):
        return nl.TOKEN_BAD_NAME
    return None


def parse_age(text: str) -> timedelta:
    """'90d', '12h', '30m' or '2w' as a duration."""
    match = re.fullmatch(r"\s*(\d{1,6})\s*([mhdw])\s*", text or "")
    if not match:
        raise AccountError(f"{text!r} is not an age like 90d, 12h, 30m or 2w.")
    n, unit = int(match.group(1)), match.group(2)
    return timedelta(**{{"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}[unit]: n})
