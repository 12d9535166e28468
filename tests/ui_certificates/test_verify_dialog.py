"""The Verify dialog, driven as a coordinator would: paste a code or QR text, read the verdict."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from deflection_kit.certificates import payload
from deflection_kit.certificates.codes import new_certificate_id
from deflection_kit.certificates.keys import IssuerKey
from deflection_kit.certificates.model import Certificate, SignedCertificate
from deflection_kit.certificates.signing import sign
from deflection_kit.certificates.trust import TrustStore
from deflection_kit.certificates.verify import check
from deflection_kit.ui.certificates.verify_dialog import VerifyDialog


def _signed(key: IssuerKey, name: str = "Zoë Ångström") -> SignedCertificate:
    return sign(
        Certificate(
            certificate_id=new_certificate_id(),
            course_id="first-responder-deflection",
            course_title="First Responder Deflection",
            participant_name=name,
            date=dt.date(2025, 3, 4),
            credit_hours=1.5,
            minutes_attended=88,
            facilitators=("Jordan Ellis",),
            host_agency="Springfield Police Department",
            issuer_key_id=key.key_id,
        ),
        key,
    )


@pytest.fixture
def dialog(qtbot):
    IssuerKey.load_or_create()
    trust = TrustStore()
    widget = VerifyDialog(lambda value: check(value, trust))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_pasting_a_genuine_qr_text_shows_every_field(qtbot, dialog) -> None:
    signed = _signed(IssuerKey.load())
    dialog.input.setPlainText(payload.encode(signed))
    qtbot.keyClick(dialog.input, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.verdict.text().startswith("GENUINE")
    assert dialog.verdict.property("ok") is True
    details = dialog.details.toPlainText()
    for expected in ("Zoë Ångström", signed.code, "minutes attended: 88"):
        assert expected.split(": ")[-1] in details


def test_an_altered_certificate_shows_the_reason(qtbot, dialog) -> None:
    signed = _signed(IssuerKey.load())
    forged = SignedCertificate(
        signed.certificate.with_changes(participant_name="Zoe Angstrom"), signed.signature
    )
    dialog.input.setPlainText(payload.encode(forged))
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    assert dialog.verdict.text().startswith("NOT VALID")
    assert "altered" in dialog.verdict.text()
    assert dialog.verdict.property("ok") is False


def test_a_stranger_or_nonsense_is_not_valid(qtbot, dialog) -> None:
    dialog.input.setPlainText(payload.encode(_signed(IssuerKey.generate())))
    dialog.verify_input()
    assert "unknown issuer" in dialog.verdict.text()
    dialog.input.setPlainText("not a code")
    dialog.verify_input()
    assert dialog.verdict.text().startswith("Cannot check this")
    dialog.input.setPlainText("")
    dialog.verify_input()
    assert "Paste a code" in dialog.verdict.text()


def test_every_control_has_an_accessible_name(dialog) -> None:
    for widget in (dialog.input, dialog.verify_button, dialog.open_button, dialog.details):
        assert widget.accessibleName()
