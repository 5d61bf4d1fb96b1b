package form

// CarryOver prefills this year's 二、上年结转 (apply.2.*) from last year's 四、结转下年度继续办理
// (apply.4.*) and, in the 2019 format, each 上一年项目数量 from last year's prev + change. Cells
// last year left blank are not touched. It returns the codes it set.
func (r *Report) CarryOver(last *Report) []string {
	var set []string
	for _, col := range r.Format.ApplicantCols {
		if v, ok := last.Value("apply.4." + col); ok {
			code := "apply.2." + col
			_ = r.SetValue(code, v)
			set = append(set, code)
		}
	}
	if r.Format.ID == "2019" && last.Format.ID == "2019" {
		for _, row := range []string{"license", "services", "penalty", "coercion", "fees"} {
			base := "active." + row + "."
			p, ok1 := last.Value(base + "prev")
			c, ok2 := last.Value(base + "change")
			if !ok1 {
				continue
			}
			if !ok2 {
				c = 0
			}
			_ = r.SetValue(base+"prev", p+c)
			set = append(set, base+"prev")
		}
	}
	return set
}
