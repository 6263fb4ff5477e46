package redisstore

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kubequiz/kubequiz/internal/redistest"
)

// TestPreloadLoadsEveryScript: after Preload, Redis's script cache holds
// every script of the package, so that none goes EVALSHA, NOSCRIPT, EVAL
// on its first run. The server is the test's own: the shared one's cache
// holds what other tests ran.
func TestPreloadLoadsEveryScript(t *testing.T) {
	rdb := redistest.Start(t).Client(t)
	ctx := ctxFor(t)
	if err := New(rdb).Preload(ctx); err != nil {
		t.Fatal(err)
	}
	hashes := make([]string, len(luaScripts))
	for i, s := range luaScripts {
		hashes[i] = s.Hash()
	}
	loaded, err := rdb.ScriptExists(ctx, hashes...).Result()
	if err != nil {
		t.Fatal(err)
	}
	if len(loaded) != len(hashes) {
		t.Fatalf("SCRIPT EXISTS answered %d of %d scripts", len(loaded), len(hashes))
	}
	for i, ok := range loaded {
		if !ok {
			t.Errorf("script %d of luaScripts (SHA1 %s) is not in Redis's script cache after Preload", i, hashes[i])
		}
	}
}

// TestEveryScriptIsRegistered parses the package's Go files: none makes a
// script with redis.NewScript (newScript registers it for Preload), and
// newScript is only called in package-level declarations, once for each
// script in luaScripts.
func TestEveryScriptIsRegistered(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	made := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		redisName := importName(f, "github.com/redis/go-redis/v9", "redis")
		for _, decl := range f.Decls {
			fn, inFunc := decl.(*ast.FuncDecl)
			ast.Inspect(decl, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				switch fun := call.Fun.(type) {
				case *ast.SelectorExpr:
					if x, ok := fun.X.(*ast.Ident); ok && redisName != "" && x.Name == redisName && fun.Sel.Name == "NewScript" &&
						!(inFunc && fn.Recv == nil && fn.Name.Name == "newScript") {
						t.Errorf("%s: a script made with %s.NewScript, which Preload does not know: make it with newScript", fset.Position(call.Pos()), redisName)
					}
				case *ast.Ident:
					if fun.Name == "newScript" {
						made++
						if inFunc {
							t.Errorf("%s: newScript called in %s: it registers a script each time; make scripts in package-level declarations", fset.Position(call.Pos()), fn.Name.Name)
						}
					}
				}
				return true
			})
		}
	}
	if made == 0 || made != len(luaScripts) {
		t.Errorf("the package's files call newScript %d times; %d scripts are registered", made, len(luaScripts))
	}
}

// importName is the name f refers to the package at importPath by
// (declared as pkgName), "" when it does not import it.
func importName(f *ast.File, importPath, pkgName string) string {
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == importPath {
			if imp.Name != nil {
				return imp.Name.Name
			}
			return pkgName
		}
	}
	return ""
}
