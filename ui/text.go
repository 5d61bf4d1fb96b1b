package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/form"
)

// metaView is the 基本信息 page: agency, year, date, contact and the opening paragraph.
type metaView struct {
	u                                       *UI
	agency, year, date                      *widget.Entry
	office, address, postcode, phone, email *widget.Entry
	open                                    *growEntry
	format, msg                             *widget.Label
}

func newMetaView(u *UI) *metaView { return &metaView{u: u} }

func (v *metaView) build() fyne.CanvasObject {
	single := func(place string, set func(string)) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(place)
		e.OnChanged = func(s string) {
			if v.u.loading > 0 {
				return
			}
			set(s)
			v.u.markDirty()
			v.u.updateTitle()
			v.u.recheck()
			v.check()
		}
		return e
	}
	m := func() *form.Meta { return &v.u.rep.Meta }
	v.agency = single("如：XX市XX局", func(s string) { m().Agency = strings.TrimSpace(s) })
	v.year = single("如：2025", func(s string) {
		y, err := strconv.Atoi(strings.TrimSpace(form.Normalize(s)))
		if err != nil {
			y = 0
		}
		m().Year = y
	})
	v.date = single("YYYY-MM-DD，如 2026-01-20", func(s string) { m().Date = strings.TrimSpace(form.Normalize(s)) })
	v.office = single("如：XX局办公室", func(s string) { m().Contact.Office = s })
	v.address = single("", func(s string) { m().Contact.Address = s })
	v.postcode = single("", func(s string) { m().Contact.Postcode = s })
	v.phone = single("", func(s string) { m().Contact.Phone = s })
	v.email = single("", func(s string) { m().Contact.Email = s })
	v.open = newGrowEntry(5)
	v.open.SetPlaceHolder("报告开头一段：编制依据、统计期限、电子版查阅网址、联系方式等")
	v.open.setOnChanged(v.u.textEdited(func(s string) { v.u.rep.Text.Opening = s }))
	v.format = widget.NewLabel("")
	// One line that is always there: hints appearing and going must not move the fields
	// under the pointer. They are 提醒, in the warning colour the problems panel uses.
	v.msg = widget.NewLabel("")
	v.msg.Truncation = fyne.TextTruncateEllipsis
	f := widget.NewForm(
		widget.NewFormItem("机关名称", v.agency),
		widget.NewFormItem("报告年度", v.year),
		widget.NewFormItem("报告格式", v.format),
		widget.NewFormItem("发布日期", v.date),
		widget.NewFormItem("联系机构", v.office),
		widget.NewFormItem("地址", v.address),
		widget.NewFormItem("邮编", v.postcode),
		widget.NewFormItem("电话", v.phone),
		widget.NewFormItem("电子邮箱", v.email),
		widget.NewFormItem("开头段落", v.open),
	)
	scroll := container.NewVScroll(f)
	growInScroll(scroll, v.open)
	return container.NewBorder(v.msg, nil, nil, nil, scroll)
}

func (v *metaView) reload() {
	v.u.loading++
	defer func() { v.u.loading-- }()
	r := v.u.rep
	year := ""
	if r.Meta.Year > 0 {
		year = strconv.Itoa(r.Meta.Year)
	}
	for _, p := range []struct {
		e *widget.Entry
		s string
	}{{v.agency, r.Meta.Agency}, {v.year, year}, {v.date, r.Meta.Date}, {v.office, r.Meta.Contact.Office},
		{v.address, r.Meta.Contact.Address}, {v.postcode, r.Meta.Contact.Postcode}, {v.phone, r.Meta.Contact.Phone},
		{v.email, r.Meta.Contact.Email}, {&v.open.Entry, r.Text.Opening}} {
		if p.e.Text != p.s {
			p.e.SetText(p.s)
		}
	}
	v.format.SetText(r.Format.Name + "（如需改用其他格式，请通过「文件 › 新建」）")
	v.check()
}

// check shows the meta issues on the single line above the form.
func (v *metaView) check() {
	msgs := metaIssues(v.u.rep)
	if len(msgs) == 0 {
		v.msg.Importance = widget.SuccessImportance
		v.msg.SetText("基本信息已填写完整。")
		return
	}
	v.msg.Importance = widget.WarningImportance
	for i, m := range msgs {
		msgs[i] = strings.TrimSuffix(m, "。")
	}
	v.msg.SetText("提醒：" + strings.Join(msgs, "；") + "。")
}

// metaIssues lists what is missing or wrong in the report's 基本信息 (form.CheckMeta).
func metaIssues(r *form.Report) []string {
	var msgs []string
	for _, p := range form.CheckMeta(r) {
		msgs = append(msgs, p.Message)
	}
	return msgs
}

func (v *metaView) focusCode(string) bool {
	v.u.win.Canvas().Focus(v.agency)
	return true
}

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
	v.entry = narrativeEntry(10)
	v.count = widget.NewLabel("")
	v.entry.setOnChanged(v.u.textEdited(func(s string) { *v.text() = s; v.showCount() }))
	box := container.NewVBox(v.entry, v.count)
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
		box.Add(v.close)
	}
	scroll := container.NewVScroll(box)
	growInScroll(scroll, v.entry)
	if v.close != nil {
		growInScroll(scroll, v.close)
	}
	return scroll
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
// with a running count against the 1000-character limit of the 2021 format.
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
	v.count = widget.NewLabel("")
	v.overview = narrativeEntry(4)
	v.overview.SetPlaceHolder("总体情况综述（可不填，直接分五部分撰写）")
	v.overview.setOnChanged(changed(func(s string) { v.u.rep.Text.Overview = s }))
	box := container.NewVBox(v.count, v.overview)
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
		box.Add(e)
	}
	scroll := container.NewVScroll(box)
	growInScroll(scroll, append([]*growEntry{v.overview}, v.parts[:]...)...)
	return scroll
}

func (v *overviewView) showCount() {
	n := form.CountChars(v.u.rep.Text.Section(1))
	s := fmt.Sprintf("第一部分共 %d 字", n)
	if v.u.rep.Format.ID == "2021" {
		s += fmt.Sprintf("（原则上不超过 %d 字）", form.OverviewLimit)
		if n > form.OverviewLimit {
			v.count.Importance = widget.WarningImportance
			s += fmt.Sprintf("，已超出 %d 字", n-form.OverviewLimit)
		} else {
			v.count.Importance = widget.MediumImportance
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
