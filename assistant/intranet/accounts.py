"""Who may use the chat: password accounts, the signing secret and widget tokens.

* Accounts (``auth=password``) live in ``settings.users_file``: JSON ``{"users": {name: {"hash":
  bcrypt hash, "created": ISO time}}}``, written atomically with mode 0600. Passwords are never
  stored or logged.
* The secret signs Chainlit's session tokens and the intranet's widget tokens (``auth=jwt``). It
  comes from ``CHAINLIT_AUTH_SECRET`` or, if that is unset, from ``settings.secret_file``, which
  is created with 64 random bytes on first use.
* A widget token is an HS256 JWT with the claims Chainlit expects (``identifier``,
  ``display_name``, ``metadata``) and a short expiry; ``assistant token USER`` mints one for tests.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import AccountError

NAME = re.compile(r"^[\w.@+-]{1,64}$")
MIN_PASSWORD = 10
MAX_PASSWORD_BYTES = 72  # bcrypt uses no more


# --- accounts ----------------------------------------------------------------------------------

def _read(path: Path) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        users = data["users"]
        if not isinstance(users, dict):
            raise TypeError
        return users
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise AccountError(f"The accounts file {path} is damaged; restore it from a backup or "
                           "remove it and add the accounts again.") from exc


def _write(path: Path, users: dict[str, dict[str, str]]) -> None:
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
    users = _read(settings.users_file)
    new = name not in users
    users[name] = {"hash": bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode(),
                   "created": datetime.now(UTC).isoformat(timespec="seconds")}
    _write(settings.users_file, users)
    return new


def remove_user(settings: Settings, name: str) -> None:
    users = _read(settings.users_file)
    if name not in users:
        raise AccountError(f"There is no account {name!r}.")
    del users[name]
    _write(settings.users_file, users)


def list_users(settings: Settings) -> list[tuple[str, str]]:
    return sorted((name, info.get("created", "")) for name, info in
                  _read(settings.users_file).items())


def verify(settings: Settings, name: str, password: str) -> bool:
    """True for a known user with the right password; same cost for unknown users."""
    import bcrypt

    if not NAME.match(name or "") or len(password.encode("utf-8")) > MAX_PASSWORD_BYTES * 4:
        return False
    try:
        users = _read(settings.users_file)
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
    from_env = os.environ.get("CHAINLIT_AUTH_SECRET")
    if from_env:
        return from_env
    path = settings.secret_file
    if path.exists():
        value = path.read_text(encoding="utf-8").strip()
        if len(value) >= 32:
            return value
        raise AccountError(f"The secret in {path} is too short; remove the file to make a new "
                           "one (everyone signs in again).")
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_hex(64)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(value + "\n")
    return value


def mint_token(settings: Settings, user: str, minutes: float = 15) -> str:
    """A widget token for ``user`` that expires after ``minutes``."""
    import jwt

    check_name(user)
    claims: dict[str, Any] = {
        "identifier": user, "display_name": user, "metadata": {"provider": "jwt"},
        "exp": datetime.now(UTC) + timedelta(minutes=minutes),
    }
    return str(jwt.encode(claims, auth_secret(settings), algorithm="HS256"))


def token_problem(settings: Settings, token: str) -> str | None:
    """Why a widget token is refused, in one sentence (None when it is good): a bad signature,
    an expired token, no expiry, no user, or a lifetime over ``token_max_hours``."""
    import jwt

    try:
        claims = jwt.decode(token, auth_secret(settings), algorithms=["HS256"],
                            options={"require": ["exp", "identifier"]})
    except jwt.ExpiredSignatureError:
        return "Deze aanmeldsleutel is verlopen; laad de pagina opnieuw."
    except jwt.MissingRequiredClaimError as e:
        return f"Deze aanmeldsleutel mist '{e.claim}' en wordt geweigerd."
    except jwt.InvalidTokenError:
        return "Deze aanmeldsleutel is niet door deze raadsgids ondertekend."
    start = claims.get("iat") or datetime.now(UTC).timestamp()
    if float(claims["exp"]) - float(start) > settings.token_max_hours * 3600:
        return (f"Deze aanmeldsleutel is langer geldig dan {settings.token_max_hours:g} uur en "
                "wordt geweigerd.")
    if not isinstance(claims["identifier"], str) or not NAME.match(claims["identifier"]):
        return "De gebruikersnaam in deze aanmeldsleutel is niet geldig."
    return None


def parse_age(text: str) -> timedelta:
    """'90d', '12h', '30m' or '2w' as a duration."""
    match = re.fullmatch(r"\s*(\d{1,6})\s*([mhdw])\s*", text or "")
    if not match:
        raise AccountError(f"{text!r} is not an age like 90d, 12h, 30m or 2w.")
    n, unit = int(match.group(1)), match.group(2)
    return timedelta(**{{"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}[unit]: n})
