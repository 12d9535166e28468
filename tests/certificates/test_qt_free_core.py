"""The certificate core (model, keys, signing, payload, templates, verification) needs no Qt:
a coordinator's script can verify certificates without a display or QtGui."""

from __future__ import annotations

import subprocess
import sys

CORE = (
    "codes", "filenames", "images", "keys", "model", "page", "payload", "pdfkey", "pdfmeta",
    "pdfsign", "pdfverify", "qr", "revocation",
    "signing", "svgdoc", "templates", "text", "trust", "verify", "visible",
)  # fmt: skip


def test_the_core_loads_without_pyside() -> None:
    imports = "; ".join(f"import deflection_kit.certificates.{name}" for name in CORE)
    check = "import sys; print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    result = subprocess.run(
        [sys.executable, "-c", f"{imports}; {check}"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert result.stdout.strip() == "[]"
