package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
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
			count := widget.NewLabel("错误 99 提醒 99")
			count.SizeName = theme.SizeNameCaptionText
			texts := container.New(layout.NewCustomPaddedVBoxLayout(-theme.Padding()*2), title, count)
			return container.NewHBox(icon, texts)
		},
		n.update)
	n.list.OnSelected = n.onSelected
	return n.list
}

func (n *stepNav) update(i widget.ListItemID, o fyne.CanvasObject) {
	box := o.(*fyne.Container)
	icon := box.Objects[0].(*widget.Icon)
	texts := box.Objects[1].(*fyne.Container)
	counts := n.u.stepCounts(i)
	texts.Objects[0].(*widget.Label).SetText(steps[i].Title)
	icon.SetResource(countsIcon(counts))
	texts.Objects[1].(*widget.Label).SetText(countsText(counts))
}

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
