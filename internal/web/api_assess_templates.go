package web

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strconv"
	"time"

	"jiuzhu/internal/assess"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/i18n"
)

// templateSummary is one template in the list: its latest version and its
// name in the caller's language.
type templateSummary struct {
	Code      string    `json:"code"`
	Version   int       `json:"version"`
	NameKey   string    `json:"name_key"`
	Name      string    `json:"name"`
	CreatedBy string    `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
}

// apiListAssessmentTemplates handles GET /api/v1/assessment-templates.
func (s *Server) apiListAssessmentTemplates(w http.ResponseWriter, r *http.Request) error {
	list, err := s.db.Templates(r.Context())
	if err != nil {
		return err
	}
	loc := s.localizer(r)
	items := make([]templateSummary, 0, len(list))
	for _, t := range list {
		items = append(items, templateSummary{Code: t.Code, Version: t.Version, NameKey: t.NameKey, Name: loc.T(t.NameKey, nil),
			CreatedBy: t.CreatedBy, CreatedAt: t.CreatedAt})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

// apiGetAssessmentTemplate handles GET /api/v1/assessment-templates/{code}:
// the latest version, or ?version=n.
func (s *Server) apiGetAssessmentTemplate(w http.ResponseWriter, r *http.Request) error {
	version := 0
	if v := r.URL.Query().Get("version"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return errs.InvalidField("version", "err.assess.version", nil)
		}
		version = n
	}
	t, err := s.db.Template(r.Context(), r.PathValue("code"), version)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, t)
}

// apiReviseAssessmentTemplate handles POST
// /api/v1/assessment-templates/{code}/revisions: the body is the edited
// template, its version the one the edit started from; 201 with the new
// version. Every label must name an existing message, so no screen shows a
// raw key.
func (s *Server) apiReviseAssessmentTemplate(w http.ResponseWriter, r *http.Request) error {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
	if err != nil {
		return &errs.Error{Code: errs.Invalid, Key: "err.json", Detail: "request body too large or unreadable", Err: err}
	}
	body, err = withoutStamps(body)
	if err != nil {
		return err
	}
	t, err := assess.Parse(body)
	if err != nil {
		return err
	}
	if err := knownLabels(t); err != nil {
		return err
	}
	st, err := s.db.ReviseTemplate(r.Context(), r.PathValue("code"), body)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/assessment-templates/"+st.Code+"?version="+strconv.Itoa(st.Version))
	return writeJSON(w, http.StatusCreated, st)
}

// withoutStamps drops created_by and created_at, which a template read from
// this API carries, so an edited copy can be posted back as is.
func withoutStamps(body []byte) ([]byte, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, &errs.Error{Code: errs.Invalid, Key: "err.json", Detail: jsonDetail(err), Err: err}
	}
	delete(m, "created_by")
	delete(m, "created_at")
	return json.Marshal(m)
}

// knownLabels reports every label key of t without a message.
func knownLabels(t *assess.Template) error {
	have := i18n.Keys(i18n.Default.Tag)
	var fs errs.Fields
	for _, k := range t.LabelKeys() {
		if _, ok := slices.BinarySearch(have, k); !ok {
			fs.Add("label_key", "err.assess.label_unknown", map[string]any{"Value": k})
		}
	}
	return fs.Err()
}
