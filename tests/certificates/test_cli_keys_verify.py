"""The certificates commands a coordinator uses: keys, verify (code, QR text, PDF), specimen."""

from __future__ import annotations

from pathlib import Path

from certhelp import make_certificate, shown

from deflection_kit.certificates import payload
from deflection_kit.certificates.keys import IssuerKey
from deflection_kit.certificates.model import SignedCertificate
from deflection_kit.certificates.signing import sign


def test_verify_a_pasted_qr_payload(run_cli, issuer) -> None:
    signed = sign(make_certificate(issuer, participant_name="Zoë Ångström"), issuer)
    result = run_cli("certificates", "verify", payload.encode(signed))
    assert result.code == 0, result
    assert result.out.startswith("GENUINE\n")
    for label, expected in (
        ("participant", "Zoë Ångström"),
        ("credit hours", "1.5"),
        ("minutes attended", str(signed.certificate.minutes_attended)),
        ("date", "March 4, 2025 (2025-03-04)"),
        ("host agency", "Springfield Police Department"),
        ("code", signed.code),
        ("revocation", "not revoked (this installation's register has no record of it)"),
    ):
        assert shown(result.out, label) == expected
    # The values line up in one column, and the paper must match what is shown.
    columns = {
        len(line) - len(line.split(":", 1)[1].lstrip())
        for line in result.out.splitlines()
        if line.startswith("  ")
    }
    assert len(columns) == 1, result.out
    assert "The printed certificate must show exactly these details" in result.out
    assert result.err == ""


def test_verify_fails_with_one_line_reason_when_altered(run_cli, issuer) -> None:
    signed = sign(make_certificate(issuer), issuer)
    forged = SignedCertificate(
        signed.certificate.with_changes(minutes_attended=90), signed.signature
    )
    result = run_cli("certificates", "verify", payload.encode(forged))
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert "altered" in result.err
    assert "Traceback" not in result.err


def test_verify_a_code_this_installation_never_issued(run_cli, issuer) -> None:
    code = make_certificate(issuer).code
    result = run_cli("certificates", "verify", code)
    assert result.code == 1
    assert "not in this installation's certificate register" in result.err
    typo = code[:-1] + ("0" if code[-1] != "0" else "1")
    result = run_cli("certificates", "verify", typo)
    assert result.code == 1 and "typing mistake" in result.err


def test_keys_export_import_and_trust_across_installations(run_cli, tmp_path, monkeypatch) -> None:
    # A facilitator's laptop exports its public key...
    monkeypatch.setenv("DEFLECTION_KIT_DATA_DIR", str(tmp_path / "facilitator"))
    facilitator = IssuerKey.load_or_create()
    result = run_cli(
        "certificates",
        "keys",
        "export",
        "--out",
        str(tmp_path / "jordan.pub"),
        "--label",
        "Jordan Ellis, Springfield PD",
    )
    assert result.code == 0, result
    exported = (tmp_path / "jordan.pub").read_bytes()
    assert b"PRIVATE" not in exported
    assert IssuerKey.path().read_bytes() not in exported
    signed = sign(make_certificate(facilitator), facilitator)
    text = payload.encode(signed)

    # ...and the coordinator's laptop does not trust it until it imports that key.
    monkeypatch.setenv("DEFLECTION_KIT_DATA_DIR", str(tmp_path / "coordinator"))
    result = run_cli("certificates", "verify", text)
    assert result.code == 1 and "unknown issuer" in result.err
    result = run_cli("certificates", "keys", "import", str(tmp_path / "jordan.pub"))
    assert result.code == 0 and "Jordan Ellis, Springfield PD: trusted" in result.out
    assert (
        "already trusted"
        in run_cli("certificates", "keys", "import", str(tmp_path / "jordan.pub")).out
    )
    result = run_cli("certificates", "verify", text)
    assert result.code == 0, result
    assert "(Jordan Ellis, Springfield PD)" in result.out
    listing = run_cli("certificates", "keys", "list").out
    assert "Jordan Ellis, Springfield PD" in listing
    key_id = facilitator.key_id
    assert run_cli("certificates", "keys", "remove", key_id).code == 0
    assert run_cli("certificates", "verify", text).code == 1


def test_importing_a_private_key_is_refused(run_cli, issuer) -> None:
    result = run_cli("certificates", "keys", "import", str(IssuerKey.path()))
    assert result.code == 1
    assert "private key" in result.err


def test_keys_show_names_the_key_not_its_bytes(run_cli, issuer) -> None:
    result = run_cli("certificates", "keys", "show")
    assert result.code == 0
    assert "key id:" in result.out
    assert "BEGIN" not in result.out


def test_a_specimen_renders_but_never_verifies(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "specimen.pdf"
    result = run_cli(
        "certificates",
        "specimen",
        "--out",
        str(out),
        "--design",
        "modern",
        "--paper",
        "a4",
        "--name",
        "Sam 😀 Lee",
    )
    assert result.code == 0, result
    assert "left out '😀'" in result.err
    assert out.is_file()
    verdict = run_cli("certificates", "verify", str(out))
    assert verdict.code == 1
    assert "unknown issuer" in verdict.err
    assert shown(verdict.out, "participant") == "Sam Lee"
    assert "These are the details it claims; do not rely on them." in verdict.out


def test_verify_a_missing_file_or_nonsense(run_cli, tmp_path) -> None:
    result = run_cli("certificates", "verify", str(tmp_path / "nope.pdf"))
    assert result.code == 1 and "no such file" in result.err
    result = run_cli("certificates", "verify", "hello")
    assert result.code == 1 and "give a certificate code" in result.err


def test_designs_lists_the_bundled_ones(run_cli) -> None:
    result = run_cli("certificates", "designs")
    assert result.out.split() == ["classic", "modern"]


def test_verify_cannot_confirm_when_the_register_is_unreadable(run_cli, issuer, tmp_path):
    # The register records revocations: when it cannot be read, nothing is GENUINE (fail closed).
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    signed = sign(make_certificate(issuer), issuer)
    result = run_cli("--db", str(broken), "certificates", "verify", payload.encode(signed))
    assert result.code == 1, result
    assert result.out.startswith("CANNOT CONFIRM: the revocation list could not be read")
    assert "GENUINE" not in result.out
    assert shown(result.out, "revocation") == "unknown: the revocation list could not be read"
    assert result.err.startswith("deflection-kit: cannot confirm: ")
    assert result.err.count("\n") == 1
    # A typed code needs the register itself: one clear line.
    result = run_cli("--db", str(broken), "certificates", "verify", signed.code)
    assert result.code == 1 and "certificate register cannot be read" in result.err
    assert result.err.count("\n") == 1


def test_a_register_damaged_where_revocations_live_cannot_confirm(run_cli, tmp_path) -> None:
    # The database opens, but the certificates table (the revocation list) cannot be read.
    import sqlite3

    db = str(tmp_path / "kit.sqlite3")
    session = run_cli(
        "--db", db, "session", "new", "--title", "Roll call", "--date", "2025-03-04",
        "--start", "09:00",
    ).out.strip()  # fmt: skip
    for command, at in (("checkin", "09:00"), ("checkout", "10:30")):
        run_cli(
            "--db", db, command, session, "--name", "Dana Whitfield", "--at", f"2025-03-04T{at}"
        )
    issued = run_cli("--db", db, "certificates", "issue", session, "--out", str(tmp_path / "c"))
    (pdf,) = issued.out.split()
    assert run_cli("--db", db, "certificates", "verify", pdf).code == 0
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        (root,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'certificates'"
        ).fetchone()
    conn.close()
    with open(db, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xa5" * page_size)
    result = run_cli("--db", db, "certificates", "verify", pdf)
    assert result.code == 1, result
    assert result.out.startswith("CANNOT CONFIRM: the revocation list could not be read")
    assert result.err.startswith("deflection-kit: cannot confirm: ")
    assert "malformed" in result.err  # read, not opened: the look-up itself failed
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
