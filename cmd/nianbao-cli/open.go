package main

import "github.com/nianbao/nianbao/export/open"

// openReport reads a draft, a workbook or a published text by its extension; unknown
// extensions are tried as drafts. The desktop app opens files the same way.
var openReport = open.Report
