package notify_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"jiuzhu/internal/notify"
)

func TestLogSMS(t *testing.T) {
	var buf bytes.Buffer
	var g notify.SMS = notify.NewLogSMS(slog.New(slog.NewTextHandler(&buf, nil)))
	if err := g.Send(context.Background(), "13800001234", "code 123456"); err != nil {
		t.Fatal(err)
	}
	if err := g.Send(context.Background(), "13800001234", "code 654321"); err != nil {
		t.Fatal(err)
	}
	l := g.(*notify.LogSMS)
	if got, want := l.Last("13800001234"), "code 654321"; got != want {
		t.Fatalf("Last=%q, want %q", got, want)
	}
	if got := l.Last("13900000000"); got != "" {
		t.Fatalf("Last(other)=%q, want empty", got)
	}
	out := buf.String()
	if !strings.Contains(out, "code 654321") || !strings.Contains(out, "138****1234") || strings.Contains(out, "13800001234") {
		t.Fatalf("log = %q: want the text and the masked number only", out)
	}
}
