// Package notify delivers messages to people outside the console. For now
// that is SMS: one-time codes for the resident self-application page.
//
// SMS is the seam a deployment plugs its gateway into: the province's
// government SMS platform (政务短信平台) or a carrier's, behind a small
// adapter implementing Send. The built-in LogSMS only writes messages to the
// log, for development, demos and tests.
package notify

import (
	"context"
	"log/slog"
	"sync"

	"jiuzhu/internal/pii"
)

// SMS sends a text message to a mainland mobile number (11 digits).
// Implementations must be safe for concurrent use, must not log the text in
// production (it may carry a one-time code), and should return promptly:
// Send runs inside the resident's request.
type SMS interface {
	Send(ctx context.Context, phone, text string) error
}

// LogSMS is the development gateway: it logs every message, code included,
// with slog at info level, and remembers the last message per number so
// tests can read it. Never use it where real residents sign in.
type LogSMS struct {
	log  *slog.Logger
	mu   sync.Mutex
	last map[string]string
}

// maxRemembered bounds the memory of LogSMS under a flood of numbers.
const maxRemembered = 10000

// NewLogSMS returns a development gateway that logs to log (nil: slog.Default()).
func NewLogSMS(log *slog.Logger) *LogSMS {
	if log == nil {
		log = slog.Default()
	}
	return &LogSMS{log: log, last: map[string]string{}}
}

// Send logs the message and remembers it as the number's last.
func (g *LogSMS) Send(ctx context.Context, phone, text string) error {
	g.log.InfoContext(ctx, "sms (development gateway, not sent)", "to", pii.MaskPhone(phone), "text", text)
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.last) >= maxRemembered {
		clear(g.last)
	}
	g.last[phone] = text
	return nil
}

// Last returns the last message sent to phone, or "" when there was none.
func (g *LogSMS) Last(phone string) string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.last[phone]
}
