"""The journal's key: the marker, the passphrase-encrypted key file, unlock. No Textual here."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyrage
from pyrage import passphrase, x25519

from recovery_tui.core import fsutil

MARKER_NAME = fsutil.ENCRYPTION_MARKER
KEY_NAME = "key.age"
FORMAT = 1
RECOVERY_PREFIX = "AGE-SECRET-KEY-1"
_MAX_KEY_BYTES = 64 * 1024

MARKER_TEXT = """\
# This journal is encrypted with age (https://age-encryption.org): entries, drafts, the
# practice file and trashed files are age files encrypted to the recipient below. Its secret
# key is in key.age, encrypted with your passphrase:
#   age -d -o key.txt key.age        (asks for the passphrase; keep key.txt private)
#   age -d -i key.txt entries/NAME.toml
# Your recovery key is that secret key. Don't edit this file.
format = {format}
recipient = "{recipient}"
"""


class WrongSecret(ValueError):
    """The passphrase or recovery key doesn't open this journal."""


class Locked(ValueError):
    """The journal isn't encrypted, or its marker or key file can't be read."""


def is_encrypted(root: Path) -> bool:
    return (Path(root) / MARKER_NAME).is_file()


@dataclass(frozen=True)
class JournalKey:
    """An unlocked journal: encrypts to its recipient, decrypts with its identity."""

    identity: x25519.Identity
    recipient: x25519.Recipient

    @property
    def recovery_key(self) -> str:
        return str(self.identity)

    def seal(self, data: bytes) -> bytes:
        return pyrage.encrypt(data, [self.recipient])

    def unseal(self, data: bytes) -> bytes:
        try:
            return pyrage.decrypt(data, [self.identity])
        except pyrage.DecryptError:
            raise fsutil.JournalLocked(
                13, "this file can't be decrypted with the journal's key"
            ) from None


def _recipient_of(root: Path) -> str:
    try:
        raw = fsutil.read_file(Path(root) / MARKER_NAME, _MAX_KEY_BYTES, raw=True)
        found = tomllib.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise Locked(f"{MARKER_NAME} can't be read ({error})") from None
    recipient = found.get("recipient")
    if found.get("format") != FORMAT or not isinstance(recipient, str):
        raise Locked(f"{MARKER_NAME} isn't one this version understands")
    return recipient


def _identity_text(identity: x25519.Identity) -> bytes:
    """The identity as ``age-keygen`` writes it (what ``age -i`` reads)."""
    created = datetime.now(UTC).replace(microsecond=0).isoformat()
    return f"# created: {created}\n# public key: {identity.to_public()}\n{identity}\n".encode()


def _parse_identity(text: str) -> x25519.Identity:
    for line in text.splitlines():
        line = line.strip()
        if line.upper().startswith(RECOVERY_PREFIX):
            try:
                return x25519.Identity.from_str(line.upper())
            except pyrage.IdentityError:
                break
    raise WrongSecret("that isn't a recovery key (it starts with AGE-SECRET-KEY-1)")


def looks_like_recovery_key(secret: str) -> bool:
    return secret.strip().upper().startswith(RECOVERY_PREFIX)


def unlock(root: Path, secret: str) -> JournalKey:
    """The key of the encrypted journal at `root`, from the passphrase or the recovery key.
    Raises WrongSecret (nothing is changed) or Locked."""
    root = Path(root)
    recipient = _recipient_of(root)
    if looks_like_recovery_key(secret):
        identity = _parse_identity(secret)
    else:
        try:
            sealed = fsutil.read_file(root / KEY_NAME, _MAX_KEY_BYTES, raw=True)
        except OSError as error:
            raise Locked(f"{KEY_NAME} can't be read ({fsutil.describe_os_error(error)})") from None
        try:
            identity = _parse_identity(passphrase.decrypt(sealed, secret).decode("utf-8"))
        except (pyrage.DecryptError, UnicodeDecodeError, WrongSecret):
            raise WrongSecret("that passphrase doesn't open this journal") from None
    if str(identity.to_public()) != recipient:
        raise WrongSecret("that recovery key belongs to another journal")
    return JournalKey(identity, identity.to_public())


def write_key_file(root: Path, key: JournalKey, secret: str) -> None:
    """(Re)write key.age: the identity, encrypted with the passphrase `secret` (slow)."""
    sealed = passphrase.encrypt(_identity_text(key.identity), secret, armored=True)
    fsutil.atomic_write(Path(root) / KEY_NAME, sealed, raw=True)


def create(root: Path, secret: str) -> JournalKey:
    """Give the journal at `root` a new key: key.age first, then the marker (from then on
    the journal counts as encrypted)."""
    identity = x25519.Identity.generate()
    key = JournalKey(identity, identity.to_public())
    write_key_file(root, key, secret)
    text = MARKER_TEXT.format(format=FORMAT, recipient=key.recipient)
    fsutil.atomic_write(Path(root) / MARKER_NAME, text.encode(), raw=True)
    return key


def forget(root: Path) -> None:
    """The journal is plain again: the marker goes first, then key.age."""
    for name in (MARKER_NAME, KEY_NAME):
        path = Path(root) / name
        if path.exists():
            path.unlink()
            fsutil.fsync_dir(Path(root))
