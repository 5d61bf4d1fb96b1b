package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/form"
)

// cellKeys are the keys of the number cells, for the keyboard page.
var cellKeys = [][2]string{
	{"直接输入数字", "替换格内原有的数字（与 Excel 相同）"},
	{"单击", "选中格内数字，直接输入即替换"},
	{"双击或 F2", "在格内修改，←→ 移动光标"},
	{"Esc", "撤销对本格的修改"},
	{"回车", "到下一行同一列（Shift+回车到上一行）；一列的最后一格到下一格"},
	{"Tab", "到右边一格（按官方表格的阅读顺序）；Shift+Tab 回到上一格"},
	{"↑↓←→", "到上下左右相邻的格子"},
	{"Delete", "清空本格"},
	{"Ctrl+V", "粘贴从 Excel / WPS 复制的整块数字，从当前格起按行列填入"},
	{"文字框中的 Tab", "离开文字框到下一项（不会在正文中插入制表符）"},
}

// aggregateSteps are the steps of a 汇总, for the help page.
var aggregateSteps = []string{
	"1. 把各单位报来的 Excel（.xlsx）或草稿（.nianbao）放进同一个文件夹。",
	"2. 选择「文件 › 汇总多个单位…」，核对「汇总单位」名称（默认为当前打开的报告的机关名称）。",
	"3. 点「选择文件夹…」选中该文件夹。程序读取全部文件，列出每个文件的单位、年度、格式以及是否计入；未计入的说明原因。",
	"4. 本单位自己的报告也要计入时，勾选「包含本单位报告」：文件夹中与汇总单位同名的报告，没有时用当前打开的报告。",
	"5. 核对无误后点「汇总并保存…」，选择汇总表的保存位置。汇总表保存后作为当前报告打开，可继续检查和导出。",
	"6. 汇总表的「汇总明细」工作表列出各单位的主要数字、错误和提醒，便于退回有问题的单位。",
}

// helpDialog is 帮助 › 填报说明: how the wizard works, the checks, the keys and the 汇总 steps.
func (u *UI) helpDialog() {
	tabs := container.NewAppTabs(
		container.NewTabItem("检查规则", u.helpRulesPage()),
		container.NewTabItem("键盘操作", u.helpKeysPage()),
		container.NewTabItem("汇总步骤", helpText(aggregateSteps...)),
	)
	d := dialog.NewCustom("填报说明", "关闭", tabs, u.win)
	d.Show()
	d.Resize(fitWindow(fyne.NewSize(820, 560), u.win))
}

func (u *UI) helpRulesPage() fyne.CanvasObject {
	intro := widget.NewLabel("「错误」是报告一定有错、发布前必须改正的；「提醒」是很可能有问题、请您核对的；" +
		"「未填」是还没有填写的，不算错，但也不算填完（导出前按发布要求检查时算错误）。" +
		"每条问题前的编号（如「错误 H2」）与命令行 nianbao-cli check 的输出相同。")
	intro.Wrapping = fyne.TextWrapBreak
	rows := [][2]string{}
	for _, r := range form.Rules {
		rows = append(rows, [2]string{r.ID, "【" + r.Level + "】" + r.Text})
	}
	return container.NewBorder(intro, nil, nil, nil, container.NewVScroll(helpTable(rows)))
}

func (u *UI) helpKeysPage() fyne.CanvasObject {
	rows := append([][2]string{}, cellKeys...)
	for _, s := range u.menu.shortcuts() {
		rows = append(rows, [2]string{s.keyText(), s.menu + " › " + s.label})
	}
	return container.NewVScroll(helpTable(rows))
}

// helpTable lays out two columns: a short key on the left, its explanation wrapped.
func helpTable(rows [][2]string) fyne.CanvasObject {
	var items []*widget.FormItem
	for _, r := range rows {
		text := widget.NewLabel(r[1])
		text.Wrapping = fyne.TextWrapBreak
		items = append(items, widget.NewFormItem(r[0], text))
	}
	return widget.NewForm(items...)
}

func helpText(lines ...string) fyne.CanvasObject {
	box := container.NewVBox()
	for _, l := range lines {
		t := widget.NewLabel(l)
		t.Wrapping = fyne.TextWrapBreak
		box.Add(t)
	}
	return container.NewVScroll(box)
}
