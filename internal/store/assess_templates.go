package store

import (
	"context"
	"database/sql"
	"time"

	"jiuzhu/internal/assess"
	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
)

// StoredTemplate is one version of an assessment template as stored: the
// template and who published it when.
type StoredTemplate struct {
	*assess.Template
	CreatedBy string    `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
}

// builtinTemplates are the templates a new database starts with, as
// version 1 each.
var builtinTemplates = []func() *assess.Template{assess.DefaultTemplate, assess.ElderlyTemplate}

// ensureTemplates stores version 1 of the built-in templates the first time
// any template is needed. Once stored they stay (versions are never deleted),
// so later calls cost one indexed count. Call it outside any transaction.
func (db *DB) ensureTemplates(ctx context.Context) error {
	var n int
	if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM assessment_templates WHERE version = 1 AND code IN ($1, $2)`,
		assess.DefaultTemplate().Code, assess.ElderlyTemplate().Code).Scan(&n); err != nil {
		return translate(err)
	}
	if n == len(builtinTemplates) {
		return nil
	}
	return db.inTx(System(ctx), func(tx *Tx) error {
		for _, mk := range builtinTemplates {
			t := mk()
			res, err := tx.Exec(`INSERT INTO assessment_templates (code, version, body, created_by, created_at)
				VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code, version) DO NOTHING`, t.Code, t.Version, mustJSON(t), tx.actor.Username, tx.now)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 1 {
				if err := tx.audit("assessment_template.seed", "assessment_template", t.Code, "", map[string]any{"version": t.Version}); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// mayReadTemplates: templates hold no personal data; every staff role reads them.
func mayReadTemplates(a *auth.Actor) bool { return a.System || a.Role.Staff() }

func scanTemplate(s interface{ Scan(...any) error }) (*StoredTemplate, error) {
	var body string
	var st StoredTemplate
	if err := s.Scan(&body, &st.CreatedBy, &st.CreatedAt); err != nil {
		return nil, err
	}
	t, err := assess.Parse([]byte(body))
	if err != nil {
		return nil, errs.Wrap(err, "err.assess.template")
	}
	st.Template, st.CreatedAt = t, st.CreatedAt.UTC()
	return &st, nil
}

// Templates returns the latest version of every assessment template, by code.
func (db *DB) Templates(ctx context.Context) ([]*StoredTemplate, error) {
	if !mayReadTemplates(actorOf(ctx)) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	if err := db.ensureTemplates(ctx); err != nil {
		return nil, err
	}
	rows, err := db.r.QueryContext(ctx, `SELECT t.body, t.created_by, t.created_at FROM assessment_templates t
		WHERE t.version = (SELECT MAX(m.version) FROM assessment_templates m WHERE m.code = t.code) ORDER BY t.code`)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := []*StoredTemplate{}
	for rows.Next() {
		st, err := scanTemplate(rows)
		if err != nil {
			return nil, translate(err)
		}
		out = append(out, st)
	}
	return out, translate(rows.Err())
}

// Template returns one version of a template; version 0 means the latest.
// An unknown code or version is not found.
func (db *DB) Template(ctx context.Context, code string, version int) (*StoredTemplate, error) {
	if !mayReadTemplates(actorOf(ctx)) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	if err := db.ensureTemplates(ctx); err != nil {
		return nil, err
	}
	return templateTx(ctx, db.r, code, version)
}

func templateTx(ctx context.Context, q querier, code string, version int) (*StoredTemplate, error) {
	s := `SELECT body, created_by, created_at FROM assessment_templates WHERE code = $1 AND version = $2`
	args := []any{code, version}
	if version == 0 {
		s = `SELECT body, created_by, created_at FROM assessment_templates WHERE code = $1 ORDER BY version DESC LIMIT 1`
		args = args[:1]
	}
	st, err := scanTemplate(q.QueryRowContext(ctx, s, args...))
	if err == sql.ErrNoRows {
		return nil, errs.New(errs.NotFound, "err.assess.template_unknown")
	}
	return st, translate(err)
}

// ReviseTemplate publishes the next version of the template code, read from
// JSON (strictly, and validated). The JSON's version names the version the
// edit started from: if another revision was published since, the answer is
// err.version_conflict. Earlier versions stay, so past assessments keep
// theirs. Only the prefecture administrator may revise.
func (db *DB) ReviseTemplate(ctx context.Context, code string, body []byte) (*StoredTemplate, error) {
	a := actorOf(ctx)
	if !a.System && !assess.MayRevise(a.Role) {
		return nil, errs.New(errs.Forbidden, "err.forbidden")
	}
	t, err := assess.Parse(body)
	if err != nil {
		return nil, err
	}
	if t.Code != code {
		return nil, errs.InvalidField("code", "err.assess.code_mismatch", map[string]any{"Value": code})
	}
	if err := db.ensureTemplates(ctx); err != nil {
		return nil, err
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		var latest sql.NullInt64
		if err := tx.QueryRow(`SELECT MAX(version) FROM assessment_templates WHERE code = $1`, code).Scan(&latest); err != nil {
			return err
		}
		if !latest.Valid {
			return errs.New(errs.NotFound, "err.assess.template_unknown")
		}
		if int64(t.Version) != latest.Int64 {
			return &errs.Error{Code: errs.Conflict, Key: "err.version_conflict", Extra: map[string]int64{"current_version": latest.Int64}}
		}
		t.Version++
		if _, err := tx.Exec(`INSERT INTO assessment_templates (code, version, body, created_by, created_at) VALUES ($1, $2, $3, $4, $5)`,
			t.Code, t.Version, mustJSON(t), a.Username, tx.now); err != nil {
			return err
		}
		return tx.audit("assessment_template.revise", "assessment_template", t.Code, "", map[string]any{"version": t.Version})
	})
	if err != nil {
		return nil, err
	}
	return templateTx(ctx, db.r, code, t.Version)
}
