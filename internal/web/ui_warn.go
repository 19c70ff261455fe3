package web

import (
	"encoding/csv"
	"io"
	"net/http"
	"strings"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/store"
	"jiuzhu/internal/warn"
)

// feedsData is the data early warning page: the upload form, what the last
// upload did, blank templates and the recent imports.
type feedsData struct {
	Kind      string
	Kinds     []choice
	Templates []feedTemplate
	Error     string            // why the upload was refused, "" when it was not
	Fields    map[string]string // messages by form field (kind, file)
	Report    *feedReportRow    // the rows of a refused file
	Result    *feedResult       // what an accepted file did
	Imports   []feedImportRow
	CanManage bool
}

// Err is the message for one form field, or "".
func (d *feedsData) Err(field string) string { return d.Fields[field] }

// feedTemplate is a link to a blank CSV file of one feed.
type feedTemplate struct{ Kind, Label, Department string }

// feedReportRow is a refused file's report with column names in words.
type feedReportRow struct {
	*feedReport
	Columns []string // per problem, the column's label or "" for the whole row
}

// feedResult is an import and whether the file had been imported before.
// Facts marks a feed that raises no warning (hospital stays, deaths): the
// page says what it is for instead of counting warnings.
type feedResult struct {
	*store.FeedImport
	Existing  bool
	Facts     bool
	KindLabel string
	When      string
}

type feedImportRow struct {
	store.FeedImport
	KindLabel, When string
}

// showFeedsPage handles GET /warnings.
func (s *Server) showFeedsPage(w http.ResponseWriter, r *http.Request) error {
	if err := mustCanFeeds(r); err != nil {
		return err
	}
	return s.renderFeeds(w, r, http.StatusOK, &feedsData{Kind: r.URL.Query().Get("kind")})
}

// uploadFeed handles POST /warnings/upload: a multipart form with the feed
// kind and the file. The page shows what the import did, or the file's
// problems row by row, in the user's language.
func (s *Server) uploadFeed(w http.ResponseWriter, r *http.Request) error {
	if err := mustCanFeeds(r); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, warn.MaxBytes+1<<20)
	d := &feedsData{}
	err := r.ParseMultipartForm(8 << 20)
	switch {
	case err != nil:
		err = errs.InvalidField("file", "err.feed.file", nil)
	case r.PostForm.Get("kind") == "":
		err = errs.InvalidField("kind", "err.required", nil)
	default:
		d.Kind = r.PostForm.Get("kind")
		err = store.CheckFeedUpload(r.Context(), warn.FeedKind(d.Kind))
	}
	if err == nil {
		err = s.uploadFeedFile(r, d)
	}
	if err == nil {
		return s.renderFeeds(w, r, http.StatusOK, d)
	}
	p := s.problemFor(r, err)
	if p.Code == errs.Forbidden || p.Code == errs.Internal {
		return err
	}
	d.Error, d.Fields = p.Title, problemFields(p)
	if rep, ok := p.Data.(*feedReport); ok {
		d.Report = &feedReportRow{feedReport: rep}
	}
	return s.renderFeeds(w, r, p.Status, d)
}

// uploadFeedFile imports the form's file and sets d.Result.
func (s *Server) uploadFeedFile(r *http.Request, d *feedsData) error {
	f, _, err := r.FormFile("file")
	if err != nil {
		return errs.InvalidField("file", "err.feed.file", nil)
	}
	defer f.Close()
	imp, existing, err := s.importFeed(r, warn.FeedKind(d.Kind), f)
	if err != nil {
		return err
	}
	d.Result = &feedResult{FeedImport: imp, Existing: existing, Facts: imp.Kind.Facts()}
	return nil
}

func mustCanFeeds(r *http.Request) error {
	a := auth.ActorFrom(r.Context())
	if !a.Can(auth.UploadFeeds) && !a.Can(auth.ManageWarnings) {
		return errs.New(errs.Forbidden, "err.forbidden")
	}
	return nil
}

// renderFeeds fills in the page's lists and labels and renders it.
func (s *Server) renderFeeds(w http.ResponseWriter, r *http.Request, status int, d *feedsData) error {
	v := s.newView(w, r, "warn.page.title")
	v.Nav = "warnings"
	d.Kinds = needChoices(v, "warn.feed", warn.FeedKinds)
	for _, k := range warn.FeedKinds {
		d.Templates = append(d.Templates, feedTemplate{Kind: string(k), Label: v.Label("warn.feed", k), Department: v.Label("warn.dept", k.Department())})
	}
	d.CanManage = v.Can(string(auth.ManageWarnings))
	if d.Report != nil {
		for _, p := range d.Report.Problems {
			d.Report.Columns = append(d.Report.Columns, columnLabel(v, p.Column))
		}
	}
	if d.Result != nil {
		d.Result.KindLabel, d.Result.When = v.Label("warn.feed", d.Result.Kind), chinaClock(d.Result.At)
	}
	list, _, err := s.db.FeedImports(r.Context(), store.FeedImportFilter{Limit: 20})
	if err != nil {
		return err
	}
	for _, imp := range list {
		d.Imports = append(d.Imports, feedImportRow{FeedImport: imp, KindLabel: v.Label("warn.feed", imp.Kind), When: chinaClock(imp.At)})
	}
	v.Data = d
	s.render(w, r, status, "warn_feeds", v)
	return nil
}

// columnLabel names a report's column in the page's language: a column of
// a layout by its label, a header as written as is.
func columnLabel(v *view, col string) string {
	for _, k := range warn.FeedKinds {
		for _, c := range warn.Layout(k) {
			if c.Name == col {
				return v.T("warn.column." + col)
			}
		}
	}
	return col
}

// downloadFeedTemplate handles GET /warnings/templates/{kind}: a blank CSV
// file with the feed's header row in Chinese, with a UTF-8 byte order mark
// so that Excel opens it in the right encoding.
func (s *Server) downloadFeedTemplate(w http.ResponseWriter, r *http.Request) error {
	if err := mustCanFeeds(r); err != nil {
		return err
	}
	kind := warn.FeedKind(strings.TrimSuffix(r.PathValue("kind"), ".csv"))
	if !kind.Valid() {
		return errs.New(errs.NotFound, "err.not_found")
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+string(kind)+`.csv"`)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	io.WriteString(w, "\uFEFF")
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // as Excel writes
	cw.Write(warn.Template(kind))
	cw.Flush()
	return cw.Error()
}
