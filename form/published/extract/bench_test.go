package extract

import (
	"bytes"
	"os"
	"testing"
)

// BenchmarkRead reads a real report in each form: the saved page 01 (120 KB of site chrome
// around the article), the LibreOffice Word file D3, the WPS PDF 12 (6 pages) and the
// Chromium PDF D1 (5 pages).
func BenchmarkRead(b *testing.B) {
	for _, tc := range []struct {
		name, file string
		read       func(data []byte) (string, error)
	}{
		{"html", "01_pingtan_shenpiju_2023.html", func(d []byte) (string, error) { return HTML(bytes.NewReader(d)) }},
		{"docx", "D3_pingtan_ziranziyuanju_2024_DERIVED_libreoffice.docx", func(d []byte) (string, error) { return DOCX(bytes.NewReader(d), int64(len(d))) }},
		{"pdf-wps", "12_huaian_city_gov_2024.pdf", readPDF},
		{"pdf-chromium", "D1_pingtan_shenpiju_2023_DERIVED_chromium.pdf", readPDF},
	} {
		data, err := os.ReadFile(corpus + tc.file)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := tc.read(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
