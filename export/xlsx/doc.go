// Package xlsx writes a report as the Excel workbook superiors collect (the three statistic
// tables laid out as the official template, the narrative, hidden metadata to read it back),
// reads such workbooks back (our own exactly, hand-made official-layout tables by their
// labels), and writes the aggregate (汇总) of form.Aggregate as one workbook with a per-unit list.
//
// # Workbook
//
// 统计表 (SheetTables) holds the title, a line with the agency, year and format, and the
// tables of 二, 三 and 四 under their section titles, each drawn span by span from
// form.Table.Layout. The tables have different grid widths (4, 10 and 15 columns); every
// table's column boundaries (label columns as wide as their labels, value columns sharing
// the rest) become sheet column boundaries, so each table keeps its proportions and all are
// one A4 page wide. Number cells hold numbers (amounts with the decimals typed, at least
// two); a value that is not a number is written as text, on a red fill. Labels are locked,
// number cells are not; the sheet is protected without a password and has data-validation
// rules by cell kind. Printing: A4 portrait fitted to the page width, title rows repeated,
// a page break before 三, page numbers in the footer.
//
// 正文 (SheetText) holds the narrative, one paragraph per row, read-only.
//
// 汇总明细 (SheetUnits, aggregates only) lists each summed unit with key figures and its
// problems, the cross-check of 结转下年度, and the units left out with reasons.
//
// # Metadata
//
// A very hidden sheet "_nianbao" holds, one item per row (long values continue in the
// next cells of the row, each below Excel's 32767-character limit):
//
//	schema | nianbao.xlsx | 1 (version) | report or summary
//	draft  | the report as a draft file (form.MarshalDraft JSON): format, meta, narrative, every typed cell text
//	cells  | 统计表 | JSON object cell code → address ("apply.1.natural": "D9")
//	labels | 统计表 | JSON array of [address, label] of every label cell written
//
// Read restores the draft, then takes from the sheet any number edited since (a value that
// still means the same keeps its typed text). When a label is no longer at its address
// (rows or columns inserted), the tables are found by their labels instead.
//
// # Reading other workbooks
//
// Without the metadata, every sheet (at most 32, 1000 rows × 100 columns each) is searched
// for each table: block headings ("第二十条第（一）项"), then the header row holding the
// column labels, then each row label in order below it; labels match after folding
// full-width punctuation, spaces, quotes and item numbering ("1、" = "1."), and without a
// parenthesised remark or leading ordinal. The format whose cells are found best wins (the
// year in the title breaks ties). Blanks, "/", text and dates in number cells are kept in
// the report as typed and reported as warnings naming the table and Excel address.
package xlsx
