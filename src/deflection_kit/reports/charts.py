"""Bar charts of a delivery report, as data (no Qt): the numbers, the text beside each bar, and
a description for screen readers.

The report PDF draws them with Typst (``chart_block``: bars as shapes, every label and number as
real text, the whole chart a figure with alternative text); the Reports page paints them with
Qt (``reports.chart_painting``). Every bar carries its number as text: colour is never the only
carrier.
"""

from __future__ import annotations

from dataclasses import dataclass

from deflection_kit.documents import blocks
from deflection_kit.live.report import DeliveryReport
from deflection_kit.live.timers import minutes_text

DARK, LIGHT = "#1f5f8b", "#8fb8de"  # apart in greyscale too
SERIES_COLOURS = (LIGHT, DARK)  # with two series the second (actual, after) is the strong one
OVER_COLOUR = "#b3261e"  # a part that ran well over its plan
INK = "#1b1f24"
MUTED = "#4a5563"
TRACK = "#eef1f4"


@dataclass(frozen=True)
class Bar:
    """One row of a chart: a label and one value per series, each with the text shown."""

    label: str
    values: tuple[float, ...]
    texts: tuple[str, ...]
    colours: tuple[str, ...] = ()  # per-series colour overrides ("" keeps the series colour)


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart."""

    title: str
    bars: tuple[Bar, ...]
    series: tuple[str, ...] = ()  # legend names when there is more than one series
    maximum: float | None = None  # the value a full-width bar stands for
    empty: str = "Nothing to show yet."


# --- building charts from a report ----------------------------------------------------------


def attendance_chart(report: DeliveryReport, by: str) -> Chart:
    """Return who came, by "discipline" or "agency"."""
    title = f"Attendance by {by}"
    if report.attendance is None:
        return Chart(title, (), empty="No attendance for a rehearsal.")
    rows = report.attendance.by_discipline if by == "discipline" else report.attendance.by_agency
    return Chart(
        title,
        tuple(Bar(name, (float(count),), (str(count),)) for name, count in rows),
        empty="Nobody has checked in.",
    )


def pacing_chart(report: DeliveryReport) -> Chart:
    """Return planned against actual minutes for every part."""
    bars = []
    for part in report.parts:
        over = part.difference > 2
        bars.append(
            Bar(
                part.segment.label(),
                (part.segment.planned_minutes, part.actual_minutes),
                (
                    minutes_text(part.segment.planned_minutes),
                    minutes_text(part.actual_minutes) + (" ▲" if over else ""),
                ),
                ("", OVER_COLOUR if over else ""),
            )
        )
    return Chart("Pacing: planned and actual minutes", tuple(bars), ("Planned", "Actual"))


def _share(value: float | None) -> tuple[float, str]:
    return (0.0, "–") if value is None else (value * 100, f"{round(value * 100)}%")


def gain_chart(report: DeliveryReport) -> Chart:
    """Return the share right before and after, for each question asked both times.

    The room's show of hands when the pre- and post-check were run live; otherwise the paper
    answer sheets, if they were typed in.
    """
    bars = []
    title = "Knowledge check: share right before and after"
    for pair in report.gain.questions:
        pre, pre_text = _share(pair.pre.share_correct)
        post, post_text = _share(pair.post.share_correct)
        bars.append(Bar(pair.prompt, (pre, post), (pre_text, post_text)))
    if not bars and report.paper is not None:
        title = "Knowledge check on paper: share right before and after"
        for question in report.paper.questions:
            pre, pre_text = _share(question.pre)
            post, post_text = _share(question.post)
            bars.append(Bar(question.prompt, (pre, post), (pre_text, post_text)))
    return Chart(
        title,
        tuple(bars),
        ("Pre-check", "Post-check"),
        maximum=100.0,
        empty="No pre- and post-check answers were entered.",
    )


def checks_chart(report: DeliveryReport) -> Chart:
    """Return the share right for the checks during the course."""
    bars = []
    for result in report.checks:
        if result.slot.phase in ("pre", "post"):
            continue
        share, text = _share(result.share_correct)
        bars.append(Bar(result.slot.prompt, (share,), (f"{text} of {result.total}",)))
    return Chart(
        "Checks during the course: share right",
        tuple(bars),
        maximum=100.0,
        empty="No answers were entered for checks during the course.",
    )


def report_charts(report: DeliveryReport) -> tuple[Chart, ...]:
    """Return the report's charts, in the order the page and the PDF show them."""
    return (
        attendance_chart(report, "discipline"),
        attendance_chart(report, "agency"),
        pacing_chart(report),
        gain_chart(report),
        checks_chart(report),
    )


# --- for readers who cannot see the chart ---------------------------------------------------

ALT_BARS = 12  # a description past this many bars is read as a list nobody can follow


def chart_alt(chart: Chart) -> str:
    """Return what a screen reader says for the chart: its title, then each bar's numbers."""
    kind = "Bar chart" if len(chart.series) < 2 else f"Bar chart of {' and '.join(chart.series)}"
    if not chart.bars:
        return f"{kind}: {chart.title}. {chart.empty}"

    def one(bar: Bar) -> str:
        texts = [t.replace(" ▲", " (over the plan)") for t in bar.texts]
        if len(chart.series) == len(texts) > 1:
            texts = [f"{name} {text}" for name, text in zip(chart.series, texts, strict=True)]
        return f"{bar.label}: {', '.join(texts)}"

    shown = [one(bar) for bar in chart.bars[:ALT_BARS]]
    more = len(chart.bars) - ALT_BARS
    tail = f"; and {more} more, listed in the tables above" if more > 0 else ""
    return f"{kind}: {chart.title}. " + "; ".join(shown) + tail + "."


def chart_block(chart: Chart) -> blocks.Chart:
    """Return the chart as a document block, drawn by the templates with its description."""
    return blocks.Chart(
        title=chart.title,
        bars=[blocks.Bar(b.label, b.values, b.texts, b.colours) for b in chart.bars],
        alt=chart_alt(chart),
        series=chart.series,
        maximum=chart.maximum,
        empty=chart.empty,
    )
