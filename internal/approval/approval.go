// Package approval is the four-level approval workflow of SPEC §4 (四级联动审核)
// as pure rules: states, actions, who may take them, deadlines and
// escalation. It imports no storage or HTTP.
//
// The main line is
//
//	draft → submitted → township_review → county_review → assessment → approved
//
// The township accepts an application (受理) before it reviews it (初审). Where
// a Config enables them, the village democratic review (民主评议) and the
// public notice (公示) sit between township review and county re-check (复核);
// the urgent track skips both. Every review step may return the case to the
// applicant for correction; township, county and assessor may reject it. The
// applicant, or staff filing on their behalf, may withdraw before a decision,
// resubmit after a return and appeal a rejection once. Transitions lists
// every move; Apply is the only way to make one.
//
// Concurrency: Apply increments Case.Version. The store writes the new case
// only where the stored version still equals the one it read (UPDATE … WHERE
// version = ?), so when two officers act on the same step at once one wins
// and the other gets err.version_conflict.
//
// Deadlines: Apply returns an Effect naming the new step's deadline, a
// reminder time and whom to notify. The store enqueues those jobs in the same
// transaction as the step. A deadline job that runs later reloads the case and
// acts only if Case.Due still equals the due time it was scheduled for (the
// step is still open), then asks Escalation whom to alert.
package approval

import "jiuzhu/internal/auth"

// State is where a case stands.
type State string

// States.
const (
	Draft            State = "draft"             // being filled in; nothing is due
	Submitted        State = "submitted"         // waiting for the township to accept it (受理)
	TownshipReview   State = "township_review"   // township (street) initial review (初审)
	DemocraticReview State = "democratic_review" // village democratic review (民主评议), optional
	PublicNotice     State = "public_notice"     // public notice period (公示) with objections, optional
	CountyReview     State = "county_review"     // county re-check (复核)
	Assessment       State = "assessment"        // professional assessment (专业评估)
	Approved         State = "approved"          // final
	Rejected         State = "rejected"          // final, but may be appealed once
	Returned         State = "returned"          // back with the applicant for correction (补正)
	Withdrawn        State = "withdrawn"         // final
	Appealed         State = "appealed"          // appeal against a rejection, awaiting the prefecture
)

// States lists every state in workflow order.
var States = []State{Draft, Submitted, TownshipReview, DemocraticReview, PublicNotice, CountyReview, Assessment, Approved, Rejected, Returned, Withdrawn, Appealed}

// Valid reports whether s is a known state.
func (s State) Valid() bool {
	for _, k := range States {
		if s == k {
			return true
		}
	}
	return false
}

// Final reports whether a decision has closed the case. Only a rejection can
// be reopened, by Appeal.
func (s State) Final() bool { return s == Approved || s == Rejected || s == Withdrawn }

// Label returns the message key of the state's name, e.g. "state.submitted".
func (s State) Label() string { return "state." + string(s) }

// Action is something a person does to a case.
type Action string

// Actions.
const (
	Submit          Action = "submit"           // file the application
	Accept          Action = "accept"           // township accepts the application for review (受理)
	Pass            Action = "pass"             // the step's owner agrees; the case moves to the next step
	Return          Action = "return"           // send back to the applicant for correction; reason required
	Reject          Action = "reject"           // refuse the application; reason required
	Withdraw        Action = "withdraw"         // the applicant gives up before a decision
	Resubmit        Action = "resubmit"         // the applicant files the corrected application
	Object          Action = "object"           // record an objection during the public notice; its text is the reason
	AnswerObjection Action = "answer_objection" // answer one open objection; reason required
	CloseNotice     Action = "close_notice"     // end the public notice once its period is over and objections answered
	Appeal          Action = "appeal"           // contest a rejection; grounds required
	GrantAppeal     Action = "grant_appeal"     // the prefecture sends the case back to county re-check; reason required
	DismissAppeal   Action = "dismiss_appeal"   // the prefecture upholds the rejection; reason required
)

// Actions lists every action, in the order a UI shows its buttons.
var Actions = []Action{Submit, Accept, Pass, Return, Reject, Withdraw, Resubmit, Object, AnswerObjection, CloseNotice, Appeal, GrantAppeal, DismissAppeal}

// Label returns the message key of the action's name, e.g. "action.pass".
func (a Action) Label() string { return "action." + string(a) }

// Owner returns the role that handles a case in state s. Resident stands for
// the applicant (or staff filing on their behalf) in draft and returned;
// final states have no owner.
func Owner(s State) auth.Role {
	switch s {
	case Draft, Returned:
		return auth.Resident
	case Submitted, TownshipReview:
		return auth.TownshipOfficer
	case DemocraticReview:
		return auth.VillageWorker
	case PublicNotice, CountyReview:
		return auth.CountyReviewer
	case Assessment:
		return auth.Assessor
	case Appealed:
		return auth.PrefectureAdmin
	}
	return ""
}
