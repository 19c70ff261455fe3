package web

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/i18n"
	"jiuzhu/internal/store"
	"jiuzhu/internal/warn"
)

// feedAPI wraps the feed upload: besides a staff session (bearer token or
// cookie) it accepts a department token, "Authorization: Bearer dept_…",
// which acts for its department's feeds only. s.api cannot serve it, as it
// requires a user session.
func (s *Server) feedAPI(h func(w http.ResponseWriter, r *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if t := bearer(r); strings.HasPrefix(t, store.DepartmentTokenPrefix) {
			ctx, err := s.db.DepartmentContext(r.Context(), t)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			r = r.WithContext(ctx)
			if info := infoOf(r); info != nil {
				info.user = auth.ActorFrom(ctx).Username
			}
		} else if currentUser(r) == nil {
			s.fail(w, r, errs.New(errs.Unauthenticated, "err.unauthenticated"))
			return
		}
		if err := h(w, r); err != nil {
			s.fail(w, r, err)
		}
	})
}

// apiUploadFeed handles POST /api/v1/feeds/{kind}: a CSV file as a text/csv
// body or as the part "file" of a multipart form. 201 with what the import
// did; 200 with the earlier import when the same file was imported before;
// 422 with the row-by-row report in the problem's data when any row is bad,
// and then nothing is written.
func (s *Server) apiUploadFeed(w http.ResponseWriter, r *http.Request) error {
	kind := warn.FeedKind(r.PathValue("kind"))
	if err := store.CheckFeedUpload(r.Context(), kind); err != nil {
		return err
	}
	body, err := feedBody(r)
	if err != nil {
		return err
	}
	imp, existing, err := s.importFeed(r, kind, body)
	if err != nil {
		return err
	}
	status := http.StatusCreated
	if existing {
		status = http.StatusOK
	}
	return writeJSON(w, status, imp)
}

// importFeed parses and imports a feed file. A file with problems is an
// Invalid error whose Extra is the report in the request's language.
func (s *Server) importFeed(r *http.Request, kind warn.FeedKind, body io.Reader) (*store.FeedImport, bool, error) {
	recs, rep := warn.Parse(kind, body, s.now().In(chinaTime))
	if err := rep.Err(); err != nil {
		e := err.(*errs.Error)
		e.Extra = localReport(s.localizer(r), rep)
		return nil, false, e
	}
	return s.db.ImportFeed(r.Context(), store.FeedUpload{Kind: kind, Digest: rep.Digest, Rows: rep.Rows, Records: recs, Note: ledgerNote})
}

// ledgerNote writes a warning's reason into the ledger in Chinese, the
// language of the ledger's notes.
func ledgerNote(key string, args map[string]any) string {
	return i18n.For(i18n.Default.Tag).T(key, args)
}

// feedBody returns the uploaded file of a feed request.
func feedBody(r *http.Request) (io.Reader, error) {
	r.Body = http.MaxBytesReader(nil, r.Body, warn.MaxBytes+1<<20)
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case err != nil:
	case mt == "text/csv" || mt == "application/csv" || mt == "text/plain":
		return r.Body, nil
	case mt == "multipart/form-data":
		mr := multipart.NewReader(r.Body, params["boundary"])
		for {
			p, err := mr.NextPart()
			if errors.Is(err, io.EOF) {
				return nil, errs.InvalidField("file", "err.feed.file", nil)
			}
			if err != nil {
				return nil, &errs.Error{Code: errs.Invalid, Key: "err.feed.read", Err: err}
			}
			if p.FormName() == "file" {
				return p, nil
			}
		}
	}
	return nil, errs.New(errs.Invalid, "err.feed.content_type")
}

// feedReport is a parse report with each problem's message in the reader's
// language, as the API's 422 data and the console's table show it.
type feedReport struct {
	Kind     warn.FeedKind `json:"kind"`
	Digest   string        `json:"digest"`
	Rows     int           `json:"rows"`
	BadRows  int           `json:"bad_rows"`
	More     int           `json:"more,omitempty"`
	Problems []feedProblem `json:"problems"`
}

// feedProblem is one problem of a file: where, and what, in words.
type feedProblem struct {
	warn.Problem
	Message string `json:"message"`
}

func localReport(loc *i18n.Localizer, rep *warn.Report) *feedReport {
	out := &feedReport{Kind: rep.Kind, Digest: rep.Digest, Rows: rep.Rows, BadRows: rep.BadRows, More: rep.More, Problems: []feedProblem{}}
	for _, p := range rep.Problems {
		out.Problems = append(out.Problems, feedProblem{Problem: p, Message: loc.T(p.Key, p.Args)})
	}
	return out
}

// apiListFeedImports handles GET /api/v1/feeds: the imports made in the
// caller's area, newest first.
func (s *Server) apiListFeedImports(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var f store.FeedImportFilter
	var fs errs.Fields
	if v := q.Get("kind"); v != "" {
		k := warn.FeedKind(v)
		if !k.Valid() {
			fs.Add("kind", "err.feed.kind", map[string]any{"Kind": v})
		}
		f.Kind = &k
	}
	f.Offset, f.Limit = pageParams(q, &fs)
	if err := fs.Err(); err != nil {
		return err
	}
	list, total, err := s.db.FeedImports(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": list, "total": total, "offset": f.Offset, "limit": f.Limit})
}
