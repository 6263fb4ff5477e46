package check

import (
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
)

// testPassword stands for the Secret's REDIS_PASSWORD.
const testPassword = "5f0c3a9e7b21d4c8a6e1f03b92d7c54e"

// expand replaces $(NAME) with vars[NAME] as the kubelet does in env values,
// commands and args: $$ is a literal $, and a reference to an undefined
// variable is left as written.
func expand(s string, vars map[string]string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case strings.HasPrefix(s[i:], "$$"):
			b.WriteByte('$')
			i++
		case strings.HasPrefix(s[i:], "$("):
			end := strings.IndexByte(s[i:], ')')
			if end < 0 {
				b.WriteString(s[i:])
				return b.String()
			}
			name := s[i+2 : i+end]
			if v, ok := vars[name]; ok {
				b.WriteString(v)
			} else {
				b.WriteString(s[i : i+end+1])
			}
			i += end
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// resolved is a container's environment, command and args as the kubelet
// starts them.
type resolved struct {
	env           map[string]string
	command, args []string
}

// resolve works out what the container starts with, given the ConfigMaps'
// and Secrets' data by name: envFrom first, then env in order, each value
// expanded with what is defined before it; then command and args expanded
// with the whole environment. A missing ConfigMap, Secret or key that is not
// optional fails the test, as it keeps the pod from starting.
func resolve(t *testing.T, c corev1.Container, configMaps, secrets map[string]map[string]string) resolved {
	t.Helper()
	env := map[string]string{}
	lookup := func(kind string, sources map[string]map[string]string, name, key string, optional *bool) (string, bool) {
		data, ok := sources[name]
		if !ok {
			if optional == nil || !*optional {
				t.Errorf("container %s needs %s %s, which does not exist", c.Name, kind, name)
			}
			return "", false
		}
		v, ok := data[key]
		if !ok && (optional == nil || !*optional) {
			t.Errorf("container %s needs key %s of %s %s, which it lacks", c.Name, key, kind, name)
		}
		return v, ok
	}
	for _, from := range c.EnvFrom {
		var data map[string]string
		switch {
		case from.ConfigMapRef != nil:
			data = configMaps[from.ConfigMapRef.Name]
		case from.SecretRef != nil:
			data = secrets[from.SecretRef.Name]
		}
		for k, v := range data {
			env[from.Prefix+k] = v
		}
	}
	for _, e := range c.Env {
		switch {
		case e.ValueFrom == nil:
			env[e.Name] = expand(e.Value, env)
		case e.ValueFrom.SecretKeyRef != nil:
			ref := e.ValueFrom.SecretKeyRef
			if v, ok := lookup("Secret", secrets, ref.Name, ref.Key, ref.Optional); ok {
				env[e.Name] = v
			}
		case e.ValueFrom.ConfigMapKeyRef != nil:
			ref := e.ValueFrom.ConfigMapKeyRef
			if v, ok := lookup("ConfigMap", configMaps, ref.Name, ref.Key, ref.Optional); ok {
				env[e.Name] = v
			}
		}
	}
	r := resolved{env: env}
	for _, s := range c.Command {
		r.command = append(r.command, expand(s, env))
	}
	for _, s := range c.Args {
		r.args = append(r.args, expand(s, env))
	}
	return r
}

// after is the argument that follows flag, or "" when there is none.
func after(args []string, flag string) string {
	i := slices.Index(args, flag)
	if i < 0 || i+1 >= len(args) {
		return ""
	}
	return args[i+1]
}

func TestExpandAsTheKubelet(t *testing.T) {
	vars := map[string]string{"A": "x", "EMPTY": ""}
	for in, want := range map[string]string{
		"$(A)":             "x",
		"redis://:$(A)@h":  "redis://:x@h",
		"$(EMPTY)-$(A)":    "-x",
		"$$(A)":            "$(A)",
		"$(UNDEFINED)":     "$(UNDEFINED)",
		"$(A":              "$(A",
		"$A and ${A} stay": "$A and ${A} stay",
	} {
		if got := expand(in, vars); got != want {
			t.Errorf("expand(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTheRedisPasswordReachesRedisAndTheBot starts each overlay's
// containers on paper, as the kubelet would with a Secret that holds a
// password: Redis requires it, redis-cli (the probe, kubectl exec) logs in
// with it, and the bot's REDIS_URL carries it to the Redis Service.
func TestTheRedisPasswordReachesRedisAndTheBot(t *testing.T) {
	secrets := map[string]map[string]string{"kubequiz": {"REDIS_PASSWORD": testPassword}}
	for _, overlay := range overlays {
		t.Run(overlay, func(t *testing.T) {
			r := render(t, overlay)
			configMaps := map[string]map[string]string{}
			for name, cm := range r.configMaps {
				configMaps[name] = cm.Data
			}

			redis := r.statefulSets["kubequiz-redis"].Spec.Template.Spec.Containers[0]
			rs := resolve(t, redis, configMaps, secrets)
			if got := after(rs.args, "--requirepass"); got != testPassword {
				t.Errorf("Redis starts with --requirepass %q, want the Secret's password", got)
			}
			if rs.env["REDISCLI_AUTH"] != testPassword {
				t.Errorf("redis-cli in the Redis container logs in with %q, want the Secret's password", rs.env["REDISCLI_AUTH"])
			}
			probe := redis.ReadinessProbe
			if probe == nil || probe.Exec == nil || !strings.Contains(strings.Join(probe.Exec.Command, " "), "redis-cli ping | grep -qx PONG") {
				t.Errorf("Redis's readiness probe %+v does not check for PONG with redis-cli (which logs in with REDISCLI_AUTH)", probe)
			}

			bot := r.deployments["kubequiz"].Spec.Template.Spec.Containers[0]
			bs := resolve(t, bot, configMaps, secrets)
			u, err := url.Parse(bs.env["REDIS_URL"])
			if err != nil {
				t.Fatalf("the bot's REDIS_URL: %v", err)
			}
			if pw, ok := u.User.Password(); !ok || pw != testPassword {
				t.Errorf("the bot's REDIS_URL carries password %q, want the Secret's", pw)
			}
			svc := r.services["kubequiz-redis"]
			if want := svc.Name + ":6379"; u.Host != want || svc.Spec.Ports[0].Port != 6379 {
				t.Errorf("the bot's REDIS_URL goes to %s, want the Redis Service %s", u.Host, want)
			}
		})
	}
}

// TestRedisRefusesToStartWithoutAPassword runs the Redis container's
// command as rendered (with --version in place of the server's flags): an
// empty REDIS_PASSWORD would turn authentication off, so it stops with a
// message; with one it execs redis-server.
func TestRedisRefusesToStartWithoutAPassword(t *testing.T) {
	redis := render(t, "socket-mode").statefulSets["kubequiz-redis"].Spec.Template.Spec.Containers[0]
	if len(redis.Command) == 0 {
		t.Fatal("the Redis container has no command guarding its password")
	}
	run := func(password string) (string, error) {
		cmd := exec.Command(redis.Command[0], append(slices.Clone(redis.Command[1:]), "--version")...)
		cmd.Env = append(os.Environ(), "REDIS_PASSWORD="+password)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := run(""); err == nil || !strings.Contains(out, "REDIS_PASSWORD is empty") {
		t.Errorf("with an empty password: %v, %q; want a refusal naming REDIS_PASSWORD", err, out)
	}
	if out, err := run(testPassword); err != nil || !strings.Contains(out, "Redis server v=") {
		t.Errorf("with a password: %v, %q; want redis-server to run", err, out)
	}
}

var (
	// secretName says whether an environment variable holds a secret.
	secretName = regexp.MustCompile(`PASSWORD|SECRET|TOKEN|AUTH`)
	// redisURL finds Redis URLs in a string.
	redisURL = regexp.MustCompile(`rediss?://\S+`)
)

// literalSecrets lists the places in a rendered object where a password is
// written out rather than taken from the Secret: a redis:// URL whose
// password is not $(REDIS_PASSWORD), a --requirepass followed by anything
// else, an env var named like a secret with a value, a ConfigMap key named
// like one.
func literalSecrets(o object) []string {
	var found []string
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if name, ok := v["name"].(string); ok && secretName.MatchString(name) {
				if _, ok := v["value"]; ok {
					found = append(found, path+": env "+name+" has a value of its own")
				}
			}
			for k, child := range v {
				walk(path+"."+k, child)
			}
		case []any:
			for i, child := range v {
				if child == "--requirepass" && (i+1 >= len(v) || v[i+1] != "$(REDIS_PASSWORD)") {
					found = append(found, path+": --requirepass is not followed by $(REDIS_PASSWORD)")
				}
				walk(path, child)
			}
		case string:
			for _, m := range redisURL.FindAllString(v, -1) {
				u, err := url.Parse(m)
				if err != nil {
					found = append(found, path+": unparsable Redis URL")
					continue
				}
				if pw, ok := u.User.Password(); ok && pw != "$(REDIS_PASSWORD)" {
					found = append(found, path+": a Redis URL with a password of its own")
				}
			}
		}
	}
	walk(o.kind+"/"+o.name, o.doc)
	if o.kind == "ConfigMap" {
		data, _ := o.doc["data"].(map[string]any)
		for k := range data {
			if secretName.MatchString(k) {
				found = append(found, o.name+": ConfigMap key "+k)
			}
		}
	}
	return found
}

func TestNoPasswordIsWrittenInTheManifests(t *testing.T) {
	for _, overlay := range overlays {
		for _, o := range render(t, overlay).all {
			for _, f := range literalSecrets(o) {
				t.Errorf("%s: %s", overlay, f)
			}
		}
	}
}

func TestTheLiteralCheckFindsWrittenPasswords(t *testing.T) {
	for name, o := range map[string]object{
		"URL": {kind: "ConfigMap", name: "c", doc: map[string]any{
			"data": map[string]any{"REDIS_URL": "redis://:hunter2@kubequiz-redis:6379/0"}}},
		"requirepass": {kind: "StatefulSet", name: "s", doc: map[string]any{
			"args": []any{"--appendonly", "yes", "--requirepass", "hunter2"}}},
		"env value": {kind: "Deployment", name: "d", doc: map[string]any{
			"env": []any{map[string]any{"name": "REDISCLI_AUTH", "value": "hunter2"}}}},
		"ConfigMap key": {kind: "ConfigMap", name: "c", doc: map[string]any{
			"data": map[string]any{"REDIS_PASSWORD": "hunter2"}}},
	} {
		if len(literalSecrets(o)) == 0 {
			t.Errorf("%s: a written password went unnoticed", name)
		}
	}
	ok := object{kind: "Deployment", name: "d", doc: map[string]any{
		"env":  []any{map[string]any{"name": "REDIS_URL", "value": "redis://:$(REDIS_PASSWORD)@kubequiz-redis:6379/0"}},
		"args": []any{"--requirepass", "$(REDIS_PASSWORD)"},
	}}
	if f := literalSecrets(ok); len(f) > 0 {
		t.Errorf("references to the Secret were taken for written passwords: %v", f)
	}
}
