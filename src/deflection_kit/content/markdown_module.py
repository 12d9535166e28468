"""Read a module file: YAML front matter, then slides written as light Markdown.

The slide syntax (documented in docs/content-format.md)::

    ## Slide title {two-column #optional-id}
    - a bullet [@source-id]
      - a second-level bullet
    ||
    - first bullet of the right-hand column
    ![Alt text that says what the picture shows](images/file.png)

    Notes:
    Facilitator guidance, as many paragraphs as needed. [@source-id]
"""

from __future__ import annotations

import re
from typing import Any

from deflection_kit.content.citations import extract_citations
from deflection_kit.content.yamlfile import LineDict, LineList, parse_yaml
from deflection_kit.errors import Problem

_FENCE = "---"
_HEADING = re.compile(r"^##\s+(?P<title>.*?)\s*(?:\{(?P<attrs>[^}]*)\})?\s*$")
_BULLET = re.compile(r"^(?P<indent> *)[-*]\s+(?P<text>.+?)\s*$")
_IMAGE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\((?P<path>[^)\s]*)\)\s*$")
_NOTES = re.compile(r"^notes:\s*(?P<rest>.*)$", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
LAYOUTS = ("bullets", "two-column", "section", "quote")


def _line_dict(line: int, values: dict[str, Any], key_lines: dict[str, int]) -> LineDict:
    result = LineDict(values)
    result.line = line
    result.key_lines = {key: key_lines.get(key, line) for key in values}
    return result


def _line_list(line: int, items: list[Any], item_lines: list[int]) -> LineList:
    result = LineList(items)
    result.line = line
    result.item_lines = item_lines
    return result


def _blank_comments(text: str) -> str:
    """Replace HTML comments by spaces, keeping newlines so line numbers stay right."""
    return _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def split_front_matter(text: str, path: str) -> tuple[str, int, str, int, list[Problem]]:
    """Split a file into (front matter, its first line, body, its first line, problems)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != _FENCE:
        return (
            "",
            1,
            text,
            1,
            [Problem(path, 1, "a module file must start with '---' front matter")],
        )
    for index in range(1, len(lines)):
        if lines[index].strip() == _FENCE:
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return front, 2, body, index + 2, []
    return "", 1, "", 1, [Problem(path, 1, "front matter is not closed with a '---' line")]


class _SlideBuilder:
    """Collect one slide's parts while its lines are read."""

    def __init__(self, title: str, attrs: str, line: int, path: str) -> None:
        self.line = line
        self.path = path
        self.problems: list[Problem] = []
        self.values: dict[str, Any] = {"title": title}
        self.key_lines: dict[str, int] = {"title": line}
        self.left: list[LineDict] = []
        self.right: list[LineDict] = []
        self.in_right = False
        self.notes: list[str] = []
        self.notes_line = 0
        self.in_notes = False
        for attr in attrs.split():
            if attr.startswith("#"):
                self.values["id"] = attr[1:]
                self.key_lines["id"] = line
            elif attr in LAYOUTS:
                self.values["layout"] = attr
                self.key_lines["layout"] = line
            else:
                layouts = ", ".join(LAYOUTS)
                self.problems.append(
                    Problem(path, line, f"unknown slide attribute {attr!r} (layouts: {layouts})")
                )

    def add(self, raw: str, line: int) -> None:
        """Read one line of the slide body."""
        stripped = raw.strip()
        if self.in_notes:
            self.notes.append(raw.rstrip())
            return
        if not stripped:
            return
        notes = _NOTES.match(stripped)
        if notes:
            self.in_notes = True
            self.notes_line = line
            if notes.group("rest"):
                self.notes.append(notes.group("rest"))
            return
        if stripped == "||":
            self.in_right = True
            return
        image = _IMAGE.match(stripped)
        if image:
            if "image" in self.values:
                # The slide model holds one picture; a second would silently replace the first.
                self.problems.append(Problem(self.path, line, "a slide holds one picture"))
                return
            self.values["image"] = _line_dict(
                line, {"path": image.group("path"), "alt": image.group("alt").strip()}, {}
            )
            self.key_lines["image"] = line
            return
        bullet = _BULLET.match(raw.rstrip())
        if bullet:
            indent = len(bullet.group("indent"))
            if indent % 2:
                self.problems.append(Problem(self.path, line, "indent sub-bullets by two spaces"))
            text, sources = extract_citations(bullet.group("text"))
            values: dict[str, Any] = {"text": text, "level": indent // 2}
            if sources:
                values["sources"] = _line_list(line, list(sources), [line] * len(sources))
            (self.right if self.in_right else self.left).append(_line_dict(line, values, {}))
            return
        self.problems.append(
            Problem(
                self.path,
                line,
                "expected a bullet ('- '), an image ('![alt](path)'), '||' or 'Notes:' here",
            )
        )

    def build(self) -> LineDict:
        """Return the slide as raw data with lines, ready for validation."""
        if self.left:
            self.values["bullets"] = _line_list(
                self.left[0].line, list(self.left), [b.line for b in self.left]
            )
            self.key_lines["bullets"] = self.left[0].line
        if self.right:
            self.values["right_bullets"] = _line_list(
                self.right[0].line, list(self.right), [b.line for b in self.right]
            )
            self.key_lines["right_bullets"] = self.right[0].line
        if self.in_notes:
            text, sources = extract_citations("\n".join(self.notes).strip())
            self.values["notes"] = _normalise_paragraphs(text)
            self.key_lines["notes"] = self.notes_line
            if sources:
                self.values["sources"] = _line_list(
                    self.notes_line, list(sources), [self.notes_line] * len(sources)
                )
                self.key_lines["sources"] = self.notes_line
        return _line_dict(self.line, self.values, self.key_lines)


def _normalise_paragraphs(text: str) -> str:
    """Join wrapped lines into paragraphs separated by one blank line."""
    paragraphs = re.split(r"\n\s*\n", text)
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def parse_slides(body: str, first_line: int, path: str) -> tuple[LineList, list[Problem]]:
    """Parse the slide part of a module file into raw slide data."""
    problems: list[Problem] = []
    slides: list[_SlideBuilder] = []
    for offset, raw in enumerate(_blank_comments(body).split("\n")):
        line = first_line + offset
        heading = _HEADING.match(raw)
        if heading and raw.startswith("## "):
            slides.append(_SlideBuilder(heading["title"], heading["attrs"] or "", line, path))
        elif raw.startswith("#"):
            problems.append(Problem(path, line, "slides start with '## ' (level-two headings)"))
        elif slides:
            slides[-1].add(raw, line)
        elif raw.strip():
            problems.append(Problem(path, line, "text before the first slide ('## Title')"))
    built = [slide.build() for slide in slides]
    for slide in slides:
        problems.extend(slide.problems)
    return _line_list(first_line, built, [s.line for s in built]), problems


def parse_module_file(text: str, path: str) -> tuple[LineDict | None, list[Problem]]:
    """Parse a module file into raw module data (front matter fields plus ``slides``)."""
    front, front_line, body, body_line, problems = split_front_matter(text, path)
    if problems:
        return None, problems
    data, problems = parse_yaml(front, path, front_line)
    if problems:
        return None, problems
    if not isinstance(data, LineDict):
        return None, [Problem(path, front_line, "front matter must be a mapping of fields")]
    if "slides" in data:
        return None, [
            Problem(path, data.key_lines["slides"], "write slides below the front matter")
        ]
    slides, problems = parse_slides(body, body_line, path)
    module_id = data.get("id") if isinstance(data.get("id"), str) else "slide"
    for number, slide in enumerate(slides, start=1):
        if "id" not in slide:
            slide["id"] = f"{module_id}-{number:02d}"
            slide.key_lines["id"] = slide.line
    data["slides"] = slides
    data.key_lines["slides"] = body_line
    return data, problems
