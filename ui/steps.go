package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/form"
)

// stepView is the page of one step. Pages are built once per report and kept, so that
// entries keep focus and scroll position when the user moves between steps.
type stepView interface {
	build() fyne.CanvasObject
	reload()
	focusCode(code string) bool
}

// step is one entry of the wizard's registry of screens.
type step struct {
	// Title is the short name in the step list.
	Title string
	// Section is the report section (1…6) the step edits; 0 for 基本信息, 7 for 检查与导出.
	Section int
	// View makes the step's page.
	View func(u *UI) stepView
}

// sectionCheck is the Section of 检查与导出, which lists every problem.
const sectionCheck = 7

// steps is the wizard in order.
var steps = []step{
	{Title: "基本信息", Section: 0, View: func(u *UI) stepView { return newMetaView(u) }},
	{Title: "一 总体情况", Section: 1, View: func(u *UI) stepView { return newOverviewView(u) }},
	{Title: "二 主动公开", Section: 2, View: func(u *UI) stepView { return newTableView(u, u.rep.Format.Table("active")) }},
	{Title: "三 依申请公开", Section: 3, View: func(u *UI) stepView { return newTableView(u, u.rep.Format.Table("apply")) }},
	{Title: "四 复议诉讼", Section: 4, View: func(u *UI) stepView { return newTableView(u, u.rep.Format.Table("review")) }},
	{Title: "五 问题及改进", Section: 5, View: func(u *UI) stepView { return newTextView(u, 5) }},
	{Title: "六 其他事项", Section: 6, View: func(u *UI) stepView { return newTextView(u, 6) }},
	{Title: "检查与导出", Section: sectionCheck, View: func(u *UI) stepView { return newCheckView(u) }},
}

// stepNav is the step list on the left: each step with a mark and its problem counts.
type stepNav struct {
	u    *UI
	list *widget.List
}

func newStepNav(u *UI) *stepNav { return &stepNav{u: u} }

func (n *stepNav) build() fyne.CanvasObject {
	n.list = widget.NewList(
		func() int { return len(steps) },
		func() fyne.CanvasObject {
			icon := widget.NewIcon(theme.ConfirmIcon())
			title := widget.NewLabel("三 依申请公开")
			// The list is as wide as this template: wide enough for the compact counts of a
			// step with many problems, so that no count is ever cut.
			count := newCountLine(form.Counts{Errors: 99, Warnings: 99, Blanks: 999})
			texts := container.New(layout.NewCustomPaddedVBoxLayout(-theme.Padding()*2), title, count)
			// The names and counts take the row's width beside the mark.
			return container.NewBorder(nil, nil, icon, nil, texts)
		},
		n.update)
	n.list.OnSelected = n.onSelected
	return n.list
}

func (n *stepNav) update(i widget.ListItemID, o fyne.CanvasObject) {
	icon, texts := stepRowParts(o)
	counts := n.u.stepCounts(i)
	texts.Objects[0].(*widget.Label).SetText(steps[i].Title)
	icon.SetResource(countsIcon(counts))
	texts.Objects[1].(*countLine).set(counts)
}

// stepRowParts finds the mark and the two lines of text in a row of the step list.
func stepRowParts(o fyne.CanvasObject) (icon *widget.Icon, texts *fyne.Container) {
	for _, c := range o.(*fyne.Container).Objects {
		switch c := c.(type) {
		case *widget.Icon:
			icon = c
		case *fyne.Container:
			texts = c
		}
	}
	return icon, texts
}

// countForms are the ways of writing a step's counts, longest first: "错误 1 提醒 2 未填 1",
// "错误1 提醒2 未填1" and "错1 提2 未填1". The step list shows the first that fits.
func countForms(c form.Counts) []string {
	if c.Clean() {
		return []string{countsText(c)}
	}
	type part struct {
		word, short string
		n           int
	}
	parts := []part{{"错误", "错", c.Errors}, {"提醒", "提", c.Warnings}, {"未填", "未填", c.Blanks}}
	var full, tight, short []string
	for _, p := range parts {
		if p.n > 0 {
			full = append(full, fmt.Sprintf("%s %d", p.word, p.n))
			tight = append(tight, fmt.Sprintf("%s%d", p.word, p.n))
			short = append(short, fmt.Sprintf("%s%d", p.short, p.n))
		}
	}
	return []string{strings.Join(full, " "), strings.Join(tight, " "), strings.Join(short, " ")}
}

// countLine is the second line of a step in the step list: the step's counts in the longest
// of countForms that fits the width it is given, never cut with "…".
type countLine struct {
	widget.BaseWidget
	counts form.Counts
	text   *canvas.Text
}

func newCountLine(c form.Counts) *countLine {
	l := &countLine{counts: c, text: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	l.text.TextSize = theme.CaptionTextSize()
	l.ExtendBaseWidget(l)
	return l
}

// set shows other counts.
func (l *countLine) set(c form.Counts) {
	if c == l.counts && l.text.Text != "" {
		return
	}
	l.counts = c
	l.Refresh()
}

// shown is the text drawn now.
func (l *countLine) shown() string { return l.text.Text }

// fit is the longest form that fits width w (the shortest when none does).
func (l *countLine) fit(w float32) string {
	forms := countForms(l.counts)
	for _, f := range forms {
		if fyne.MeasureText(f, l.text.TextSize, fyne.TextStyle{}).Width <= w-2*theme.InnerPadding() {
			return f
		}
	}
	return forms[len(forms)-1]
}

// MinSize is the width of the shortest form, as high as a caption label.
func (l *countLine) MinSize() fyne.Size {
	forms := countForms(l.counts)
	w := fyne.MeasureText(forms[len(forms)-1], l.text.TextSize, fyne.TextStyle{}).Width
	h := fyne.MeasureText("国", l.text.TextSize, fyne.TextStyle{}).Height
	return fyne.NewSize(w+2*theme.InnerPadding(), h+2*theme.InnerPadding())
}

// CreateRenderer draws the text where a Label would.
func (l *countLine) CreateRenderer() fyne.WidgetRenderer { return &countLineRenderer{l: l} }

type countLineRenderer struct{ l *countLine }

func (r *countLineRenderer) Layout(size fyne.Size) {
	t := r.l.text
	t.Text = r.l.fit(size.Width)
	m := t.MinSize()
	t.Move(fyne.NewPos(theme.InnerPadding(), (size.Height-m.Height)/2))
	t.Resize(m)
}

func (r *countLineRenderer) MinSize() fyne.Size { return r.l.MinSize() }

func (r *countLineRenderer) Refresh() {
	r.l.text.Color = theme.Color(theme.ColorNameForeground)
	r.Layout(r.l.Size())
	r.l.text.Refresh()
}

func (r *countLineRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.l.text} }

func (r *countLineRenderer) Destroy() {}

// onSelected shows the chosen step.
func (n *stepNav) onSelected(i widget.ListItemID) { n.u.showStep(i) }

// selectStep marks step i without showing it again.
func (n *stepNav) selectStep(i int) {
	if n.list != nil {
		n.list.Select(i)
	}
}

func (n *stepNav) refresh() {
	if n.list != nil {
		n.list.Refresh()
	}
}

// stepTitle is the page heading: the official section title where there is one.
func (u *UI) stepTitle(i int) string {
	if s := steps[i].Section; s >= 1 && s <= 6 {
		return u.rep.Format.Sections[s-1].Title
	}
	return steps[i].Title
}

// stepIntro is the guidance shown above the page, from the official format.
func (u *UI) stepIntro(i int) string {
	switch s := steps[i].Section; {
	case s >= 1 && s <= 6:
		return u.rep.Format.Sections[s-1].Guide
	case s == 0:
		return fmt.Sprintf("填写机关名称、报告年度和发布日期。本报告采用%s规定的格式。", u.rep.Format.Name)
	default:
		return "逐项核对全部问题：「错误」必须改正，「提醒」请确认，「未填」要补填（没有发生的填 0）。导出 Excel 报送上级，PDF、网页在网站发布，Word 送领导审签。"
	}
}

// stepCounts counts the problems of step i (form.CountBySection; 检查与导出 counts them all).
func (u *UI) stepCounts(i int) form.Counts {
	if sec := steps[i].Section; sec >= 0 && sec <= 6 {
		return form.CountBySection(u.problems)[sec]
	}
	return form.Totals(u.problems)
}
