"""Drive a whole session through the keyboard, offscreen: the audience always shows the state."""

from __future__ import annotations

import pytest
from live_helpers import activate
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from deflection_kit.live import AudienceView
from deflection_kit.ui.slide_painter import SlidePainter


def in_step(qtbot, shown) -> AudienceView:
    """Wait for the audience window to paint what the session says; return that view."""
    expected = shown.session.audience_view()
    qtbot.waitUntil(lambda: shown.audience.painted_view == expected)
    assert shown.audience.view == expected
    assert shown.console.current_view.view == expected  # the console shows what the room sees
    return expected


def press(qtbot, shown, key, text: str = "") -> AudienceView:
    """Press a key where the facilitator's focus is, then check the audience is in step."""
    target = QApplication.focusWidget() or shown.console
    qtbot.keyClick(target, key)
    return in_step(qtbot, shown)


def image_of(widget) -> QImage:
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def slide_area(shown) -> QImage:
    """Return the letterboxed slide part of the audience window, as an image."""
    area = shown.stage.slide_rect(QRectF(shown.audience.rect())).toRect()
    return image_of(shown.audience).copy(area)


def slide_image(shown, index: int, width: int) -> QImage:
    painter = SlidePainter(shown.stage.look)
    deck = shown.stage.deck
    image = painter.image(deck.slides[index], width, deck, index + 1)
    return image.convertToFormat(QImage.Format.Format_RGB32)


def test_whole_session_by_keyboard(qtbot, presentation, clock) -> None:
    shown = presentation
    session, audience, console = shown.session, shown.audience, shown.console
    assert not audience.on_projector()  # one screen: an ordinary window
    assert in_step(qtbot, shown) == AudienceView(slide=0)

    # Advance the PowerPoint ways; the first move starts the clock.
    assert press(qtbot, shown, Qt.Key.Key_Right).slide == 1
    assert session.status == "running"
    clock.advance(40)
    assert press(qtbot, shown, Qt.Key.Key_Space).slide == 2
    assert press(qtbot, shown, Qt.Key.Key_PageDown).slide == 3
    assert press(qtbot, shown, Qt.Key.Key_Left).slide == 2
    assert press(qtbot, shown, Qt.Key.Key_PageUp).slide == 1
    # The audience window paints the slide itself, nothing else: the same pixels as the painter.
    shot = slide_area(shown)
    assert shot == slide_image(shown, 1, shot.width())

    # Jump: digits then Enter; the room sees no slide on the way.
    painted_before = len(audience.paint_log)
    for key in (Qt.Key.Key_4, Qt.Key.Key_0):
        qtbot.keyClick(console.current_view, key)
    assert console.jump_label.text().startswith("Go to slide: 40")
    assert audience.view.slide == 1  # nothing moves until Enter
    view = press(qtbot, shown, Qt.Key.Key_Return)
    assert view.slide == 39
    assert {v.slide for v in audience.paint_log[painted_before:]} == {39}
    jumps = [e for e in session.events if e.kind == "slide" and e.data["via"] == "jump"]
    assert [e.data["index"] for e in jumps] == [39]

    # Black, back, white, and an advance key that only brings the slide back.
    assert press(qtbot, shown, Qt.Key.Key_B).blank == "black"
    black = image_of(audience)
    assert black.pixelColor(10, 10).name() == "#000000"
    assert black.pixelColor(audience.width() // 2, audience.height() // 2).name() == "#000000"
    assert "SCREEN BLACK" in console.current_caption.text()
    assert press(qtbot, shown, Qt.Key.Key_B).blank == "none"
    assert press(qtbot, shown, Qt.Key.Key_W).blank == "white"
    assert image_of(audience).pixelColor(audience.width() // 2, 5).name() == "#ffffff"
    view = press(qtbot, shown, Qt.Key.Key_Right)
    assert (view.slide, view.blank) == (39, "none")

    # A knowledge check: counts typed in stay hidden until R reveals the chart.
    slot = session.agenda.checks[0]
    for key in str(slot.slide + 1):
        qtbot.keyClick(console.current_view, key)
    assert press(qtbot, shown, Qt.Key.Key_Enter).slide == slot.slide
    assert console.checks.isVisible()
    counts = [3, 11, 2, 0][: len(slot.choices)]
    for spin, count in zip(console.checks.spins, counts, strict=False):
        spin.setFocus()
        spin.selectAll()
        qtbot.keyClicks(spin, str(count))
        qtbot.keyClick(spin, Qt.Key.Key_Tab)
    console.current_view.setFocus()
    assert session.results[slot.key] == tuple(counts)
    assert audience.view.chart is None
    view = press(qtbot, shown, Qt.Key.Key_R)
    assert view.chart is not None and view.chart.counts == tuple(counts)
    shot = slide_area(shown)
    assert shot != slide_image(shown, slot.slide, shot.width())
    assert "11 answered" not in console.checks.summary.text()
    assert console.checks.summary.text().startswith(f"{sum(counts)} answered")
    assert press(qtbot, shown, Qt.Key.Key_R).chart is None

    # The countdown: T starts it for this activity, S shows it to the room, time runs.
    press(qtbot, shown, Qt.Key.Key_T)
    assert session.countdown.is_set and session.countdown.running
    view = press(qtbot, shown, Qt.Key.Key_S)
    assert view.timer == round(session.agenda.slide(slot.slide).minutes * 60)
    clock.advance(30)
    shown.controller.tick()
    assert in_step(qtbot, shown).timer == view.timer - 30
    assert console.countdown.display.text() == "2:30"
    press(qtbot, shown, Qt.Key.Key_Plus)
    assert session.countdown_left() == pytest.approx(210)

    # A break message with its countdown, then back to work.
    console.overlay.break_minutes.setValue(10)
    console.overlay.break_button.click()
    view = in_step(qtbot, shown)
    assert view.overlay.startswith("Break — back at ") and view.timer == 600
    console.overlay.clear_button.click()
    assert in_step(qtbot, shown).overlay == ""

    # Notes grow and shrink; the agenda marks the part on screen.
    size = console.notes_px
    qtbot.keyClick(console.current_view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert console.notes_px == size + 2
    qtbot.keyClick(console.current_view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert console.notes_px == size
    assert console.agenda.current_row_text() == session.agenda.segment_of(slot.slide).label()
    assert console.notes.toPlainText() == session.agenda.slide(slot.slide).notes

    # Esc asks first; "Keep presenting" keeps going, "End session" ends.
    qtbot.keyClick(console.current_view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: console._end_box is not None and console._end_box.isVisible())
    console.keep_button.click()
    assert not session.ended
    activate(qtbot, console)
    qtbot.keyClick(console.current_view, Qt.Key.Key_Escape)
    box = console._end_box
    qtbot.waitUntil(box.isVisible)
    with qtbot.waitSignal(console.finished):
        console.end_button.click()
    assert session.ended
    assert session.audience_view().ended
    assert not audience.isVisible()
    assert "ENDED" in console.current_caption.text()
    kinds = [e.kind for e in session.events]
    for kind in ("started", "slide", "blank", "check-counts", "check-revealed", "countdown"):
        assert kind in kinds
    assert kinds[-1] == "ended"


def test_keys_typed_on_the_audience_window_drive_the_session(qtbot, presentation) -> None:
    shown = presentation
    activate(qtbot, shown.audience)
    qtbot.keyClick(shown.audience, Qt.Key.Key_Right)
    assert in_step(qtbot, shown).slide == 1
    qtbot.keyClick(shown.audience, Qt.Key.Key_1)
    qtbot.keyClick(shown.audience, Qt.Key.Key_2)
    qtbot.keyClick(shown.audience, Qt.Key.Key_Return)
    assert in_step(qtbot, shown).slide == 11
    qtbot.keyClick(shown.audience, Qt.Key.Key_B)
    assert in_step(qtbot, shown).blank == "black"


def test_the_audience_window_never_closes_mid_session(qtbot, presentation) -> None:
    shown = presentation
    shown.audience.close()
    assert shown.audience.isVisible()
    shown.console.close()  # asks instead of closing
    assert shown.console.isVisible()
    qtbot.waitUntil(lambda: shown.console._end_box is not None)
    shown.console._end_box.reject()
