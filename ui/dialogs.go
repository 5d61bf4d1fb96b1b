package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/export/open"
	"github.com/nianbao/nianbao/export/outline"
)

// showError shows an error in a dialog no taller than its text needs (Fyne's own error
// dialog sizes itself before it knows its width, and Chinese text without spaces then
// stretches it to the window's height).
func (u *UI) showError(err error) {
	u.showMessage("出错了", err.Error(), theme.NewErrorThemedResource(theme.ErrorIcon()))
}

// showMessage shows a short text with an icon and an 确定 button, sized to the text: the
// text is broken into lines here, at the width the dialog will have, so that the dialog's
// height is known before it is shown.
func (u *UI) showMessage(title, msg string, icon fyne.Resource) {
	win := u.win.Canvas().Size()
	maxW := min(float32(480), max(win.Width-160, 240))
	l := widget.NewLabel(wrapText(msg, theme.TextSize(), maxW))
	content := container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(icon)), nil, l)
	d := dialog.NewCustom(title, "确定", content, u.win)
	d.Show()
	u.closeOnEnter(d)
}

// ask shows a question sized to its text (as showMessage) with the buttons confirm and 取消;
// yes runs on confirm.
func (u *UI) ask(title, msg, confirm string, yes func()) {
	win := u.win.Canvas().Size()
	maxW := min(float32(480), max(win.Width-160, 240))
	l := widget.NewLabel(wrapText(msg, theme.TextSize(), maxW))
	icon := theme.NewWarningThemedResource(theme.WarningIcon())
	content := container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(icon)), nil, l)
	d := dialog.NewCustomConfirm(title, confirm, "取消", content, func(ok bool) {
		if ok {
			yes()
		}
	}, u.win)
	d.Show()
}

// wrapText breaks text into lines at most w wide. Chinese breaks between any characters,
// but a line does not start with 、，。 or a closing bracket, nor end with an opening one
// (the character goes with it), and a number or Latin word is not split, nor parted from the
// character after it (its unit: 163格, 2025年度). Such a group goes down whole unless it
// alone is wider than a line.
func wrapText(text string, size, w float32) string {
	width := func(rs []rune) float32 { return fyne.MeasureText(string(rs), size, fyne.TextStyle{}).Width }
	var out []string
	for _, para := range strings.Split(text, "\n") {
		var cur []rune
		for _, g := range wrapGroups(para) {
			if len(cur) > 0 && width(append(append([]rune{}, cur...), g...)) > w {
				out = append(out, strings.TrimRight(string(cur), " "))
				cur = nil
				if g[0] == ' ' {
					continue // a space where the line breaks is not drawn
				}
			}
			for _, r := range g { // a group wider than a line is broken where it must
				if len(cur) > 0 && width(append(cur, r)) > w {
					out = append(out, string(cur))
					cur = nil
				}
				cur = append(cur, r)
			}
		}
		out = append(out, string(cur))
	}
	return strings.Join(out, "\n")
}

// wrapGroups splits a paragraph into the pieces wrapText keeps on one line: a run of Latin
// letters and digits (with the Chinese character after a number: its unit), else one
// character; a character that may not start a line joins the piece before it, one that may
// not end a line the piece after it.
func wrapGroups(para string) [][]rune {
	rs := []rune(para)
	var out [][]rune
	glue := false // the last piece may not end a line
	for i := 0; i < len(rs); {
		j := i + 1
		if isWordRune(rs[i]) {
			for j < len(rs) && (isWordRune(rs[j]) || rs[j] == '.' && j+1 < len(rs) && unicode.IsDigit(rs[j+1])) {
				j++
			}
			if unicode.IsDigit(rs[j-1]) && j < len(rs) && unicode.Is(unicode.Han, rs[j]) {
				j++
			}
		}
		g := rs[i:j]
		switch {
		case len(out) > 0 && (glue || outline.NoLineStart(g[0])):
			out[len(out)-1] = append(out[len(out)-1], g...)
		default:
			out = append(out, append([]rune{}, g...))
		}
		glue = outline.NoLineEnd(rs[j-1])
		i = j
	}
	return out
}

// isWordRune is a Latin letter or digit (ASCII or full-width), kept together with its run.
func isWordRune(r rune) bool {
	return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r >= '０' && r <= '９' || r == '%'
}

// tightNumbers removes the spaces between a number and Chinese text ("163 格" → "163格",
// "（2025 年度）" → "（2025年度）"): Fyne breaks lines at spaces, and Chinese writes none there.
func tightNumbers(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) {
			a, z := rs[i-1], rs[i+1]
			if unicode.IsDigit(a) && isCJK(z) || isCJK(a) && unicode.IsDigit(z) {
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isCJK is a Han character or Chinese punctuation.
func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef
}

// confirmDiscard runs next at once when there are no unsaved changes; otherwise it asks
// whether to save them first.
func (u *UI) confirmDiscard(next func()) { u.confirmDiscardOr(next, nil) }

// confirmDiscardOr is confirmDiscard that runs cancelled (when not nil) when the question is
// cancelled.
func (u *UI) confirmDiscardOr(next, cancelled func()) {
	if !u.dirty {
		next()
		return
	}
	var d *dialog.CustomDialog
	msg := widget.NewLabel("当前报告有未保存的修改，是否先保存？")
	save := widget.NewButton("保存", func() {
		d.Hide()
		u.saveThen(next)
	})
	save.Importance = widget.HighImportance
	discard := widget.NewButton("不保存", func() { d.Hide(); next() })
	cancel := widget.NewButton("取消", func() {
		d.Hide()
		if cancelled != nil {
			cancelled()
		}
	})
	d = dialog.NewCustomWithoutButtons("未保存的修改", msg, u.win)
	d.SetButtons([]fyne.CanvasObject{cancel, discard, save})
	d.Show()
}

// showWarnings lists what a reader could not read exactly.
func (u *UI) showWarnings(title string, ws []string) {
	if len(ws) == 0 {
		return
	}
	u.showLines(title, fmt.Sprintf("共 %d 条提示，请核对相关内容：\n\n", len(ws))+strings.Join(ws, "\n"))
}

// showLines shows a longer text in a dialog as high as the text, scrolling beyond 420.
func (u *UI) showLines(title, text string) {
	const w = 640
	wrapped := wrapText(text, theme.TextSize(), w-60)
	l := widget.NewLabel(wrapped)
	lines := float32(strings.Count(wrapped, "\n") + 1)
	h := lines*fyne.MeasureText("国", theme.TextSize(), fyne.TextStyle{}).Height + 2*theme.InnerPadding() + 110
	d := dialog.NewCustom(title, "确定", container.NewVScroll(l), u.win)
	d.Resize(fitWindow(fyne.NewSize(w, min(h, 420)), u.win))
	d.Show()
	u.closeOnEnter(d)
}

// enterClosers are the shown dialogs that Enter closes, by the overlay that shows them.
var enterClosers = map[fyne.CanvasObject]dialog.Dialog{}

// closeOnEnter makes Enter close d, just shown, while it is the top dialog (Fyne's own
// dialogs take no key but Escape on their buttons): the import summary and messages have
// the one button 确定.
func (u *UI) closeOnEnter(d *dialog.CustomDialog) {
	c := u.win.Canvas()
	top := c.Overlays().Top()
	if top == nil {
		return
	}
	enterClosers[top] = d
	d.SetOnClosed(func() { delete(enterClosers, top) })
	if c.OnTypedKey() == nil {
		c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
			if ev.Name != fyne.KeyReturn && ev.Name != fyne.KeyEnter {
				return
			}
			if d, ok := enterClosers[c.Overlays().Top()]; ok {
				d.Hide()
			}
		})
	}
}

// fitWindow shrinks a dialog size to fit inside the window.
func fitWindow(s fyne.Size, w fyne.Window) fyne.Size {
	c := w.Canvas().Size()
	if c.Width <= 0 || c.Height <= 0 {
		return s
	}
	return fyne.NewSize(min(s.Width, max(c.Width-40, 300)), min(s.Height, max(c.Height-40, 200)))
}

// openFileDialog asks for a file to read and calls done with its path.
func (u *UI) openFileDialog(title, confirm string, done func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		done(path)
	}, u.win)
	d.SetFilter(fileFilter())
	d.SetConfirmText(confirm)
	u.showFileDialog(d, title, u.startDir())
}

// folderDialog asks for a folder and calls done with its path.
func (u *UI) folderDialog(title, confirm, start string, done func(path string)) {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if l != nil {
			done(l.Path())
		}
	}, u.win)
	d.SetConfirmText(confirm)
	u.showFileDialog(d, title, start)
}

// startDir is the folder file dialogs start in: the open document's (the draft, else the
// file it was imported from), else the user's documents folder (documentsDir).
func (u *UI) startDir() string {
	for _, p := range []string{u.path, u.source} {
		if p == "" {
			continue
		}
		if st, err := os.Stat(filepath.Dir(p)); err == nil && st.IsDir() {
			return filepath.Dir(p)
		}
	}
	return documentsDir()
}

// documentsDir is the user's documents folder (文档, Documents, 我的文档), "" when there is none.
func documentsDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	for _, name := range []string{"Documents", "文档", "我的文档", "My Documents"} {
		d := filepath.Join(home, name)
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
	}
	return ""
}

// showFileDialog shows a file dialog in Chinese, with a title of its own (Fyne joins the
// button text and "File"), starting in folder start and sized to the window.
func (u *UI) showFileDialog(d *dialog.FileDialog, title, start string) {
	d.SetDismissText("取消")
	d.SetTitleText(title)
	d.SetView(dialog.ListView) // the grid cuts Chinese file names after six characters
	if start != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(start)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Show()
	d.Resize(dialogSize(u.win)) // after Show: FileDialog.Resize panics before it
	if top := u.win.Canvas().Overlays().Top(); top != nil {
		localizePlaces(top)
	}
}

// placeNames are the Chinese names of the places Fyne's file dialog lists on its left. Fyne
// shows them untranslated ("Home", "Computer"); localizePlaces puts these in their stead.
var placeNames = map[string]string{
	"Home": "主目录", "Computer": "计算机", "App Files": "程序文件", "Desktop": "桌面",
	"Documents": "文档", "Downloads": "下载", "Music": "音乐", "Pictures": "图片",
	"Videos": "视频", "Movies": "影片",
}

// localizePlaces finds the places list of a file dialog under o and makes it show the
// Chinese names. The dialog fills the list itself, so the list's item update is wrapped.
func localizePlaces(o fyne.CanvasObject) {
	walkPublic(o, func(o fyne.CanvasObject) {
		l, ok := o.(*widget.List)
		if !ok || l.UpdateItem == nil {
			return
		}
		update := l.UpdateItem
		l.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
			update(id, item)
			walkPublic(item, func(o fyne.CanvasObject) {
				if lb, ok := o.(*widget.Label); ok {
					if zh, ok := placeNames[lb.Text]; ok {
						lb.SetText(zh)
					}
				}
			})
		}
		l.Refresh()
	})
}

// walkPublic visits o and the objects inside it that public fields reach: containers, splits
// and anything with an exported Content field (pop-ups, scrolls and the overlay Fyne puts a
// pop-up in, whose type is internal to Fyne).
func walkPublic(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	visit(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, ch := range c.Objects {
			walkPublic(ch, visit)
		}
		return
	case *container.Split:
		walkPublic(c.Leading, visit)
		walkPublic(c.Trailing, visit)
		return
	}
	v := reflect.ValueOf(o)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return
	}
	if f := v.Elem().FieldByName("Content"); f.IsValid() && f.CanInterface() {
		if ch, ok := f.Interface().(fyne.CanvasObject); ok && ch != o {
			walkPublic(ch, visit)
		}
	}
}

// saveFileDialog asks for a file to write with extension ext, proposing name+ext in the
// current file's folder, and calls then with the chosen path (the extension added, or put in
// the stead of another format's, when the user left it out). The confirm button reads
// confirm. The dialog never opens the chosen file (see lazyFiles): then writes it through
// fileio.Write, so that a failing write leaves the old file as it was. When the extension
// changed the name to that of an existing file, the user is asked before it is replaced.
func (u *UI) saveFileDialog(title, name, ext, confirm string, then func(path string)) {
	guardFileScheme()
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(fmt.Errorf("无法保存到这里：%w", err))
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		w.Close() // unwritten: it has created nothing
		final := withExt(path, ext)
		if final == path {
			then(final)
			return
		}
		if st, err := os.Stat(final); err == nil {
			if st.IsDir() {
				u.showError(fmt.Errorf("已有名为「%s」的文件夹，请换一个文件名", filepath.Base(final)))
				return
			}
			u.ask("替换已有的文件？", "已有同名的文件「"+filepath.Base(final)+"」。要用新文件替换它吗？", "替换", func() { then(final) })
			return
		}
		then(final)
	}, u.win)
	d.SetFileName(name + ext)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	d.SetConfirmText(confirm)
	u.showFileDialog(d, title, u.startDir())
	// Fyne asks before replacing a file in English it does not translate: the question is put
	// in Chinese as soon as the confirm button (or Enter in the name field) has shown it.
	if top := u.win.Canvas().Overlays().Top(); top != nil {
		walkPublic(top, func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Text == confirm && b.OnTapped != nil {
				tapped := b.OnTapped
				b.OnTapped = func() {
					tapped()
					localizeOverwrite(u.win.Canvas().Overlays().Top())
				}
			}
		})
	}
}

// overwriteTexts are the English texts of Fyne's question before a save replaces a file, in
// Chinese; the one with the file's name is rewritten by localizeOverwrite.
var overwriteTexts = map[string]string{
	"Overwrite?":       "替换已有的文件？",
	"Cannot overwrite": "无法保存",
	"Files cannot replace a directory,\ncheck the file name and try again": "已有同名的文件夹，请换一个文件名。",
}

// overwritePrompt starts the question naming the file ("…the file\nNAME?").
const overwritePrompt = "Are you sure you want to overwrite the file\n"

// localizeOverwrite puts Fyne's replace-the-file question under o in Chinese.
func localizeOverwrite(o fyne.CanvasObject) {
	walkPublic(o, func(o fyne.CanvasObject) {
		l, ok := o.(*widget.Label)
		if !ok {
			return
		}
		if zh, ok := overwriteTexts[l.Text]; ok {
			l.SetText(zh)
		} else if name, ok := strings.CutPrefix(l.Text, overwritePrompt); ok {
			// Broken here, at the width the dialog gave the English text (it is not laid out
			// again), so that the label need not wrap and 」 never starts a line.
			w := l.Size().Width - 2*theme.InnerPadding()
			if w < 200 {
				w = fyne.MeasureText(strings.SplitN(l.Text, "\n", 2)[0], theme.TextSize(), fyne.TextStyle{}).Width
			}
			l.SetText(wrapText("已有同名的文件「"+strings.TrimSuffix(name, "?")+"」。要用新文件替换它吗？", theme.TextSize(), w-4))
		}
	})
}

// dialogSize is a comfortable size for file dialogs inside the window.
func dialogSize(w fyne.Window) fyne.Size {
	s := w.Canvas().Size()
	return fyne.NewSize(max(min(s.Width-40, 900), 400), max(min(s.Height-40, 600), 300))
}

// withExt gives path the extension ext: unchanged when it already ends with it (in any
// case), with ext in the stead of another format's extension ("报告.doc" exported as Word is
// "报告.docx", never a .doc file holding DOCX), else with ext added ("2025.年报" stays whole).
func withExt(path, ext string) string {
	old := filepath.Ext(path)
	if strings.EqualFold(old, ext) {
		return path
	}
	if knownExt(old) {
		return strings.TrimSuffix(path, old) + ext
	}
	return path + ext
}

// otherExts are extensions of formats nianbao does not write but a clerk may type for one it
// does (the old Word and Excel files, the short web page).
var otherExts = []string{".doc", ".xls", ".htm", ".txt", ".wps", ".et"}

// knownExt reports whether ext (with its dot) is a file format's: one of the registry's
// (open.Formats) or of otherExts.
func knownExt(ext string) bool {
	if len(ext) < 2 {
		return false
	}
	if slices.ContainsFunc(otherExts, func(e string) bool { return strings.EqualFold(e, ext) }) {
		return true
	}
	for _, f := range open.Formats {
		for _, e := range f.Exts() {
			if strings.EqualFold(e, ext) {
				return true
			}
		}
	}
	return false
}
