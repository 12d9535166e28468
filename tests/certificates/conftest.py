"""Fixtures for the certificate tests: this installation's key, a signed certificate."""

from __future__ import annotations

import pytest
from certhelp import make_certificate

from deflection_kit.certificates.keys import IssuerKey
from deflection_kit.certificates.signing import sign
from deflection_kit.certificates.trust import TrustStore


@pytest.fixture
def issuer() -> IssuerKey:
    """This installation's key, created in the isolated user data folder."""
    return IssuerKey.load_or_create()


@pytest.fixture
def trust(issuer: IssuerKey) -> TrustStore:
    """The trust store (which trusts the installation's own key)."""
    return TrustStore()


@pytest.fixture
def signed(issuer: IssuerKey):
    """A signed certificate with ordinary fields."""
    return sign(make_certificate(issuer), issuer)


@pytest.fixture(scope="session")
def wording():
    """The certificate wording of the small test course."""
    from pathlib import Path

    from deflection_kit.content import load_course

    return load_course(Path(__file__).parents[1] / "content" / "minimal_content").info.certificate


@pytest.fixture
def gui(qapp):
    """A running QApplication (pytest-qt's), so painting code never starts a second kind."""
    return qapp
