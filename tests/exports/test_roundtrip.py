"""Import a roster, export it, import the export elsewhere: the same people come back."""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from deflection_kit.exports import export_attendance
from deflection_kit.exports.safety import restore
from deflection_kit.storage import CourseFacts, SessionFields, Store
from deflection_kit.storage.names import clean_name, clean_text, email_key, fold, match_key
from deflection_kit.storage.roster import import_roster

LETTERS = st.characters(
    whitelist_categories=("Lu", "Ll", "Lo"), blacklist_characters="\u0130\u0131ſ"
)
WORD = st.text(LETTERS, min_size=1, max_size=8)
NAME = st.builds(
    lambda prefix, words: prefix + " ".join(words),
    st.sampled_from(["", "=", "-", "+", "@", "'", "'="]),
    st.lists(WORD, min_size=1, max_size=3),
)
PERSON = st.fixed_dictionaries(
    {
        "name": NAME,
        "email": st.one_of(
            st.just(""), st.from_regex(r"[a-z]{1,6}@[a-z]{1,6}\.org", fullmatch=True)
        ),
        "agency": st.sampled_from(["", "Metro PD", "County EMS", "-Harbor Fire", "=Peer Net"]),
        "discipline": st.sampled_from(["", "Police", "EMS", "Fire"]),
        "nremt": st.one_of(st.just(""), st.from_regex(r"[A-Z][0-9]{4,7}", fullmatch=True)),
    }
)
FACTS = CourseFacts(minutes=90, credit_hours=1.5)
COLUMNS = ["Full name", "E-mail", "Agency/Department", "Discipline/Role", "NREMT #"]


def distinct(people: list[dict[str, str]]) -> list[dict[str, str]]:
    """Keep people the importer would not call duplicates (same email, or name + agency)."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for person in people:
        name, agency = restore(person["name"]), restore(person["agency"])
        keys = {("n", match_key(name) + "|" + fold(agency))}
        if person["email"]:
            keys.add(("e", email_key(person["email"])))
        if keys & seen or not fold(name):
            continue
        seen |= keys
        kept.append(person)
    return kept


def people_in(store: Store) -> set[tuple[object, ...]]:
    return {
        (p.name, p.email, p.agency, p.discipline, tuple(sorted(p.credentials.items())))
        for p in store.participants.all()
    }


def new_store_and_session() -> tuple[Store, str]:
    store = Store.memory()
    session = store.sessions.create(SessionFields(title="S", date=dt.date(2025, 3, 4)), FACTS)
    return store, session.id


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PERSON, min_size=1, max_size=12), st.sampled_from(["csv", "xlsx"]))
def test_import_export_import_gives_the_same_records(
    people: list[dict[str, str]], fmt: str
) -> None:
    people = distinct(people)
    assume(people)
    with tempfile.TemporaryDirectory() as folder:
        roster = Path(folder) / "roster.csv"
        with open(roster, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            for p in people:
                writer.writerow([p["name"], p["email"], p["agency"], p["discipline"], p["nremt"]])
        first, first_session = new_store_and_session()
        import_roster(first, first_session, roster)
        expected = {
            (
                # A leading quote before = + - @ means "text" in a spreadsheet, so in a roster.
                clean_name(restore(p["name"])),
                clean_text(p["email"]),
                clean_text(restore(p["agency"])),
                p["discipline"],
                (("nremt", p["nremt"]),) if p["nremt"] else (),
            )
            for p in people
        }
        assert people_in(first) == expected
        exported = Path(folder) / f"export.{fmt}"
        export_attendance(first.attendance.records(first_session), fmt, exported, "S")  # type: ignore[arg-type]
        second, second_session = new_store_and_session()
        import_roster(second, second_session, exported)
        assert people_in(second) == expected
        assert len(second.attendance.roster(second_session)) == len(people)
