"""A facilitator's whole day from the command line: check people in and out, issue certificates,
verify them, revoke and re-issue; and the private key shows up in no file the kit writes."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from certhelp import HARD_NAMES
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from deflection_kit.certificates.keys import IssuerKey
from deflection_kit.certificates.pdfkey import PDF_KEY_FILE
from pdf_reading import pdf_text, shows

PEOPLE = {
    # name: (check-in, check-out) on 2025-03-04, local time; the session is 09:00-10:30
    "Dana Whitfield": ("09:00", "10:30"),
    HARD_NAMES["arabic"]: ("09:02", "10:30"),
    HARD_NAMES["hebrew"]: ("09:00", "10:29"),
    HARD_NAMES["cjk"]: ("08:55", "10:35"),
    "Sam 😀 Lee": ("09:00", "10:30"),
    "Larry Late": ("09:40", "10:30"),  # 50 minutes: did not complete
}


@pytest.fixture
def day(run_cli, tmp_path):
    """A session with six people checked in and out; returns (db, session id)."""
    db = str(tmp_path / "kit.sqlite3")
    made = run_cli(
        "--db", db, "session", "new", "--title", "Springfield PD roll call", "--date",
        "2025-03-04", "--start", "09:00", "--host-agency", "Springfield Police Department",
        "--facilitator", "Jordan Ellis", "--facilitator", "Priya Raman",
    )  # fmt: skip
    assert made.code == 0, made
    session = made.out.strip()
    for name, (start, end) in PEOPLE.items():
        assert (
            run_cli(
                "--db", db, "checkin", session, "--name", name, "--at", f"2025-03-04T{start}"
            ).code
            == 0
        )
        assert (
            run_cli(
                "--db", db, "checkout", session, "--name", name, "--at", f"2025-03-04T{end}"
            ).code
            == 0
        )
    return db, session


def _codes(paths: list[str]) -> list[str]:
    return [re.search(r"_([0-9A-Z-]{21})\.pdf$", p).group(1) for p in paths]


def test_issue_verify_revoke_reissue(run_cli, day, tmp_path) -> None:
    db, session = day
    out = tmp_path / "certs"
    result = run_cli(
        "--db",
        db,
        "certificates",
        "issue",
        session,
        "--out",
        str(out),
        "--combined",
        str(tmp_path / "all.pdf"),
        "--by",
        "Jordan Ellis",
    )
    assert result.code == 0, result
    assert "5 issued, 0 already issued, 1 did not complete" in result.err
    assert "left out '😀'" in result.err
    files = sorted(str(p) for p in out.glob("*.pdf"))
    assert len(files) == 5
    assert any(Path(f).name.startswith("Dana-Whitfield_") for f in files)
    assert any(Path(f).name.startswith("فاطمة-الزهراء") for f in files)
    assert not any("Larry" in f for f in files)
    combined = pdf_text(tmp_path / "all.pdf")
    assert combined.count("First Responder Deflection") == 5
    for name in ("Dana Whitfield", HARD_NAMES["arabic"], HARD_NAMES["cjk"], "Sam Lee"):
        assert shows(combined, name)

    # Every file verifies, and so does the combined print file (one verdict a page).
    for path in files:
        verdict = run_cli("--db", db, "certificates", "verify", path)
        assert verdict.code == 0, verdict
    assert run_cli("--db", db, "certificates", "verify", str(tmp_path / "all.pdf")).code == 0

    # Issuing again prints the same certificates.
    again = run_cli("--db", db, "certificates", "issue", session, "--out", str(tmp_path / "again"))
    assert "0 issued, 5 already issued" in again.err
    assert sorted(_codes(again.out.split())) == sorted(_codes(files))

    listing = run_cli("--db", db, "certificates", "list", session).out
    assert listing.count("issued") == 5 and "not completed" in listing and "Larry Late" in listing

    # Revoke one: its code and its PDF fail, with who and why.
    dana = next(f for f in files if Path(f).name.startswith("Dana-Whitfield_"))
    dana_code = _codes([dana])[0]
    assert run_cli("--db", db, "certificates", "verify", dana_code).code == 0
    revoked = run_cli(
        "--db",
        db,
        "certificates",
        "revoke",
        dana_code,
        "--reason",
        "checked out for someone else",
        "--by",
        "Priya Raman",
    )
    assert revoked.code == 0, revoked
    for target in (dana_code, dana):
        verdict = run_cli("--db", db, "certificates", "verify", target)
        assert verdict.code == 1
        assert "revoked on" in verdict.err and "by Priya Raman: checked out for someone else" in (
            verdict.err
        )

    # Re-issue another: the old one is replaced, the new one verifies.
    sam = next(f for f in files if Path(f).name.startswith("Sam-Lee_"))
    sam_code = _codes([sam])[0]
    reissued = run_cli(
        "--db",
        db,
        "certificates",
        "reissue",
        sam_code,
        "--out",
        str(tmp_path / "new"),
        "--reason",
        "printer jam",
        "--by",
        "Jordan Ellis",
    )
    assert reissued.code == 0, reissued
    new_pdf = reissued.out.strip()
    new_code = _codes([new_pdf])[0]
    assert new_code != sam_code
    old = run_cli("--db", db, "certificates", "verify", sam)
    assert old.code == 1 and f"replaced by certificate {new_code}" in old.err
    assert run_cli("--db", db, "certificates", "verify", new_pdf).code == 0
    assert run_cli("--db", db, "certificates", "verify", new_code).code == 0


def test_issue_refuses_a_design_that_does_not_exist(run_cli, day, tmp_path) -> None:
    db, session = day
    result = run_cli(
        "--db",
        db,
        "certificates",
        "issue",
        session,
        "--out",
        str(tmp_path / "x"),
        "--design",
        "fancy",
    )
    assert result.code == 2
    assert "unknown certificate design 'fancy'" in result.err
    listing = run_cli("--db", db, "certificates", "list", session).out
    assert "issued" not in listing.replace("not issued", "")  # nothing was recorded


def _secret_forms() -> list[bytes]:
    """Return both private keys (the issuer's Ed25519 one and the PDF signing P-256 one) in every
    form they could leak as: raw, hex, base64, DER, PEM lines."""
    forms = [b"PRIVATE KEY"]
    for path in (IssuerKey.path(), IssuerKey.path().parent / PDF_KEY_FILE):
        pem = path.read_bytes()
        key = serialization.load_pem_private_key(pem, password=None)
        if isinstance(key, ec.EllipticCurvePrivateKey):
            raw = key.private_numbers().private_value.to_bytes(32, "big")
        else:
            raw = key.private_bytes(
                serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                serialization.NoEncryption(),
            )  # fmt: skip
        der = key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )  # fmt: skip
        body = [line for line in pem.splitlines() if line and not line.startswith(b"-----")]
        forms += [raw, raw.hex().encode(), base64.b64encode(raw), der, *body]
    return forms


def test_the_private_key_is_in_no_file_the_kit_writes(run_cli, day, tmp_path) -> None:
    db, session = day
    out = tmp_path / "out"
    assert (
        run_cli(
            "--db",
            db,
            "certificates",
            "issue",
            session,
            "--out",
            str(out / "certs"),
            "--combined",
            str(out / "all.pdf"),
        ).code
        == 0
    )
    assert (
        run_cli("--db", db, "bundle", "export", session, "--out", str(out / "day.dkbundle")).code
        == 0
    )
    for fmt in ("csv", "xlsx", "pdf"):
        assert (
            run_cli(
                "--db",
                db,
                "attendance",
                "export",
                "--session",
                session,
                "--format",
                fmt,
                "--out",
                str(out / f"attendance.{fmt}"),
            ).code
            == 0
        )
    assert run_cli("--db", db, "backup", "--out", str(out / "backup.sqlite3")).code == 0
    assert run_cli("certificates", "keys", "export", "--out", str(out / "me.pub")).code == 0
    files = [p for p in out.rglob("*") if p.is_file()]
    files += [p for p in Path(db).parent.iterdir() if p.name.startswith("kit.sqlite3")]
    assert len(files) >= 12
    forms = _secret_forms()
    for path in files:
        data = path.read_bytes()
        for form in forms:
            assert form not in data, f"{path.name} holds the private key ({form[:12]!r}...)"
    # The key files themselves are where they should be, owner-only.
    assert IssuerKey.path().stat().st_mode & 0o777 == 0o600
    assert (IssuerKey.path().parent / PDF_KEY_FILE).stat().st_mode & 0o777 == 0o600


def test_issuing_again_after_a_correction_says_to_reissue(run_cli, day, tmp_path) -> None:
    from deflection_kit.storage import PersonFields, Store

    db, session = day
    run_cli("--db", db, "certificates", "issue", session, "--out", str(tmp_path / "a"))
    with Store.open(db) as store:  # the facilitator corrects a spelling
        dana = next(
            e.participant for e in store.attendance.roster(session)
            if e.participant.name == "Dana Whitfield"
        )  # fmt: skip
        store.participants.update(dana.id, PersonFields(name="Dana Whitfield-Ross"))
    again = run_cli("--db", db, "certificates", "issue", session, "--out", str(tmp_path / "b"))
    assert "0 issued, 5 already issued" in again.err
    assert "Dana Whitfield-Ross: name changed since certificate" in again.err
    code = re.search(r"changed since certificate ([0-9A-Z-]{21})", again.err).group(1)
    reissued = run_cli("--db", db, "certificates", "reissue", code, "--out", str(tmp_path / "c"))
    assert reissued.code == 0
    assert Path(reissued.out.strip()).name.startswith("Dana-Whitfield-Ross_")
    quiet = run_cli("--db", db, "certificates", "issue", session, "--out", str(tmp_path / "d"))
    assert "changed since" not in quiet.err


def test_a_preview_never_verifies_and_records_nothing(day, bundled_course) -> None:
    from deflection_kit.certificates.desk import CertificateDesk
    from deflection_kit.certificates.signing import verify
    from deflection_kit.certificates.trust import TrustStore
    from deflection_kit.storage import Store

    db, session = day
    with Store.open(db) as store:
        desk = CertificateDesk(store, bundled_course)
        holder = desk.holders(session)[0]
        draft = desk.draft(session, holder.participant_id)
        assert draft == desk.draft(session, holder.participant_id)  # the same preview each time
        assert verify(draft, TrustStore()).outcome == "unknown-issuer"
        assert store.certificates.for_session(session) == []


def test_issuing_fills_each_page_in_once_and_prints_from_it(day, bundled_course, tmp_path) -> None:
    """The pages checked before recording are the ones written: no second QR code or template."""
    from deflection_kit.certificates.desk import CertificateDesk
    from deflection_kit.storage import Store

    db, session = day
    with Store.open(db) as store:
        desk = CertificateDesk(store, bundled_course)
        renderer = desk.renderer
        filled: list[str] = []
        original = renderer.page

        def page(signed):  # the real renderer, counted
            filled.append(signed.certificate.certificate_id)
            return original(signed)

        renderer.page = page  # type: ignore[method-assign]
        issued = desk.issue(session)
        written = desk.write_pdfs(issued.all, tmp_path / "out")
        assert len(written) == len(issued.new) == 5
        assert sorted(filled) == sorted(s.certificate.certificate_id for s in issued.new)
        desk.write_pdfs(issued.all, tmp_path / "again")  # printing again fills them in again
        assert len(filled) == 10
    texts = [pdf_text(path) for path in written]
    assert all(shows(text, s.certificate.code) for text, s in zip(texts, issued.all, strict=True))
