"""Reads the tables of .docx files with python-docx and prints them as JSON: for every
file, for every table, its merged cells as {Row, Col, RowSpan, ColSpan, Text}. python-docx
repeats a merged cell at every grid position it covers (the same XML <w:tc>), so a merged
cell is the bounding box of the positions sharing one <w:tc> (the elements are kept
referenced, so that their ids stay unique)."""
import json
import sys

import docx


def rects(table):
    boxes = {}
    order = []
    keep = []
    for y, row in enumerate(table.rows):
        for x, cell in enumerate(row.cells):
            keep.append(cell._tc)
            key = id(cell._tc)
            if key not in boxes:
                boxes[key] = [y, x, y, x, cell.text]
                order.append(key)
            b = boxes[key]
            b[0], b[1] = min(b[0], y), min(b[1], x)
            b[2], b[3] = max(b[2], y), max(b[3], x)
    return [{"Row": b[0], "Col": b[1], "RowSpan": b[2] - b[0] + 1, "ColSpan": b[3] - b[1] + 1, "Text": b[4]}
            for b in (boxes[k] for k in order)]


print(json.dumps([[rects(t) for t in docx.Document(path).tables] for path in sys.argv[1:]], ensure_ascii=False))
