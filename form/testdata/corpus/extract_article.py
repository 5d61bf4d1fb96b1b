# Extracts the article text of a saved TRS WCM page: the title (h1/div.title or <title>) and
# the text of div.TRS_Editor, one line per block element (p, div, tr, li, h*), table cells of
# a row joined by " | ", U+00A0 and U+3000 runs kept as spaces.
import sys, lxml.html
doc = lxml.html.parse(sys.argv[1]).getroot()
ed = doc.xpath('//div[contains(concat(" ", normalize-space(@class), " "), " TRS_Editor ")]')
if not ed:
    sys.exit("no div.TRS_Editor")
ed = ed[0]
title = doc.xpath('string(//title)').strip()
lines = [title]
def text(el):
    return " ".join(el.text_content().replace("\u00a0", " ").split())
def walk(el):
    for ch in el:
        tag = ch.tag if isinstance(ch.tag, str) else ""
        if tag == "table":
            for tr in ch.iter("tr"):
                cells = [text(td) for td in tr if isinstance(td.tag, str) and td.tag in ("td", "th")]
                lines.append(" | ".join(cells))
        elif tag in ("p", "h1", "h2", "h3", "h4", "li"):
            t = text(ch)
            if t:
                lines.append(t)
        elif tag in ("div", "section", "span", "font", "strong", "b", "center"):
            if any(isinstance(g.tag, str) and g.tag in ("p", "div", "table", "h1", "h2", "h3", "li") for g in ch.iter()):
                walk(ch)
            else:
                t = text(ch)
                if t:
                    lines.append(t)
walk(ed)
print("\n".join(lines))
