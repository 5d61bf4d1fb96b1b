package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// helpRule is one line of the rules table in 帮助 › 填报说明.
type helpRule struct{ id, level, text string }

// helpRules is the table of the checks, as the README's section 7 and docs/format.md give
// it. It moves to package form when the rules carry their own descriptions there.
var helpRules = []helpRule{
	{"M1", "未填（发布前：错误）", "基本信息：机关名称未填写（标题和落款要用）"},
	{"M2", "提醒（空白为未填）", "报告年度未填写或不在支持范围内；2019、2020 年度的报告使用了 2021 年格式"},
	{"M3", "提醒（空白为未填）", "发布日期未填写或格式不对（可写 2026-01-20、2026年1月20日 等）"},
	{"F1", "错误", "2021 年度及以后的报告仍使用 2019 年试行格式的表格，请按新格式新建并重填表格"},
	{"D1", "提醒", "正文所写统计期限不是报告年度；发布日期早于报告年度结束，或晚于公布期限（部门、乡镇为次年 1 月 31 日，县级以上人民政府为 3 月 31 日）"},
	{"L1", "提醒", "引用过时或有误：《条例》写成国务院令第492号（现行为第711号）；2021 年度以后的报告称按国办公开办函〔2019〕60号编制；错字；称报告有“五个部分”"},
	{"H1", "错误", "第三部分每一列：第一项加第二项之和，等于第三项（七）总计加第四项之和"},
	{"H2", "错误", "第三部分每一行：总计等于各类申请人之和"},
	{"H3", "错误", "第三部分每一列：（七）总计等于（一）至（六）各项之和"},
	{"H4", "错误", "第四部分每一组：总计等于结果维持、结果纠正、其他结果、尚未审结之和"},
	{"H5", "错误", "每个数字格都是不小于 0 的整数（金额可有小数，单位万元）；“/”、字母、负数不是数字；发布前检查时空白格也是错误"},
	{"B1", "未填", "填写过程中：某部分的表格还有空白格（列出这些格子）；留空不等于 0，没有发生的请填 0"},
	{"B2", "未填（发布前：错误）", "第一、五或六部分还没有填写"},
	{"X1", "错误", "本年“上年结转”等于上年报告的结转数（需载入上年报告）"},
	{"X2", "提醒", "现行有效的件数等于上年的件数加本年制发、减本年废止（需载入上年报告）"},
	{"X3", "提醒", "2019 年格式：上一年的项目数等于上年报告的项目数加本年增/减（需载入上年报告）"},
	{"W1", "提醒", "总体情况超过一千字（2021 年格式，不计空格和换行）"},
	{"W2", "提醒", "第六部分没有报告信息处理费收取情况（2021 年格式）"},
	{"W3", "提醒", "总体情况或问题及改进情况与上年雷同（需载入上年报告）"},
	{"W4", "提醒", "正文中的数字与表格不一致（如“共收到申请40件”而表中为42）"},
	{"W5", "提醒", "有逾期未缴费而不再处理的申请，正文却称未发出收费通知"},
	{"W6", "提醒", "“其他处理”超过（七）总计的 15%"},
}

// cellKeys are the keys of the number cells, for the keyboard page.
var cellKeys = [][2]string{
	{"直接输入数字", "替换格内原有的数字（与 Excel 相同）"},
	{"F2 或单击", "在格内修改，←→ 移动光标"},
	{"Esc", "撤销对本格的修改"},
	{"回车、Tab", "到下一格（按官方表格的阅读顺序）；Shift+Tab 回到上一格"},
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
		"「未填」是还没有填写的，不算错，但也不算填完。界面上只显示说明，规则编号在命令行输出中出现。")
	intro.Wrapping = fyne.TextWrapBreak
	rows := [][2]string{}
	for _, r := range helpRules {
		rows = append(rows, [2]string{r.id, "【" + r.level + "】" + r.text})
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
