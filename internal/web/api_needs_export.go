package web

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"

	"github.com/xuri/excelize/v2"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/i18n"
	"jiuzhu/internal/need"
)

// ledgerRow renders one need as export cells in the caller's language.
func ledgerRow(loc *i18n.Localizer, n *need.Need) []string {
	channels := make([]string, len(n.Channels))
	for i, c := range n.Channels {
		channels[i] = loc.T("channel."+string(c), nil)
	}
	deadline := ""
	if n.Deadline != nil {
		deadline = n.Deadline.In(chinaTime).Format("2006-01-02 15:04")
	}
	return []string{n.ID, n.PersonName, n.PlaceCode, loc.T("need.category."+string(n.Category), nil),
		strings.Join(channels, "、"), loc.T("need.status."+string(n.Status), nil), loc.T("need.urgency."+string(n.Urgency), nil),
		deadline, n.CreatedAt.In(chinaTime).Format("2006-01-02 15:04"), n.Note}
}

var ledgerHeader = []string{"export.need.id", "export.need.person", "export.need.place", "export.need.category",
	"export.need.channels", "export.need.status", "export.need.urgency", "export.need.deadline", "export.need.created", "export.need.note"}

// safeCell neutralises text a spreadsheet would run as a formula.
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// apiExportNeeds handles GET /api/v1/needs/export?format=csv|xlsx with the
// list's filters: the whole matching ledger in the caller's scope, streamed
// page by page. The export is audited.
func (s *Server) apiExportNeeds(w http.ResponseWriter, r *http.Request) error {
	if err := mustCan(r, auth.ReadNeeds); err != nil {
		return err
	}
	f, err := needFilter(r)
	if err != nil {
		return err
	}
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "csv"
	}
	if format != "csv" && format != "xlsx" {
		return errs.InvalidField("format", "err.export.format", nil)
	}
	loc := s.localizer(r)
	header := make([]string, len(ledgerHeader))
	for i, k := range ledgerHeader {
		header[i] = loc.T(k, nil)
	}
	name := fmt.Sprintf("needs-%s.%s", s.now().In(chinaTime).Format("20060102-1504"), format)
	if format == "csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
		w.Write([]byte("\xEF\xBB\xBF")) // BOM: Excel in China opens UTF-8 CSV correctly only with it
		cw := csv.NewWriter(w)
		cw.Write(header)
		err := s.db.EachNeed(r.Context(), f, func(n *need.Need) error {
			row := ledgerRow(loc, n)
			for i := range row {
				row[i] = safeCell(row[i])
			}
			return cw.Write(row)
		})
		cw.Flush()
		return s.logExport(r, "csv", err)
	}
	x := excelize.NewFile()
	defer x.Close()
	sw, err := x.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	rowNum := 1
	writeRow := func(cells []string) error {
		vals := make([]any, len(cells))
		for i, c := range cells {
			vals[i] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, rowNum)
		rowNum++
		return sw.SetRow(cell, vals)
	}
	if err := writeRow(header); err != nil {
		return err
	}
	if err := s.db.EachNeed(r.Context(), f, func(n *need.Need) error { return writeRow(ledgerRow(loc, n)) }); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	if err := x.Write(w); err != nil {
		return err
	}
	return s.logExport(r, "xlsx", nil)
}

// logExport records the export in the audit log; an error after streaming
// began can only be logged, since the status line is already sent.
func (s *Server) logExport(r *http.Request, format string, err error) error {
	if err != nil {
		s.log.Error("export failed mid-stream", "request_id", requestID(r.Context()), "err", err)
		return nil
	}
	a := auth.ActorFrom(r.Context())
	if err := s.db.RecordEvent(r.Context(), "need.export", "ledger", "", a.Scope, map[string]string{"format": format, "query": r.URL.RawQuery}); err != nil {
		s.log.Error("audit export", "request_id", requestID(r.Context()), "err", err)
	}
	return nil
}
