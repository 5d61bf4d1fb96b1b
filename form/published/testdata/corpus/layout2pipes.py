#!/usr/bin/python3
"""Turn `pdftotext -layout` output into the PDF-text shape of the extractor convention: lines
rebuilt from positions, cells separated by "|" where a column gap is found (here: a run of two
or more spaces), otherwise spaces; wrapped labels stay on their own lines.

  /usr/bin/python3 layout2pipes.py 12_huaian_city_gov_2024.layout.txt > 12_huaian_city_gov_2024.gaps.txt
"""
import re
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        s = line.rstrip("\n").strip(" \f")
        sys.stdout.write(re.sub(r" {2,}", "|", s) + "\n")
