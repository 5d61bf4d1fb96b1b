#!/usr/bin/python3
"""Turn a saved report page into the text convention the document extractors feed to
published.Import (fixed by the coordinator for issue 12):

  - one line per paragraph;
  - a table row is one line, its visible cells separated by "|" (as a browser's copy of the
    table gives: a row-spanning cell appears in its first row only, a column-spanning cell
    once; line breaks inside a cell joined; a "|" inside a cell replaced by "｜");
  - a blank line after each table.

Only the article is converted: the page's <meta name="ArticleTitle"> as the first line, then
div.TRS_Editor (the TRS WCM article body of the pingtan.gov.cn pages). U+00A0 becomes a space,
as a browser's copy gives it. Standard library only (html.parser), so anyone can re-run it:

  /usr/bin/python3 html2pipes.py ../../../../../shared/corpus/01_pingtan_shenpiju_2023.html > 01_pingtan_shenpiju_2023.pipes.txt
"""
import html.parser
import re
import sys


class Article(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.depth = 0  # div depth inside TRS_Editor (0: outside)
        self.lines = []
        self.para = None  # text of the open paragraph, or None
        self.row = None  # cells of the open table row
        self.cell = None  # text pieces of the open cell
        self.tables = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("name") == "ArticleTitle":
            self.title = a.get("content", "")
        if tag == "div":
            if self.depth:
                self.depth += 1
            elif "TRS_Editor" in (a.get("class") or ""):
                self.depth = 1
            return
        if not self.depth:
            return
        if tag == "table":
            self.tables += 1
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "p" and self.cell is None:
            self.para = []
        elif tag == "br":
            self.text("\n")

    def handle_endtag(self, tag):
        if tag == "div" and self.depth:
            self.depth -= 1
            return
        if not self.depth:
            return
        if tag == "p" and self.cell is not None:
            self.text("\n")
        elif tag == "p" and self.para is not None:
            s = clean("".join(self.para))
            if s:
                self.lines.append(s)
            self.para = None
        elif tag in ("td", "th") and self.cell is not None:
            # Cell-internal line breaks are joined; "|" inside a cell becomes "｜".
            s = "".join(clean(x) for x in "".join(self.cell).split("\n"))
            self.row.append(s.replace("|", "｜"))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.lines.append("|".join(self.row))
            self.row = None
        elif tag == "table":
            self.tables -= 1
            self.lines.append("")

    def handle_data(self, data):
        self.text(data)

    def text(self, s):
        if self.cell is not None:
            self.cell.append(s)
        elif self.para is not None:
            self.para.append(s)


def clean(s):
    s = s.replace("\u00a0", " ")
    return re.sub(r"[ \t\r\n]+", " ", s).strip()


def main():
    p = Article()
    with open(sys.argv[1], encoding="utf-8") as f:
        p.feed(f.read())
    out = [p.title] + p.lines
    sys.stdout.write("\n".join(out).rstrip("\n") + "\n")


if __name__ == "__main__":
    main()
