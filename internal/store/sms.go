package store

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"jiuzhu/internal/approval"
	"jiuzhu/internal/i18n"
	"jiuzhu/internal/pii"
)

// decisionSMS tells the applicant of a decision on their application by SMS.
// It is enqueued in the step's transaction and retried when the gateway
// fails, so a decision is never lost between database and phone.
type decisionSMS struct {
	ApplicationID string          `json:"application_id"`
	Action        approval.Action `json:"action"`
	State         approval.State  `json:"state"`
}

func (decisionSMS) Kind() string { return "decision_sms" }

func (decisionSMS) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 8} }

type smsWorker struct {
	river.WorkerDefaults[decisionSMS]
	db *DB
}

// Timeout bounds one attempt: a hung gateway must not hold a worker.
func (w *smsWorker) Timeout(*river.Job[decisionSMS]) time.Duration { return 30 * time.Second }

func (w *smsWorker) Work(ctx context.Context, j *river.Job[decisionSMS]) error {
	return w.db.sendDecisionSMS(System(ctx), j.Args)
}

// smsLang maps a person's preferred language to the message language.
func smsLang(lang string) string {
	switch lang {
	case "ug":
		return "ug"
	case "kk":
		return "kk-Arab"
	}
	return "zh-Hans"
}

// sendDecisionSMS writes the message in the person's language: whose
// application (masked name), the decision and where it stands now. No
// phone, or no gateway, sends nothing.
func (db *DB) sendDecisionSMS(ctx context.Context, j decisionSMS) error {
	if db.sms == nil {
		return nil
	}
	var name, phone, lang string
	err := db.r.QueryRowContext(ctx, `SELECT p.name, p.phone, p.language FROM applications a JOIN persons p ON p.id = a.person_id
		WHERE a.id = $1`, j.ApplicationID).Scan(&name, &phone, &lang)
	if err != nil {
		return translate(err)
	}
	if phone == "" {
		return nil
	}
	loc := i18n.For(smsLang(lang))
	text := loc.T("sms.decision", map[string]any{"Name": pii.MaskName(name), "Action": loc.T(j.Action.Label(), nil), "State": loc.T(j.State.Label(), nil)})
	return db.sms.Send(ctx, phone, text)
}
