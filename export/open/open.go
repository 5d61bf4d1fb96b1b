// Package open reads a report from a draft, an official workbook or a published text, by
// extension; the desktop app and the command line open files through it alike.
package open

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/nianbao/nianbao/export/xlsx"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/form/published"
)

// Kind is one kind of file Report reads.
type Kind struct {
	// Name describes the files in Chinese, e.g. "Excel 工作簿".
	Name string
	// Ext is the lower-case extension with its dot: ".xlsx".
	Ext string
}

// Kinds are the files Report reads, in the order file dialogs list them.
var Kinds = []Kind{
	{Name: "年报助手草稿", Ext: form.DraftExt},
	{Name: "Excel 工作簿", Ext: ".xlsx"},
	{Name: "已发布的报告文本", Ext: ".txt"},
}

// Exts returns the extensions of Kinds, for file-dialog filters.
func Exts() []string {
	exts := make([]string, len(Kinds))
	for i, k := range Kinds {
		exts[i] = k.Ext
	}
	return exts
}

// Report reads the report in the file at path by its extension (in any case): a draft
// (.nianbao or .json), a workbook (.xlsx) or a published text (.txt). Warnings, in Chinese,
// say what could not be read exactly. Unknown extensions are read as drafts, which gives a
// clear error for foreign files; old .xls workbooks get a hint to save them as .xlsx.
func Report(path string) (r *form.Report, warnings []string, err error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx":
		r, ws, err := xlsx.ReadFile(path)
		if err != nil {
			return nil, nil, err
		}
		return r, xlsx.Lines(ws), nil
	case ".xls":
		return nil, nil, fmt.Errorf("无法读取「%s」：旧版 Excel（.xls）文件不受支持，请在 Excel 或 WPS 中“另存为” .xlsx 格式后再打开", path)
	case ".txt":
		res, err := published.ReadFile(path)
		if err != nil {
			return nil, nil, err
		}
		return res.Report, res.Warnings, nil
	}
	r, err = form.LoadDraft(path)
	return r, nil, err
}
