"""The register travels in a session's bundle: a coordinator can check typed codes and sees
revocations made on the facilitator's laptop; merging twice or in either order agrees."""

from __future__ import annotations

import re
import sqlite3

import pytest


def _session(run_cli, db: str) -> str:
    session = run_cli(
        "--db", db, "session", "new", "--title", "Roll call", "--date", "2025-03-04",
        "--start", "09:00", "--host-agency", "Springfield Police Department",
        "--facilitator", "Jordan Ellis",
    ).out.strip()  # fmt: skip
    for name in ("Dana Whitfield", "Riley Park"):
        run_cli("--db", db, "checkin", session, "--name", name, "--at", "2025-03-04T09:00")
        run_cli("--db", db, "checkout", session, "--name", name, "--at", "2025-03-04T10:30")
    return session


@pytest.fixture
def facilitator(run_cli, tmp_path, monkeypatch):
    """A facilitator's laptop: a session, two certificates, one revoked, a bundle and a key."""
    monkeypatch.setenv("DEFLECTION_KIT_DATA_DIR", str(tmp_path / "laptop"))
    db = str(tmp_path / "laptop.sqlite3")
    session = _session(run_cli, db)
    issued = run_cli("--db", db, "certificates", "issue", session, "--out", str(tmp_path / "pdf"))
    codes = re.findall(r"_([0-9A-Z-]{21})\.pdf", issued.out)
    run_cli(
        "--db",
        db,
        "certificates",
        "revoke",
        codes[0],
        "--reason",
        "wrong person",
        "--by",
        "Jordan Ellis",
    )
    run_cli("--db", db, "bundle", "export", session, "--out", str(tmp_path / "day.dkbundle"))
    run_cli("certificates", "keys", "export", "--out", str(tmp_path / "jordan.pub"))
    return {"db": db, "session": session, "codes": codes, "bundle": tmp_path / "day.dkbundle",
            "key": tmp_path / "jordan.pub"}  # fmt: skip


def test_a_coordinator_checks_codes_after_importing_the_bundle(
    run_cli, facilitator, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("DEFLECTION_KIT_DATA_DIR", str(tmp_path / "office"))
    db = str(tmp_path / "office.sqlite3")
    revoked, valid = facilitator["codes"]
    assert "not in this installation's" in run_cli("--db", db, "certificates", "verify", valid).err
    imported = run_cli("--db", db, "bundle", "import", str(facilitator["bundle"]))
    assert imported.code == 0, imported
    assert "2 new and 0 updated certificates" in imported.out + imported.err
    assert "unknown issuer" in run_cli("--db", db, "certificates", "verify", valid).err
    run_cli("--db", db, "certificates", "keys", "import", str(facilitator["key"]))
    assert run_cli("--db", db, "certificates", "verify", valid).code == 0
    verdict = run_cli("--db", db, "certificates", "verify", revoked)
    assert verdict.code == 1 and "by Jordan Ellis: wrong person" in verdict.err
    again = run_cli("--db", db, "bundle", "import", str(facilitator["bundle"]))
    assert again.code == 0 and "certificates" not in again.out + again.err  # nothing changed
    listing = run_cli("--db", db, "certificates", "list", facilitator["session"]).out
    assert "revoked" in listing and "Dana Whitfield" in listing


def test_a_revocation_wins_whichever_bundle_comes_first(
    run_cli, facilitator, tmp_path, monkeypatch
) -> None:
    # A copy of the laptop's records from before the revocation...
    before = tmp_path / "before.dkbundle"
    conn = sqlite3.connect(str(facilitator["bundle"]))
    conn.execute(
        "UPDATE certificates SET status = 'issued', revoked_at = NULL, revoked_by = '', "
        "revoke_reason = ''"
    )
    conn.commit()
    conn.execute(f"VACUUM INTO '{before}'")
    conn.close()
    # ...and the real one (re-exported, untouched).
    run_cli(
        "--db",
        facilitator["db"],
        "bundle",
        "export",
        facilitator["session"],
        "--out",
        str(tmp_path / "after.dkbundle"),
    )
    monkeypatch.setenv("DEFLECTION_KIT_DATA_DIR", str(tmp_path / "office"))
    run_cli("certificates", "keys", "import", str(facilitator["key"]))
    results = []
    for order in (("before", "after"), ("after", "before")):
        db = str(tmp_path / f"office-{order[0]}.sqlite3")
        for name in order:
            assert (
                run_cli("--db", db, "bundle", "import", str(tmp_path / f"{name}.dkbundle")).code
                == 0
            )
        verdict = run_cli("--db", db, "certificates", "verify", facilitator["codes"][0])
        results.append((verdict.code, verdict.err))
    assert results[0] == results[1]
    assert results[0][0] == 1 and "wrong person" in results[0][1]


def test_a_bundle_with_a_malformed_certificate_row_is_rejected(
    run_cli, facilitator, tmp_path
) -> None:
    conn = sqlite3.connect(str(facilitator["bundle"]))
    conn.execute("UPDATE certificates SET payload = 'not a payload'")
    conn.commit()
    conn.close()
    result = run_cli(
        "--db", str(tmp_path / "office.sqlite3"), "bundle", "import", str(facilitator["bundle"])
    )
    assert result.code == 1
    assert "certificate" in result.err and "malformed" in result.err


def _office(run_cli, facilitator, tmp_path, monkeypatch) -> str:
    monkeypatch.setenv("DEFLECTION_KIT_DATA_DIR", str(tmp_path / "office"))
    run_cli("certificates", "keys", "import", str(facilitator["key"]))
    return str(tmp_path / "office.sqlite3")


def test_holding_a_bundle_is_not_enough_to_revoke(run_cli, facilitator, tmp_path, monkeypatch):
    revoked, valid = facilitator["codes"]
    valid_id = valid.replace("-", "")[:16]
    revoked_id = revoked.replace("-", "")[:16]
    bundle = str(facilitator["bundle"])
    with sqlite3.connect(bundle) as conn:  # what anyone holding the bundle could do
        (token,) = conn.execute(
            "SELECT revocation FROM certificates WHERE id = ?", [revoked_id]
        ).fetchone()
        assert token.startswith("DKR1:")  # the facilitator's revocation is signed
        conn.execute(
            "UPDATE certificates SET status = 'revoked', revoked_at = ?, revoked_by = 'Mallory',"
            " revoke_reason = 'fake', revocation = ? WHERE id = ?",
            ["2025-03-05T10:00:00.000000+00:00", token, valid_id],
        )
    db = _office(run_cli, facilitator, tmp_path, monkeypatch)
    imported = run_cli("--db", db, "bundle", "import", bundle)
    assert imported.code == 0
    assert "1 revocations without their issuer's signature left out" in imported.out
    assert run_cli("--db", db, "certificates", "verify", valid).code == 0  # still genuine
    verdict = run_cli("--db", db, "certificates", "verify", revoked)
    assert verdict.code == 1 and "wrong person" in verdict.err  # the signed one travelled


def test_a_revocation_signed_by_another_key_is_left_out(
    run_cli, facilitator, tmp_path, monkeypatch
) -> None:
    from deflection_kit.certificates.keys import IssuerKey
    from deflection_kit.certificates.revocation import signer
    from deflection_kit.storage.certificates import Ending

    _, valid = facilitator["codes"]
    valid_id = valid.replace("-", "")[:16]
    at = "2025-03-05T10:00:00.000000+00:00"
    forged = signer(IssuerKey.generate())(Ending(valid_id, "revoked", at, "Mallory", "fake", ""))
    with sqlite3.connect(str(facilitator["bundle"])) as conn:
        conn.execute(
            "UPDATE certificates SET status = 'revoked', revoked_at = ?, revoked_by = 'Mallory',"
            " revoke_reason = 'fake', revocation = ? WHERE id = ?",
            [at, forged, valid_id],
        )
    db = _office(run_cli, facilitator, tmp_path, monkeypatch)
    assert run_cli("--db", db, "bundle", "import", str(facilitator["bundle"])).code == 0
    assert run_cli("--db", db, "certificates", "verify", valid).code == 0


def test_a_garbage_payload_is_refused_and_the_list_keeps_working(
    run_cli, facilitator, tmp_path, monkeypatch
) -> None:
    db = _office(run_cli, facilitator, tmp_path, monkeypatch)
    assert run_cli("--db", db, "bundle", "import", str(facilitator["bundle"])).code == 0
    before = run_cli("--db", db, "certificates", "list", facilitator["session"])
    with sqlite3.connect(str(facilitator["bundle"])) as conn:
        conn.execute("UPDATE certificates SET payload = 'DK1:AAAAZZZZ2222' WHERE status = 'issued'")
    result = run_cli("--db", db, "bundle", "import", str(facilitator["bundle"]))
    assert result.code == 1 and "malformed payload" in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    after = run_cli("--db", db, "certificates", "list", facilitator["session"])
    assert after.code == 0 and after.out == before.out


def test_a_revocation_made_before_signing_travels_once_signed(
    run_cli, facilitator, tmp_path, monkeypatch
) -> None:
    revoked, _ = facilitator["codes"]
    revoked_id = revoked.replace("-", "")[:16]
    with sqlite3.connect(facilitator["db"]) as conn:  # as an older kit recorded it: unsigned
        conn.execute("UPDATE certificates SET revocation = '' WHERE id = ?", [revoked_id])
    out = str(tmp_path / "again.dkbundle")
    assert run_cli("--db", facilitator["db"], "bundle", "export", facilitator["session"],
                   "--out", out).code == 0  # fmt: skip
    db = _office(run_cli, facilitator, tmp_path, monkeypatch)
    assert run_cli("--db", db, "bundle", "import", out).code == 0
    verdict = run_cli("--db", db, "certificates", "verify", revoked)
    assert verdict.code == 1 and "wrong person" in verdict.err
