package main

import (
	"fmt"

	"github.com/nianbao/nianbao/export/xlsx"
	"github.com/nianbao/nianbao/form"
)

func init() {
	openers[".xlsx"] = openXLSX
	openers[".xls"] = func(path string) (*form.Report, []string, error) {
		return nil, nil, fmt.Errorf("无法读取「%s」：旧版 Excel（.xls）文件不受支持，请在 Excel 或 WPS 中“另存为” .xlsx 格式后再打开", path)
	}
}

// openXLSX reads a workbook written by export or an official-layout table typed by hand;
// the blank cells of a table row are reported on one line.
func openXLSX(path string) (*form.Report, []string, error) {
	r, ws, err := xlsx.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	return r, xlsx.Lines(ws), nil
}
