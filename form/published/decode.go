package published

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// MaxSize is the largest text accepted (a published report is a few tens of kilobytes).
const MaxSize = 8 << 20

// Decode turns the bytes of a text file into a string: UTF-8 with or without a byte order
// mark, UTF-16 with a byte order mark (Windows Notepad's "Unicode"), or GB18030/GBK as saved by
// Windows tools. It returns the name of the encoding found, and a Chinese error for a file
// that is not text.
func Decode(data []byte) (text, encoding string, err error) {
	if len(data) > MaxSize {
		return "", "", errors.New("文件过大（超过 8MB），不像是一份年度报告的文字")
	}
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
		if !utf8.Valid(data) {
			return "", "", errors.New("文件标明为 UTF-8 编码，但内容不是有效的 UTF-8 文字")
		}
		return string(data), "UTF-8", nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return "", "", errors.New("文件标明为 UTF-16 编码，但内容无法读取")
		}
		return string(out), "UTF-16", nil
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", "", errors.New("这不是文本文件（含有二进制内容）。请从网页或文档中复制报告文字，另存为 .txt 文件后再导入")
	}
	if utf8.Valid(data) {
		return string(data), "UTF-8", nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", errors.New("无法识别文件的文字编码（既不是 UTF-8，也不是 GBK/GB18030）")
	}
	s := string(out)
	if bad := strings.Count(s, "\uFFFD"); bad*50 > utf8.RuneCountInString(s)+1 {
		return "", "", errors.New("无法识别文件的文字编码（既不是 UTF-8，也不是 GBK/GB18030）")
	}
	return s, "GB18030", nil
}
