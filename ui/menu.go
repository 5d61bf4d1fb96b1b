package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// shortcut is one menu command with its keyboard shortcut, listed in 帮助 › 填报说明 too.
type shortcut struct {
	menu, label string
	key         fyne.KeyName
	mod         fyne.KeyModifier
}

// keyText is how a shortcut is written for the user: "Ctrl+Shift+S".
func (s shortcut) keyText() string {
	return keyText(s.key, s.mod)
}

// keyText writes a key with its modifiers the way Windows menus do: "Ctrl+Shift+S".
func keyText(key fyne.KeyName, mod fyne.KeyModifier) string {
	if key == "" {
		return ""
	}
	out := ""
	if mod&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0 {
		out += "Ctrl+"
	}
	if mod&fyne.KeyModifierShift != 0 {
		out += "Shift+"
	}
	if mod&fyne.KeyModifierAlt != 0 {
		out += "Alt+"
	}
	return out + string(key)
}

// menuBar is the window's menus: 文件, 编辑, 步骤 and 帮助.
type menuBar struct {
	u *UI
}

func (m *menuBar) item(label string, key fyne.KeyName, mod fyne.KeyModifier, f func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, f)
	if key != "" {
		it.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: mod}
	}
	return it
}

// build makes the main menu; it is made again when the recent files change.
func (m *menuBar) build() *fyne.MainMenu {
	u := m.u
	ctrl := fyne.KeyModifierShortcutDefault
	quit := m.item("退出", fyne.KeyQ, ctrl, u.onClose)
	quit.IsQuit = true
	file := fyne.NewMenu("文件",
		m.item("新建…", fyne.KeyN, ctrl, u.newDialog),
		m.item("打开…", fyne.KeyO, ctrl, u.openDialog),
		// One entry for the recent files: the dialog lists them with their folders and is
		// reached by keyboard (Ctrl+R, then the arrows), unlike a submenu.
		m.item("最近打开的文件…", fyne.KeyR, ctrl, u.recentDialog),
		fyne.NewMenuItemSeparator(),
		m.saveItem(ctrl),
		m.item("另存为…", fyne.KeyS, ctrl|fyne.KeyModifierShift, u.saveAsDialog),
		fyne.NewMenuItemSeparator(),
		m.item("载入上年报告…", fyne.KeyL, ctrl, u.lastYearDialog),
		m.item("汇总多个单位…", fyne.KeyH, ctrl, u.aggregateDialog),
		fyne.NewMenuItemSeparator(),
		quit,
	)
	edit := fyne.NewMenu("编辑",
		m.item("撤销", fyne.KeyZ, ctrl, u.undoMenu),
	)
	step := fyne.NewMenu("步骤",
		m.item("上一步", fyne.KeyPageUp, ctrl, func() { u.showStep(u.current - 1) }),
		m.item("下一步", fyne.KeyPageDown, ctrl, func() { u.showStep(u.current + 1) }),
		m.item("检查与导出", fyne.KeyE, ctrl, func() { u.showStep(len(steps) - 1) }),
	)
	help := fyne.NewMenu("帮助",
		fyne.NewMenuItem("填报说明", u.helpDialog), // Fyne has no shortcuts without a modifier (F1)
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("关于"+AppName, u.aboutDialog),
	)
	return fyne.NewMainMenu(file, edit, step, help)
}

// saveItem is 保存; for a read-only draft (a newer version's) it is disabled and says so.
// (Fyne runs a menu shortcut even for a disabled item: save itself explains and offers 另存为.)
func (m *menuBar) saveItem(mod fyne.KeyModifier) *fyne.MenuItem {
	it := m.item("保存", fyne.KeyS, mod, func() { m.u.save() })
	if m.u.readOnly != "" {
		it.Label = "保存（只读文件，请用另存为）"
		it.Disabled = true
	}
	return it
}

// shortcuts lists the menu commands that have a keyboard shortcut, for the help page.
func (m *menuBar) shortcuts() []shortcut {
	var out []shortcut
	for _, menu := range m.build().Items {
		for _, it := range menu.Items {
			if cs, ok := it.Shortcut.(*desktop.CustomShortcut); ok {
				out = append(out, shortcut{menu: menu.Label, label: it.Label, key: cs.KeyName, mod: cs.Modifier})
			}
		}
	}
	return out
}

// refresh rebuilds the menus (the 保存 item follows a read-only draft).
func (m *menuBar) refresh() { m.u.win.SetMainMenu(m.build()) }
