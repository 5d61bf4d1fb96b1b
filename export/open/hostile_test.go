//go:build linux

package open

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode"

	"github.com/nianbao/nianbao/export/xlsx/xlsxtest"
)

// The hostile-input suite (issue 14): files generated here, each opened through the registry
// in a fresh process whose peak memory (VmHWM) and CPU time (getrusage) are measured, so that a
// reader that runs out of memory fails its case instead of the test run. Budgets: ≤ 2 s of CPU
// and ≤ 200 MB resident each (looser under the race detector, which multiplies both; the
// strict run is scripts/test.sh's "hostile inputs" step). Every case must end with a Chinese
// refusal or a report, never a crash or a hang.
const (
	hostileCPU = 2 * time.Second
	hostileRSS = 200 << 20
)

// hostileCase is one generated file and the words its refusal must hold ("" when a report
// may come back).
type hostileCase struct {
	name, path, want string
}

func TestHostileInputs(t *testing.T) {
	if p := os.Getenv("NIANBAO_HOSTILE_PATH"); p != "" {
		r, ws, err := View(p)
		fmt.Printf("report=%v warnings=%d error=%v\nVmHWM=%d\n", r != nil, len(ws), err, peakRSS())
		os.Exit(0)
	}
	if raceEnabled {
		t.Skip("time and memory budgets are measured without the race detector (scripts/test.sh: hostile inputs)")
	}
	dir := t.TempDir()
	cases := hostileCases(t, dir)
	cpuBudget, rssBudget := hostileCPU, int64(hostileRSS)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// The readers' own wall-clock deadline (fileio.MaxReadTime) can refuse a case on a
			// machine busy with other work; such a refusal is read again (twice at most), so
			// that the expected result is still required of every case.
			var res string
			var cpu time.Duration
			var rss int64
			for try := 0; try < 3; try++ {
				res, cpu, rss = runHostile(t, c.path)
				if !strings.Contains(res, tooSlow) || strings.Contains(c.want, tooSlow) {
					break
				}
			}
			if _, msg, _ := strings.Cut(res, " error="); msg != "<nil>" && !hasHan(msg) {
				t.Errorf("the refusal is not in Chinese: %q", msg)
			}
			if c.want != "" && !strings.Contains(res, c.want) {
				t.Errorf("result %q lacks %q", res, c.want)
			}
			if !strings.Contains(res, "error=") || rss == 0 {
				t.Errorf("no result: %q", res)
			}
			if cpu > cpuBudget {
				t.Errorf("took %v of CPU, budget %v", cpu, cpuBudget)
			}
			if rss > rssBudget {
				t.Errorf("peak RSS %d MB, budget %d MB", rss>>20, rssBudget>>20)
			}
		})
	}
}

// tooSlow is in the refusal of a file not read within fileio.MaxReadTime.
const tooSlow = "秒内未能读完"

// runHostile opens path in a fresh process and returns what it printed (the result), its CPU
// time and its peak resident memory.
func runHostile(t *testing.T, path string) (string, time.Duration, int64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestHostileInputs$")
	cmd.Env = append(os.Environ(), "NIANBAO_HOSTILE_PATH="+path, "GOMAXPROCS=2")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if ctx.Err() != nil {
		t.Fatalf("still running after %v", wall)
	}
	if err != nil {
		t.Fatalf("the reader crashed: %v\n%s", err, tail(out.String()))
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	// The child's own peak (getrusage's maxrss would include the parent's size at the
	// fork): the high-water mark of its address space, printed by the child.
	res, hwm, _ := strings.Cut(strings.TrimSpace(out.String()), "\nVmHWM=")
	rss, _ := strconv.ParseInt(hwm, 10, 64)
	size := int64(-1)
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	t.Logf("%s: %v CPU, %v wall, %d MB peak RSS: %s", sizeText(size), cpu.Round(time.Millisecond), wall.Round(time.Millisecond), rss>>20, res)
	return res, cpu, rss
}

// peakRSS is the process's peak resident memory in bytes (VmHWM), 0 if unknown.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

func sizeText(n int64) string {
	switch {
	case n < 0:
		return "not a file"
	case n < 1<<20:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

func tail(s string) string { return s[max(0, len(s)-2000):] }

// hostileCases writes the files of the suite into dir.
func hostileCases(t *testing.T, dir string) []hostileCase {
	var cases []hostileCase
	file := func(name, want string, data []byte) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if len(data) > 2<<20 && strings.HasSuffix(name, ".xlsx") {
			t.Fatalf("%s: a generated archive is %d bytes; keep bombs small", name, len(data))
		}
		cases = append(cases, hostileCase{name, p, want})
	}
	// Devices and FIFOs under every readable extension, and ones not read yet.
	for _, ext := range []string{".txt", ".xlsx", ".nianbao", ".json", ".docx", ".html", ".pdf"} {
		zero := filepath.Join(dir, "zero"+ext)
		os.Symlink("/dev/zero", zero)
		fifo := filepath.Join(dir, "fifo"+ext)
		if err := syscall.Mkfifo(fifo, 0o644); err != nil {
			t.Fatal(err)
		}
		want := "不是普通文件"
		cases = append(cases, hostileCase{"/dev/zero as " + ext, zero, want}, hostileCase{"FIFO as " + ext, fifo, want})
	}
	cases = append(cases, hostileCase{"/dev/urandom as .txt", linkTo(t, dir, "urandom.txt", "/dev/urandom"), "不是普通文件"})

	// Sparse-row column bombs (issue 14 item 1: 28 KB → 956 MB, 418 KB → out of memory).
	for name, data := range xlsxtest.ColumnBombs() {
		file("column bomb, "+name+".xlsx", "没有找到", data)
	}
	// Zip bombs: 1 GB of zeros declared honestly, and declared as 1 KB.
	file("zipbomb-honest.xlsx", "过大", xlsxtest.ZeroBomb("xl/worksheets/sheet1.xml", 1<<30, false))
	file("zipbomb-lying.xlsx", "损坏", xlsxtest.ZeroBomb("xl/worksheets/sheet1.xml", 1<<30, true))
	file("zipbomb-shared-strings.xlsx", "", xlsxtest.ZeroBomb("xl/sharedStrings.xml", 1<<30, true))
	file("zip-5000-parts.xlsx", "部件过多", xlsxtest.ManyParts(5000))
	// A million rows: over the part limit, and 600,000 under it.
	file("rows-1e6.xlsx", "过大", xlsxtest.Workbook(xlsxtest.Sheet{Name: "Sheet1", Rows: strings.Repeat("<row/>", 1_000_000)}))
	file("rows-6e5.xlsx", "没有找到", xlsxtest.Workbook(xlsxtest.Sheet{Name: "Sheet1", Rows: strings.Repeat("<row/>", 600_000)}))
	file("rows-1e6.txt", "超过 10000 行", []byte(strings.Repeat("一、\n", 1_000_000)))
	file("rows-9500.txt", "", []byte(strings.Repeat("（一）予以公开 1 2 3 4 5 6 7 8\n", 9_500)))
	file("one-line-4MB.txt", "", []byte(strings.Repeat("本年度共收到政府信息公开申请", (4<<20)/42)))
	// Many dense sheets: 32 × 1,000 rows × 100 numbers (45 MB of XML): reading stops at
	// fileio.MaxSheetCells.
	var dense []xlsxtest.Sheet
	row := "<row>" + strings.Repeat("<c><v>1</v></c>", 100) + "</row>"
	for i := range 32 {
		dense = append(dense, xlsxtest.Sheet{Name: fmt.Sprintf("S%d", i), Rows: strings.Repeat(row, 1000)})
	}
	file("dense-32-sheets.xlsx", "没有找到", xlsxtest.Workbook(dense...))
	// Deep nesting: JSON, and XML in a sheet.
	file("nested.nianbao", "嵌套超过", []byte(`{"schema":"nianbao.draft","version":1,"x":`+strings.Repeat("[", 10<<20)))
	file("nested-sheet.xlsx", "", xlsxtest.Workbook(xlsxtest.Sheet{Name: "Sheet1", Rows: strings.Repeat("<a>", 1_000_000)}))
	file("cells-6e5.nianbao", "单元格过多", []byte(`{"schema":"nianbao.draft","version":1,"format":"2021","cells":{`+strings.Repeat(`"apply.1.natural":"1",`, 600_000)+`"x":"1"}}`))
	// Word files (published.ReadAny): the same bombs inside a .docx.
	file("zipbomb-lying.docx", "无法读取「zipbomb-lying.docx」", xlsxtest.ZeroBomb("word/document.xml", 1<<30, true))
	file("zipbomb-honest.docx", "无法读取「zipbomb-honest.docx」", xlsxtest.ZeroBomb("word/document.xml", 1<<30, false))
	file("nested.html", "", []byte(strings.Repeat("<div>", 1_000_000)))
	// A PDF of 10,000 pages (issue 14: refused or read in bounded time and memory, with a
	// Chinese message): one flat page tree, every page drawing the same short text.
	file("pages-10000.pdf", "", manyPagesPDF(10_000, 10_000))
	file("pages-10000-count-1.pdf", "", manyPagesPDF(10_000, 1)) // a /Count that lies
	return cases
}

func linkTo(t *testing.T, dir, name, target string) string {
	p := filepath.Join(dir, name)
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
	return p
}

// manyPagesPDF is a PDF of n pages in one flat page tree whose /Count says count, every page
// sharing one content stream that shows a line of text in Helvetica (about 150 bytes a page).
func manyPagesPDF(n, count int) []byte {
	var b bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	var kids strings.Builder
	for i := range n {
		fmt.Fprintf(&kids, "%d 0 R ", 5+i)
	}
	obj(fmt.Sprintf("<< /Type /Pages /Count %d /Kids [%s] >>", count, kids.String()))
	text := "BT /F1 12 Tf 72 720 Td (Annual report page) Tj ET"
	obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(text), text))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	for range n {
		obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
