package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"
)

// unzipPart returns one part of an .xlsx archive as text.
func unzipPart(t testing.TB, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("no part %s", name)
	return ""
}

// replacePart returns the archive with one part's text changed by edit (which must change it).
func replacePart(t testing.TB, data []byte, name string, edit func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == name {
			s := edit(string(b))
			if s == string(b) {
				t.Fatalf("edit of %s changed nothing", name)
			}
			b = []byte(s)
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	zw.Close()
	return buf.Bytes()
}

// bookOf opens a workbook as Read does.
func bookOf(t testing.TB, data []byte) *book {
	t.Helper()
	b, err := open(data)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.f.Close() })
	return b
}
