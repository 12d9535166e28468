"""A sample to explore the app with (``deflection-kit app --demo``): fictional people only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from deflection_kit.storage.models import CourseFacts, PersonFields, SessionFields
from deflection_kit.storage.store import Store

# Fictional participants across the disciplines the course is taught to.
PEOPLE = (
    PersonFields("Ana María Ruiz-López", "a.ruiz@metro-pd.example", "", "Metro Police Department",
                 "Police", {"post": "P-40213"}),
    PersonFields("Marcus Bell", "m.bell@metro-pd.example", "", "Metro Police Department",
                 "Police", {"post": "P-38871"}),
    PersonFields("Priya Natarajan", "pnatarajan@county-ems.example", "", "County EMS", "EMS",
                 {"nremt": "E2210457"}),
    PersonFields("Tomás Herrera", "therrera@county-ems.example", "", "County EMS", "EMS",
                 {"nremt": "P1988012"}),
    PersonFields("Grace Okafor", "g.okafor@harborfire.example", "", "Harbor Fire District",
                 "Fire", {"state_ems": "EMT-55120"}),
    PersonFields("Dmitri Volkov", "d.volkov@harborfire.example", "", "Harbor Fire District",
                 "Fire", {}),
    PersonFields("王小明", "xiaoming.wang@bridgeclinic.example", "", "Bridge Recovery Clinic",
                 "Treatment", {}),
    PersonFields("Leah Goldstein", "leah@peersupport.example", "", "Peer Support Network",
                 "Peer recovery support", {}),
    PersonFields("Fatima Haddad", "fhaddad@crisisline.example", "", "Regional Crisis Line",
                 "Crisis response", {}),
    PersonFields("Joe Whitehorse", "", "", "Eastside Community Coalition", "Community leader",
                 {}),
    PersonFields("Sgt. Renée Dubois", "r.dubois@sheriff.example", "", "County Sheriff's Office",
                 "Police", {"tcole_pid": "781204"}),
    PersonFields("Kwame Mensah", "kmensah@county-ems.example", "", "County EMS", "EMS",
                 {"nremt_ems_id": "100234567890"}),
)  # fmt: skip


@dataclass(frozen=True)
class DemoSessions:
    """The ids of the sample sessions."""

    today: str
    last_week: str


def seed_demo(store: Store, course: CourseFacts, now: dt.datetime | None = None) -> DemoSessions:
    """Fill an empty store with a finished session last week and one in progress today."""
    moment = (now or dt.datetime.now().astimezone()).replace(second=0, microsecond=0)
    # Started 35 to 50 minutes ago, on a quarter hour: in progress when the demo opens.
    base = moment - dt.timedelta(minutes=35)
    start = base.replace(minute=base.minute // 15 * 15)
    today = store.sessions.create(
        SessionFields(
            title="Metro Deflection Training — Spring cohort",
            date=start.date(),
            start=start.time().replace(second=0, microsecond=0),
            location="Station 4 training room, 120 Harbor Road",
            host_agency="Harbor Fire District",
            facilitators=("Jo Park", "Sam Lee"),
            audience="police",
            status="open",
        ),
        course,
    )
    week_start = (start - dt.timedelta(days=7)).replace(hour=13, minute=30)
    earlier = store.sessions.create(
        SessionFields(
            title="County EMS in-service",
            date=week_start.date(),
            start=week_start.time(),
            location="County EMS headquarters",
            host_agency="County EMS",
            facilitators=("Jo Park",),
            status="closed",
        ),
        course,
    )
    people = [store.participants.create(p, actor="demo") for p in PEOPLE]
    # Today: nine of twelve have arrived (one late), three are still expected.
    for number, person in enumerate(people):
        store.attendance.add_to_roster(today.id, person.id)
        if number < 9:
            late = 17 if number == 8 else 0
            arrive = start - dt.timedelta(minutes=8) + dt.timedelta(minutes=number + late)
            store.attendance.check_in(today.id, person.id, min(arrive, moment), actor="demo")
    # Last week: EMS and fire came; one left early, one was excused.
    for number, person in enumerate(people[2:8]):
        store.attendance.add_to_roster(earlier.id, person.id)
        if number == 5:
            store.attendance.set_excused(earlier.id, person.id, True, "Jo Park")
            continue
        arrive = week_start - dt.timedelta(minutes=5)
        leave = week_start + dt.timedelta(minutes=95 if number != 3 else 50)
        store.attendance.check_in(earlier.id, person.id, arrive, actor="demo")
        store.attendance.check_out(earlier.id, person.id, leave, actor="demo")
    return DemoSessions(today.id, earlier.id)
