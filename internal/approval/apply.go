package approval

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
)

// MaxReason is the longest reason, in characters, that a step records.
const MaxReason = 1000

// Case is an application's place in the workflow. The store persists it;
// only Apply changes it.
type Case struct {
	State          State     `json:"state"`
	Urgent         bool      `json:"urgent"`               // urgent track: decided within Config.UrgentTotal
	Applicant      string    `json:"applicant"`            // user id of the applying resident; "" when staff filed for someone without an account
	Version        int       `json:"version"`              // optimistic lock; Apply adds one
	Entered        time.Time `json:"entered"`              // when the case entered State
	Started        time.Time `json:"started"`              // last submit, resubmit or granted appeal; the urgent track counts from here
	Due            time.Time `json:"due"`                  // deadline of the open step; zero in draft and final states
	NoticeEnds     time.Time `json:"notice_ends,omitzero"` // end of the public notice; objections are taken until then
	OpenObjections int       `json:"open_objections"`      // objections recorded but not yet answered
	Appeals        int       `json:"appeals"`              // appeals made; a case may be appealed once
	// History holds every step, oldest first. The rules do not read it, so a
	// store may load a case without it; Apply appends the new step, which
	// Effect.Step also carries.
	History []Step `json:"history"`
}

// Step is one recorded transition.
type Step struct {
	From    State     `json:"from"`
	To      State     `json:"to"`
	Action  Action    `json:"action"`
	Role    auth.Role `json:"role"`
	ActorID string    `json:"actor_id"`
	Reason  string    `json:"reason,omitempty"`
	At      time.Time `json:"at"`
}

// Actor is who takes an action: a user id and the role they act in.
type Actor struct {
	ID   string
	Role auth.Role
}

// ActorOf returns the approval actor for an authenticated user.
func ActorOf(a *auth.Actor) Actor { return Actor{ID: a.UserID, Role: a.Role} }

// New returns a draft case for the resident with user id applicant ("" when
// staff file for someone without an account).
func New(applicant string, urgent bool) Case {
	return Case{State: Draft, Applicant: applicant, Urgent: urgent}
}

// Effect tells the store what to schedule and whom to tell after a step. The
// store enqueues the jobs in the transaction that writes the step.
type Effect struct {
	Step Step // the step just recorded

	// Moved is true when the case changed state: jobs scheduled for the old
	// step are void, and the store schedules a deadline job at Due and a
	// reminder at Remind. Objections and their answers do not move the case;
	// the step's jobs then stand.
	Moved bool
	// Due is the open step's deadline; zero in final states.
	Due time.Time
	// Remind is when to remind Notify that Due approaches, at 3/4 of the
	// step's time; zero when nothing new is to be scheduled.
	Remind time.Time
	// Notify is the role that must act now (an objection is recorded: the
	// county reviewer). When the applicant holds the case or it is closed, it
	// is the township officer as the handling office; "" for nobody.
	Notify auth.Role
	// NotifyApplicant is true when an official decided a step: the applicant
	// is told at once (SPEC §4).
	NotifyApplicant bool
}

// Apply takes action a on c for by, at now, under cfg. It returns the new
// case, or c unchanged and an *errs.Error:
//   - Conflict "err.transition" (Args From, Action) when a is not possible in
//     c's state (see Transitions);
//   - Forbidden "err.forbidden" when by's role may not take a there (see
//     RolesFor), or a resident acts on someone else's application;
//   - Conflict with a specific key when a rule of the step forbids it now:
//     "err.notice.ended", "err.notice.running", "err.objections.open" (Args
//     Open), "err.objections.none", "err.appeal.once", "err.appeal.expired"
//     (Args Days);
//   - Invalid on field "reason": "err.reason.required" when a needs a reason
//     (NeedsReason) and has none, "err.reason.too_long" (Args Max).
//
// Apply never modifies c's history in place, so c stays valid after a call.
// On success the new case has Version one higher and one more History step.
func Apply(c Case, a Action, by Actor, reason string, now time.Time, cfg Config) (Case, Effect, error) {
	to, err := target(c, a, cfg)
	if err != nil {
		return c, Effect{}, err
	}
	if !may(c, a, by) {
		return c, Effect{}, errs.New(errs.Forbidden, "err.forbidden")
	}
	if err := guard(c, a, now, cfg); err != nil {
		return c, Effect{}, err
	}
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "" && NeedsReason(a):
		return c, Effect{}, errs.InvalidField("reason", "err.reason.required", nil)
	case utf8.RuneCountInString(reason) > MaxReason:
		return c, Effect{}, errs.InvalidField("reason", "err.reason.too_long", map[string]any{"Max": MaxReason})
	}

	step := Step{From: c.State, To: to, Action: a, Role: by.Role, ActorID: by.ID, Reason: reason, At: now}
	c.History = append(slices.Clip(c.History), step)
	c.State = to
	c.Version++
	switch a {
	case Submit, Resubmit, GrantAppeal:
		c.Started = now
	case Object:
		c.OpenObjections++
	case AnswerObjection:
		c.OpenObjections--
	case Appeal:
		c.Appeals++
	}
	e := Effect{Step: step, Moved: step.From != to, NotifyApplicant: decision(a)}
	if !e.Moved {
		e.Due = c.Due
		if a == Object {
			e.Notify = Owner(to)
		}
		return c, e, nil
	}
	c.Entered = now
	if to == PublicNotice {
		c.NoticeEnds = now.Add(cfg.Notice)
	}
	c.Due = due(c, now, cfg)
	e.Due = c.Due
	if d := c.Due.Sub(now); d > 0 {
		e.Remind = now.Add(d / 4 * 3)
	}
	e.Notify = Owner(to)
	if e.Notify == "" || e.Notify == auth.Resident {
		e.Notify = auth.TownshipOfficer
	}
	return c, e, nil
}

// target returns the state a leads to from c's state.
func target(c Case, a Action, cfg Config) (State, error) {
	var to State
	n := 0
	for _, t := range from[c.State] {
		if t.Action == a {
			to, n = t.To, n+1
		}
	}
	switch n {
	case 0:
		return "", &errs.Error{Code: errs.Conflict, Key: "err.transition", Args: map[string]any{"From": string(c.State), "Action": string(a)}}
	case 1:
		return to, nil
	}
	return next(c.State, c.Urgent, cfg), nil
}

// may reports whether by may take a on c.
func may(c Case, a Action, by Actor) bool {
	if !slices.Contains(roles(c.State, a), by.Role) {
		return false
	}
	// Anyone may object; otherwise a resident acts only on their own application.
	if by.Role == auth.Resident && a != Object {
		return by.ID != "" && by.ID == c.Applicant
	}
	return true
}

// guard applies the rules of a step beyond who may act.
func guard(c Case, a Action, now time.Time, cfg Config) error {
	conflict := func(key string, args map[string]any) error {
		return &errs.Error{Code: errs.Conflict, Key: key, Args: args}
	}
	switch a {
	case Object:
		if !now.Before(c.NoticeEnds) {
			return conflict("err.notice.ended", nil)
		}
	case AnswerObjection:
		if c.OpenObjections == 0 {
			return conflict("err.objections.none", nil)
		}
	case CloseNotice:
		if now.Before(c.NoticeEnds) {
			return conflict("err.notice.running", nil)
		}
		if c.OpenObjections > 0 {
			return conflict("err.objections.open", map[string]any{"Open": c.OpenObjections})
		}
	case Appeal:
		if c.Appeals > 0 {
			return conflict("err.appeal.once", nil)
		}
		if now.After(c.Entered.Add(cfg.AppealWindow)) {
			return conflict("err.appeal.expired", map[string]any{"Days": int(cfg.AppealWindow / Day)})
		}
	}
	return nil
}
