package pdf

import "strings"

// Marks that compressPunct narrows (标点挤压) are drawn from a copy of their font whose
// advances are halved (subsetFont with half set), so the advance recorded in the PDF
// matches where the next glyph sits: text extraction (pdftotext, copy and paste, search)
// then sees adjacent glyphs, not glyphs overlapping by half an em, which it splits into
// separate words and even separate lines ("答复，" / "，全年"). The outlines are
// unchanged, so the page looks the same.

// isMark reports whether r is one of the full-width marks compressPunct may narrow.
func isMark(r rune) bool { return strings.ContainsRune(inkLeft+inkRight, r) }
