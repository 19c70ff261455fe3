// Command jiuzhu runs the service-type social assistance platform: the web
// console, the JSON API and its background work, on embedded SQLite or on
// PostgreSQL.
//
//	jiuzhu serve [--demo]     serve the console and API
//	jiuzhu migrate            apply database migrations and exit
//	jiuzhu demo               load the demo dataset into an empty database
//	jiuzhu user -u NAME ...   create a user or reset a password
//	jiuzhu audit verify       check the audit log's hash chain
//	jiuzhu version            print the version
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	_ "time/tzdata" // Asia/Shanghai on hosts without a zone database

	"jiuzhu/internal/errs"
	"jiuzhu/internal/i18n"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "jiuzhu:", explain(err))
		var ue usageError
		if errors.As(err, &ue) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// explain renders an application error in the operator's language (from
// LANG), with each bad field on its own line; other errors as they are.
func explain(err error) string {
	var e *errs.Error
	if !errors.As(err, &e) || e.Code == errs.Internal {
		return err.Error()
	}
	tag, _, _ := strings.Cut(os.Getenv("LANG"), ".")
	title, fields := i18n.For(i18n.Match(strings.ReplaceAll(tag, "_", "-")).Tag).Err(err)
	var b strings.Builder
	b.WriteString(title)
	for _, f := range e.Fields {
		fmt.Fprintf(&b, "\n  %s: %s", f.Name, fields[f.Name])
	}
	return b.String()
}

type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

const usage = `usage: jiuzhu <command> [flags]

commands:
  serve     serve the web console and API (--demo loads demo data first)
  migrate   apply database migrations and exit
  demo      load the demo dataset into an empty database
  user      create a user or reset a password
  audit     audit log tools: "audit verify"
  version   print the version

Run "jiuzhu <command> -h" for a command's flags. Every flag can also be set
as an environment variable: --data is JIUZHU_DATA, and so on.`

// run dispatches a command line; main and the tests call it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return usageError{"no command"}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return serve(ctx, rest, stdout, stderr)
	case "migrate":
		return migrate(ctx, rest, stdout, stderr)
	case "demo":
		return loadDemo(ctx, rest, stdout, stderr)
	case "user":
		return userCmd(ctx, rest, stdout, stderr)
	case "audit":
		return auditCmd(ctx, rest, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "jiuzhu", version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return nil
	}
	fmt.Fprintln(stderr, usage)
	return usageError{fmt.Sprintf("unknown command %q", cmd)}
}
