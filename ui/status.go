package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// statusBar is the line at the window's foot that says what happened in the background:
// autosaves, a failed autosave (once, with its reason, until autosaving works again), the
// last file reopened at start.
type statusBar struct {
	label *widget.Label
	// problem is the text of a standing failure; plain notes do not replace it.
	problem string
}

func newStatusBar() *statusBar { return &statusBar{} }

func (s *statusBar) build() fyne.CanvasObject {
	s.label = widget.NewLabel("")
	s.label.SizeName = theme.SizeNameCaptionText
	s.label.Truncation = fyne.TextTruncateEllipsis
	s.label.Alignment = fyne.TextAlignTrailing
	return s.label
}

// text is what the line shows now.
func (s *statusBar) text() string {
	if s.label == nil {
		return ""
	}
	return s.label.Text
}

// note shows a passing message, unless a failure is standing.
func (s *statusBar) note(msg string) {
	if s.label == nil || s.problem != "" {
		return
	}
	s.label.Importance = widget.LowImportance
	s.label.SetText(msg)
}

// clear removes a passing message (another report was opened: the last one's message is
// about the old report). A standing failure stays: it is about the autosave folder.
func (s *statusBar) clear() {
	if s.label == nil || s.problem != "" {
		return
	}
	s.label.Importance = widget.LowImportance
	s.label.SetText("")
}

// fail shows a failure in the danger colour; the same failure again changes nothing (it is
// shown once, not every 30 seconds).
func (s *statusBar) fail(msg string) {
	if s.label == nil || msg == s.problem {
		return
	}
	s.problem = msg
	s.label.Importance = widget.DangerImportance
	s.label.SetText(msg)
}

// recovered ends a standing failure with a message.
func (s *statusBar) recovered(msg string) {
	if s.problem == "" {
		return
	}
	s.problem = ""
	s.note(msg)
}
