package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/form"
)

func BenchmarkWrite(b *testing.B) {
	r := form.Sample(form.Latest)
	var size int
	for b.Loop() {
		var buf bytes.Buffer
		if err := Write(&buf, r); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size), "bytes/file")
}

func BenchmarkReadOwn(b *testing.B) {
	data := writeBytes(b, form.Sample(form.Latest))
	for b.Loop() {
		if _, _, err := Read(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadHandMade(b *testing.B) {
	data, _ := handMade(b, form.Sample(form.Latest), handOpts{merge: true, relabel: typist, title: []string{"某局2025年政府信息公开工作年度报告"}})
	for b.Loop() {
		if _, _, err := Read(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

var (
	units500     [][]byte
	units500Once sync.Once
)

// BenchmarkMerge500 is `merge` of 500 unit workbooks: read them all, sum, write the total
// with its units sheet.
func BenchmarkMerge500(b *testing.B) {
	units500Once.Do(func() {
		for i := range 500 {
			r := form.Sample(form.Latest)
			r.Meta.Agency = fmt.Sprintf("示例单位%03d", i)
			_ = r.Set("apply.1.natural", strconv.Itoa(i))
			units500 = append(units500, writeBytes(b, r))
		}
	})
	paths := make([]string, len(units500))
	for i := range paths {
		paths[i] = strconv.Itoa(i)
	}
	for b.Loop() {
		units := form.LoadUnits(paths, func(p string) (*form.Report, []string, error) {
			i, _ := strconv.Atoi(p)
			r, _, err := Read(bytes.NewReader(units500[i]))
			return r, nil, err
		})
		s, err := form.Aggregate("示例县", units)
		if err != nil || len(s.Units) != 500 {
			b.Fatal(err)
		}
		if err := WriteSummary(io.Discard, s); err != nil {
			b.Fatal(err)
		}
	}
}
