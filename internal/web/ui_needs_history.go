package web

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"jiuzhu/internal/need"
)

// eventRow is one entry of a need's history, in the page's language.
type eventRow struct {
	At      string
	Actor   string
	Kind    string // the kind's label
	Channel string // the channel's label, "" when the event has none
	Facts   []fact
	Reason  string
}

// fact is one labelled detail of an event; LTR marks codes and times that
// keep their direction on right-to-left pages.
type fact struct {
	Label, Value string
	LTR          bool
}

// eventKinds are the kinds of history entry the page names; others (from
// later workflow steps) show as "other" with their code.
var eventKinds = []string{"created", "merged", "assigned", "status"}

// changedFields name the fields a merge reports as changed.
var changedFields = map[string]string{"channels": "needs.field.channels", "urgency": "needs.field.urgency",
	"deadline": "needs.field.deadline", "items": "needs.field.items", "note": "needs.field.note"}

func eventRows(v *view, hist []need.Event) []eventRow {
	out := make([]eventRow, 0, len(hist))
	for _, e := range hist {
		row := eventRow{At: chinaClock(e.At), Actor: e.Actor}
		if slices.Contains(eventKinds, e.Kind) {
			row.Kind = v.T("needs.event." + e.Kind)
		} else {
			row.Kind = v.T("needs.event.other")
			row.Facts = append(row.Facts, fact{Label: v.T("needs.event.code"), Value: e.Kind, LTR: true})
		}
		str := func(k string) string { s, _ := e.Detail[k].(string); return s }
		if c := str("channel"); c != "" {
			row.Channel = v.Label("channel", c)
		}
		row.Reason = str("reason")
		switch e.Kind {
		case "created":
			if u := str("urgency"); u != "" {
				row.Facts = append(row.Facts, fact{Label: v.T("needs.field.urgency"), Value: v.Label("need.urgency", u)})
			}
			if b, _ := e.Detail["on_behalf"].(bool); b {
				row.Facts = append(row.Facts, fact{Label: v.T("needs.field.on_behalf"), Value: v.T("common.yes")})
			}
		case "merged":
			var names []string
			changed, _ := e.Detail["changed"].([]any)
			for _, c := range changed {
				if key, ok := changedFields[fmt.Sprint(c)]; ok {
					names = append(names, v.T(key))
				}
			}
			if len(names) == 0 {
				names = append(names, v.T("needs.event.unchanged"))
			}
			row.Facts = append(row.Facts, fact{Label: v.T("needs.event.changed"), Value: strings.Join(names, v.T("needs.list_sep"))})
			if ref := str("source_ref"); ref != "" {
				row.Facts = append(row.Facts, fact{Label: v.T("needs.event.source_ref"), Value: ref, LTR: true})
			}
		case "assigned":
			row.Facts = append(row.Facts, fact{Label: v.T("needs.event.assignee"), Value: str("to")})
			if t, err := time.Parse(time.RFC3339Nano, str("deadline")); err == nil {
				row.Facts = append(row.Facts, fact{Label: v.T("needs.field.deadline"), Value: chinaClock(t), LTR: true})
			}
		case "status":
			row.Facts = append(row.Facts, fact{Label: v.T("needs.event.from"), Value: v.Label("need.status", str("from"))},
				fact{Label: v.T("needs.event.to"), Value: v.Label("need.status", str("to"))})
		}
		out = append(out, row)
	}
	return out
}

// lastAssignee is the username the need was last assigned to, from its history.
func lastAssignee(hist []need.Event) string {
	for i := len(hist) - 1; i >= 0; i-- {
		if hist[i].Kind == "assigned" {
			to, _ := hist[i].Detail["to"].(string)
			return to
		}
	}
	return ""
}
