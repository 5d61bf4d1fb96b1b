package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/form"
)

// The workbook is sent to the superior office: the draft hidden in it must not name a file
// of the clerk's computer (the link to last year's report), in any part of the package.
func TestWorkbookHoldsNoLocalPath(t *testing.T) {
	r := form.Sample(form.Latest)
	r.LastYear = "/home/clerk/私人文件夹/2024年报.html"
	var buf bytes.Buffer
	if err := Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{"私人文件夹", "lastYear", "/home/clerk"} {
			if strings.Contains(string(data), s) {
				t.Errorf("%s holds %q", f.Name, s)
			}
		}
	}
	if r.LastYear == "" {
		t.Error("Write changed the report's link")
	}
}
