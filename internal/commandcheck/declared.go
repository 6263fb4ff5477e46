package commandcheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/quiz"
)

// DeclaredTexts are the quiz.Text literals written in the Go files of the
// package in dir (its tests left out), read from their source, so that a
// package's own lines are all checked without a list of them to keep: a
// new line cannot be forgotten. An empty quiz.Text{} is none. A literal
// whose ZH or EN is not a string constant written there (a literal, or
// literals joined by +) fails the test: its text could not be checked.
func DeclaredTexts(t testing.TB, dir string) []quiz.Text {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var texts []quiz.Text
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok || !isQuizText(lit.Type) || len(lit.Elts) == 0 {
				return true
			}
			var text quiz.Text
			for _, elt := range lit.Elts {
				kv, ok := elt.(*ast.KeyValueExpr)
				key, _ := kv.Key.(*ast.Ident)
				s, isConst := stringConstant(kv.Value)
				if !ok || key == nil || !isConst {
					t.Fatalf("%s: a quiz.Text whose text is not a string written there cannot be checked", fset.Position(elt.Pos()))
				}
				switch key.Name {
				case "ZH":
					text.ZH = s
				case "EN":
					text.EN = s
				}
			}
			texts = append(texts, text)
			return false
		})
	}
	return texts
}

// isQuizText reports whether e is the type quiz.Text.
func isQuizText(e ast.Expr) bool {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "quiz" && sel.Sel.Name == "Text"
}

// stringConstant is the value of e when it is a string literal, or string
// literals joined by +.
func stringConstant(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		x, ok1 := stringConstant(e.X)
		y, ok2 := stringConstant(e.Y)
		return x + y, ok1 && ok2
	case *ast.ParenExpr:
		return stringConstant(e.X)
	}
	return "", false
}
