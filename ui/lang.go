package ui

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// file.parent is short because Fyne shows it as "(…)" under an 80 px grid icon, where
// "(上级目录)" wrapped and left ")" alone. "Home"/"Computer" are Fyne's own place names.
//
// zhButtons are Simplified Chinese texts for Fyne's own dialogs and menus. They are also
// registered for English, the fallback locale, so that the app is Chinese on any system.
const zhButtons = `{
  "Advanced": "高级", "Cancel": "取消", "Confirm": "确定", "Copy": "复制",
  "Create Folder": "新建文件夹", "Cut": "剪切", "Enter filename": "输入文件名",
  "Error": "错误", "Favourites": "收藏", "File": "文件", "Folder": "文件夹",
  "New Folder": "新文件夹", "No": "否", "OK": "确定", "Open": "打开", "Paste": "粘贴",
  "Quit": "退出", "Redo": "重做", "Save": "保存", "Select all": "全选",
  "Show Hidden Files": "显示隐藏文件", "Undo": "撤销", "Yes": "是",
  "file.name": {"other": "名称"}, "file.parent": {"other": "上级"}
}`

var langOnce sync.Once

// setupLanguage makes Fyne's built-in texts (file dialogs, entry menus) Chinese.
func setupLanguage() {
	langOnce.Do(func() {
		for _, l := range []fyne.Locale{"en", "zh-Hans"} {
			if err := lang.AddTranslationsForLocale([]byte(zhButtons), l); err != nil {
				fyne.LogError("加载界面文字失败", err)
			}
		}
	})
}
