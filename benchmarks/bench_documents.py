"""Benchmark the documents moved to Typst against the Qt (QPdfWriter) code they replaced.

Run: uv run python benchmarks/bench_documents.py
Baseline, measured in the same run on the same record: the kit as it was before the move
(commit BASELINE, extracted from git into a temporary folder), writing the same attendance
roster, sign-in sheet, delivery report and audit packet (one PDF and a folder of five) from the
sample record in benchmarks/document_sample.py (40 people, a full 90-minute run, 12 forms).
Each side runs in its own fresh process: "first" is the first document of the process (Qt's
start or Typst's fonts included), then the best of RUNS. Needs git and the baseline commit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

BASELINE = "b1c5a6e329a35ff95a37428e7b335f26e1cc9b06"  # before the documents moved to Typst
ROOT = Path(__file__).resolve().parents[1]
RUNS = 5
DOCUMENTS = ("roster", "sign-in", "report", "packet (one PDF)", "packet (folder)")

CHILD = """
import json, sys, time, tempfile
from pathlib import Path
from deflection_kit import paths
from deflection_kit.content import load_course
from deflection_kit.exports import export_attendance
from deflection_kit.reports import write_audit_packet, write_report_pdf
from deflection_kit.reports.records import load_report
from deflection_kit.storage import Store

db, session_id, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
course = load_course(paths.content_dir())
with Store.open(db) as store:
    records = store.attendance.records(session_id=session_id)
    forms = store.feedback.list(session_id)
    report = load_report(store, course, session_id)
out = Path(tempfile.mkdtemp())
jobs = {
    "roster": lambda: export_attendance(records, "pdf", out / "roster.pdf", "Spring"),
    "sign-in": lambda: export_attendance(records, "pdf", out / "s.pdf", "Spring", "sign-in"),
    "report": lambda: write_report_pdf(report, out / "report.pdf"),
    "packet (one PDF)": lambda: write_audit_packet(report, records, forms, out / "p.pdf"),
    "packet (folder)": lambda: write_audit_packet(report, records, forms, out / "packet"),
}
timings = {}
for name, job in jobs.items():
    seconds = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        job()
        seconds.append(time.perf_counter() - start)
    timings[name] = {"first": seconds[0], "best": min(seconds[1:])}
print(json.dumps(timings))
"""


def _extract_baseline(folder: Path) -> Path | None:
    """Extract the baseline's source and bundled folders; return its src folder."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", BASELINE, "src", "content", "fonts",
             "slides_templates"],
            capture_output=True, check=True,
        ).stdout  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return None
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder / "src"


def _run(
    src: Path, db: Path, session_id: str, data_dir: Path | None = None
) -> dict[str, dict[str, float]]:
    environment = {**os.environ, "PYTHONPATH": str(src), "QT_QPA_PLATFORM": "offscreen"}
    if data_dir is not None:
        environment["DEFLECTION_KIT_DATA_DIR"] = str(data_dir)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(db), session_id, str(RUNS)],
        capture_output=True, encoding="utf-8", env=environment, check=True,
    )  # fmt: skip
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from document_sample import sample_store

    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        _, session_id = sample_store(base / "sample.sqlite3")
        (base / "old").mkdir()
        old_src = _extract_baseline(base / "old")
        new = _run(ROOT / "src", base / "sample.sqlite3", session_id)
        old = _run(old_src, base / "sample.sqlite3", session_id) if old_src else None
        # A department's template folder: every document compiles in a time-limited worker.
        department = base / "department" / "document-templates"
        department.mkdir(parents=True)
        source = ROOT / "document_templates" / "attendance-roster.typ"
        (department / source.name).write_bytes(source.read_bytes())
        worker = _run(ROOT / "src", base / "sample.sqlite3", session_id, department.parent)
    print(f"Documents: Typst (now) against QPdfWriter (commit {BASELINE[:7]}), same record,")
    print(f"each side in a fresh process; first call, then the best of {RUNS}.\n")
    print(f"{'document':<18} {'Typst first':>12} {'Qt first':>9} {'Typst best':>11} "
          f"{'Qt best':>8} {'ratio (best)':>13}")  # fmt: skip
    for name in DOCUMENTS:
        now = new[name]
        if old is None:
            print(f"{name:<18} {now['first']:>11.3f}s {'-':>9} {now['best']:>10.3f}s")
            continue
        then = old[name]
        print(
            f"{name:<18} {now['first']:>11.3f}s {then['first']:>8.3f}s {now['best']:>10.3f}s "
            f"{then['best']:>7.3f}s {now['best'] / then['best']:>12.2f}x"
        )
    if old is None:
        print("\n(baseline commit not in this clone: Typst timings only)")
    print("\nWith a department's template folder (each compile in a time-limited worker process):")
    for name in DOCUMENTS:
        ratio = worker[name]["best"] / new[name]["best"]
        print(f"{name:<18} {worker[name]['best']:>10.3f}s  ({ratio:.1f}x the kit's own templates)")


if __name__ == "__main__":
    main()
