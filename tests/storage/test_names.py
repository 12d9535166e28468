"""Names and credential IDs are cleaned and compared the same way everywhere."""

from __future__ import annotations

import pytest

from deflection_kit.storage.credentials import check_credential, check_credentials
from deflection_kit.storage.names import clean_name, fold, is_email, match_key, name_tokens


def test_clean_name_strips_bidi_controls_and_collapses_spaces() -> None:
    assert clean_name("  Ana\u202e  Ruiz\t\n") == "Ana Ruiz"
    assert clean_name("Jose\u0301") == "José"  # NFC: one code point
    assert len(clean_name("x" * 500)) == 200


def test_fold_and_match_key_ignore_accents_case_order_and_punctuation() -> None:
    assert fold("José O'Brien-Smith") == "jose obrien smith"
    assert match_key("Smith, Ana") == match_key("ana SMITH") == "ana smith"
    assert match_key("Zoë") == match_key("Zoe")


def test_name_tokens_index_cjk_suffixes() -> None:
    assert name_tokens("王小明") == ["王小明", "小明", "明"]
    assert name_tokens("Ana Ruiz Ana") == ["ana", "ruiz"]


@pytest.mark.parametrize(
    ("email", "ok"),
    [("ana@example.org", True), ("ana@localhost", False), ("a b@x.org", False), ("", False)],
)
def test_is_email(email: str, ok: bool) -> None:
    assert is_email(email) is ok


def test_nremt_ems_id_must_be_twelve_digits() -> None:
    assert check_credential("nremt_ems_id", "1234 5678 9012") == "123456789012"
    with pytest.raises(ValueError, match="12 digits"):
        check_credential("nremt_ems_id", "12345")


def test_other_ids_are_free_text_within_id_characters() -> None:
    assert check_credential("dpsst", " 54321 ") == "54321"
    assert check_credential("state_ems", "P-12345/OR") == "P-12345/OR"
    with pytest.raises(ValueError, match="up to 40"):
        check_credential("tcole_pid", "=HYPERLINK(1)")
    with pytest.raises(ValueError, match="unknown credential type"):
        check_credential("passport", "x")


def test_check_credentials_drops_empty_ones_and_sorts() -> None:
    assert check_credentials({"post": "A1", "dpsst": "", "nremt": "E123"}) == {
        "nremt": "E123",
        "post": "A1",
    }
