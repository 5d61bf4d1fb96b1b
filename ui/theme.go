package ui

import (
	"image/color"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/nianbao/nianbao/assets"
)

// cjkTheme is Fyne's default theme with the bundled Chinese UI font for every text style:
// Fyne's own font has no CJK glyphs and would show boxes.
type cjkTheme struct {
	fyne.Theme
	font fyne.Resource
}

// newTheme returns the app theme. The font is the bundled TrueType UI font (never a .ttc,
// which makes Fyne panic).
func newTheme() fyne.Theme {
	return &cjkTheme{Theme: theme.DefaultTheme(), font: uiFont()}
}

// uiFont is the UI font resource, one for the process: Fyne caches parsed fonts by resource.
var uiFont = sync.OnceValue(func() fyne.Resource {
	return fyne.NewStaticResource("NotoSansSC-Regular.ttf", assets.Font(assets.UI))
})

// Font returns the Chinese UI font for every style (the bundled font has no bold or mono).
func (t *cjkTheme) Font(fyne.TextStyle) fyne.Resource { return t.font }

// Color always uses the light variant: the tables should look like the printed ones.
// Disabled text is darker than Fyne's so that computed totals stay readable.
func (t *cjkTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameDisabled {
		return color.NRGBA{R: 0x55, G: 0x55, B: 0x55, A: 0xff}
	}
	return t.Theme.Color(n, theme.VariantLight)
}

// Status colours of cells, shared by the grid and the tests.
var (
	colorError   = color.NRGBA{R: 0xd3, G: 0x2f, B: 0x2f, A: 0xff}
	colorWarning = color.NRGBA{R: 0xef, G: 0x8c, B: 0x00, A: 0xff}
	colorFocus   = color.NRGBA{R: 0x19, G: 0x76, B: 0xd2, A: 0xff}
	// colorUnfilled frames cells still to be filled in: quiet, not the red of a mistake.
	colorUnfilled = color.NRGBA{R: 0x90, G: 0xa4, B: 0xae, A: 0xc0}
	colorNone     = color.NRGBA{}
	colorBadFill  = color.NRGBA{R: 0xd3, G: 0x2f, B: 0x2f, A: 0x30}
	colorLast     = color.NRGBA{R: 0x60, G: 0x60, B: 0x60, A: 0xff}
)
