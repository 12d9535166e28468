"""Write a document's blocks as Markdown: the editable copy of a printed document.

Markdown needs no extra library, opens in any text editor, keeps its structure when a
department edits it (headings, lists, tables, checklists), and turns into Word or HTML with the
tools people already have. The same blocks make the PDF, so the two never drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable

from deflection_kit.pdf import (
    Block,
    Bullets,
    Checklist,
    Details,
    FieldRow,
    Heading,
    KeepTogether,
    Note,
    PageBreak,
    Paragraph,
    RatingGrid,
    Rule,
    Spacer,
    Table,
    TextField,
    Title,
)


def _text(text: str) -> str:
    """Return plain text safe in Markdown: no stray emphasis, no accidental headings or HTML."""
    cleaned = " ".join(text.split()).replace("*", "\\*").replace("<", "&lt;")
    if cleaned[:1] in "#>+-=" and cleaned[:1]:
        cleaned = "\\" + cleaned
    return cleaned


def _cell(text: str) -> str:
    return _text(text).replace("|", "\\|") or " "


def _paragraphs(text: str) -> list[str]:
    return [_text(part) for part in text.split("\n") if part.strip()]


def _table(header: list[str], rows: Iterable[list[str]]) -> str:
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |"]
    lines.append("|" + "|".join(" --- " for _ in header) + "|")
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _bullets(block: Bullets) -> str:
    lines: list[str] = []
    numbers = [0, 0, 0]
    for position, item in enumerate(block.items):
        text, level = (item, 0) if isinstance(item, str) else (item[0], max(0, min(2, item[1])))
        numbers[level] += 1
        numbers[level + 1 :] = [0] * (2 - level)
        indent = "   " * level
        if position < len(block.markers):
            lines.append(f"{indent}- **{_text(block.markers[position])}** {_text(text)}")
        elif block.numbered and level == 0:
            lines.append(f"{indent}{numbers[0]}. {_text(text)}")
        else:
            lines.append(f"{indent}- {_text(text)}")
    return "\n".join(lines)


def _field(field: TextField) -> str:
    head = f"**{_text(field.label)}**" + (f" *({_text(field.hint)})*" if field.hint else "")
    return head + "\n\n" + "\n".join("> ..." for _ in range(max(1, field.lines)))


def block_markdown(block: Block) -> str:
    """Return one block as Markdown ("" for blocks that only shape the printed page)."""
    if isinstance(block, Title):
        parts = [f"*{_text(block.kicker)}*"] if block.kicker else []
        parts.append(f"# {_text(block.text)}")
        if block.subtitle:
            parts.append(f"*{_text(block.subtitle)}*")
        return "\n\n".join(parts)
    if isinstance(block, Heading):
        return f"{'#' * min(6, block.level + 1)} {_text(block.text)}"
    if isinstance(block, Paragraph):
        wrap = "**" if block.bold else "*" if block.italic else ""
        return "\n\n".join(f"{wrap}{line}{wrap}" for line in _paragraphs(block.text))
    if isinstance(block, Details):
        return "\n".join(f"- **{_text(k)}:** {_text(v)}" for k, v in block.items if v)
    if isinstance(block, Table):
        return _table([c.header for c in block.columns], [list(r) for r in block.rows])
    if isinstance(block, Bullets):
        return _bullets(block)
    if isinstance(block, Checklist):
        return "\n".join(f"- [ ] {_text(item)}" for item in block.items)
    if isinstance(block, Note):
        lines = [f"> **{_text(block.label)}**", ">"] if block.label else []
        for number, paragraph in enumerate(_paragraphs(block.text)):
            if number:
                lines.append(">")
            lines.append(f"> {paragraph}")
        return "\n".join(lines)
    if isinstance(block, TextField):
        return _field(block)
    if isinstance(block, FieldRow):
        return "\n\n".join(_field(field) for field in block.fields)
    if isinstance(block, RatingGrid):
        rows = [
            [f"{n}. {s}" if block.numbered else s, *(["[ ]"] * len(block.scale))]
            for n, s in enumerate(block.statements, start=block.first)
        ]
        return _table(["Statement", *block.scale], rows)
    if isinstance(block, Rule):
        return "---"
    if isinstance(block, KeepTogether):
        return "\n\n".join(filter(None, (block_markdown(inner) for inner in block.blocks)))
    if isinstance(block, (PageBreak, Spacer)):
        return ""
    raise TypeError(f"no Markdown for {type(block).__name__}")


def to_markdown(blocks: Iterable[Block]) -> str:
    """Return blocks as one Markdown document."""
    parts = [text for text in (block_markdown(block) for block in blocks) if text]
    return "\n\n".join(parts) + "\n"
