package form

import "strconv"

// Sample returns a complete, consistent report of format f for a fictional agency: every
// cell filled, totals right, the narrative written. It is what `make run` opens, and what
// tests and benchmarks use as a correct report.
func Sample(f *Format) *Report {
	year := 2025
	if f.LastYear != 0 {
		year = f.LastYear
	}
	r := New(f, year, "示例县市场监督管理局")
	r.Meta.Date = sampleDate(year)
	r.Meta.Contact = Contact{Office: "示例县市场监督管理局办公室", Address: "示例县人民路88号", Postcode: "100000", Phone: "0000-1234567"}
	r.Text = Text{
		Opening: "本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告格式的要求编制。报告所列数据的统计期限自" +
			strconv.Itoa(year) + "年1月1日至12月31日。本报告电子版可在示例县人民政府门户网站查阅。如对本报告有疑问，请与示例县市场监督管理局办公室联系（地址：示例县人民路88号，电话：0000-1234567）。",
		Overview: strconv.Itoa(year) + "年，我局深入贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，围绕市场监管中心工作，全面推进决策、执行、管理、服务、结果公开。",
		Parts: [5]string{
			"全年通过门户网站主动公开政府信息386条，其中机构职能、规范性文件、行政执法、“双随机、一公开”抽查结果等重点领域信息214条。及时公开行政许可决定1260件、行政处罚决定158件，做到应公开尽公开。",
			"全年新收政府信息公开申请42件，上年结转3件，均在法定期限内答复。对申请内容不明确的，及时一次性告知补正，提升答复质量。",
			"完成政府信息公开目录和公开指南更新，对现行有效的行政规范性文件进行清理，废止2件，修改1件，并在门户网站集中公布现行有效文件目录。",
			"优化门户网站政府信息公开专栏，规范设置“法定主动公开内容”栏目，政务新媒体同步发布政策解读12篇。",
			"将政府信息公开工作纳入年度绩效考核，开展政务公开业务培训2次，全年未发生因政府信息公开工作被追究责任的情况。",
		},
		Problems: "存在的主要问题：一是部分业务科室对主动公开的时效性重视不够，个别行政处罚决定公开滞后；二是政策解读形式较为单一，图解、视频等形式运用不多。改进措施：一是建立主动公开事项清单和时限提醒机制，每月通报公开情况；二是丰富政策解读形式，对重要政策同步制作图解。",
		Other:    FeeNone,
	}
	set := func(code, v string) { _ = r.Set(code, v) }
	if f.ID == "2021" {
		for code, v := range map[string]string{
			"active.rules.issued": "0", "active.rules.repealed": "0", "active.rules.effective": "0",
			"active.normative.issued": "3", "active.normative.repealed": "2", "active.normative.effective": "27",
			"active.license.decisions": "1260", "active.penalty.decisions": "158", "active.coercion.decisions": "12",
			"active.fees.amount": "3.25",
		} {
			set(code, v)
		}
	} else {
		for code, v := range map[string]string{
			"active.rules.made": "0", "active.rules.published": "0", "active.rules.total": "0",
			"active.normative.made": "3", "active.normative.published": "3", "active.normative.total": "27",
			"active.license.prev": "46", "active.license.change": "-2", "active.license.decisions": "1260",
			"active.services.prev": "12", "active.services.change": "+1", "active.services.decisions": "340",
			"active.penalty.prev": "402", "active.penalty.change": "5", "active.penalty.decisions": "158",
			"active.coercion.prev": "18", "active.coercion.change": "0", "active.coercion.decisions": "12",
			"active.fees.prev": "2", "active.fees.change": "0",
			"active.procurement.count": "6", "active.procurement.amount": "126.4",
		} {
			set(code, v)
		}
	}
	// 三: natural persons and commercial enterprises apply; the rest stay at 0.
	apply := map[string][2]int{
		"1": {36, 6}, "2": {3, 0}, "3.1": {18, 3}, "3.2": {5, 1}, "3.3.4": {2, 0}, "3.3.6": {1, 0},
		"3.4.1": {6, 1}, "3.4.2": {1, 0}, "3.5.1": {2, 0}, "3.5.2": {1, 0}, "4": {2, 1},
	}
	if f.ID == "2021" {
		apply["3.6.1"] = [2]int{1, 0}
	} else {
		apply["3.6"] = [2]int{1, 0}
	}
	for _, d := range f.Cells {
		if d.Table.ID == "review" || (d.Table.ID == "apply" && !d.Derived) {
			set(d.Code, "0")
		}
	}
	for row, v := range apply {
		set("apply."+row+".natural", strconv.Itoa(v[0]))
		set("apply."+row+".commercial", strconv.Itoa(v[1]))
	}
	set("review.admin.upheld", "1")
	set("review.admin.pending", "1")
	set("review.direct.corrected", "1")
	r.FillDerived()
	return r
}

func sampleDate(year int) string {
	return strconv.Itoa(year+1) + "-01-20"
}
