package ui

import (
	"fmt"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/form"
)

// Version is the app's version, set at build time with
// -ldflags "-X github.com/nianbao/nianbao/ui.Version=1.2.3"; packaged builds also carry it in
// the Fyne metadata, which is used when this is left at "dev".
var Version = "dev"

// version returns the version to show: the linked-in one, else the packaged metadata's.
func (u *UI) version() string {
	if Version == "dev" {
		if v := u.app.Metadata().Version; v != "" && v != "0.0.1" {
			return v
		}
	}
	return Version
}

// aboutDialog shows the version, the formats supported and the offline promise.
func (u *UI) aboutDialog() {
	var formats string
	for _, f := range form.Formats {
		if formats != "" {
			formats += "、"
		}
		formats += f.Name
	}
	msg := fmt.Sprintf("版本 %s\n\n政府信息公开工作年度报告填写、检查与导出工具。\n支持的报告格式：%s。\n本程序完全离线运行，不连接任何网络；报告内容只保存在您选择的文件中。\n\n字体：思源宋体/思源黑体（Noto Serif/Sans SC，SIL OFL 1.1），文鼎PL中楷（Arphic Public License）。",
		u.version(), formats)
	// Broken into lines here (with 。 never alone on a line): the dialog is as high as the text.
	text := widget.NewLabel(wrapText(msg, theme.TextSize(), 460))
	d := dialog.NewCustom("关于"+AppName, "确定", container.NewPadded(text), u.win)
	d.Show()
}
