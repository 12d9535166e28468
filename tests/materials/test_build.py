"""Building: all or nothing, owner-only, the same bytes for the same inputs, clear errors."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from deflection_kit.errors import InputFileError, UsageError
from deflection_kit.materials import KINDS, MaterialsOptions, build_materials
from pdf_reading import pdf_images

ALL_FILES = {
    "facilitator-guide.pdf",
    "facilitator-guide.md",
    "facilitator-guide.odt",
    "participant-handout.pdf",
    "resource-guide.pdf",
    "action-planning-worksheet.pdf",
    "knowledge-check.pdf",
    "knowledge-check-answer-key.pdf",
    "evaluation-form.pdf",
}


def test_build_writes_every_document_owner_only(built) -> None:
    assert {path.name for path in built.folder.iterdir()} == ALL_FILES
    for path in built.folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
        assert path.stat().st_size > 1000
    assert stat.S_IMODE(built.folder.stat().st_mode) == 0o700
    assert not [p for p in built.folder.parent.iterdir() if p.name.startswith(".")]


def test_the_same_inputs_give_the_same_bytes(bundled_course, options, built, tmp_path) -> None:
    again = build_materials(bundled_course, options, tmp_path / "again")
    for path in built.folder.iterdir():
        assert (again.folder / path.name).read_bytes() == path.read_bytes(), path.name


def test_the_same_bytes_in_another_process(built, session, local_csv, tmp_path) -> None:
    """Qt orders fonts by a per-process hash seed: a second process must still match."""
    script = f"""
import datetime as dt, sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
from pathlib import Path
from deflection_kit import paths
from deflection_kit.content import load_course
from deflection_kit.materials import MaterialsOptions, build_materials
from deflection_kit.settings import Settings
from deflection_kit.storage import CourseFacts, SessionFields, Store
course = load_course(paths.content_dir())
store = Store.memory()
session = store.sessions.create(SessionFields(
    title="Spring training", date=dt.date(2025, 3, 4), start=dt.time(13, 30),
    location="Fire HQ, Room 2", facilitators=("Dana Ortiz",), audience="ems",
    pathways=("self-referral", "naloxone-plus")), CourseFacts.from_info(course.info))
options = MaterialsOptions(session=session, resources=Path({str(local_csv)!r}),
    settings=Settings(organization_name="Springfield Fire Department"))
build_materials(course, options, Path({str(tmp_path / "other")!r}), ["forms", "handout"])
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-c", script], check=True, env=env, timeout=120)
    for path in (tmp_path / "other").iterdir():
        assert path.read_bytes() == (built.folder / path.name).read_bytes(), path.name


def test_one_kind_builds_only_its_files(bundled_course, options, tmp_path) -> None:
    result = build_materials(bundled_course, options, tmp_path / "one", ["worksheet"])
    assert [p.name for p in (tmp_path / "one").iterdir()] == ["action-planning-worksheet.pdf"]
    assert result.pages == {"action-planning-worksheet.pdf": 2}


def test_a_malformed_resources_file_writes_nothing(bundled_course, options, tmp_path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,service,phone\nRiverside,Treatment,555\n,Peer support,556\n")
    out = tmp_path / "out"
    with pytest.raises(InputFileError) as raised:
        build_materials(bundled_course, replace(options, resources=bad), out)
    assert str(raised.value) == f"{bad}:3: the name is empty"
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"pathways": ("self-referral", "nope")}, "unknown pathway 'nope'; choose from: self-"),
        ({"audience": "astronauts"}, "unknown audience 'astronauts'; choose from: law-enforcement"),
        ({"recipe": "nope"}, "unknown recipe 'nope'; choose one of: community-leaders"),
        ({"paper": "legal"}, "unknown paper size 'legal'; choose from: letter, a4"),
        ({"minutes": 0}, "session minutes must be 1 to 1440"),
    ],
)
def test_unknown_choices_name_the_valid_ones_and_write_nothing(
    bundled_course, tmp_path, change, message
) -> None:
    out = tmp_path / "out"
    with pytest.raises(UsageError, match=message):
        build_materials(bundled_course, MaterialsOptions(**change), out)
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_a_failure_half_way_leaves_an_existing_folder_untouched(
    bundled_course, options, tmp_path, monkeypatch
) -> None:
    from deflection_kit.materials import build as build_module

    out = tmp_path / "out"
    out.mkdir()
    (out / "facilitator-guide.pdf").write_bytes(b"the old guide")

    def broken(prepared, folder, pages):
        (folder / "partial.pdf").write_bytes(b"half")
        raise OSError("disk full")

    monkeypatch.setitem(build_module.WRITERS, "forms", broken)
    with pytest.raises(OSError, match="disk full"):
        build_materials(bundled_course, options, out, list(KINDS))
    assert [p.name for p in out.iterdir()] == ["facilitator-guide.pdf"]
    assert (out / "facilitator-guide.pdf").read_bytes() == b"the old guide"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_out_must_be_a_folder(bundled_course, tmp_path) -> None:
    target = tmp_path / "file.pdf"
    target.write_bytes(b"x")
    with pytest.raises(UsageError, match="is a file, not a folder"):
        build_materials(bundled_course, MaterialsOptions(), target)
    with pytest.raises(UsageError, match="unknown document 'posters'"):
        build_materials(bundled_course, MaterialsOptions(), tmp_path / "x", ["posters"])


def test_the_organization_logo_heads_each_document(bundled_course, options, tmp_path) -> None:
    from PySide6.QtGui import QColor, QImage

    from deflection_kit.settings import Settings

    logo = tmp_path / "logo.png"
    image = QImage(120, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("darkred"))
    assert image.save(str(logo))
    branded = replace(options, settings=Settings(organization_name="SFD", logo_path=str(logo)))
    result = build_materials(bundled_course, branded, tmp_path / "out", ["forms", "handout"])
    for path in result.files:
        assert (120, 60) in pdf_images(path, range(1)), path.name
    missing = replace(options, settings=Settings(logo_path=str(tmp_path / "gone.png")))
    with pytest.raises(InputFileError, match=r"gone\.png"):
        build_materials(bundled_course, missing, tmp_path / "never")
    assert not (tmp_path / "never").exists()
