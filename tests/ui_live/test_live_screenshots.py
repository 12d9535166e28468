"""Screenshots of the presenter console and the audience screen at laptop and projector size."""

from __future__ import annotations

from PySide6.QtCore import QSize


def test_screenshots(qtbot, presentation, clock, save_screenshot) -> None:
    shown = presentation
    session, console, audience, controller = (
        shown.session,
        shown.console,
        shown.audience,
        shown.controller,
    )
    console.resize(QSize(1920, 1080))
    audience.resize(QSize(1920, 1080))
    agenda = session.agenda
    # Mid-course and running late: a discussion on screen, its countdown going.
    discussion = next(a for a in agenda.activities if a.key == "qrt-balance")
    controller.start()
    for segment in agenda.segments[:3]:
        controller.goto(segment.first + 1)
        clock.advance(minutes=segment.planned_minutes + 1.5)
    clock.advance(minutes=agenda.planned_start[discussion.slide] - session.elapsed() / 60 + 3)
    controller.goto(discussion.slide + 1)
    controller.start_countdown(discussion.minutes * 60)
    clock.advance(75)
    controller.show_timer(True)
    controller.tick()
    assert session.pacing().status == "behind"
    qtbot.waitUntil(lambda: audience.painted_view == session.audience_view())
    save_screenshot(console, "presenter-console")
    save_screenshot(audience, "audience-slide")

    slot = next(c for c in agenda.checks if c.phase == "post")
    controller.show_timer(False)
    controller.clear_countdown()
    clock.advance(minutes=agenda.planned_start[slot.slide] - session.elapsed() / 60 + 0.5)
    controller.goto(slot.slide + 1)
    counts = [1, 17, 2, 1][: len(slot.choices)]
    controller.set_counts(slot.key, counts)
    controller.reveal()
    qtbot.waitUntil(lambda: audience.painted_view == session.audience_view())
    save_screenshot(audience, "audience-check-chart")
    save_screenshot(console, "presenter-console-check")

    controller.hide_chart()
    controller.start_break(10)
    qtbot.waitUntil(lambda: audience.painted_view == session.audience_view())
    save_screenshot(audience, "audience-break")


def test_the_console_fits_a_small_laptop_screen(qtbot, presentation, save_screenshot) -> None:
    console = presentation.console
    hint = console.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720, hint
    console.resize(QSize(1280, 720))
    presentation.controller.next()
    qtbot.waitUntil(lambda: console.size() == QSize(1280, 720))
    save_screenshot(console, "presenter-console-1280x720")
    assert console.current_view.height() >= 250  # the slide stays big enough to read
