"""Render course objects as the small HTML a QTextBrowser shows (presentation only)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtGui import QImageReader

from deflection_kit.content.compare import CHARGES
from deflection_kit.content.model import (
    Activity,
    Bullet,
    Course,
    GlossaryTerm,
    Module,
    Pathway,
    Question,
    Resource,
    Slide,
)

IMAGE_WIDTH = 560  # pixels in the details pane
CSS = """
<style>
h1 { font-size: 20pt; margin-bottom: 4px; }
h2 { font-size: 15pt; margin-top: 14px; margin-bottom: 4px; color: #1f5f8b; }
p, li { font-size: 12.5pt; line-height: 135%; }
.muted { color: #4a5563; }
.notes { background: #fff8e1; padding: 8px; }
.tag { color: #1f5f8b; font-weight: 600; }
.later { color: #8a4b00; font-weight: 600; }
.answer { color: #1d6b34; font-weight: 600; }
</style>
"""


def _sources(course: Course, ids: tuple[str, ...]) -> str:
    if not ids:
        return ""
    items = []
    for source_id in ids:
        try:
            items.append(escape(course.source(source_id).citation))
        except KeyError:
            items.append(escape(source_id))
    return "<p class='muted'><b>Sources:</b> " + "; ".join(items) + "</p>"


def _bullets(bullets: tuple[Bullet, ...]) -> str:
    html = []
    depth = -1
    for bullet in bullets:
        while depth < bullet.level:
            html.append("<ul>")
            depth += 1
        while depth > bullet.level:
            html.append("</ul>")
            depth -= 1
        html.append(f"<li>{escape(bullet.text)}</li>")
    html.extend("</ul>" for _ in range(depth + 1))
    return "".join(html)


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(part)}</p>" for part in text.split("\n\n") if part.strip())


def module_html(course: Course, module: Module) -> str:
    """Return a module's overview: minutes, objectives, slides and activities."""
    objectives = "".join(f"<li>{escape(course.objective(o).title)}</li>" for o in module.objectives)
    slides = "".join(f"<li>{escape(slide.title)}</li>" for slide in module.slides)
    activities = "".join(
        f"<li>{escape(a.title)} <span class='muted'>({a.kind}, {a.minutes:g} min)</span></li>"
        for a in module.activities
    )
    expands = ""
    if module.expands == "pathways":
        names = ", ".join(escape(p.name) for p in course.pathways)
        expands = f"<p class='tag'>Then each chosen pathway is presented: {names}.</p>"
    return (
        f"{CSS}<h1>{module.number}. {escape(module.title)}</h1>"
        f"<p class='muted'>{module.minutes} minutes</p>{_paragraphs(module.summary)}"
        f"<h2>Objectives</h2><ul>{objectives}</ul>"
        f"<h2>Slides</h2><ol>{slides}</ol>{expands}"
        + (f"<h2>Activities</h2><ul>{activities}</ul>" if activities else "")
    )


def slide_html(course: Course, slide: Slide) -> str:
    """Return a slide as the facilitator sees it: bullets, picture, notes and sources."""
    body = _bullets(slide.bullets)
    if slide.right_bullets:
        body = (
            "<table width='100%'><tr><td width='50%' valign='top'>"
            f"{body}</td><td valign='top'>{_bullets(slide.right_bullets)}</td></tr></table>"
        )
    image = ""
    if slide.image is not None:
        path = Path(course.root).resolve() / slide.image.path
        size = QImageReader(str(path)).size()
        height = round(IMAGE_WIDTH * size.height() / size.width()) if size.width() > 0 else 0
        image = (
            f"<p><img src='{escape(path.as_uri())}' width='{IMAGE_WIDTH}' height='{height}' "
            f"alt='{escape(slide.image.alt)}'></p>"
            f"<p class='muted'><i>Alt text:</i> {escape(slide.image.alt)}</p>"
        )
    return (
        f"{CSS}<h1>{escape(slide.title)}</h1>{body}{image}"
        f"<h2>Speaker notes</h2><div class='notes'>{_paragraphs(slide.notes)}</div>"
        f"{_sources(course, slide.all_sources())}"
    )


def activity_html(course: Course, activity: Activity) -> str:
    """Return an activity with its instructions, prompts, points and questions."""
    parts = [
        f"{CSS}<h1>{escape(activity.title)}</h1>",
        f"<p class='muted'>{escape(activity.kind)} · {activity.minutes:g} minutes</p>",
        _paragraphs(activity.instructions),
    ]
    if activity.prompts:
        parts.append("<h2>Ask the room</h2><ul>")
        parts.extend(f"<li>{escape(p)}</li>" for p in activity.prompts)
        parts.append("</ul>")
    if activity.points:
        parts.append("<h2>Points to draw out</h2><ul>")
        parts.extend(f"<li>{escape(p)}</li>" for p in activity.points)
        parts.append("</ul>")
    if activity.questions:
        parts.append("<h2>Questions</h2><ol>")
        parts.extend(f"<li>{escape(course.question(q).prompt)}</li>" for q in activity.questions)
        parts.append("</ol>")
    parts.append(_sources(course, activity.sources))
    return "".join(parts)


def pathway_html(course: Course, pathway: Pathway) -> str:
    """Return everything about one pathway."""
    later = (
        " <span class='later'>· added later, the sixth pathway</span>"
        if pathway.added_later
        else ""
    )
    examples = "".join(
        f"<li><b>{escape(e.name)}</b>, {escape(e.place)}, {e.start_year}"
        + (f" <span class='muted'>({escape(e.start_note)})</span>" if e.start_note else "")
        + f"<br>{escape(e.summary)}</li>"
        for e in pathway.examples
    )
    evidence = "".join(
        f"<li>{escape(e.finding)}<br><span class='muted'>Caveat: {escape(e.caveat)}</span></li>"
        for e in pathway.evidence
    )
    notes = "".join(
        f"<li><b>{escape(course.audience(a).name)}:</b> {escape(text)}</li>"
        for a, text in pathway.audience_notes.items()
    )
    return (
        f"{CSS}<h1>{escape(pathway.name)}{later}</h1>"
        + (f"<p class='muted'>{escape(pathway.status_note)}</p>" if pathway.status_note else "")
        + _paragraphs(pathway.definition)
        + f"<p><b>Who starts the contact:</b> {escape(pathway.initiated_by)}</p>"
        + f"<p><b>Charges:</b> {CHARGES[pathway.charges]}. {escape(pathway.charges_note)}</p>"
        + f"<p><b>Warm handoff:</b> {escape(pathway.warm_handoff)}</p>"
        + f"<h2>Examples</h2><ul>{examples}</ul><h2>Evidence</h2><ul>{evidence}</ul>"
        + f"<h2>For each audience</h2><ul>{notes}</ul>"
        + _sources(course, pathway.sources)
    )


def question_html(course: Course, question: Question) -> str:
    """Return a question with its choices, the answer marked, and why."""
    choices = "".join(
        f"<li class='answer'>{escape(c)} ✓</li>"
        if c == question.answer
        else f"<li>{escape(c)}</li>"
        for c in question.choices
    )
    return (
        f"{CSS}<h1>{escape(question.prompt)}</h1><ol type='A'>{choices}</ol>"
        f"<p><b>Why:</b> {escape(question.why)}</p>"
        f"<p class='muted'>Objective: {escape(course.objective(question.objective).title)}</p>"
        f"{_sources(course, question.sources)}"
    )


def resource_html(course: Course, resource: Resource) -> str:
    """Return a resource with its contact details."""
    link = f"<p>{escape(resource.url)}</p>" if resource.url else ""
    phone = f"<p>Phone: {escape(resource.phone)}</p>" if resource.phone else ""
    return (
        f"{CSS}<h1>{escape(resource.name)}</h1><p class='muted'>{escape(resource.organization)}</p>"
        f"{_paragraphs(resource.offers)}{link}{phone}{_sources(course, resource.sources)}"
    )


def term_html(course: Course, term: GlossaryTerm) -> str:
    """Return a glossary term and its definition."""
    see = (
        f"<p class='muted'>See also: {escape(', '.join(term.see_also))}</p>"
        if term.see_also
        else ""
    )
    return (
        f"{CSS}<h1>{escape(term.term)}</h1>{_paragraphs(term.definition)}{see}"
        f"{_sources(course, term.sources)}"
    )


def about_html(course: Course) -> str:
    """Return the course manifest: goal, objectives, audiences, creators, sources."""
    info = course.info
    objectives = "".join(
        f"<li><b>{escape(o.title)}</b>: {escape(o.statement)}</li>" for o in info.objectives
    )
    audiences = "".join(
        f"<li>{escape(a.name)}: {escape(a.description)}</li>" for a in info.audiences
    )
    creators = "".join(f"<li>{escape(p.name)}, {escape(p.role)}</li>" for p in info.creators)
    thanks = "".join(f"<li>{escape(text)}</li>" for text in info.acknowledgments)
    sources = "".join(f"<li>{escape(s.citation)}</li>" for s in course.sources)
    return (
        f"{CSS}<h1>{escape(info.title)}</h1>"
        f"<p class='muted'>Version {escape(info.version)} · {info.minutes} minutes · "
        f"{escape(info.level)} · {info.credit_hours:g} credit hours</p>"
        f"{_paragraphs(info.description)}<h2>Goal</h2>{_paragraphs(info.goal)}"
        f"<h2>Learning objectives</h2><ol>{objectives}</ol><h2>Audiences</h2><ul>{audiences}</ul>"
        f"<h2>Created by</h2><ul>{creators}</ul>"
        + (f"<h2>Acknowledgments</h2><ul>{thanks}</ul>" if thanks else "")
        + (f"<h2>Language</h2>{_paragraphs(info.language_note)}" if info.language_note else "")
        + f"<h2>Sources</h2><ol>{sources}</ol>"
    )
