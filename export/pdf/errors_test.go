package pdf

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// errorDirs are the packages whose errors reach the PDF export's caller: this one and the
// fonts it is given (assets).
var errorDirs = []string{".", "../../assets"}

// TestErrorsInChinese: every error these packages make (errors.New, fmt.Errorf with a
// literal message) says what went wrong in Chinese, since any of them may reach the user's
// status line; a package in which none is found fails, so that it cannot pass by looking
// nowhere.
func TestErrorsInChinese(t *testing.T) {
	for _, dir := range errorDirs {
		if found := chineseErrors(t, dir); found < 5 {
			t.Errorf("%s: only %d error messages found", dir, found)
		}
	}
}

// chineseErrors checks the literal error messages of the package in dir and returns how
// many it found.
func chineseErrors(t *testing.T, dir string) int {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	found := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			pkg, ok := sel.X.(*ast.Ident)
			if !ok || !(pkg.Name == "errors" && sel.Sel.Name == "New" || pkg.Name == "fmt" && sel.Sel.Name == "Errorf") {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			msg, _ := strconv.Unquote(lit.Value)
			found++
			if !strings.ContainsFunc(msg, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
				t.Errorf("%s: error %q is not in Chinese", fset.Position(lit.Pos()), msg)
			}
			return true
		})
	}
	return found
}
