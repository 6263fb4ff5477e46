package redisstore

import "github.com/redis/go-redis/v9"

// luaScripts are every script of the package, in the order they were made:
// Store.Preload loads them all.
var luaScripts []*redis.Script

// newScript makes a script of the package from its Lua source and
// registers it for Store.Preload. Every script is made with it, never
// with redis.NewScript (a test checks), so that none is left out of the
// script cache at start.
func newScript(src string) *redis.Script {
	s := redis.NewScript(src)
	luaScripts = append(luaScripts, s)
	return s
}
