package form

// RuleDoc describes one rule of the checker for users: the rules table of README §7 and of
// 帮助 › 填报说明 in the app are this list (a test keeps README in step with it, and
// docs/format.md's table, which explains each rule for developers, with the same levels).
type RuleDoc struct {
	// ID is the rule's id as CheckAll returns it in Problem.Rule: "H1".
	ID string
	// Level is the severity as users read it, with the mode it changes in:
	// "未填（发布前检查：错误）".
	Level string
	// Text says in Chinese what the rule checks.
	Text string
}

// Rules describes every rule CheckAll can return, in the order of the rules table (基本信息,
// format and dates, the tables, blanks, last year, the text).
var Rules = []RuleDoc{
	{ID: "M1", Level: "未填（发布前检查：错误）",
		Text: "基本信息：机关名称未填写（标题和落款要用）"},
	{ID: "M2", Level: "提醒（空白为未填；发布前检查：错误）",
		Text: "报告年度未填写或不在支持范围内；2019、2020 年度的报告使用了 2021 年格式（此项始终为提醒）"},
	{ID: "M3", Level: "提醒（空白为未填；发布前检查：错误）",
		Text: "发布日期未填写或不是日期（可写 2026-01-20、2026/1/20、2026.1.20 或 2026年1月20日，统一保存为 2026-01-20）"},
	{ID: "F1", Level: "错误",
		Text: "2021 年度及以后的报告仍使用 2019 年试行格式的表格（第三部分的“其他处理”只有一行、第二部分是 2019 年的项目），请按新格式新建并重填表格"},
	{ID: "D1", Level: "提醒",
		Text: "正文所写统计期限不是报告年度；发布日期早于报告年度结束，或晚于公布期限（部门、乡镇为次年 1 月 31 日，县级以上人民政府为 3 月 31 日）"},
	{ID: "L1", Level: "提醒",
		Text: "引用过时或有误：《条例》写成国务院令第492号（现行为第711号）；2021 年度以后的报告称按国办公开办函〔2019〕60号编制；“公开办涵”等错字；称报告有“五个部分”（应为六个部分）"},
	{ID: "H1", Level: "错误",
		Text: "第三部分每一列：第一项加第二项之和，等于第三项（七）总计加第四项之和"},
	{ID: "H2", Level: "错误",
		Text: "第三部分每一行：总计等于各类申请人之和"},
	{ID: "H3", Level: "错误",
		Text: "第三部分每一列：（七）总计等于（一）至（六）各项之和"},
	{ID: "H4", Level: "错误",
		Text: "第四部分每一组：总计等于结果维持、结果纠正、其他结果、尚未审结之和"},
	{ID: "H5", Level: "错误",
		Text: "每个数字格都是不小于 0 的整数（金额可有小数，单位万元）；“/”、字母、负数不是数字；发布前检查时空白格也是错误（等待各项填完的合计除外）"},
	{ID: "B1", Level: "未填",
		Text: "填写过程中：某部分的表格还有空白格（列出这些格子，格子以浅蓝灰色框标出）；留空不等于 0，没有发生的请填 0。合计由程序在各项填完后算出，不计入未填（勾选“手动填写合计”时计入）"},
	{ID: "B2", Level: "未填（发布前检查：错误）",
		Text: "第一、五或六部分还没有填写"},
	{ID: "B3", Level: "未填（发布前检查：提醒）",
		Text: "2021 年格式：总体情况已分项填写，但（一）主动公开至（五）监督保障中还有几项空着（列出这几项）；总体情况整段写成一段、各项都没分开填写时不提醒"},
	{ID: "X1", Level: "错误",
		Text: "本年“上年结转”等于上年报告的“结转下年度继续办理”（需载入上年报告）"},
	{ID: "X2", Level: "提醒",
		Text: "现行有效的件数等于上年报告中现行有效的件数加本年制发、减本年废止（需载入上年报告）"},
	{ID: "X3", Level: "提醒",
		Text: "2019 年格式：第二部分上一年的项目数等于上年报告中上一年的项目数加本年增/减（需载入上年报告）"},
	{ID: "W1", Level: "提醒",
		Text: "总体情况超过一千字（2021 年格式；1000 字以内不提醒，不计空格和换行）"},
	{ID: "W2", Level: "提醒",
		Text: "第六部分没有报告信息处理费收取情况（2021 年格式）"},
	{ID: "W3", Level: "提醒",
		Text: "总体情况或问题及改进情况与上年雷同（需载入上年报告）"},
	{ID: "W4", Level: "提醒",
		Text: "正文中的数字与表格不一致（如“共收到申请40件”而表中为42）；“未发生因依申请公开被纠错”一类的否定说法不当作数字"},
	{ID: "W5", Level: "提醒",
		Text: "有“逾期未按收费通知缴纳费用”的申请，正文却称未发出收费通知"},
	{ID: "W6", Level: "提醒",
		Text: "“其他处理”超过（七）总计的 15%"},
}

// RuleIDs lists every rule id CheckAll can return, in the order of Rules.
var RuleIDs = func() []string {
	ids := make([]string, len(Rules))
	for i, r := range Rules {
		ids[i] = r.ID
	}
	return ids
}()

// RuleFor returns the description of a rule id; ok is false for an unknown id.
func RuleFor(id string) (RuleDoc, bool) {
	for _, r := range Rules {
		if r.ID == id {
			return r, true
		}
	}
	return RuleDoc{}, false
}
