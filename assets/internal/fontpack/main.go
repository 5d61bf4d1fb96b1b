// Command fontpack converts a TrueType font (.ttf, or .ttf.gz) into the font pack that
// package assets embeds (see assets.PackFont): fonts/build.sh runs it on every bundled font.
//
//	go run ./assets/internal/fontpack [-chunk BYTES] [-order GLYPHS.txt] IN.ttf OUT.nbfp
//
// The pack stores the font's tables first, raw, then the glyph outlines: those listed in
// GLYPHS.txt (glyph ids, one a line: build.sh lists the glyphs of the commonest
// characters) first, then the others by glyph id.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/assets"
)

func main() {
	chunk := flag.Int("chunk", 0, "chunk size in bytes (default 8 KiB)")
	order := flag.String("order", "", "file of glyph ids to store first, one a line")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: fontpack [-chunk BYTES] [-order GLYPHS.txt] IN.ttf OUT.nbfp")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), flag.Arg(1), *order, *chunk); err != nil {
		fmt.Fprintln(os.Stderr, "fontpack:", err)
		os.Exit(1)
	}
}

func run(in, out, orderFile string, chunk int) error {
	b, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	if strings.HasSuffix(in, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return err
		}
		if b, err = io.ReadAll(zr); err != nil {
			return err
		}
	}
	var first []int
	if orderFile != "" {
		f, err := os.Open(orderFile)
		if err != nil {
			return err
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if t := strings.TrimSpace(sc.Text()); t != "" {
				g, err := strconv.Atoi(t)
				if err != nil {
					return fmt.Errorf("%s: %w", orderFile, err)
				}
				first = append(first, g)
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return err
		}
	}
	extents, raw, err := layout(b, first)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := assets.PackFont(&buf, b, chunk, extents, raw); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// layout returns the extents of font in storage order — everything but the glyf table,
// then the glyphs of first, then the other glyphs — and the length of the first part.
func layout(font []byte, first []int) ([][2]int, int, error) {
	be := binary.BigEndian
	if len(font) < 12 {
		return nil, 0, errors.New("not a TrueType font")
	}
	tables := map[string][2]int{}
	for i := 0; i < int(be.Uint16(font[4:])); i++ {
		r := 12 + 16*i
		if r+16 > len(font) {
			return nil, 0, errors.New("bad table directory")
		}
		off, n := int(be.Uint32(font[r+8:])), int(be.Uint32(font[r+12:]))
		if off+n > len(font) {
			return nil, 0, errors.New("table out of the file")
		}
		tables[string(font[r:r+4])] = [2]int{off, n}
	}
	glyf, head, maxp, loca := tables["glyf"], tables["head"], tables["maxp"], tables["loca"]
	if glyf[1] == 0 || head[1] < 54 || maxp[1] < 6 {
		return nil, 0, errors.New("not a TrueType font with glyf outlines")
	}
	long := be.Uint16(font[head[0]+50:]) == 1
	ng := int(be.Uint16(font[maxp[0]+4:]))
	offs := make([]int, ng+1)
	for g := range offs {
		if long {
			offs[g] = int(be.Uint32(font[loca[0]+4*g:]))
		} else {
			offs[g] = 2 * int(be.Uint16(font[loca[0]+2*g:]))
		}
		if offs[g] > glyf[1] || g > 0 && offs[g] < offs[g-1] {
			return nil, 0, errors.New("bad loca table")
		}
	}
	var ext [][2]int
	add := func(off, n int) {
		if n > 0 {
			ext = append(ext, [2]int{off, n})
		}
	}
	add(0, glyf[0])
	add(glyf[0]+glyf[1], len(font)-glyf[0]-glyf[1])
	raw := 0
	for _, e := range ext {
		raw += e[1]
	}
	done := make([]bool, ng)
	glyph := func(g int) {
		if g >= 0 && g < ng && !done[g] {
			done[g] = true
			add(glyf[0]+offs[g], offs[g+1]-offs[g])
		}
	}
	glyph(0)
	for _, g := range first {
		glyph(g)
	}
	for g := 0; g < ng; g++ {
		glyph(g)
	}
	add(glyf[0]+offs[ng], glyf[1]-offs[ng])
	return ext, raw, nil
}
