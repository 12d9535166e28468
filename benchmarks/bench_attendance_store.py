"""Benchmark the attendance store: roster import, durable check-in, name search.

Run: uv run python benchmarks/bench_attendance_store.py
Each result prints the absolute time and the ratio to a plain-sqlite3 baseline measured in the
same run on the same disk, so numbers from different machines can be compared.
Targets (issue 4): 10,000-row roster import < 1 s; durable check-in p99 < 15 ms;
name search over 50,000 participants < 30 ms.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sqlite3
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from deflection_kit.storage import CourseFacts, PersonFields, SessionFields, Store
from deflection_kit.storage.names import match_key
from deflection_kit.storage.participants import search_words
from deflection_kit.storage.roster import import_roster

FIRST = ["Ana", "Bo", "Cy", "Dee", "Eve", "Femi", "Gus", "Hana", "Ivan", "José", "Kai", "Lena",
         "Mia", "Noor", "Olu", "Priya", "Quinn", "Rosa", "Sami", "Tomás", "Uma", "Vik", "Wen",
         "Xavi", "Yara", "Zoë"]  # fmt: skip
LAST = ["Ruiz", "Li", "Okafor", "Nakamura", "Adams", "Kowalski", "Nguyen", "Haddad", "Cohen",
        "Smith", "Müller", "Dubois", "Rossi", "Silva", "Kim", "Patel", "O'Brien",
        "Novak"]  # fmt: skip
AGENCIES = ["Metro PD", "County EMS", "Metro Fire", "Harbor Recovery", "Peer Network", "Sheriff"]
FACTS = CourseFacts(minutes=90, credit_hours=1.5)


def person(rng: random.Random, number: int) -> tuple[str, str, str]:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {number}"
    return name, f"p{number}@example.org", rng.choice(AGENCIES)


def report(label: str, seconds: float, baseline: float, target: float) -> None:
    verdict = "ok" if seconds < target else "SLOW"
    print(
        f"{label:<44} {seconds * 1000:9.1f} ms   baseline {baseline * 1000:8.1f} ms   "
        f"ratio {seconds / baseline:6.1f}x   target < {target * 1000:.0f} ms  {verdict}"
    )


def bench_roster_import(folder: Path, rng: random.Random) -> None:
    rows = [person(rng, n) for n in range(10_000)]
    roster = folder / "roster.csv"
    with open(roster, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["First Name", "Last Name", "E-mail", "Agency/Department"])
        for name, email, agency in rows:
            first, last = name.split(" ", 1)
            writer.writerow([first, last, email, agency])
    # Baseline: raw sqlite3 executemany of the same rows into a bare table, same pragmas.
    base_db = folder / "baseline.sqlite3"
    conn = sqlite3.connect(base_db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE people (id TEXT PRIMARY KEY, name TEXT, email TEXT, agency TEXT)")
    started = time.perf_counter()
    with conn:
        conn.executemany(
            "INSERT INTO people VALUES (?, ?, ?, ?)", [(str(uuid.uuid4()), *r) for r in rows]
        )
    baseline = time.perf_counter() - started
    conn.close()
    with Store.open(folder / "import.sqlite3") as store:
        session = store.sessions.create(SessionFields("Bench", dt.date(2025, 3, 4)), FACTS)
        started = time.perf_counter()
        result = import_roster(store, session.id, roster)
        elapsed = time.perf_counter() - started
        assert result.new_people == 10_000
    report("roster import, 10,000 rows (CSV, checked)", elapsed, baseline, 1.0)


def bench_check_in(folder: Path, rng: random.Random) -> None:
    runs = 400
    base_db = folder / "checkin-baseline.sqlite3"
    conn = sqlite3.connect(base_db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE attendance (id TEXT PRIMARY KEY, name TEXT, at TEXT)")
    base_times = []
    for number in range(runs):
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "INSERT INTO attendance VALUES (?, ?, ?)", (str(uuid.uuid4()), f"P{number}", "now")
        )
        conn.execute("COMMIT")
        base_times.append(time.perf_counter() - started)
    conn.close()
    with Store.open(folder / "checkin.sqlite3") as store:
        session = store.sessions.create(SessionFields("Bench", dt.date(2025, 3, 4)), FACTS)
        people = [store.participants.create(PersonFields(*person(rng, n))) for n in range(runs)]
        for p in people[: runs // 2]:
            store.attendance.add_to_roster(session.id, p.id)
        times = []
        for number, p in enumerate(people):
            started = time.perf_counter()
            if number % 2:
                store.attendance.check_in(session.id, p.id)  # by id (kiosk, roster table)
            else:
                store.attendance.check_in(session.id, PersonFields(p.name, p.email))  # by name
            times.append(time.perf_counter() - started)
    p50, p99 = statistics.quantiles(times, n=100)[49], statistics.quantiles(times, n=100)[98]
    b50, b99 = (statistics.quantiles(base_times, n=100)[i] for i in (49, 98))
    report("durable check-in, median", p50, b50, 0.015)
    report("durable check-in, 99th percentile", p99, b99, 0.015)


def bench_search(folder: Path, rng: random.Random) -> None:
    count = 50_000
    path = folder / "search.sqlite3"
    with Store.open(path) as store:
        # Bulk load in the store's own row format, in one transaction.
        with store.transaction():
            for number in range(count):
                name, email, agency = person(rng, number)
                pid = str(uuid.uuid4())
                store.db.execute(
                    "INSERT INTO participants (id, name, match_key, email, email_key, agency, "
                    "search_words, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'x', 'x')",
                    [pid, name, match_key(name), email, email, agency, search_words(name)],
                )
        queries = ["ana", "ruiz", "jose ru", "zoë", "o'b", "kowal", "priya pat", "mü", "li 4"]
        started = time.perf_counter()
        for _ in range(5):
            for query in queries:
                store.participants.search(query)
        elapsed = (time.perf_counter() - started) / (5 * len(queries))
        started = time.perf_counter()
        for _ in range(5):
            for query in queries:
                store.db.execute(
                    "SELECT id, name FROM participants WHERE name LIKE ? LIMIT 50",
                    [f"%{query}%"],
                ).fetchall()
        baseline = (time.perf_counter() - started) / (5 * len(queries))
    report("name search over 50,000 people (per query)", elapsed, baseline, 0.030)


def main() -> None:
    rng = random.Random(4)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        print("baseline: plain sqlite3 doing the bare minimum (same disk, WAL, synchronous=FULL)")
        bench_roster_import(folder, rng)
        bench_check_in(folder, rng)
        bench_search(folder, rng)


if __name__ == "__main__":
    main()
