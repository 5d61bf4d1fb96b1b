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
	agency, year                            *pageEntry
	date                                    *widget.Entry // dateBox's entry
	dateBox                                 *dateEntry
	office, address, postcode, phone, email *pageEntry
	open                                    *growEntry
	format, msg                             *widget.Label
}

func newMetaView(u *UI) *metaView { return &metaView{u: u} }

func (v *metaView) build() fyne.CanvasObject {
	scroll := container.NewVScroll(nil)
	changed := func(set func(string)) func(string) {
		return func(s string) {
			if v.u.loading > 0 {
				return
			}
			set(s)
			v.u.markDirty()
			v.u.updateTitle()
			v.u.recheck() // refreshes the hint line too
		}
	}
	single := func(place string, set func(string)) *pageEntry {
		e := newPageEntry()
		e.SetPlaceHolder(place)
		e.OnChanged = changed(set)
		return e
	}
	m := func() *form.Meta { return &v.u.rep.Meta }
	v.agency = single("如：XX市XX局", func(s string) { m().Agency = strings.TrimSpace(s) })
	v.year = single("如：2025", func(s string) {
		y, _ := form.ParseYear(s) // out of range: kept, and M2 says so
		m().Year = y
	})
	v.dateBox = newDateEntry(v.u)
	v.date = &v.dateBox.Entry
	v.date.SetPlaceHolder(dateHint)
	v.date.OnChanged = changed(func(s string) { m().Date = storedDate(s) })
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
	// Every field passes the mouse wheel to the page and scrolls into view when Tab reaches it.
	f := widget.NewForm(
		widget.NewFormItem("机关名称", inPage(scroll, v.agency)),
		widget.NewFormItem("报告年度", inPage(scroll, v.year)),
		widget.NewFormItem("报告格式", v.format),
		widget.NewFormItem("发布日期", inPage(scroll, v.dateBox)),
		widget.NewFormItem("联系机构", inPage(scroll, v.office)),
		widget.NewFormItem("地址", inPage(scroll, v.address)),
		widget.NewFormItem("邮编", inPage(scroll, v.postcode)),
		widget.NewFormItem("电话", inPage(scroll, v.phone)),
		widget.NewFormItem("电子邮箱", inPage(scroll, v.email)),
		widget.NewFormItem("开头段落", inPage(scroll, v.open)),
	)
	scroll.Content = f
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
	}{{&v.agency.Entry, r.Meta.Agency}, {&v.year.Entry, year}, {v.date, r.Meta.Date}, {&v.office.Entry, r.Meta.Contact.Office},
		{&v.address.Entry, r.Meta.Contact.Address}, {&v.postcode.Entry, r.Meta.Contact.Postcode}, {&v.phone.Entry, r.Meta.Contact.Phone},
		{&v.email.Entry, r.Meta.Contact.Email}, {&v.open.Entry, r.Text.Opening}} {
		if p.e.Text != p.s {
			p.e.SetText(p.s)
		}
	}
	v.format.SetText(r.Format.Name + "（如需改用其他格式，请通过「文件 › 新建」）")
	v.check()
}

// check shows the problems of 基本信息 (section 0 of form.CheckAll: M1-M3, D1 and what the
// opening paragraph gets) on the single line above the form, each with its rule id.
func (v *metaView) check() {
	if v.msg == nil {
		return
	}
	var msgs []string
	c := form.CountBySection(v.u.problems)[0]
	for _, p := range v.u.problems {
		if p.Section == 0 {
			msgs = append(msgs, fmt.Sprintf("%s %s：%s", p.Severity, p.Rule, strings.TrimSuffix(p.Message, "。")))
		}
	}
	switch {
	case len(msgs) == 0:
		v.msg.Importance = widget.SuccessImportance
		v.msg.SetText("基本信息已填写完整。")
		return
	case c.Errors > 0:
		v.msg.Importance = widget.DangerImportance
	case c.Warnings > 0:
		v.msg.Importance = widget.WarningImportance
	default:
		v.msg.Importance = widget.MediumImportance
	}
	v.msg.SetText(strings.Join(msgs, "；") + "。")
}

func (v *metaView) focusCode(string) bool {
	v.u.win.Canvas().Focus(v.agency)
	return true
}

// dateHint is the placeholder of 发布日期: the forms it accepts.
const dateHint = "如 2026-01-20、2026年1月20日、2026/1/20"

// storedDate is the date as stored: YYYY-MM-DD when the text is a date in any form
// form.ParseDate accepts, else the text as typed (M3 names it).
func storedDate(s string) string {
	if iso, ok := form.ParseDate(s); ok {
		return iso
	}
	return strings.TrimSpace(form.Normalize(s))
}

// dateEntry is the 发布日期 field: when the user leaves it, a date typed as 2026年1月20日 or
// 2026/1/20 is shown as it is stored, 2026-01-20.
// It is a pageEntry, so that gaining focus scrolls it into view as the other fields do.
type dateEntry struct {
	pageEntry
	u *UI
}

func newDateEntry(u *UI) *dateEntry {
	e := &dateEntry{u: u}
	e.ExtendBaseWidget(e)
	return e
}

// FocusLost shows the stored form of a recognised date.
func (e *dateEntry) FocusLost() {
	e.Entry.FocusLost()
	if iso, ok := form.ParseDate(e.Text); ok && iso != e.Text {
		e.u.loading++
		e.SetText(iso)
		e.u.loading--
	}
}
