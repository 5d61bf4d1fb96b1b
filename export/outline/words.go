package outline

import (
	"strings"
	"unicode/utf8"
)

// labelWords are the words of the tables' column headings and group labels that a line
// of a narrow cell must not break inside (「结果维持」 breaks as 结果/维持, never 结果维/持).
// They are the words of the official labels of every format; LabelWords finds them by
// longest match. A label's other characters are words of their own.
var labelWords = strings.Fields(`
	结果 维持 纠正 其他 尚未 审结 总计 行政 复议 诉讼 未经 直接 起诉 复议后
	申请人 情况 自然人 法人 组织 商业 企业 科研 机构 社会 公益 法律 服务
	信息 内容 本年 制发 件数 废止 现行 有效 处理 决定 数量 收费 金额 单位 万元
	制作 公开 对外 上一年 项目 增/减 采购 不予 无法 提供 予以 部分
`)

var (
	labelWordSet = map[string]bool{}
	maxWordRunes int
)

func init() {
	for _, w := range labelWords {
		labelWordSet[w] = true
		maxWordRunes = max(maxWordRunes, utf8.RuneCountInString(w))
	}
}

// LabelWords splits a table label into its words, in order: the longest word of
// labelWords at each place, else one character (a run of ASCII letters and digits stays
// whole). The words joined give the label back. Writers that cannot measure text (the web
// page) keep each word on one line, so that a label in a narrow column breaks only
// between words.
func LabelWords(s string) []string {
	rs := []rune(s)
	var out []string
	for i := 0; i < len(rs); {
		n := 1
		for k := min(maxWordRunes, len(rs)-i); k > 1; k-- {
			if labelWordSet[string(rs[i:i+k])] {
				n = k
				break
			}
		}
		if n == 1 && asciiWord(rs[i]) {
			for i+n < len(rs) && asciiWord(rs[i+n]) {
				n++
			}
		}
		out = append(out, string(rs[i:i+n]))
		i += n
	}
	return out
}

func asciiWord(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

// closingPunct may not start a line (避头): closing brackets and quotes, pause and stop
// marks, ellipsis, dash, middle dot, percent signs.
const closingPunct = "，。、；：？！）》」』】〕〗〙〛〉”’…—％‰℃·‥,.;:?!)]}%"

// openingPunct may not end a line (避尾): opening brackets and quotes.
const openingPunct = "（《「『【〔〖〘〚〈“‘([{"

// NoLineStart reports whether r may not start a line (避头): closing punctuation. Every
// writer that breaks lines itself follows it.
func NoLineStart(r rune) bool { return strings.ContainsRune(closingPunct, r) }

// NoLineEnd reports whether r may not end a line (避尾): opening punctuation.
func NoLineEnd(r rune) bool { return strings.ContainsRune(openingPunct, r) }
