"""The Verify dialog, driven as a coordinator would: paste a code or QR text, read the verdict."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from deflection_kit.certificates import payload
from deflection_kit.certificates.codes import new_certificate_id
from deflection_kit.certificates.keys import IssuerKey
from deflection_kit.certificates.model import Certificate, SignedCertificate
from deflection_kit.certificates.signing import RevocationUnknownError, sign
from deflection_kit.certificates.trust import TrustStore
from deflection_kit.certificates.verify import check
from deflection_kit.ui.certificates.verify_dialog import VerdictCard, VerifyDialog


def _signed(key: IssuerKey, name: str = "Zoë Ångström") -> SignedCertificate:
    return sign(
        Certificate(
            certificate_id=new_certificate_id(),
            course_id="first-responder-deflection",
            course_title="First Responder Deflection",
            participant_name=name,
            date=dt.date(2025, 3, 4),
            credit_hours=1.5,
            minutes_attended=92,
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
    (card,) = dialog.cards
    assert card.value("participant") == "Zoë Ångström"
    assert card.value("code") == signed.code
    assert card.value("date") == "March 4, 2025 (2025-03-04)"
    assert card.value("credit hours") == "1.5"
    assert card.value("minutes attended") == str(signed.certificate.minutes_attended)
    note = card.findChild(QLabel, "paperNote").text()
    assert note.startswith("The printed certificate must show exactly these details")
    assert "Zoë Ångström" in dialog.details_text()


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
    (card,) = dialog.cards
    assert card.value("participant") == "Zoe Angstrom"  # what it claims, marked as such
    assert "do not rely on them" in card.findChild(QLabel, "paperNote").text()


def test_a_stranger_or_nonsense_is_not_valid(qtbot, dialog) -> None:
    dialog.input.setPlainText(payload.encode(_signed(IssuerKey.generate())))
    dialog.verify_input()
    assert "unknown issuer" in dialog.verdict.text()
    assert len(dialog.cards) == 1
    dialog.input.setPlainText("not a code")
    dialog.verify_input()
    assert dialog.verdict.text().startswith("Cannot check this")
    assert dialog.cards == []  # the last certificate's card is gone
    assert not [c for c in dialog.details.widget().findChildren(VerdictCard) if c.isVisible()]
    dialog.input.setPlainText("")
    dialog.verify_input()
    assert "Paste a code" in dialog.verdict.text()


def test_an_unreadable_register_cannot_confirm(qtbot) -> None:
    key = IssuerKey.load_or_create()
    trust = TrustStore()

    def unreadable(_certificate_id: str):
        raise RevocationUnknownError("kit.sqlite3: database disk image is malformed")

    widget = VerifyDialog(lambda value: check(value, trust, unreadable))
    qtbot.addWidget(widget)
    widget.input.setPlainText(payload.encode(_signed(key)))
    widget.verify_input()
    assert widget.verdict.text().startswith("CANNOT CONFIRM")
    assert "GENUINE" not in widget.verdict.text()
    assert widget.verdict.property("ok") is False
    (card,) = widget.cards
    assert card.value("revocation") == "unknown: the revocation list could not be read"


def test_every_control_has_an_accessible_name(dialog) -> None:
    dialog.input.setPlainText(payload.encode(_signed(IssuerKey.load())))
    dialog.verify_input()
    for widget in (dialog.input, dialog.verify_button, dialog.open_button, dialog.details):
        assert widget.accessibleName()
    for label in dialog.cards[0].values.values():
        assert label.accessibleName().endswith(label.text())
