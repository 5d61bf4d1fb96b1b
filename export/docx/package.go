package docx

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"time"

	"github.com/nianbao/nianbao/export/outline"
	"github.com/nianbao/nianbao/form"
)

// Relationship ids of the document part.
const (
	relStyles     = "rIdStyles"
	relSettings   = "rIdSettings"
	relFonts      = "rIdFonts"
	relFooterOdd  = "rIdFooterOdd"
	relFooterEven = "rIdFooterEven"
)

// part is one file of the package.
type part struct {
	name        string
	contentType string // "" for parts covered by a default content type
	body        any
}

// china is the time zone of the report dates (UTC+8, no daylight saving).
var china = time.FixedZone("CST", 8*3600)

// defaultDate is the document date of a report without a publication date.
var defaultDate = time.Date(2021, 1, 1, 0, 0, 0, 0, china)

// documentDate is the fixed creation time written to the package (see Options.Date).
func documentDate(r *form.Report, opt Options) time.Time {
	if !opt.Date.IsZero() {
		return opt.Date.In(china).Truncate(time.Second)
	}
	if t, err := time.ParseInLocation("2006-01-02", r.Meta.Date, china); err == nil && t.Year() >= 1980 {
		return t
	}
	return defaultDate
}

// writePackage writes the parts of the document as a zip, in a fixed order with fixed
// times (the zip's local times in China's time zone, so that an unzip tool there shows the
// report's date).
func writePackage(w io.Writer, r *form.Report, doc *document, opt Options) error {
	date := documentDate(r, opt)
	const (
		main = "application/vnd.openxmlformats-officedocument.wordprocessingml."
		pkg  = "application/vnd.openxmlformats-package."
	)
	docRels := &relationships{NS: nsRel, Rels: []relationship{
		{ID: relStyles, Type: nsR + "/styles", Target: "styles.xml"},
		{ID: relSettings, Type: nsR + "/settings", Target: "settings.xml"},
		{ID: relFonts, Type: nsR + "/fontTable", Target: "fontTable.xml"},
	}}
	parts := []part{
		{"_rels/.rels", "", &relationships{NS: nsRel, Rels: []relationship{
			{ID: "rId1", Type: nsR + "/officeDocument", Target: "word/document.xml"},
			{ID: "rId2", Type: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", Target: "docProps/core.xml"},
			{ID: "rId3", Type: nsR + "/extended-properties", Target: "docProps/app.xml"},
		}}},
		{"docProps/core.xml", pkg + "core-properties+xml", coreProps(r, date)},
		{"docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml",
			&appProps{NS: "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties", Application: "年报助手"}},
		{"word/document.xml", main + "document.main+xml", doc},
		{"word/styles.xml", main + "styles+xml", styles()},
		{"word/settings.xml", main + "settings+xml", documentSettings(!opt.NoPageNumbers)},
		{"word/fontTable.xml", main + "fontTable+xml", fontTableOf(faces)},
	}
	if !opt.NoPageNumbers {
		docRels.Rels = append(docRels.Rels,
			relationship{ID: relFooterOdd, Type: nsR + "/footer", Target: "footer1.xml"},
			relationship{ID: relFooterEven, Type: nsR + "/footer", Target: "footer2.xml"})
		parts = append(parts,
			part{"word/footer1.xml", main + "footer+xml", pageFooter(true)},
			part{"word/footer2.xml", main + "footer+xml", pageFooter(false)})
	}
	parts = append(parts, part{"word/_rels/document.xml.rels", "", docRels})
	types := &contentTypes{NS: "http://schemas.openxmlformats.org/package/2006/content-types", Defaults: []ctDefault{
		{Ext: "rels", Type: pkg + "relationships+xml"},
		{Ext: "xml", Type: "application/xml"},
	}}
	for _, p := range parts {
		if p.contentType != "" {
			types.Overrides = append(types.Overrides, ctOverride{Part: "/" + p.name, Type: p.contentType})
		}
	}
	parts = append([]part{{"[Content_Types].xml", "", types}}, parts...)

	zw := zip.NewWriter(w)
	for _, p := range parts {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: date})
		if err != nil {
			return fmt.Errorf("无法写入 Word 文档：%w", err)
		}
		if _, err := io.WriteString(fw, xml.Header); err != nil {
			return fmt.Errorf("无法写入 Word 文档：%w", err)
		}
		if err := xml.NewEncoder(fw).Encode(p.body); err != nil {
			return fmt.Errorf("无法写入 Word 文档（%s）：%w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("无法写入 Word 文档：%w", err)
	}
	return nil
}

type relationships struct {
	XMLName xml.Name       `xml:"Relationships"`
	NS      string         `xml:"xmlns,attr"`
	Rels    []relationship `xml:"Relationship"`
}

type relationship struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
}

type contentTypes struct {
	XMLName   xml.Name     `xml:"Types"`
	NS        string       `xml:"xmlns,attr"`
	Defaults  []ctDefault  `xml:"Default"`
	Overrides []ctOverride `xml:"Override"`
}

type ctDefault struct {
	Ext  string `xml:"Extension,attr"`
	Type string `xml:"ContentType,attr"`
}

type ctOverride struct {
	Part string `xml:"PartName,attr"`
	Type string `xml:"ContentType,attr"`
}

type appProps struct {
	XMLName     xml.Name `xml:"Properties"`
	NS          string   `xml:"xmlns,attr"`
	Application string   `xml:"Application"`
}

type coreProperties struct {
	XMLName  xml.Name `xml:"cp:coreProperties"`
	CP       string   `xml:"xmlns:cp,attr"`
	DC       string   `xml:"xmlns:dc,attr"`
	DCTerms  string   `xml:"xmlns:dcterms,attr"`
	XSI      string   `xml:"xmlns:xsi,attr"`
	Title    string   `xml:"dc:title"`
	Creator  string   `xml:"dc:creator,omitempty"`
	Language string   `xml:"dc:language"`
	Created  w3cdtf   `xml:"dcterms:created"`
	Modified w3cdtf   `xml:"dcterms:modified"`
}

type w3cdtf struct {
	Type string `xml:"xsi:type,attr"`
	Time string `xml:",chardata"`
}

func coreProps(r *form.Report, date time.Time) *coreProperties {
	t := w3cdtf{Type: "dcterms:W3CDTF", Time: date.UTC().Format("2006-01-02T15:04:05Z")}
	return &coreProperties{
		CP: "http://schemas.openxmlformats.org/package/2006/metadata/core-properties", DC: "http://purl.org/dc/elements/1.1/",
		DCTerms: "http://purl.org/dc/terms/", XSI: "http://www.w3.org/2001/XMLSchema-instance",
		Title: outline.Line(r.Title()), Creator: outline.Line(r.Meta.Agency), Language: "zh-CN",
		Created: t, Modified: t,
	}
}
