package fileio

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(small, []byte("年报"), 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, make([]byte, 2049), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.txt")
	if err := os.Symlink(small, link); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, path string
		want       string // content, or a substring of the error
		err        error
	}{
		{"small", small, "年报", nil},
		{"symlink followed", link, "年报", nil},
		{"too large", big, "文件过大（超过 2 KB）", ErrTooLarge},
		{"missing", filepath.Join(dir, "none.txt"), "文件不存在", os.ErrNotExist},
		{"folder", dir, "是一个文件夹", ErrNotRegular},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := ReadFile(tc.path, 2048)
			if tc.err == nil {
				if err != nil || string(data) != tc.want {
					t.Fatalf("ReadFile = %q, %v; want %q", data, err, tc.want)
				}
				return
			}
			var fe *Error
			if !errors.As(err, &fe) || !errors.Is(err, tc.err) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("ReadFile error = %v; want *Error wrapping %v containing %q", err, tc.err, tc.want)
			}
		})
	}
}

func TestCheckJSONDepth(t *testing.T) {
	for _, tc := range []struct {
		data string
		ok   bool
	}{
		{`{"a":{"b":[1,2,{"c":3}]}}`, true},
		{`{"s":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"["}`, true},
		{strings.Repeat("[", 65), false},
		{strings.Repeat("[", 64) + strings.Repeat("]", 64), true},
		{strings.Repeat(`{"a":`, 100) + "1" + strings.Repeat("}", 100), false},
	} {
		err := CheckJSONDepth([]byte(tc.data), MaxDepth)
		if (err == nil) != tc.ok || err != nil && (!errors.Is(err, ErrTooDeep) || !strings.Contains(err.Error(), "嵌套超过 64 层")) {
			t.Errorf("CheckJSONDepth(%.30q…) = %v, want ok=%v", tc.data, err, tc.ok)
		}
	}
}

func TestDeadline(t *testing.T) {
	var none *Deadline
	if none.Check() != nil {
		t.Error("a nil deadline expired")
	}
	d := NewDeadline("a.xlsx")
	if d.Check() != nil {
		t.Error("a new deadline expired")
	}
	d.end = d.end.Add(-MaxReadTime - time.Millisecond)
	if err := d.Check(); !errors.Is(err, ErrTooSlow) || !strings.Contains(err.Error(), "「a.xlsx」") {
		t.Errorf("spent deadline: %v", err)
	}
}
