//go:build ci

package main

import "fyne.io/fyne/v2"

// workArea is unknown with the software driver of headless builds.
func workArea(fyne.App) fyne.Size { return fyne.Size{} }
