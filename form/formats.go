package form

// This file is the one place where the official labels are typed. The texts are those of
// 国办公开办函〔2021〕30号 and 国办公开办函〔2019〕60号 (full-width punctuation included).

// Label texts shared by both formats and used by more than one table.
const (
	contentCorner    = "信息内容"
	applicantHeading = "申请人情况"
	applyNote        = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
	decisionsLabel   = "本年处理决定数量"
	prevLabel        = "上一年项目数量"
	changeLabel      = "本年增/减"
	decisions2019    = "处理决定数量"
	totalLabel       = "总计"
)

// OverviewLimit is the length limit of 一、总体情况 in the 2021 format ("篇幅原则上不超过一千字"),
// in characters as CountChars counts them. Read Format.OverviewLimit: the 2019 format has none.
const OverviewLimit = 1000

// FeeNone is the usual statement of 六 when no 信息处理费 was charged, offered to the user and
// quoted by the W2 reminder.
const FeeNone = "本年度未收取信息处理费。"

// Formats lists the supported formats, newest first.
var Formats = []*Format{format2021(), format2019()}

// Latest is the current official format.
var Latest = Formats[0]

// FormatByID returns the format "2021" or "2019".
func FormatByID(id string) (*Format, bool) {
	for _, f := range Formats {
		if f.ID == id {
			return f, true
		}
	}
	return nil, false
}

// FormatForYear returns the format that applies to a report year: 2019 and 2020 used the
// trial format, 2021 onward the current one.
func FormatForYear(year int) *Format {
	for _, f := range Formats {
		if year >= f.FirstYear && (f.LastYear == 0 || year <= f.LastYear) {
			return f
		}
	}
	return Latest
}

// Part titles of 一、总体情况.
var overviewParts = []string{
	"（一）主动公开",
	"（二）依申请公开",
	"（三）政府信息管理",
	"（四）政府信息公开平台建设",
	"（五）监督保障",
}

func sections(active, apply, review *Table, year2021 bool) []*Section {
	other := "报告本机关认为需要报告的其他事项，以及其他有关文件专门要求通过年度报告予以报告的事项。"
	if year2021 {
		other += "各行政机关依据《政府信息公开信息处理费管理办法》收取信息处理费的情况，在此处专门报告（如“" + FeeNone + "”）。"
	}
	overview := "对本机关贯彻落实《中华人民共和国政府信息公开条例》情况进行综述，主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面（各级人民政府还应报告工作考核、社会评议和责任追究结果情况），重在聚焦主题、简明客观。"
	if year2021 {
		overview += "篇幅原则上不超过一千字。"
	}
	return []*Section{
		{Number: 1, Title: "一、总体情况", Parts: overviewParts, Guide: overview},
		{Number: 2, Title: "二、主动公开政府信息情况", Table: active,
			Guide: "报告《条例》第二十条规定的法定主动公开内容中适宜以数据方式呈现的内容。行政许可、行政处罚、行政强制数量包括已公开和依法未公开的全部处理决定；各项数据核定时间点为报告年度的12月31日。"},
		{Number: 3, Title: "三、收到和处理政府信息公开申请情况", Table: apply,
			Guide: "报告申请人的类别和申请的最终处理结果，重在数据准确、要素齐备。第一项加第二项之和，应等于第三项加第四项之和；上年结转应等于上年度报告的结转下年度继续办理。"},
		{Number: 4, Title: "四、政府信息公开行政复议、行政诉讼情况", Table: review,
			Guide: "报告政府信息公开行政复议、行政诉讼处理结果。行政复议机关作为共同被告的行政诉讼案件，只计算原行为主体的案件数量，不计算行政复议机关的案件数量。"},
		{Number: 5, Title: "五、存在的主要问题及改进情况",
			Guide: "报告本机关政府信息公开工作中存在的主要问题及改进情况，重在实事求是、明确具体，避免笼统模糊、泛泛而谈；不得出现敷衍了事甚至年年雷同现象。"},
		{Number: 6, Title: "六、其他需要报告的事项", Guide: other},
	}
}

// applyCols is the applicant column tree of 三, the same in both formats.
func applyCols() []*Node {
	return []*Node{{Label: applicantHeading, Children: []*Node{
		{Code: "natural", Label: "自然人"},
		{Label: "法人或其他组织", Children: []*Node{
			{Code: "commercial", Label: "商业企业"},
			{Code: "research", Label: "科研机构"},
			{Code: "nonprofit", Label: "社会公益组织"},
			{Code: "legal", Label: "法律服务机构"},
			{Code: "other", Label: "其他"},
		}},
		{Code: "total", Label: totalLabel, Total: true},
	}}}
}

// items makes numbered leaf rows "1.xxx", "2.yyy" with codes "1", "2".
func items(labels ...string) []*Node {
	out := make([]*Node, len(labels))
	for i, l := range labels {
		n := string(rune('1' + i))
		out[i] = &Node{Code: n, Label: n + "." + l}
	}
	return out
}

// applyRows is the row tree of 三; other6 is the （六）其他处理 node of the format.
func applyRows(other6 *Node) []*Node {
	return []*Node{
		{Code: "1", Label: "一、本年新收政府信息公开申请数量"},
		{Code: "2", Label: "二、上年结转政府信息公开申请数量"},
		{Code: "3", Label: "三、本年度办理结果", Children: []*Node{
			{Code: "1", Label: "（一）予以公开"},
			{Code: "2", Label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"},
			{Code: "3", Label: "（三）不予公开", Children: items(
				"属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
				"属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项")},
			{Code: "4", Label: "（四）无法提供", Children: items(
				"本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确")},
			{Code: "5", Label: "（五）不予处理", Children: items(
				"信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
				"要求行政机关确认或重新出具已获取信息")},
			other6,
			{Code: "7", Label: "（七）总计", Total: true},
		}},
		{Code: "4", Label: "四、结转下年度继续办理"},
	}
}

// balances declares H1, the rule printed in the corner of 三: per applicant column,
// 一 + 二 = 三（七）总计 + 四.
func balances() []Balance {
	return []Balance{{Rule: "H1", Table: "apply", Left: []string{"1", "2"}, Right: []string{"3.7", "4"}}}
}

// carryApply declares X1, the same in both formats: this year's 二、上年结转 equals last year's
// 四、结转下年度继续办理, column by column; CarryOver prefills it.
func carryApply() []CrossYear {
	return []CrossYear{{Rule: "X1", Severity: Error, Cell: "apply.2.*", Last: []string{"apply.4.*"}, Carry: true}}
}

// figures adds to the format's own key figures those both formats share: the cells (summed)
// that a figure stated in the narrative is compared with by W4. A pattern's "*" stands for any
// one code part, so "apply.3.3.*.total" is the total column of every 不予公开 item.
func figures(own map[string][]string) map[string][]string {
	m := map[string][]string{
		"received":     {"apply.1.total"},
		"carriedIn":    {"apply.2.total"},
		"receivedAll":  {"apply.1.total", "apply.2.total"},
		"handled":      {"apply.3.7.total"},
		"carriedOut":   {"apply.4.total"},
		"disclosed":    {"apply.3.1.total"},
		"disclosedAll": {"apply.3.1.total", "apply.3.2.total"},
		"partial":      {"apply.3.2.total"},
		"refused":      {"apply.3.3.*.total"},
		"unavailable":  {"apply.3.4.*.total"},
		"unprocessed":  {"apply.3.5.*.total"},
		"feeNotices":   {"apply.3.6.2.total"},
		"review":       {"review.admin.total"},
		"direct":       {"review.direct.total"},
		"after":        {"review.after.total"},
		"litigation":   {"review.direct.total", "review.after.total"},
		"license":      {"active.license.decisions"},
		"penalty":      {"active.penalty.decisions"},
		"coercion":     {"active.coercion.decisions"},
	}
	for k, v := range own {
		m[k] = v
	}
	return m
}

func reviewTable() *Table {
	results := func() []*Node {
		return []*Node{
			{Code: "upheld", Label: "结果维持"},
			{Code: "corrected", Label: "结果纠正"},
			{Code: "other", Label: "其他结果"},
			{Code: "pending", Label: "尚未审结"},
			{Code: "total", Label: totalLabel, Total: true},
		}
	}
	return &Table{ID: "review", Section: 4, Name: "行政复议、行政诉讼情况表", Width: 15, Blocks: []*Block{{
		Cols: []*Node{
			{Code: "admin", Label: "行政复议", Children: results()},
			{Label: "行政诉讼", Children: []*Node{
				{Code: "direct", Label: "未经复议直接起诉", Children: results()},
				{Code: "after", Label: "复议后起诉", Children: results()},
			}},
		},
	}}}
}

func format2021() *Format {
	decisions := func() []*Node { return []*Node{{Code: "decisions", Label: decisionsLabel}} }
	docCols := func() []*Node {
		return []*Node{
			{Code: "issued", Label: "本年制发件数"},
			{Code: "repealed", Label: "本年废止件数"},
			{Code: "effective", Label: "现行有效件数"},
		}
	}
	active := &Table{ID: "active", Section: 2, Name: "主动公开政府信息情况表", Width: 4, Blocks: []*Block{
		{Heading: "第二十条第（一）项", Corner: contentCorner, Cols: docCols(), Rows: []*Node{
			{Code: "rules", Label: "规章"},
			{Code: "normative", Label: "行政规范性文件"},
		}},
		{Heading: "第二十条第（五）项", Corner: contentCorner, Cols: decisions(), Rows: []*Node{
			{Code: "license", Label: "行政许可"},
		}},
		{Heading: "第二十条第（六）项", Corner: contentCorner, Cols: decisions(), Rows: []*Node{
			{Code: "penalty", Label: "行政处罚"},
			{Code: "coercion", Label: "行政强制"},
		}},
		{Heading: "第二十条第（八）项", Corner: contentCorner, Cols: []*Node{
			{Code: "amount", Label: "本年收费金额（单位：万元）", Kind: Amount},
		}, Rows: []*Node{
			{Code: "fees", Label: "行政事业性收费"},
		}},
	}}
	apply := &Table{ID: "apply", Section: 3, Name: "收到和处理政府信息公开申请情况表", Width: 10, Blocks: []*Block{{
		Corner: applyNote, Cols: applyCols(),
		Rows: applyRows(&Node{Code: "6", Label: "（六）其他处理", Children: items(
			"申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
			"申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
			"其他")}),
	}}}
	review := reviewTable()
	f := &Format{
		ID: "2021", Name: "国办公开办函〔2021〕30号", FirstYear: 2021,
		Tables:        []*Table{active, apply, review},
		OverviewLimit: OverviewLimit,
		FeeStatement:  true,
		OverviewParts: true,
		Balances:      balances(),
		CrossYear: append(carryApply(), []CrossYear{
			// 现行有效件数 = last year's + 本年制发 − 本年废止 (a clean-up breaks it: a 提醒).
			{Rule: "X2", Severity: Warning, Cell: "active.*.effective", Last: []string{"active.*.effective"},
				Plus: []string{"active.*.issued"}, Minus: []string{"active.*.repealed"}, Hint: "如有集中清理，请在正文中说明"},
		}...),
		Figures: figures(map[string][]string{
			"docs.rules.issued": {"active.rules.issued"}, "docs.rules.repealed": {"active.rules.repealed"},
			"docs.rules.effective": {"active.rules.effective"}, "docs.normative.issued": {"active.normative.issued"},
			"docs.normative.repealed": {"active.normative.repealed"}, "docs.normative.effective": {"active.normative.effective"},
			"fees": {"active.fees.amount"}, "otherHandling": {"apply.3.6.*.total"},
		}),
	}
	f.Sections = sections(active, apply, review, true)
	f.build()
	return f
}

func format2019() *Format {
	docCols := func() []*Node {
		return []*Node{
			{Code: "made", Label: "本年新制作数量"},
			{Code: "published", Label: "本年新公开数量"},
			{Code: "total", Label: "对外公开总数量"},
		}
	}
	itemCols := func() []*Node {
		return []*Node{
			{Code: "prev", Label: prevLabel},
			{Code: "change", Label: changeLabel, Kind: Change},
			{Code: "decisions", Label: decisions2019},
		}
	}
	active := &Table{ID: "active", Section: 2, Name: "主动公开政府信息情况表", Width: 4, Blocks: []*Block{
		{Heading: "第二十条第（一）项", Corner: contentCorner, Cols: docCols(), Rows: []*Node{
			{Code: "rules", Label: "规章"},
			{Code: "normative", Label: "规范性文件"},
		}},
		{Heading: "第二十条第（五）项", Corner: contentCorner, Cols: itemCols(), Rows: []*Node{
			{Code: "license", Label: "行政许可"},
			{Code: "services", Label: "其他对外管理服务事项"},
		}},
		{Heading: "第二十条第（六）项", Corner: contentCorner, Cols: itemCols(), Rows: []*Node{
			{Code: "penalty", Label: "行政处罚"},
			{Code: "coercion", Label: "行政强制"},
		}},
		{Heading: "第二十条第（八）项", Corner: contentCorner, Cols: []*Node{
			{Code: "prev", Label: prevLabel},
			{Code: "change", Label: changeLabel, Kind: Change},
		}, Rows: []*Node{
			{Code: "fees", Label: "行政事业性收费"},
		}},
		{Heading: "第二十条第（九）项", Corner: contentCorner, Cols: []*Node{
			{Code: "count", Label: "采购项目数量"},
			{Code: "amount", Label: "采购总金额", Kind: Amount},
		}, Rows: []*Node{
			{Code: "procurement", Label: "政府集中采购"},
		}},
	}}
	apply := &Table{ID: "apply", Section: 3, Name: "收到和处理政府信息公开申请情况表", Width: 10, Blocks: []*Block{{
		Corner: applyNote, Cols: applyCols(),
		Rows: applyRows(&Node{Code: "6", Label: "（六）其他处理"}),
	}}}
	review := reviewTable()
	f := &Format{
		ID: "2019", Name: "国办公开办函〔2019〕60号（试行）", FirstYear: 2019, LastYear: 2020,
		Tables: []*Table{active, apply, review},
		// The trial format sets no length limit for 一 and predates the 信息处理费 rules (2021).
		Balances: balances(),
		CrossYear: append(carryApply(), []CrossYear{
			// 上一年项目数量 = last year's 上一年项目数量 + 本年增/减.
			{Rule: "X3", Severity: Warning, Cell: "active.*.prev", Last: []string{"active.*.prev", "active.*.change"}, Carry: true},
		}...),
		Figures: figures(map[string][]string{
			"procurement.count": {"active.procurement.count"}, "procurement.amount": {"active.procurement.amount"},
			"otherHandling": {"apply.3.6.total"},
		}),
	}
	f.Sections = sections(active, apply, review, false)
	f.build()
	return f
}
