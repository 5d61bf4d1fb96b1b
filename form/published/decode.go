package published

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/form/fileio"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// MaxSize is the largest text accepted (a published report is a few tens of kilobytes).
const MaxSize = fileio.MaxText

// Decode turns the bytes of a text file into a string: UTF-8 with or without a byte order
// mark, UTF-16 with a byte order mark (Windows Notepad's "Unicode"), or GB18030/GBK as saved by
// Windows tools. It returns the name of the encoding found, and a Chinese error for a file
// that is not text. A UTF-8 text with a few stray bytes is accepted with them replaced by
// U+FFFD (see Read, which reports them).
func Decode(data []byte) (text, encoding string, err error) {
	text, encoding, _, err = decode(data)
	return text, encoding, err
}

// decode is Decode that also returns how many invalid bytes of a UTF-8 text were replaced and
// the first line holding one.
func decode(data []byte) (text, encoding string, stray badBytes, err error) {
	if len(data) > MaxSize {
		return "", "", stray, fmt.Errorf("文件过大（超过 %d MB），不像是一份年度报告的文字", MaxSize>>20)
	}
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		text, stray = replaceInvalid(data[3:])
		if stray.count > 0 && !mostlyUTF8(data[3:], stray.count) {
			return "", "", badBytes{}, errors.New("文件标明为 UTF-8 编码，但内容不是有效的 UTF-8 文字")
		}
		return text, "UTF-8", stray, nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return "", "", stray, errors.New("文件标明为 UTF-16 编码，但内容无法读取")
		}
		return string(out), "UTF-16", stray, nil
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", "", stray, errors.New("这不是文本文件（含有二进制内容）。请从网页或文档中复制报告文字，另存为 .txt 文件后再导入")
	}
	if utf8.Valid(data) {
		return string(data), "UTF-8", stray, nil
	}
	if text, stray = replaceInvalid(data); mostlyUTF8(data, stray.count) {
		return text, "UTF-8", stray, nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", badBytes{}, errors.New("无法识别文件的文字编码（既不是 UTF-8，也不是 GBK/GB18030）")
	}
	s := string(out)
	if bad := strings.Count(s, "\uFFFD"); bad*50 > utf8.RuneCountInString(s)+1 {
		return "", "", badBytes{}, errors.New("无法识别文件的文字编码（既不是 UTF-8，也不是 GBK/GB18030）")
	}
	return s, "GB18030", badBytes{}, nil
}

// badBytes counts the invalid bytes replaced in a UTF-8 text.
type badBytes struct {
	count int
	line  int // 1-based line of the first one
}

// warning is the Chinese message about the replaced bytes, or "".
func (b badBytes) warning() string {
	if b.count == 0 {
		return ""
	}
	return fmt.Sprintf("文件中有 %d 个无法识别的字节（第 %d 行起），已替换为“\uFFFD”；其余文字照常导入，请对照原文核对这些位置", b.count, b.line)
}

// replaceInvalid decodes data as UTF-8, replacing every invalid byte with U+FFFD.
func replaceInvalid(data []byte) (string, badBytes) {
	var b strings.Builder
	b.Grow(len(data))
	var bad badBytes
	line := 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			if bad.count == 0 {
				bad.line = line
			}
			bad.count++
			b.WriteRune(utf8.RuneError)
			data = data[1:]
			continue
		}
		if r == '\n' {
			line++
		}
		b.Write(data[:size])
		data = data[size:]
	}
	return b.String(), bad
}

// mostlyUTF8 tells a UTF-8 text with a few stray bytes from text in another encoding: GBK
// Chinese is almost all invalid UTF-8, while a damaged UTF-8 text has many valid multi-byte
// characters for each invalid byte.
func mostlyUTF8(data []byte, invalid int) bool {
	multi := 0
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r != utf8.RuneError && size > 1 {
			multi++
		}
		data = data[size:]
	}
	return multi >= 20*invalid && multi > 0
}

// sanitize makes text safe to read and to echo: line ends become "\n", form feeds (page
// breaks of PDF text) become line breaks, and other control characters and bidirectional
// overrides, which could rewrite a terminal or reorder a line on screen, are removed.
func sanitize(text string) string {
	text = strings.TrimPrefix(text, "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r' || r == '\f' || r == '\v' || r == '\u2028' || r == '\u2029' || r == '\u0085':
			return '\n'
		case unicode.IsControl(r), r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069', r == '\u200e', r == '\u200f':
			return -1
		}
		return r
	}, text)
}

// oneLine removes what does not belong in a one-line field such as the agency name: any
// control character, line break or tab, and surrounding spaces.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return -1
		}
		return r
	}, sanitize(s))
	return cleanSpace(s)
}
