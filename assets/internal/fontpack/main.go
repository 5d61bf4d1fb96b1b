// Command fontpack converts a TrueType font (.ttf, or .ttf.gz) into the font pack that
// package assets embeds (see assets.PackFont): fonts/build.sh runs it on every bundled font.
//
//	go run ./assets/internal/fontpack [-chunk BYTES] IN.ttf OUT.nbfp
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/nianbao/nianbao/assets"
)

func main() {
	chunk := flag.Int("chunk", 0, "chunk size in bytes (default 8 KiB)")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: fontpack [-chunk BYTES] IN.ttf OUT.nbfp")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), flag.Arg(1), *chunk); err != nil {
		fmt.Fprintln(os.Stderr, "fontpack:", err)
		os.Exit(1)
	}
}

func run(in, out string, chunk int) error {
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
	var buf bytes.Buffer
	if err := assets.PackFont(&buf, b, chunk); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}
