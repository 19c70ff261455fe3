package approval

import (
	"time"

	"jiuzhu/internal/errs"
)

// Day is a plain calendar day; time limits are counted in these rather than
// working days, for simplicity.
const Day = 24 * time.Hour

// Config is the local approval rule set: which optional steps apply and the
// time limit of each step. Callers keep one per county where local rules
// differ and fall back to DefaultConfig. A step's deadline is fixed when the
// step opens, so changing a Config does not move the deadlines of open steps.
type Config struct {
	DemocraticReview bool // the village democratic review (民主评议) follows township review
	PublicNotice     bool // a public notice (公示) precedes county re-check

	Accept         time.Duration // submitted: the township accepts or returns the application
	Township       time.Duration // township review
	Democratic     time.Duration // democratic review
	Notice         time.Duration // length of the public notice; objections are taken until it ends
	NoticeClose    time.Duration // after the notice ends: answer objections and close it
	County         time.Duration // county re-check
	Assessment     time.Duration // professional assessment
	Correction     time.Duration // returned: the applicant corrects and resubmits
	AppealDecision time.Duration // appealed: the prefecture decides
	AppealWindow   time.Duration // after a rejection: the applicant may appeal within this

	UrgentTotal time.Duration // urgent track: every step due within this of submission
	UrgentStep  time.Duration // urgent track: each step due within this of its start
}

// DefaultConfig returns the default limits, without the optional steps.
func DefaultConfig() Config {
	return Config{
		Accept:         2 * Day,
		Township:       5 * Day,
		Democratic:     7 * Day,
		Notice:         7 * Day,
		NoticeClose:    2 * Day,
		County:         5 * Day,
		Assessment:     10 * Day,
		Correction:     30 * Day,
		AppealDecision: 30 * Day,
		AppealWindow:   60 * Day,
		UrgentTotal:    24 * time.Hour,
		UrgentStep:     8 * time.Hour,
	}
}

// Validate reports limits that are not positive, and an urgent step limit
// longer than the whole urgent track. Field names are the snake_case names of
// Config's fields.
func (cfg Config) Validate() error {
	var fs errs.Fields
	for _, l := range []struct {
		name string
		d    time.Duration
	}{
		{"accept", cfg.Accept}, {"township", cfg.Township}, {"democratic", cfg.Democratic},
		{"notice", cfg.Notice}, {"notice_close", cfg.NoticeClose}, {"county", cfg.County},
		{"assessment", cfg.Assessment}, {"correction", cfg.Correction},
		{"appeal_decision", cfg.AppealDecision}, {"appeal_window", cfg.AppealWindow},
		{"urgent_total", cfg.UrgentTotal}, {"urgent_step", cfg.UrgentStep},
	} {
		if l.d <= 0 {
			fs.Add(l.name, "err.limit.positive", nil)
		}
	}
	if cfg.UrgentStep > cfg.UrgentTotal {
		fs.Add("urgent_step", "err.limit.urgent_step", nil)
	}
	return fs.Err()
}

// limit returns the time limit of state s; 0 for draft and final states,
// which have no deadline.
func (cfg Config) limit(s State) time.Duration {
	switch s {
	case Submitted:
		return cfg.Accept
	case TownshipReview:
		return cfg.Township
	case DemocraticReview:
		return cfg.Democratic
	case PublicNotice:
		return cfg.Notice + cfg.NoticeClose
	case CountyReview:
		return cfg.County
	case Assessment:
		return cfg.Assessment
	case Returned:
		return cfg.Correction
	case Appealed:
		return cfg.AppealDecision
	}
	return 0
}
