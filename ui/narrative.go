package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/form"
)

// textView is a narrative page (五 or 六): one multi-line entry with a live character count.
type textView struct {
	u     *UI
	n     int
	entry *growEntry
	close *growEntry
	count *widget.Label
}

func newTextView(u *UI, n int) *textView { return &textView{u: u, n: n} }

func (v *textView) text() *string {
	if v.n == 5 {
		return &v.u.rep.Text.Problems
	}
	return &v.u.rep.Text.Other
}

func (v *textView) build() fyne.CanvasObject {
	scroll := container.NewVScroll(nil)
	v.entry = narrativeEntry(10)
	v.count = widget.NewLabel("")
	v.entry.setOnChanged(v.u.textEdited(func(s string) { *v.text() = s; v.showCount() }))
	box := container.NewVBox(inPage(scroll, v.entry))
	if v.n == 6 {
		const fee = form.FeeNone
		insert := widget.NewButton("插入“"+fee+"”", func() {
			t := strings.TrimRight(v.entry.Text, "\n")
			if strings.Contains(t, fee) {
				return
			}
			if t != "" {
				t += "\n"
			}
			v.entry.SetText(t + fee)
		})
		v.close = narrativeEntry(3)
		v.close.SetPlaceHolder("结尾（可不填），如：特此报告。")
		v.close.setOnChanged(v.u.textEdited(func(s string) { v.u.rep.Text.Closing = s }))
		box.Add(container.NewHBox(insert))
		box.Add(widget.NewLabel("结尾"))
		box.Add(inPage(scroll, v.close))
	}
	scroll.Content = box
	growInScroll(scroll, v.entry)
	if v.close != nil {
		growInScroll(scroll, v.close)
	}
	// The count stays in view below the page, however long the text.
	return container.NewBorder(nil, v.count, nil, nil, scroll)
}

func narrativeEntry(rows int) *growEntry { return newGrowEntry(rows) }

func (v *textView) showCount() {
	v.count.SetText(fmt.Sprintf("共 %d 字（不计空格和换行）", form.CountChars(*v.text())))
}

func (v *textView) reload() {
	v.u.loading++
	defer func() { v.u.loading-- }()
	if s := *v.text(); v.entry.Text != s {
		v.entry.SetText(s)
	}
	if v.close != nil && v.close.Text != v.u.rep.Text.Closing {
		v.close.SetText(v.u.rep.Text.Closing)
	}
	v.showCount()
}

func (v *textView) focusCode(string) bool {
	v.u.win.Canvas().Focus(v.entry)
	return true
}

// overviewView is the 一、总体情况 page: an overall paragraph and the five conventional parts,
// with a running count against the format's length limit (1000 characters in the 2021 format).
type overviewView struct {
	u        *UI
	overview *growEntry
	parts    [5]*growEntry
	count    *widget.Label
}

func newOverviewView(u *UI) *overviewView { return &overviewView{u: u} }

func (v *overviewView) build() fyne.CanvasObject {
	changed := func(set func(string)) func(string) {
		return v.u.textEdited(func(s string) { set(s); v.showCount() })
	}
	scroll := container.NewVScroll(nil)
	v.count = widget.NewLabel("")
	v.overview = narrativeEntry(4)
	v.overview.SetPlaceHolder("总体情况综述（可不填，直接分五部分撰写）")
	v.overview.setOnChanged(changed(func(s string) { v.u.rep.Text.Overview = s }))
	box := container.NewVBox(inPage(scroll, v.overview))
	sec := v.u.rep.Format.Sections[0]
	for i := range v.parts {
		i := i
		e := narrativeEntry(4)
		e.setOnChanged(changed(func(s string) { v.u.rep.Text.Parts[i] = s }))
		v.parts[i] = e
		title := ""
		if i < len(sec.Parts) {
			title = sec.Parts[i]
		}
		box.Add(widget.NewLabel(title))
		box.Add(inPage(scroll, e))
	}
	scroll.Content = box
	growInScroll(scroll, append([]*growEntry{v.overview}, v.parts[:]...)...)
	// The count stays in view below the page, however long the text.
	return container.NewBorder(nil, v.count, nil, nil, scroll)
}

// showCount shows the length of 一 as W1 counts it (Text.OverviewChars) against the format's
// limit (Format.OverviewLimit; the 2019 format has none).
func (v *overviewView) showCount() {
	n, limit := v.u.rep.Text.OverviewChars(), v.u.rep.Format.OverviewLimit
	s := fmt.Sprintf("第一部分共 %d 字（不计空格和换行）", n)
	v.count.Importance = widget.MediumImportance
	if limit > 0 {
		s += fmt.Sprintf("，原则上不超过 %d 字", limit)
		if n > limit {
			v.count.Importance = widget.WarningImportance
			s += fmt.Sprintf("，已超出 %d 字", n-limit)
		}
	}
	v.count.SetText(s)
}

func (v *overviewView) reload() {
	v.u.loading++
	defer func() { v.u.loading-- }()
	t := &v.u.rep.Text
	if v.overview.Text != t.Overview {
		v.overview.SetText(t.Overview)
	}
	for i, e := range v.parts {
		if e.Text != t.Parts[i] {
			e.SetText(t.Parts[i])
		}
	}
	v.showCount()
}

func (v *overviewView) focusCode(string) bool {
	v.u.win.Canvas().Focus(v.overview)
	return true
}

// textEdited makes the change handler of a narrative entry: set stores the text in the
// model (and updates the page), then the report is marked changed and checked again (the
// narrative feeds W1-W6). Changes made while a report is being loaded are not edits.
func (u *UI) textEdited(set func(string)) func(string) {
	return func(s string) {
		if u.loading > 0 {
			return
		}
		set(s)
		u.markDirty()
		u.recheck()
	}
}
