package web

import (
	"fmt"
	"time"

	"jiuzhu/internal/visit"
)

// stampView is a check-in, check-out or missed report: when the device said
// it was, when the server received it, and where.
type stampView struct {
	Device, DeviceTime, Received string
	Pos, Accuracy, Distance      string // Distance to the target, when a flag measured it
	Reason, Note                 string
}

// photoView is one evidence photo.
type photoView struct {
	SHA, Stage, At string
}

// confirmView is the person's confirmation of the visit.
type confirmView struct {
	Method, MethodLabel, Reason, SignatureSHA, DeviceTime, Note string
	CodeOK                                                      bool
}

// flagRow is a flag with its rule and severity named.
type flagRow struct {
	flagView
	RuleLabel, SeverityLabel string
}

// conflictRow is a part of the visit two devices recorded differently.
type conflictRow struct {
	SlotLabel string
	Sides     []visitEventRow
}

// visitEventRow is one event of the timeline.
type visitEventRow struct {
	ID, Kind, KindLabel, Device, DeviceTime, Received, Detail string
	Pos, Accuracy                                             string
}

// decisionRow is one supervisor decision.
type decisionRow struct {
	Action, ActionLabel, ReasonLabel, Note, By, At string
}

// secondClock writes an instant in Beijing time to the second, as
// supervisors compare device and server clocks.
func secondClock(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(chinaTime).Format("2006-01-02 15:04:05")
}

// fill labels the parts of the visit for the page's language.
func (d *visitPageData) fill(v *view, flags []flagView) {
	vis := d.Rec.Visit
	var inDist, outDist string
	for _, f := range flags {
		if f.Rule == visit.RuleGeofence && f.Facts["distance_m"] != "" {
			if f.Facts["variant"] == "check_out" {
				outDist = f.Facts["distance_m"]
			} else {
				inDist = f.Facts["distance_m"]
			}
		}
		d.Flags = append(d.Flags, flagRow{flagView: f, RuleLabel: v.T("visit.rule." + f.Rule),
			SeverityLabel: v.T("visit.severity." + string(f.Severity))})
	}
	d.CheckIn = stamp(v, vis.CheckIn, inDist, "visit.fence_reason.")
	d.CheckOut = stamp(v, vis.CheckOut, outDist, "visit.fence_reason.")
	d.Missed = stamp(v, vis.Missed, "", "visit.missed.")
	for _, p := range vis.Photos {
		d.Photos = append(d.Photos, photoView{SHA: p.SHA, Stage: v.T("visit.stage." + p.Stage), At: secondClock(p.At)})
	}
	if c := vis.Confirmation; c != nil {
		d.Confirm = &confirmView{Method: c.Method, MethodLabel: v.T("visit.method." + c.Method), SignatureSHA: c.SignatureSHA,
			DeviceTime: secondClock(c.DeviceTime), Note: c.Note, CodeOK: c.CodeOK}
		if c.Method == visit.NoConfirm && c.Reason != "" {
			d.Confirm.Reason = v.T("visit.noconfirm." + c.Reason)
		}
	}
	byID := map[string]visitEventRow{}
	for _, e := range d.Rec.Events {
		row := eventLine(v, e)
		byID[e.ID] = row
		d.Events = append(d.Events, row)
	}
	for _, c := range vis.Conflicts {
		cr := conflictRow{SlotLabel: v.T("visit.slot." + string(c.Slot))}
		for _, id := range c.EventIDs {
			cr.Sides = append(cr.Sides, byID[id])
		}
		d.Conflicts = append(d.Conflicts, cr)
	}
	for _, dc := range d.Rec.Decisions {
		d.Decisions = append(d.Decisions, decisionRow{Action: dc.Action, ActionLabel: v.T("visit.action." + dc.Action),
			ReasonLabel: v.T("visit." + dc.Action + "." + dc.ReasonCode), Note: dc.Note, By: dc.By, At: secondClock(dc.At)})
	}
}

// stamp describes a check-in, check-out or missed report; reasons are
// labelled under reasonPrefix.
func stamp(v *view, e *visit.Event, distance, reasonPrefix string) *stampView {
	if e == nil {
		return nil
	}
	sv := &stampView{Device: e.DeviceID, DeviceTime: secondClock(e.DeviceTime), Received: secondClock(e.ReceivedAt),
		Distance: distance, Note: e.Note}
	if e.Pos.Valid() {
		sv.Pos = fmt.Sprintf("%.6f, %.6f", e.Pos.Lat, e.Pos.Lon)
		sv.Accuracy = fmt.Sprintf("%.0f", e.Pos.AccuracyM)
	}
	if e.Reason != "" {
		sv.Reason = v.T(reasonPrefix + e.Reason)
	}
	return sv
}

// eventLine is an event of the timeline, with the one fact that tells it
// apart from others of its kind.
func eventLine(v *view, e visit.Event) visitEventRow {
	row := visitEventRow{ID: e.ID, Kind: string(e.Kind), KindLabel: v.T("visit.kind." + string(e.Kind)), Device: e.DeviceID,
		DeviceTime: secondClock(e.DeviceTime), Received: secondClock(e.ReceivedAt)}
	switch e.Kind {
	case visit.CheckIn, visit.CheckOut:
		if e.Pos.Valid() {
			row.Pos, row.Accuracy = fmt.Sprintf("%.6f, %.6f", e.Pos.Lat, e.Pos.Lon), fmt.Sprintf("%.0f", e.Pos.AccuracyM)
		} else {
			row.Detail = v.T("visit.no_fix")
		}
	case visit.Missed:
		row.Detail = v.T("visit.missed." + e.Reason)
	case visit.Photo:
		row.Detail = v.T("visit.stage." + e.PhotoStage)
	case visit.Confirm:
		row.Detail = v.T("visit.method." + e.Method)
	case visit.Resolve:
		row.Detail = v.T("visit.resolve_detail", "Slot", v.T("visit.slot."+string(e.ResolveSlot)), "Device", e.ResolveDevice)
	}
	return row
}
