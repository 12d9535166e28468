"""Countdowns and clock faces."""

from __future__ import annotations

import pytest

from deflection_kit.live import Countdown, clock_text, minutes_text


def test_countdown_cycle() -> None:
    timer = Countdown()
    assert not timer.is_set and timer.remaining(0) == 0
    timer.add(60, 100)  # adding to an unset countdown starts one
    assert timer.running and timer.remaining(130) == 30
    timer.pause(130)
    timer.resume(200)
    assert timer.remaining(210) == 20
    assert timer.remaining(500) == 0 and timer.finished(500)
    with pytest.raises(ValueError):
        timer.start(0, 0)
    restored = Countdown.from_dict(timer.to_dict(205), 1000)
    assert restored.remaining(1005) == 20
    timer.clear()
    assert not timer.is_set


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0:00"), (5.9, "0:05"), (65, "1:05"), (3723, "1:02:03"), (-30.5, "-0:30")],
)
def test_clock_text(seconds: float, text: str) -> None:
    assert clock_text(seconds) == text


def test_clock_text_counts_minutes_past_the_hour_when_asked() -> None:
    assert clock_text(86 * 60, hours_after=100) == "86:00"
    assert clock_text(101 * 60, hours_after=100) == "1:41:00"


def test_minutes_text() -> None:
    assert [minutes_text(m) for m in (0.5, 1, 1.5, 3.2)] == ["½ min", "1 min", "1.5 min", "3 min"]
