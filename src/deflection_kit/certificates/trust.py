"""The issuers this installation trusts: its own key plus imported public keys (no Qt).

A coordinator imports each facilitator's public key file once; after that every certificate
those facilitators sign verifies offline. The store is one owner-only JSON file of public keys.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from deflection_kit import privatefiles
from deflection_kit.certificates.keys import (
    IssuerKey,
    IssuerKeyError,
    PublicKeyFile,
    key_id_of,
    keys_dir,
    public_key_from_raw,
    raw_public_bytes,
)
from deflection_kit.errors import DeflectionKitError

TRUST_FILE = "trusted-issuers.json"
DEFAULT_LABEL = "this installation"


@dataclass(frozen=True)
class TrustedIssuer:
    """A public key this installation accepts certificates from."""

    key_id: str
    public_key: Ed25519PublicKey
    label: str
    added_at: str
    own: bool = False


class TrustStore:
    """Trusted issuers, read from and saved to the user data folder."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or keys_dir() / TRUST_FILE
        self.own_label = ""
        self._issuers: dict[str, TrustedIssuer] = {}
        self._own: IssuerKey | None = None
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError) as error:
            raise DeflectionKitError(
                f"{self.path}: the trusted issuers file is damaged ({error})"
            ) from None
        self.own_label = str(data.get("own_label", ""))
        for entry in data.get("issuers", []):
            try:
                key = public_key_from_raw(base64.b64decode(entry["public_key"], validate=True))
            except (KeyError, TypeError, binascii.Error, IssuerKeyError):
                continue  # one damaged entry must not hide the others
            issuer = TrustedIssuer(
                key_id=key_id_of(key),
                public_key=key,
                label=str(entry.get("label", "")),
                added_at=str(entry.get("added_at", "")),
            )
            self._issuers[issuer.key_id] = issuer

    def save(self) -> None:
        """Write the store, owner-only and atomically."""
        data: dict[str, Any] = {
            "format": "deflection-kit/trusted-issuers",
            "version": 1,
            "own_label": self.own_label,
            "issuers": [
                {
                    "key_id": issuer.key_id,
                    "public_key": base64.b64encode(raw_public_bytes(issuer.public_key)).decode(),
                    "label": issuer.label,
                    "added_at": issuer.added_at,
                }
                for issuer in self._issuers.values()
            ],
        }
        privatefiles.write_text(self.path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")

    def own(self) -> TrustedIssuer | None:
        """Return this installation's own key as an issuer, when it has one."""
        if self._own is None:
            if not IssuerKey.exists():
                return None
            self._own = IssuerKey.load()
        key = self._own
        return TrustedIssuer(
            key_id=key.key_id,
            public_key=key.public_key,
            label=self.own_label or DEFAULT_LABEL,
            added_at="",
            own=True,
        )

    def imported(self) -> list[TrustedIssuer]:
        """Return the imported issuers, in the order they were added."""
        return list(self._issuers.values())

    def find(self, key_id: str) -> TrustedIssuer | None:
        """Return the trusted issuer with this key ID (own key included), or None."""
        own = self.own()
        if own is not None and own.key_id == key_id:
            return own
        return self._issuers.get(key_id)

    def add(self, public: PublicKeyFile) -> tuple[TrustedIssuer, bool]:
        """Trust a public key; return the issuer and whether it was new. Saves the store."""
        own = self.own()
        if own is not None and own.key_id == public.key_id:
            return own, False
        existing = self._issuers.get(public.key_id)
        if existing is not None and (not public.label or public.label == existing.label):
            return existing, False
        issuer = TrustedIssuer(
            key_id=public.key_id,
            public_key=public.public_key,
            label=public.label or (existing.label if existing else ""),
            added_at=existing.added_at
            if existing
            else dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        )
        self._issuers[issuer.key_id] = issuer
        self.save()
        return issuer, existing is None

    def remove(self, key_id: str) -> TrustedIssuer:
        """Stop trusting an imported key; raise DeflectionKitError when it is not there."""
        issuer = self._issuers.pop(key_id, None)
        if issuer is None:
            raise DeflectionKitError(f"no trusted issuer with key id {key_id}")
        self.save()
        return issuer

    def set_own_label(self, label: str) -> None:
        """Remember how this installation's key is labelled when exported. Saves the store."""
        self.own_label = " ".join(label.split())
        self.save()
