package fileio

import "fmt"

// CheckJSONDepth returns an *Error (wrapping ErrTooDeep) when the JSON text nests objects
// and arrays deeper than max. It looks at brackets outside strings only and does not
// validate: encoding/json would otherwise report a deep file as a syntax error, which reads
// like a file cut short, and spend its time and memory on it first.
func CheckJSONDepth(data []byte, max int) error {
	depth, inString, escaped := 0, false, false
	for _, b := range data {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case b == '\\':
				escaped = true
			case b == '"':
				inString = false
			}
		case b == '"':
			inString = true
		case b == '{' || b == '[':
			depth++
			if depth > max {
				return &Error{Err: ErrTooDeep, Reason: fmt.Sprintf("内容嵌套超过 %d 层，不是年报助手写出的文件（可能是其他程序的数据或被篡改的文件）", max)}
			}
		case b == '}' || b == ']':
			depth--
		}
	}
	return nil
}
