"""Make a PDF written by Qt reproducible: a fixed document id, metadata and dates.

QPdfWriter stamps every file with the current time and a random document id, so two runs over
the same input differ in a few bytes, and it writes fonts in hash order, which changes from
one process to the next. Given the date the document is *for* (a session's date, say), the id
is derived from the document itself, the XMP metadata is ours, Qt's hash seed is fixed, and
the two dates in the Info dictionary are rewritten in place (same length, so the
cross-reference table stays valid).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from xml.sax.saxutils import escape

from PySide6.QtCore import QHashSeed, QUuid

_NAMESPACE = QUuid("6f1c3a52-4a1e-4d8e-9a4e-1d5f0b7c2e10")
_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:([^)]*)\)")


def deterministic_qt() -> None:
    """Make Qt's hash order the same in every run (fonts and styles are written in that order).

    Each QHash keeps the seed it was made with, so hashes already alive are unaffected; a
    desktop tool has no need for the per-process seed that guards servers against hash floods.
    """
    QHashSeed.setDeterministicGlobalSeed()


def _utc(when: dt.datetime) -> dt.datetime:
    return when.astimezone(dt.UTC) if when.tzinfo else when.replace(tzinfo=dt.UTC)


def document_id(title: str, created: dt.datetime, fingerprint: str = "") -> QUuid:
    """Return a document id that depends only on the title, the date and a fingerprint."""
    name = f"{title}\n{_utc(created).isoformat()}\n{fingerprint}"
    return QUuid.createUuidV5(_NAMESPACE, name.encode())


def xmp(title: str, author: str, creator: str, created: dt.datetime) -> bytes:
    """Return XMP metadata with the given title, author, tool and date (no current time)."""
    stamp = _utc(created).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    return f"""<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
    <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>
      <dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
      xmp:CreatorTool="{escape(creator)}" xmp:CreateDate="{stamp}" xmp:ModifyDate="{stamp}"/>
  </rdf:RDF>
</x:xmpmeta>
<?xpacket end='w'?>""".encode()


def _pdf_date(created: dt.datetime, length: int) -> bytes | None:
    """Return ``D:...`` for ``created`` in UTC, written to exactly ``length`` bytes if possible."""
    base = _utc(created).strftime("%Y%m%d%H%M%S")
    for suffix in ("Z", "+00'00'", "+00'00", "+0000", ""):
        text = f"{base}{suffix}".encode()
        if len(text) == length:
            return text
    return None


def fix_dates(path: Path, created: dt.datetime) -> bool:
    """Rewrite the Info dictionary's dates to ``created``; return False if they could not be."""
    data = path.read_bytes()
    changed = True

    def replace(match: re.Match[bytes]) -> bytes:
        nonlocal changed
        value = _pdf_date(created, len(match.group(2)))
        if value is None:
            changed = False
            return match.group(0)
        return b"/" + match.group(1) + b" (D:" + value + b")"

    fixed = _DATE.sub(replace, data)
    if fixed != data:
        path.write_bytes(fixed)
    return changed
