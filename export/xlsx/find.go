package xlsx

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/form/fileio"
)

// place is where a number cell was found.
type place struct {
	sheet *sheetData
	row   int
	cols  [2]int // the value's column and the last column of its header label
}

// found is the result of searching one format's tables in a workbook.
type found struct {
	format *form.Format
	places map[string]place
	warn   []Warning
	score  float64
}

// readByLabels finds the official tables by their labels. format forces a format (nil
// tries all and keeps the best match); base, when given, supplies meta and narrative.
func readByLabels(b *book, format *form.Format, base *form.Report) (*form.Report, []Warning, error) {
	var sheets []*sheetData
	var warn []Warning
	for _, name := range b.f.GetSheetList() {
		if name == metaSheet {
			continue
		}
		if len(sheets) == maxSheets {
			warn = append(warn, Warning{Message: fmt.Sprintf("工作簿的工作表超过 %d 个，只查找了前 %d 个", maxSheets, maxSheets)})
			break
		}
		sd, err := loadSheet(b, name)
		if errors.Is(err, fileio.ErrTooSlow) {
			return nil, nil, err
		}
		if err != nil {
			return nil, nil, &ReadError{Reason: fmt.Sprintf("工作表「%s」无法读取", name), Err: err}
		}
		sheets = append(sheets, sd)
		if b.full {
			warn = append(warn, Warning{Message: fmt.Sprintf("工作簿的单元格过多（超过 %d 个），只查找了前 %d 个工作表的前 %d 个单元格", fileio.MaxSheetCells, len(sheets), fileio.MaxSheetCells)})
			break
		}
	}
	r, ws, err := readSheets(sheets, format, base)
	return r, append(warn, ws...), err
}

// readSheets is readByLabels on scanned sheets.
func readSheets(sheets []*sheetData, format *form.Format, base *form.Report) (*form.Report, []Warning, error) {
	var warn []Warning
	formats := form.Formats
	if format != nil {
		formats = []*form.Format{format}
	}
	var agency string
	var year int
	if base == nil {
		agency, year = findTitle(sheets)
	}
	var best *found
	for _, fm := range formats {
		fd := locate(fm, sheets)
		if best == nil || fd.score > best.score || (fd.score == best.score && year != 0 && form.FormatForYear(year) == fm) {
			best = fd
		}
	}
	if len(best.places) == 0 {
		return nil, nil, &ReadError{Reason: fmt.Sprintf("没有找到政府信息公开工作年度报告的统计表（按“%s”“%s”“%s”等表格标签查找）",
			form.Latest.Tables[0].Blocks[0].Heading, form.Latest.Tables[1].Blocks[0].Cols[0].Label, form.Latest.Tables[2].Blocks[0].Cols[0].Label)}
	}
	var r *form.Report
	if base != nil {
		r = form.New(best.format, base.Meta.Year, base.Meta.Agency)
		r.Meta, r.Text = base.Meta, base.Text
	} else {
		r = form.New(best.format, year, agency)
		if year == 0 {
			warn = append(warn, Warning{Message: "表格中没有找到报告年度（如“2025年政府信息公开工作年度报告”），请在导入后填写"})
		}
		if agency == "" {
			warn = append(warn, Warning{Message: "表格中没有找到单位名称（如标题“XX局2025年政府信息公开工作年度报告”或“填报单位：XX局”），请在导入后填写"})
		}
	}
	warn = append(warn, best.warn...)
	for i, d := range r.Format.Cells {
		p, ok := best.places[d.Code]
		if !ok {
			continue
		}
		text := p.sheet.value(p.row, p.cols[0])
		col := p.cols[0]
		for c := p.cols[0] + 1; text == "" && c <= p.cols[1]; c++ {
			if t := p.sheet.value(p.row, c); t != "" {
				text, col = t, c
			}
		}
		w := Warning{Sheet: p.sheet.name, Cell: cellName(p.row, col), Table: d.Table.ShortName(), Code: d.Code}
		at := fmt.Sprintf("%s %s（工作表「%s」%s）", w.Table, w.Cell, w.Sheet, d.Where())
		if shown, ok := p.sheet.dateShown(p.row, col); ok && text != "" {
			_ = r.SetAt(i, shown)
			w.Message = fmt.Sprintf("%s：被 Excel 当成了日期（显示为「%s」），请把单元格格式改为“常规”后重新填写数字", at, shown)
			warn = append(warn, w)
			continue
		}
		err := r.SetAt(i, text)
		switch {
		case strings.TrimSpace(text) == "":
			w.Message = at + blankNote
			w.blank, w.row, w.colLabel = true, p.row, d.ColLabel()
			if d.Row != nil {
				w.rowLabel = d.RowLabel()
			}
		case err != nil:
			w.Message = at + "：" + err.Error()
		default:
			continue
		}
		warn = append(warn, w)
	}
	return r, warn, nil
}

var (
	titleRe    = regexp.MustCompile(`^(.*?)([12][0-9]{3})年度?政府信息公开(工作)?年度报告`)
	agencyRe   = regexp.MustCompile(`^(?:填报|报送|汇总)?单位(?:名称)?:(.+?)(?:报告年度|报告格式|填报日期|日期|$)`)
	yearRe     = regexp.MustCompile(`(?:报告)?年度[:：]\s*([12][0-9]{3})`)
	yearLoneRe = regexp.MustCompile(`([12][0-9]{3})年度`)
)

// findTitle looks in the first rows of each sheet for the report title or a
// "填报单位：… 报告年度：…" line.
func findTitle(sheets []*sheetData) (agency string, year int) {
	for _, sd := range sheets {
		for r := 0; r < len(sd.norm) && r < 15; r++ {
			for _, cell := range sd.norm[r] {
				if cell == "" {
					continue
				}
				if m := titleRe.FindStringSubmatch(cell); m != nil {
					if agency == "" {
						agency = m[1]
					}
					if year == 0 {
						year, _ = strconv.Atoi(m[2])
					}
				}
				if m := agencyRe.FindStringSubmatch(cell); m != nil && agency == "" && !strings.HasPrefix(m[1], "(") && !isUnit(m[1]) {
					agency = m[1]
				}
				if m := yearRe.FindStringSubmatch(cell); m != nil && year == 0 {
					year, _ = strconv.Atoi(m[1])
				}
				if m := yearLoneRe.FindStringSubmatch(cell); m != nil && year == 0 {
					year, _ = strconv.Atoi(m[1])
				}
			}
		}
	}
	if !form.ValidYear(year) {
		year = 0
	}
	return agency, year
}

// nodeLeaf is a leaf of a row or column tree with its joined code.
type nodeLeaf struct {
	node *form.Node
	code string
}

func nodeLeaves(nodes []*form.Node, prefix string) []nodeLeaf {
	var out []nodeLeaf
	for _, n := range nodes {
		code := joinCode(prefix, n.Code)
		if len(n.Children) > 0 {
			out = append(out, nodeLeaves(n.Children, code)...)
			continue
		}
		out = append(out, nodeLeaf{n, code})
	}
	return out
}

func allLabels(nodes []*form.Node, into map[string]bool) {
	for _, n := range nodes {
		f := formsOf(n.Label)
		into[f[0]], into[f[1]] = true, true
		allLabels(n.Children, into)
	}
}

func depth(nodes []*form.Node) int {
	d := 0
	for _, n := range nodes {
		d = max(d, 1+depth(n.Children))
	}
	return d
}

func joinCode(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ".")
}

// matches reports whether a normalised cell text is the label, its short form, or either
// without the leading ordinal ("予以公开" for "（一）予以公开").
func matches(cell string, label string) bool {
	if cell == "" {
		return false
	}
	f := formsOf(label)
	if cell == f[0] || cell == f[1] {
		return true
	}
	c := stripOrdinal(cell)
	return c != "" && (c == f[2] || c == f[3])
}

// labelForms caches the normalised forms of declared labels: full, short, and both
// without their ordinal.
var labelForms sync.Map

func formsOf(label string) [4]string {
	if v, ok := labelForms.Load(label); ok {
		return v.([4]string)
	}
	l, s := form.FoldLabel(label), form.FoldLabel(form.Short(label))
	f := [4]string{l, s, stripOrdinal(l), stripOrdinal(s)}
	labelForms.Store(label, f)
	return f
}

// stripOrdinal drops a leading ordinal of a normalised label.
func stripOrdinal(s string) string {
	first, _ := utf8.DecodeRuneInString(s)
	if !(first == '(' || first >= '0' && first <= '9' || strings.ContainsRune("一二三四五六七八九十", first)) {
		return s
	}
	return ordinal.ReplaceAllString(s, "")
}

// ordinal is a leading "(一)", "一、" or "1." of a normalised label.
var ordinal = regexp.MustCompile(`^(\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|[0-9]+\.)`)

// locate searches every table of fm in the sheets, keeping for each table the sheet where
// most of its cells were found.
func locate(fm *form.Format, sheets []*sheetData) *found {
	fd := &found{format: fm, places: map[string]place{}}
	total := 0
	for _, t := range fm.Tables {
		var bestPlaces map[string]place
		var bestWarn []Warning
		for _, sd := range sheets {
			ps, ws := locateTable(t, sd)
			if len(ps) > len(bestPlaces) {
				bestPlaces, bestWarn = ps, ws
			}
		}
		n := 0
		for _, d := range fm.Cells {
			if d.Table == t {
				n++
			}
		}
		total += n
		if len(bestPlaces) == 0 {
			fd.warn = append(fd.warn, Warning{Table: t.ShortName(),
				Message: fmt.Sprintf("%s（%s）：没有找到这张表，其数据按空白处理", t.ShortName(), t.Name)})
			continue
		}
		for k, v := range bestPlaces {
			fd.places[k] = v
		}
		fd.warn = append(fd.warn, bestWarn...)
	}
	fd.score = float64(len(fd.places)) / float64(total)
	return fd
}

// Search windows, in rows.
const (
	headingToHeader = 3  // from a block heading to its header row
	rowWindow       = 12 // from one row label to the next
)

// locateTable finds the cells of t on one sheet, block by block from the top.
func locateTable(t *form.Table, sd *sheetData) (map[string]place, []Warning) {
	places := map[string]place{}
	var warn []Warning
	name := t.ShortName()
	missing := func(what string) {
		warn = append(warn, Warning{Sheet: sd.name, Table: name,
			Message: fmt.Sprintf("%s（工作表「%s」）：没有找到「%s」，相应数据按空白处理", name, sd.name, what)})
	}
	cursor := 0
	for _, b := range t.Blocks {
		top, limit, need := cursor, len(sd.norm), 2
		if b.Heading != "" {
			hr, heading := -1, formsOf(b.Heading)[0]
			for r := cursor; r < len(sd.norm) && hr < 0; r++ {
				for _, cell := range sd.norm[r] {
					if cell == heading {
						hr = r
						break
					}
				}
			}
			if hr < 0 {
				missing(b.Heading)
				continue
			}
			top, limit, need = hr+1, min(hr+1+headingToHeader, len(sd.norm)), 1
		}
		labels := map[string]bool{}
		allLabels(b.Cols, labels)
		if b.Corner != "" {
			labels[form.FoldLabel(b.Corner)] = true
		}
		headerTop := -1
		for r := top; r < limit && headerTop < 0; r++ {
			seen := map[string]bool{}
			for _, cell := range sd.norm[r] {
				if labels[cell] {
					seen[cell] = true
				}
			}
			if len(seen) >= need {
				headerTop = r
			}
		}
		if headerTop < 0 {
			if b.Heading != "" {
				missing(b.Heading + " 的表头")
			}
			continue
		}
		hdrEnd := min(headerTop+depth(b.Cols)+1, len(sd.norm))
		type colAt struct {
			code      string
			col, last int
			bottom    int
			found     bool
			node      *form.Node
		}
		var cols []colAt
		prev, firstCol, bottom := -1, -1, -1
		for _, lf := range nodeLeaves(b.Cols, "") {
			best := colAt{code: lf.code, node: lf.node, col: -1}
			for r := headerTop; r < hdrEnd; r++ {
				for c, cell := range sd.norm[r] {
					if c > prev && (best.col < 0 || c < best.col) && matches(cell, lf.node.Label) {
						best.col, best.last, best.bottom, best.found = c, c, r, true
						if e, ok := sd.merge[[2]int{r, c}]; ok {
							best.bottom, best.last = e[0], e[1]
						}
					}
				}
			}
			if !best.found {
				missing(lf.node.Label)
				cols = append(cols, best)
				continue
			}
			bottom = max(bottom, best.bottom)
			if firstCol < 0 {
				firstCol = best.col
			}
			prev = best.col
			cols = append(cols, best)
		}
		if bottom < 0 {
			continue
		}
		put := func(row int, rowCode string) {
			for _, c := range cols {
				if c.found {
					places[joinCode(t.ID, rowCode, c.code)] = place{sheet: sd, row: row, cols: [2]int{c.col, c.last}}
				}
			}
		}
		if b.Rows == nil {
			put(bottom+1, "")
			cursor = bottom + 2
			continue
		}
		prevRow := bottom
		for _, lf := range nodeLeaves(b.Rows, "") {
			at := -1
			for r := prevRow + 1; r < len(sd.norm) && r <= prevRow+rowWindow && at < 0; r++ {
				for c := 0; c < len(sd.norm[r]) && c < firstCol; c++ {
					if matches(sd.norm[r][c], lf.node.Label) {
						at = r
						break
					}
				}
			}
			if at < 0 {
				missing(lf.node.Label)
				continue
			}
			put(at, lf.code)
			prevRow = at
		}
		cursor = prevRow + 1
	}
	return places, warn
}

// isUnit tells a measurement unit ("单位：件") from an agency name ("单位：某某局").
func isUnit(s string) bool {
	switch strings.Trim(s, "()") {
	case "件", "个", "项", "元", "万元", "件/个", "人":
		return true
	}
	return false
}
