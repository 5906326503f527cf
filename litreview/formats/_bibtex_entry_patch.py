"""One BibTeX entry's text in parts, and patched: the fields of what changed rewritten in
place, the others as written (the field-level half of :mod:`.bibtex_patch`).

:func:`split_entry` cuts an entry into its header, its fields (each with the separator before
it, its name, the text up to its value and its raw value) and the text after the last field,
so that joining the parts gives the entry back byte for byte. :func:`patch_entry` takes the
fields of the parts of a work that changed from the writer's text of the new work, keeping
the entry's own spelling of names, delimiters, indentation and alignment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from litreview.core.model import Work
from litreview.formats import _bibtex_maps as maps

__all__ = ["Entry", "folded", "patch_entry", "split_entry"]

_HEADER = re.compile(r"@[ \t]*([A-Za-z][\w-]*)[ \t\r\n]*[{(][ \t\r\n]*([^,\s{}()]*)[ \t\r\n]*,")
_NAME = re.compile(r"[ \t\r\n]*([^\s=,{}\"#()]+)([ \t\r\n]*)=([ \t\r\n]*)")
_WORD = re.compile(r"[^\s\"#%'(),={}]+")
_TOKEN = re.compile(r'\\.|[{}"]', re.DOTALL)
_SPACE = re.compile(r"[ \t\r\n]*")

# Field name (lowercase) -> the part of a work it is read into (as the reader,
# ``_bibtex_entry``, reads them); any other field is "extra:<name>" (an unmodelled field,
# kept under its own name).
_GROUPS = {
    **{name: attr for attr, name in maps.PLAIN_FIELDS.items()},
    **dict.fromkeys(maps.CONTAINER_FIELDS, "container"),
    **dict.fromkeys(maps.PUBLISHER_FIELDS, "publisher"),
    "author": "authors",
    "editor": "editors",
    "year": "issued",
    "month": "issued",
    "date": "issued",
    "address": "place",
    "location": "place",
    "keywords": "keywords",
    "entrysubtype": "type",
    maps.CSLTYPE_FIELD: "type",
    # the unmodelled fields a wide entry holds folded (read apart: no work has it)
    maps.FOLD_FIELD: "extra",
}
# Marks in Work.extra that belong to a group rather than to a field of their own.
_MARK_GROUPS = {
    maps.MARK_TYPE: "type",
    maps.MARK_CONTAINER: "container",
    maps.MARK_PUBLISHER: "publisher",
}


@dataclass(frozen=True, slots=True)
class _Field:
    """One field of an entry: ``lead`` (the separator before it, comma included after the
    first), ``name``, ``mid`` (from the name to the value: ``" = "``) and the raw value."""

    lead: str
    name: str
    mid: str
    value: str


@dataclass(frozen=True, slots=True)
class Entry:
    """An entry's text in parts: ``@type{key,``, its fields, and the text after the last."""

    etype: str
    key: str
    head: str
    type_at: int
    key_at: int
    fields: tuple[_Field, ...]
    tail: str

    def with_header(self, etype: str, key: str) -> Entry:
        """This entry with another type or key, its header otherwise as written."""
        h = self.head
        head = (
            h[: self.type_at]
            + etype
            + h[self.type_at + len(self.etype) : self.key_at]
            + key
            + h[self.key_at + len(self.key) :]
        )
        return replace(self, etype=etype, key=key, head=head)

    def text(self) -> str:
        """The entry as text again."""
        fields = "".join(f.lead + f.name + f.mid + f.value for f in self.fields)
        return self.head + fields + self.tail


def _value_end(raw: str, pos: int) -> int | None:
    """The end of the value expression starting at ``pos`` (``None``: not a value)."""
    while True:
        if pos >= len(raw):
            return None
        ch = raw[pos]
        if ch in '{"':
            end = _group_end(raw, pos)
            if end is None:
                return None
        else:
            m = _WORD.match(raw, pos)
            if not m:
                return None
            end = m.end()
        after = _SPACE.match(raw, end)
        nxt = after.end() if after else end
        if nxt < len(raw) and raw[nxt] == "#":
            space = _SPACE.match(raw, nxt + 1)
            pos = space.end() if space else nxt + 1
            continue
        return end


def _group_end(raw: str, start: int) -> int | None:
    """Just past the ``}`` or ``"`` closing the group opened at ``start``."""
    depth = 0
    closer = "}" if raw[start] == "{" else '"'
    for m in _TOKEN.finditer(raw, start + 1):
        tok = m.group()
        if tok == "{":
            depth += 1
        elif tok == "}":
            if depth == 0:
                return m.end() if closer == "}" else None
            depth -= 1
        elif tok == '"' and closer == '"' and depth == 0:
            return m.end()
    return None


def split_entry(raw: str) -> Entry | None:
    """``raw`` (one entry) in parts; ``None`` when its layout is not the plain one."""
    head = _HEADER.match(raw)
    if not head:
        return None
    pos = head.end()
    fields: list[_Field] = []
    lead_start = pos
    while True:
        m = _NAME.match(raw, pos)
        if not m:
            break
        end = _value_end(raw, m.end())
        if end is None:
            return None
        name_at = m.start(1)
        fields.append(
            _Field(
                lead=raw[lead_start:name_at],
                name=m.group(1),
                mid=raw[m.end(1) : m.end()],
                value=raw[m.end() : end],
            )
        )
        space = _SPACE.match(raw, end)
        pos = space.end() if space else end
        if pos < len(raw) and raw[pos] == ",":
            lead_start = end
            pos += 1
            continue
        break
    end = len(head.group(0)) + sum(
        len(f.lead) + len(f.name) + len(f.mid) + len(f.value) for f in fields
    )
    if raw[end:].strip(" \t\r\n,") not in ("}", ")"):
        return None
    return Entry(
        etype=head.group(1),
        key=head.group(2),
        head=raw[: head.end()],
        type_at=head.start(1),
        key_at=head.start(2),
        fields=tuple(fields),
        tail=raw[end:],
    )


def _group(name: str) -> str:
    """The part of a work the field ``name`` is read into."""
    low = name.lower()
    return _GROUPS.get(low, "extra:" + low)


def folded(entry: Entry | None) -> bool:
    """Whether ``entry`` holds a folded ``litreview-extras`` field (the writer's; an entry
    without one is patched field by field and never folded)."""
    return entry is not None and any(f.name.lower() == maps.FOLD_FIELD for f in entry.fields)


def _differs(old: Work, new: Work, group: str) -> bool:
    """Whether ``old`` and ``new`` differ in ``group``."""
    if group == "extra":
        return old.extra != new.extra
    if group.startswith("extra:"):
        name = group[6:]
        return [v for n, v in old.extra if n.lower() == name] != [
            v for n, v in new.extra if n.lower() == name
        ]
    marks = [m for m, g in _MARK_GROUPS.items() if g == group]
    if any(old.extra_value(m) != new.extra_value(m) for m in marks):
        return True
    return bool(getattr(old, group) != getattr(new, group))


def _style_value(value: str, quoted: bool) -> str:
    """A braced ``{value}`` as ``"value"`` when the entry quotes its values and it can."""
    if quoted and value.startswith("{") and value.endswith("}") and '"' not in value:
        return '"' + value[1:-1] + '"'
    return value


def _new_lead(old: Entry, nl: str) -> str:
    """The separator before an appended field: the one before the entry's last field."""
    if not old.fields:
        return nl + "  "
    last = old.fields[-1]
    gap = last.lead.lstrip(",")
    if gap.strip():
        gap = nl + "  "
    return "," + gap


def _new_mid(old: Entry, name: str) -> str:
    """``" = "`` for an appended field, aligned as the entry's own fields are."""
    if not old.fields:
        return " = "
    widths = {len(f.name) + len(f.mid) - len(f.mid.lstrip(" \t")) for f in old.fields}
    last = old.fields[-1]
    after = last.mid[last.mid.index("=") :]
    before = last.mid[: last.mid.index("=")]
    if len(old.fields) > 1 and len(widths) == 1 and len({len(f.name) for f in old.fields}) > 1:
        return " " * max(1, widths.pop() - len(name)) + after
    return (before if "\n" not in before else " ") + after


def patch_entry(
    old: Entry, new: Entry, old_work: Work, new_work: Work, nl: str, minimal: bool
) -> str:
    """``old`` with the fields of the groups that differ taken from ``new`` (``minimal``),
    or with every field whose value differs taken from ``new`` (already in ``nl`` line
    endings)."""
    new_fields = {f.name.lower(): f for f in new.fields}
    old_names = {f.name.lower() for f in old.fields}
    quoted = bool(old.fields) and all(f.value.startswith('"') for f in old.fields)

    def wanted(name: str) -> bool:
        # a modelled field can be read as an unmodelled one (a month without a year)
        group, extra = _group(name), "extra:" + name
        return not minimal or any(_differs(old_work, new_work, g) for g in {group, extra})

    kept: list[_Field] = []
    for f in old.fields:
        low = f.name.lower()
        if not wanted(low):
            kept.append(f)
        elif low in new_fields:
            value = new_fields[low].value
            if value != f.value:
                value = _style_value(value, f.value.startswith('"'))
            kept.append(replace(f, value=value))
    if kept and old.fields and kept[0].lead != old.fields[0].lead:
        kept[0] = replace(kept[0], lead=old.fields[0].lead)
    for f in new.fields:
        low = f.name.lower()
        if low in old_names or not wanted(low):
            continue
        lead = _new_lead(old, nl) if kept else (old.fields[0].lead if old.fields else nl + "  ")
        value = _style_value(f.value, quoted)
        kept.append(_Field(lead=lead, name=f.name, mid=_new_mid(old, f.name), value=value))
    if old.etype.lower() != new.etype.lower() or old.key != new.key:
        etype = old.etype if old.etype.lower() == new.etype.lower() else new.etype
        old = old.with_header(etype, new.key)
    tail = old.tail
    if not old.fields and kept and not tail.startswith(("\n", "\r")):
        tail = nl + tail.lstrip(" \t")
    return replace(old, fields=tuple(kept), tail=tail).text()
