"""The Settings page saves what the facilitator types and shows it again next time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from deflection_kit.content import load_course
from deflection_kit.settings import load_settings
from deflection_kit.ui.main_window import MainWindow
from deflection_kit.ui.pages import AppContext
from deflection_kit.ui.settings_page import SettingsPage


def _window(qtbot, minimal_content: Path, tmp_path: Path) -> MainWindow:
    window = MainWindow(AppContext(load_course(minimal_content), tmp_path / "kit.sqlite3"))
    qtbot.addWidget(window)
    return window


def test_typed_settings_are_saved_and_reloaded(
    qtbot, minimal_content: Path, tmp_path: Path
) -> None:
    logo = tmp_path / "logo.png"
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("navy"))
    image.save(str(logo))
    window = _window(qtbot, minimal_content, tmp_path)
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    qtbot.keyClicks(page.organization, "Story County Sheriff's Office")
    qtbot.keyClicks(page.facilitator, "Dana Whitfield")
    page.logo.set_path(str(logo))
    page.paper.setCurrentIndex(page.paper.findData("a4"))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = load_settings()
    assert saved.organization_name == "Story County Sheriff's Office"
    assert saved.facilitator_name == "Dana Whitfield"
    assert saved.logo_path == str(logo)
    assert saved.paper_size == "a4"
    assert page.status.text().startswith("Saved to ")

    again = SettingsPage(None)
    qtbot.addWidget(again)
    assert again.organization.text() == "Story County Sheriff's Office"
    assert again.paper.currentData() == "a4"
    assert again.logo.preview.pixmap() is not None


def test_missing_image_is_refused(
    qtbot, minimal_content: Path, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    page = SettingsPage(None)
    qtbot.addWidget(page)
    page.signature.set_path(str(tmp_path / "nope.png"))
    page.save()
    assert warnings and "Signature image not found" in warnings[0]
    assert load_settings().signature_path == ""


def test_back_up_now_writes_a_consistent_owner_only_copy(
    qtbot, minimal_content: Path, tmp_path: Path
) -> None:
    import sqlite3
    import stat

    from deflection_kit.storage import CourseFacts, SessionFields, Store
    from deflection_kit.ui.pages import AppContext

    db = tmp_path / "kit.sqlite3"
    with Store.open(db) as store:
        store.sessions.create(
            SessionFields("Spring training", dt.date(2026, 4, 2), dt.time(9)),
            CourseFacts(title="First Responder Deflection", minutes=90, credit_hours=1.5),
        )
    page = SettingsPage(AppContext(load_course(minimal_content), db))
    qtbot.addWidget(page)
    assert page.backup_button.isEnabled()
    written = page.backup_to(tmp_path / "backups" / "copy.sqlite3")
    assert written is not None and written.is_file()
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    with sqlite3.connect(written) as copy:
        assert copy.execute("SELECT title FROM sessions").fetchall() == [("Spring training",)]
    assert page.status.text() == f"Backed up to {written}"


def test_a_bundle_is_imported_and_each_change_accepted_or_rejected(
    qtbot, minimal_content: Path, tmp_path: Path
) -> None:
    import sqlite3

    from deflection_kit.storage import CourseFacts, PersonFields, SessionFields, Store
    from deflection_kit.storage.bundle_file import export_bundle

    facts = CourseFacts(title="First Responder Deflection", minutes=90, credit_hours=1.5)
    db = tmp_path / "kit.sqlite3"
    with Store.open(db) as store:
        session = store.sessions.create(
            SessionFields("Spring training", dt.date(2026, 4, 2), dt.time(9)), facts
        )
        for name in ("Dana Whitfield", "Riley Park"):
            email = f"{name.split()[0].lower()}@metro.example"
            store.attendance.check_in(
                session.id, PersonFields(name, email), dt.datetime.now(dt.UTC)
            )
        bundle = export_bundle(store, session.id, tmp_path / "door-2.dkbundle")
    now = dt.datetime.now(dt.UTC).isoformat()
    with sqlite3.connect(bundle) as conn:  # the other door typed their names differently
        conn.execute("UPDATE participants SET name = name || ' Jr', updated_at = ?", [now])
    page = SettingsPage(AppContext(load_course(minimal_content), db))
    qtbot.addWidget(page)
    page.facilitator.setText("Jordan Ellis")
    panel = page.bundles
    assert panel.list.count() == 1 and not panel.accept_button.isEnabled()  # "No changes"

    message = panel.import_file(bundle)
    assert "2 changes to records here wait for you" in message
    assert panel.status.text() == message
    assert panel.list.count() == 2 and panel.accept_button.isEnabled()
    texts = [panel.list.item(i).text() for i in range(2)]
    assert any("'Dana Whitfield' → 'Dana Whitfield Jr'" in text for text in texts)
    dana_row = next(i for i, text in enumerate(texts) if "Dana" in text)
    panel.list.setCurrentRow(dana_row)
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    assert panel.status.text().startswith("Accepted ")
    assert panel.status.text().endswith(": participant Dana Whitfield Jr updated")
    assert panel.list.count() == 1
    qtbot.mouseClick(panel.reject_button, Qt.MouseButton.LeftButton)
    assert panel.status.text().endswith(": participant Riley Park kept as it was")
    assert panel.list.item(0).text() == "No changes waiting."
    with Store.open(db) as store:
        names = sorted(p.name for p in store.participants.all())
        decided = {e.actor for e in store.events() if e.kind.startswith("conflict.")}
    assert names == ["Dana Whitfield Jr", "Riley Park"] and decided == {"Jordan Ellis"}

    assert "0 new and 2 known people" in panel.import_file(bundle)  # again: nothing waits
    assert panel.list.item(0).text() == "No changes waiting."
    broken = tmp_path / "broken.dkbundle"
    broken.write_bytes(b"not a bundle")
    refused = panel.import_file(broken)
    assert refused.startswith("Not imported: ") and "broken.dkbundle" in refused
