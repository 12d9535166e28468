"""What the Sessions page says after each action, worded from storage's results (no Qt).

The rules (who is here, what closing credits, why someone falls short) are decided in storage;
this module only turns their results into sentences, so the widgets stay thin and every
message has one home.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from deflection_kit.storage import CheckResult, RosterEntry, Session, SessionCounts
from deflection_kit.storage.attendance_history import CHECK_IN, Undone
from deflection_kit.storage.closing import ClosePlan, Closing
from deflection_kit.storage.completion import required_minutes

CHECK_OUT_KEYS = "Ctrl+Shift+Enter"


def clock(session: Session, moment: dt.datetime | None) -> str:
    """Return a stored time as the session's local HH:MM ("" for none)."""
    return session.local(moment).strftime("%H:%M") if moment is not None else ""


def plural(count: int, word: str, many: str | None = None) -> str:
    """Return "1 person", "2 people", "0 walk-ins"."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def counts_line(counts: SessionCounts) -> str:
    """Return the page's "checked in of expected" line (rich text); walk-ins count in it."""
    if counts.walk_ins:
        expected = (
            f"<b>{counts.attending}</b> ({counts.expected} expected + "
            f"{plural(counts.walk_ins, 'walk-in')})"
        )
    else:
        expected = f"<b>{counts.expected}</b> expected"
    return (
        f"<b>{counts.checked_in}</b> checked in of {expected} · "
        f"{counts.here} here now · {counts.completed} completed"
    )


def check_message(session: Session, result: CheckResult, action: str) -> str:
    """Return what a check-in ("in") or check-out ("out") did."""
    att = result.attendance
    when = clock(session, att.check_in if action == "in" else att.check_out)
    verb = "checked in" if action == "in" else "checked out"
    name = result.participant.name
    if not result.changed:
        return f"{name} was already {verb} ({when})"
    if action == "out":
        done = "completed" if att.completed else "not completed"
        return f"{name} {verb} at {when}: {att.credited_minutes} min, {done}. Undo: Ctrl+Z"
    return f"{name} {verb} at {when}. Undo: Ctrl+Z"


def already_here(session: Session, entry: RosterEntry) -> str:
    """Return what Enter says about someone who is here (Enter never checks anyone out)."""
    since = clock(session, entry.attendance.check_in)
    return (
        f"{entry.participant.name} is already here (since {since}). "
        f"To check out, use Check out ({CHECK_OUT_KEYS})."
    )


def no_match(text: str) -> str:
    """Return what Enter says when the search matches nobody on the roster."""
    return f"No one on the roster matches “{text.strip()}”. A walk-in? Press Ctrl+Shift+W."


def undone_message(session: Session, undone: Undone | None) -> str:
    """Return what an undo took back, or that there was nothing to undo."""
    if undone is None:
        return "Nothing to undo: no check-in or check-out left on this session."
    name, when = undone.participant.name, clock(session, undone.moment)
    if undone.kind == CHECK_IN:
        return f"Undid {name}'s check-in ({when}). Ctrl+Z again undoes the one before."
    return f"Undid {name}'s check-out ({when}): {name} is here again."


def shortfall_reason(session: Session, person: Closing) -> str:
    """Return why someone will not complete, in a few words."""
    short = person.shortfall
    assert short is not None
    if short.override is not None:
        return f"{short.override.by} decided not completed: {short.override.reason}"
    att = person.attendance
    parts = [f"{short.credited_minutes} of the {short.required_minutes} minutes needed"]
    if short.after_end:
        parts.append(f"arrived at {clock(session, att.check_in)}, after the planned end")
    elif short.late_minutes:
        parts.append(
            f"arrived at {clock(session, att.check_in)}, {short.late_minutes} min after the start"
        )
    if short.early_minutes:
        leaves = person.check_out or att.check_out
        left = "checked out at close" if person.check_out is not None else "left"
        parts.append(f"{left} at {clock(session, leaves)}, {short.early_minutes} min early")
    return "; ".join(parts)


def _span(session: Session, start: dt.datetime | None, end: dt.datetime | None) -> str:
    return f"{clock(session, start)}–{clock(session, end)}"


def close_question(plan: ClosePlan) -> str:
    """Return the close dialog's question: whom closing checks out, and at what time."""
    session = plan.session
    if not plan.still_here:
        return f"Close “{session.title}”? Nobody is checked in any more."
    when = clock(session, plan.ends_at)
    source = {
        "presented": f"at {when}, when presenting ended",
        "now": f"now ({when}): this session was not presented from the app",
        "given": f"at {when}",
    }[plan.source]
    people = plural(len(plan.still_here), "person", "people")
    return f"Close “{session.title}” and check out the {people} still here {source}?"


def close_summary(plan: ClosePlan) -> str:
    """Return who will complete and who will not, in one line."""
    if not plan.people:
        return "Nobody checked in to this session."
    short = len(plan.short)
    done = len(plan.people) - short
    if not short:
        return f"All {plural(done, 'person', 'people')} who came will complete."
    needed = plan.short[0].shortfall.required_minutes if plan.short[0].shortfall else 0
    return (
        f"{plural(done, 'person', 'people')} will complete. "
        f"{plural(short, 'person', 'people')} will not "
        f"(completing needs {needed} of the session's {plan.session.minutes} minutes):"
    )


def close_lines(plan: ClosePlan) -> list[str]:
    """Return one line per person who will not complete: who, and why."""
    return [f"{p.participant.name}: {shortfall_reason(plan.session, p)}" for p in plan.short]


def close_hint(plan: ClosePlan) -> str:
    """Return advice when the session ran at other times than planned ("" when it did not)."""
    session = plan.session
    if plan.source != "presented" or session.starts_at is None or session.ends_at is None:
        return ""
    late_start = plan.presented_from is not None and abs(
        plan.presented_from - session.starts_at
    ) > dt.timedelta(minutes=5)
    off_end = abs(plan.ends_at - session.ends_at) > dt.timedelta(minutes=5)
    if not (late_start or off_end) or not plan.short:
        return ""
    return (
        f"Presenting ran {_span(session, plan.presented_from, plan.ends_at)}; the session is "
        f"planned {_span(session, session.starts_at, session.ends_at)}. If its times changed, "
        "cancel and edit the session first: credited minutes follow its start and end."
    )


def closed_message(plan: ClosePlan, shown: ClosePlan) -> str:
    """Return what closing did (``shown``: the preview the facilitator agreed to)."""
    when = clock(plan.session, plan.ends_at)
    text = f"Session closed; {plural(len(plan.still_here), 'person', 'people')} checked out"
    if plan.still_here:
        text += f" at {when}"
        if shown.source == "presented":
            text += " (when presenting ended)"
    short = len(plan.short)
    return text + (f"; {short} will not complete" if short else "; everyone who came completes")


def standing(session: Session, entry: RosterEntry) -> str:
    """Return one person's attendance so far, for the completion decision form."""
    att = entry.attendance
    required = required_minutes(session)
    if att.check_in is None:
        came = "Not checked in."
    elif att.check_out is None:
        came = f"Here since {clock(session, att.check_in)}."
    else:
        came = (
            f"{clock(session, att.check_in)}–{clock(session, att.check_out)}: "
            f"{att.credited_minutes} of the {required} minutes needed."
        )
    state = "completed" if att.completed else "not completed"
    decided = ""
    if att.override is not None:
        decided = f" (decided by {att.override.by}: {att.override.reason})"
    return f"{came} Now: {state}{decided}."


def override_message(name: str, completed: bool | None, by: str) -> str:
    """Return what recording (or removing) a completion decision did."""
    if completed is None:
        return f"Removed the completion decision for {name}: minutes decide again."
    state = "completed" if completed else "not completed"
    return f"Recorded: {name} {state} (decided by {by})."


def recomputed_message(
    session: Session, before: Sequence[RosterEntry], after: Sequence[RosterEntry]
) -> str:
    """Return what editing a session changed in credited minutes and completion."""
    old = {e.participant.id: e.attendance for e in before}
    changed = [
        e
        for e in after
        if e.participant.id in old
        and (old[e.participant.id].credited_minutes, old[e.participant.id].completed)
        != (e.attendance.credited_minutes, e.attendance.completed)
    ]
    text = f"Saved “{session.title}”."
    if not changed:
        return text
    was = {e.participant.id: old[e.participant.id].completed for e in changed}
    gained = [e.participant.name for e in changed if e.attendance.completed > was[e.participant.id]]
    lost = [e.participant.name for e in changed if e.attendance.completed < was[e.participant.id]]
    details = []
    if gained:
        details.append(f"now completing: {', '.join(gained)}")
    if lost:
        details.append(f"no longer completing: {', '.join(lost)}")
    text += f" Credited minutes recomputed for {plural(len(changed), 'person', 'people')}"
    return text + (f" ({'; '.join(details)})." if details else ".")
