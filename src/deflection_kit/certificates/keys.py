"""The issuer key pair of this installation (Ed25519) and the public-key file format (no Qt).

The private key lives in one owner-only file in the user data folder. Nothing here ever writes
it anywhere else: the database, exports and bundles hold only public keys and signatures.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from deflection_kit import paths, privatefiles
from deflection_kit.certificates.codes import encode_base32, group
from deflection_kit.errors import DeflectionKitError, InputFileError

KEYS_FOLDER = "certificates"
PRIVATE_KEY_FILE = "issuer-private-key.pem"
KEY_ID_BYTES = 10
MAX_KEY_FILE = 64 * 1024
_PEM_BLOCK = re.compile(
    rb"-----BEGIN PUBLIC KEY-----\s+[A-Za-z0-9+/=\s]+?-----END PUBLIC KEY-----", re.S
)
_LABEL_LINE = re.compile(r"^#\s*label:\s*(.*)$", re.M)
_KEY_ID_LINE = re.compile(r"^#\s*key id:\s*([0-9A-Za-z-]+)\s*$", re.M)


class IssuerKeyError(DeflectionKitError):
    """The issuer key is missing, unreadable or not an Ed25519 key."""


def keys_dir() -> Path:
    """Return the owner-only folder holding the issuer key and the trusted keys."""
    folder = paths.user_data_dir() / KEYS_FOLDER
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def key_id_of(public_key: Ed25519PublicKey) -> str:
    """Return a public key's ID: the first 80 bits of SHA-256 of its raw bytes, base32."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return encode_base32(hashlib.sha256(raw).digest()[:KEY_ID_BYTES])


def public_key_from_raw(raw: bytes) -> Ed25519PublicKey:
    """Return the Ed25519 public key with these 32 raw bytes."""
    try:
        return Ed25519PublicKey.from_public_bytes(raw)
    except ValueError as error:
        raise IssuerKeyError("not an Ed25519 public key") from error


def raw_public_bytes(public_key: Ed25519PublicKey) -> bytes:
    """Return the 32 raw bytes of a public key."""
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def verify_signature(public_key: Ed25519PublicKey, signature: bytes, message: bytes) -> bool:
    """Return True when ``signature`` is the key's signature over ``message``."""
    try:
        public_key.verify(signature, message)
    except InvalidSignature:
        return False
    return True


@dataclass(frozen=True)
class PublicKeyFile:
    """A public key as exchanged between installations, with a label saying whose it is."""

    public_key: Ed25519PublicKey
    label: str

    @property
    def key_id(self) -> str:
        """Return the key's ID."""
        return key_id_of(self.public_key)

    def to_text(self) -> str:
        """Return the file's text: comment lines, then the key in PEM."""
        pem = self.public_key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode("ascii")
        label = " ".join(self.label.split())
        return (
            "# Deflection Kit certificate issuer: public key (safe to share)\n"
            f"# key id: {group(self.key_id)}\n"
            f"# label: {label}\n"
            f"{pem}"
        )

    @classmethod
    def parse(cls, data: bytes, source: str, label: str | None = None) -> PublicKeyFile:
        """Return the public key in a file's bytes, or raise InputFileError naming ``source``."""
        if len(data) > MAX_KEY_FILE:
            raise InputFileError(source, None, "too large to be a public key file")
        if b"PRIVATE KEY" in data:
            raise InputFileError(
                source, None, "this is a private key: import the issuer's public key file instead"
            )
        match = _PEM_BLOCK.search(data)
        if match is None:
            raise InputFileError(source, None, "no public key (-----BEGIN PUBLIC KEY-----) in it")
        try:
            loaded = serialization.load_pem_public_key(match.group(0))
        except ValueError as error:
            raise InputFileError(source, None, f"the public key is damaged: {error}") from None
        if not isinstance(loaded, Ed25519PublicKey):
            raise InputFileError(source, None, "not an Ed25519 key (certificates use Ed25519)")
        text = data[: match.start()].decode("utf-8", errors="replace")
        claimed = _KEY_ID_LINE.search(text)
        parsed = cls(loaded, "")
        if claimed and claimed.group(1).replace("-", "").upper() != parsed.key_id:
            raise InputFileError(source, None, "the key id written in the file does not match")
        found = _LABEL_LINE.search(text)
        chosen = label if label is not None else (found.group(1) if found else "")
        return cls(loaded, " ".join(chosen.split()))


class IssuerKey:
    """This installation's signing key; only the signing methods touch the private half."""

    def __init__(self, private_key: Ed25519PrivateKey, *, saved: bool = False) -> None:
        self._private = private_key
        self.public_key = private_key.public_key()
        self.key_id = key_id_of(self.public_key)
        self.saved = saved  # this installation's key, kept in its file (not a throwaway one)

    def __repr__(self) -> str:  # never show key material in logs or tracebacks
        return f"IssuerKey(key_id={self.key_id!r})"

    def sign(self, message: bytes) -> bytes:
        """Return the Ed25519 signature of ``message``."""
        return self._private.sign(message)

    def certify(self, builder: x509.CertificateBuilder) -> x509.Certificate:
        """Return the X.509 certificate ``builder`` describes, signed by this key."""
        return builder.sign(self._private, None)  # Ed25519 hashes internally: no digest

    def public_file(self, label: str) -> PublicKeyFile:
        """Return the shareable public key file for this key."""
        return PublicKeyFile(self.public_key, label)

    @classmethod
    def generate(cls) -> IssuerKey:
        """Return a new random key (not saved)."""
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def path(cls) -> Path:
        """Return where the private key file lives."""
        return keys_dir() / PRIVATE_KEY_FILE

    @classmethod
    def exists(cls) -> bool:
        """Return True when this installation has made its key already."""
        return cls.path().is_file()

    @classmethod
    def load(cls) -> IssuerKey:
        """Return the saved key, or raise IssuerKeyError when there is none or it is damaged."""
        target = cls.path()
        try:
            data = target.read_bytes()
        except FileNotFoundError:
            raise IssuerKeyError(f"no issuer key yet in {target.parent}") from None
        try:
            loaded = serialization.load_pem_private_key(data, password=None)
        except (ValueError, TypeError) as error:
            raise IssuerKeyError(f"the issuer key file {target} is damaged ({error})") from None
        if not isinstance(loaded, Ed25519PrivateKey):
            raise IssuerKeyError(f"the issuer key file {target} does not hold an Ed25519 key")
        return cls(loaded, saved=True)

    @classmethod
    def load_or_create(cls) -> IssuerKey:
        """Return the saved key, creating and saving it (owner-only) on first use."""
        if cls.exists():
            return cls.load()
        key = cls.generate()
        data = key._private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        privatefiles.write_bytes(cls.path(), data)
        key.saved = True
        return key
