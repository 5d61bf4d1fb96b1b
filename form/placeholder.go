package form

import "slices"

// Placeholders are the texts, after Normalize, that clerks type into a number cell for
// "nothing happened" ("/", "—", "无"…): Parse refuses them with "没有发生请填 0", and the
// import of published texts reads them as a cell's value.
var Placeholders = []string{"/", "—", "——", "-", "--", "―", "无", "空", "—/", "/—"}

// IsPlaceholder reports whether the normalized text s is one of Placeholders.
func IsPlaceholder(s string) bool { return slices.Contains(Placeholders, s) }
