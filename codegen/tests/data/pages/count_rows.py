"""Counts the error-code rows of each page, independently of the importer.

reStructuredText pages are parsed by docutils (the reference parser), Markdown
pages by their pipe-table lines. A table is a code table if a header cell
names an error code ("Error Code", "Error Codes", "Error code", "Code",
"Error Type" when no other names one). Its rows are counted as the importer
must write them:

- a row whose one cell spans the table (a heading), and the "Other" row, are
  no code rows;
- a row whose status cell lists several statuses counts once per status;
- rows that are the same in the spec's columns (status, code, message,
  description, measure) count once.

Usage: python3 count_rows.py PAGE...  (prints each page's rows in all, and
each code table's number on the page and rows)
"""

import re
import sys

import docutils.core
import docutils.nodes
from docutils.parsers.rst import roles

STATUS = re.compile(r"(?<!\d)[1-5]\d\d(?!\d)")


def generic_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [docutils.nodes.Text(re.sub(r"\s*<[^>]*>$", "", text))], []


for role in ("ref", "doc", "numref", "abbr", "sub", "sup"):
    roles.register_canonical_role(role, generic_role)


def kind(header):
    h = " ".join(header.lower().replace("(s)", "s").split())
    if h in ("error code", "error codes", "code", "codes", "errorcode"):
        return "code"
    if h in ("error type",):
        return "code?"
    if "status" in h or h == "response code":
        return "status"
    if h in ("error message", "message", "user message", "error information", "error"):
        return "message"
    if "description" in h:
        return "description"
    if h in ("solution", "measure", "handling measure", "handling measures", "troubleshooting"):
        return "measure"
    return None


def rst_tables(text):
    doc = docutils.core.publish_doctree(
        text, settings_overrides={"report_level": 5, "halt_level": 5}
    )
    for table in doc.findall(docutils.nodes.table):
        tgroup = next(table.findall(docutils.nodes.tgroup))
        columns = int(tgroup["cols"])
        thead = list(tgroup.findall(docutils.nodes.thead))
        header = []
        if thead:
            for entry in thead[0].findall(docutils.nodes.entry):
                header.append(" ".join(entry.astext().split()))
        rows = []
        for tbody in tgroup.findall(docutils.nodes.tbody):
            grid = {}
            for r, row in enumerate(tbody.findall(docutils.nodes.row)):
                c = 0
                cells = []
                for entry in [e for e in row.children if isinstance(e, docutils.nodes.entry)]:
                    while (r, c) in grid:
                        cells.append(grid[(r, c)])
                        c += 1
                    text = "\n".join(" ".join(p.split()) for p in entry.astext().split("\n\n"))
                    span_c = entry.get("morecols", 0) + 1
                    span_r = entry.get("morerows", 0) + 1
                    cell = (text, id(entry), span_c == columns)
                    for dr in range(span_r):
                        for dc in range(span_c):
                            grid[(r + dr, c + dc)] = cell
                    for dc in range(span_c):
                        cells.append(cell)
                    c += span_c
                while (r, c) in grid and c < columns:
                    cells.append(grid[(r, c)])
                    c += 1
                rows.append(cells)
        yield header, rows


def md_tables(text):
    lines = [l.strip() for l in text.splitlines()]
    i = 0
    while i < len(lines) - 1:
        if lines[i].startswith("|") and re.fullmatch(r"\|?[\s:|-]+\|?", lines[i + 1] or "x") and "-" in lines[i + 1]:
            split = lambda l: [c.strip() for c in l.strip("|").split("|")]
            header = split(lines[i])
            rows = []
            j = i + 2
            while j < len(lines) and lines[j].startswith("|"):
                rows.append([(c, (j, k), False) for k, c in enumerate(split(lines[j]))])
                j += 1
            yield header, rows
            i = j
        else:
            i += 1


def count(path):
    text = open(path, encoding="utf-8").read()
    tables = list(md_tables(text) if path.endswith(".md") else rst_tables(text))
    counts = []
    seen = set()
    for number, (header, rows) in enumerate(tables, 1):
        total = 0
        kinds = [kind(h) for h in header]
        if "code" not in kinds:
            if "code?" not in kinds:
                continue
            kinds = ["code" if k == "code?" else k for k in kinds]
        col = {k: kinds.index(k) for k in reversed(kinds) if k}
        for cells in rows:
            texts = [c[0] for c in cells]
            if all(not t for t in texts):
                continue
            if cells[0][2] or (texts[0] and all(not t for t in texts[1:]) and " " in texts[0]):
                continue  # a heading row
            first = next(t for t in texts if t)
            code = texts[col["code"]]
            if code.lower() == "other" or (first.lower() == "other" and " " in code):
                continue
            get = lambda k: texts[col[k]] if k in col and col[k] < len(texts) else ""
            message = get("message") or get("description")
            statuses = []
            for s in STATUS.findall(get("status")):
                if s not in statuses:
                    statuses.append(s)
            for status in statuses or [get("status")]:
                key = (status, code, message, get("description"), get("measure"))
                if key not in seen:
                    seen.add(key)
                    total += 1
        counts.append((number, total))
    return counts


for page in sys.argv[1:]:
    counts = count(page)
    tables = ", ".join(f"table {n}: {rows}" for n, rows in counts)
    print(f"{page.rsplit('/', 1)[-1]}\t{sum(rows for _, rows in counts)}\t{tables}")
