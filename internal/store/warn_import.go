package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/google/uuid"

	"jiuzhu/internal/auth"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/warn"
)

// NoteFunc renders a warning's reason, a message key with its arguments,
// as the note of the ledger entry it files. The store leaves the language
// to its caller; nil leaves notes empty.
type NoteFunc func(key string, args map[string]any) string

// FeedUpload is a feed file that warn.Parse found without problems.
type FeedUpload struct {
	Kind    warn.FeedKind
	Digest  string // warn.Report.Digest
	Rows    int    // warn.Report.Rows
	Records []warn.Record
	Note    NoteFunc
}

// FeedImport is one imported file and what it did.
type FeedImport struct {
	ID             string           `json:"id"`
	Kind           warn.FeedKind    `json:"kind"`
	Department     warn.Department  `json:"department"`
	Digest         string           `json:"digest"`
	Rows           int              `json:"rows"`
	RecordsAdded   int              `json:"records_added"` // events not on file before
	Hits           int              `json:"hits"`          // warnings raised by the rules
	NeedsFiled     int              `json:"needs_filed"`   // new ledger entries
	NeedsMerged    int              `json:"needs_merged"`  // warnings merged into open entries
	AlreadyFiled   int              `json:"already_filed"` // warnings filed by an earlier import
	UnmatchedCount int              `json:"unmatched_count"`
	Unmatched      []warn.Unmatched `json:"unmatched,omitempty"` // ID numbers not on file whose records meet a rule
	UploadedBy     string           `json:"uploaded_by"`
	PlaceCode      string           `json:"place_code"` // the uploader's area
	At             time.Time        `json:"at"`
}

// CheckFeedUpload reports whether the context may upload a feed of kind k:
// staff who upload feeds may send any kind, a department token only its own
// department's. Callers check before reading a file; ImportFeed checks again.
func CheckFeedUpload(ctx context.Context, k warn.FeedKind) error {
	if !actorOf(ctx).Can(auth.UploadFeeds) {
		return errs.New(errs.Forbidden, "err.forbidden")
	}
	if !k.Valid() {
		return errs.InvalidField("kind", "err.feed.kind", map[string]any{"Kind": string(k)})
	}
	if t := tokenOf(ctx); t != nil && t.Department != k.Department() {
		return errs.New(errs.Forbidden, "err.feed.department")
	}
	return nil
}

// idChunk bounds the ID numbers looked up in one statement.
const idChunk = 500

// ImportFeed imports a parsed feed file all or nothing, in one transaction:
// it stores the records (an event already on file adds nothing), evaluates
// the enabled rules over the records of the file's people, and files each
// warning in the demand ledger (channel data_warning, the warning's
// fingerprint as source reference, so a warning is filed once), assigned
// to the village worker when exactly one covers the village. People are
// matched by ID number inside the uploader's area; the others whose records
// meet a rule are listed as unmatched. The fact feeds (hospital stays,
// deaths) are only stored, for visit verification: they file nothing, and
// every ID number of theirs not on file is listed as unmatched.
//
// The same file of the same kind twice imports nothing: the earlier import
// is answered with existing true. A department token uploads only its
// department's feeds.
func (db *DB) ImportFeed(ctx context.Context, up FeedUpload) (imp *FeedImport, existing bool, err error) {
	a := actorOf(ctx)
	if err := CheckFeedUpload(ctx, up.Kind); err != nil {
		return nil, false, err
	}
	if up.Rows == 0 || len(up.Records) == 0 {
		return nil, false, errs.InvalidField("file", "err.feed.no_rows", nil)
	}
	run := func(tx *Tx) error {
		prev, err := tx.feedImportByDigest(up.Kind, up.Digest)
		if err == nil {
			imp, existing = prev, true
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		imp, existing = nil, false
		imp, err = tx.importFeed(&up)
		return err
	}
	err = db.inTx(ctx, run)
	if errs.Is(err, errs.Conflict) {
		// The same file was imported by another request between our check
		// and insert (PostgreSQL): answer that import.
		err = db.inTx(ctx, run)
	}
	if err != nil {
		return nil, false, err
	}
	if existing && !a.System && !a.Sees(imp.PlaceCode) {
		imp.Unmatched = nil // another area's people
	}
	return imp, existing, nil
}

func (tx *Tx) importFeed(up *FeedUpload) (*FeedImport, error) {
	imp := &FeedImport{ID: uuid.Must(uuid.NewV7()).String(), Kind: up.Kind, Department: up.Kind.Department(), Digest: up.Digest,
		Rows: up.Rows, UploadedBy: tx.actor.Username, PlaceCode: tx.actor.Scope, At: tx.now}
	var tokenID sql.NullString
	if t := tokenOf(tx.ctx); t != nil {
		tokenID = sql.NullString{String: t.ID, Valid: true}
	}
	if _, err := tx.Exec(`INSERT INTO feed_imports (id, kind, department, digest, place_code, token_id, row_count, uploaded_by, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, imp.ID, string(imp.Kind), string(imp.Department), imp.Digest, imp.PlaceCode,
		tokenID, imp.Rows, imp.UploadedBy, tx.now); err != nil {
		return nil, err
	}
	people, err := tx.peopleByNumber(up.Records)
	if err != nil {
		return nil, err
	}
	if imp.RecordsAdded, err = tx.insertRecords(imp.ID, up.Records, people); err != nil {
		return nil, err
	}
	if err := tx.evaluate(imp, up, people); err != nil {
		return nil, err
	}
	var report []byte
	if len(imp.Unmatched) > 0 {
		if report, err = tx.db.keys.SealString(mustJSON(imp.Unmatched)); err != nil {
			return nil, err
		}
	}
	if _, err := tx.Exec(`UPDATE feed_imports SET records_added = $1, hits = $2, needs_filed = $3, needs_merged = $4, already_filed = $5,
		unmatched = $6, report_cipher = $7 WHERE id = $8`, imp.RecordsAdded, imp.Hits, imp.NeedsFiled, imp.NeedsMerged, imp.AlreadyFiled,
		imp.UnmatchedCount, report, imp.ID); err != nil {
		return nil, err
	}
	return imp, tx.audit("feed.import", "feed_import", imp.ID, imp.PlaceCode, map[string]any{"kind": imp.Kind, "rows": imp.Rows,
		"records_added": imp.RecordsAdded, "hits": imp.Hits, "needs_filed": imp.NeedsFiled, "needs_merged": imp.NeedsMerged,
		"unmatched": imp.UnmatchedCount})
}

// matched is the people of a file on record, by ID number.
type matched struct {
	byNumber map[string]warn.PersonRef
	byID     map[string]warn.PersonRef
	index    map[string]string // ID number → blind index, for everyone in the file
}

// peopleByNumber finds the people of the records in the actor's area.
func (tx *Tx) peopleByNumber(recs []warn.Record) (*matched, error) {
	m := &matched{byNumber: map[string]warn.PersonRef{}, byID: map[string]warn.PersonRef{}, index: map[string]string{}}
	number := map[string]string{} // blind index → ID number
	var idx []string
	for _, r := range recs {
		if _, ok := m.index[r.IDNumber]; !ok {
			i := tx.db.keys.Index(r.IDNumber)
			m.index[r.IDNumber], number[i] = i, r.IDNumber
			idx = append(idx, i)
		}
	}
	for start := 0; start < len(idx); start += idChunk {
		chunk := idx[start:min(start+idChunk, len(idx))]
		refs, byPerson, err := tx.personRefs(func(q *query) { q.inStrings("p.id_index", chunk) })
		if err != nil {
			return nil, err
		}
		for _, r := range refs {
			r.IDNumber = number[byPerson[r.ID]]
			m.byNumber[r.IDNumber], m.byID[r.ID] = r, r
		}
	}
	return m, nil
}

// insertRecords stores the records, each event once, and returns how many
// were new.
func (tx *Tx) insertRecords(importID string, recs []warn.Record, m *matched) (int, error) {
	added := 0
	for _, r := range recs {
		detail, err := tx.db.keys.SealString(mustJSON(map[string]string{"id_number": r.IDNumber, "name": r.Name, "note": r.Note}))
		if err != nil {
			return 0, err
		}
		var personID sql.NullString
		if p, ok := m.byNumber[r.IDNumber]; ok {
			personID = sql.NullString{String: p.ID, Valid: true}
		}
		end := "" // still in hospital, or a feed without an end
		if !r.EndDate.IsZero() {
			end = r.EndDate.Format(time.DateOnly)
		}
		res, err := tx.Exec(`INSERT INTO feed_records (fingerprint, kind, import_id, line, id_index, person_id, event_date, end_date,
			amount_fen, grade, household_size, months, ref, detail_cipher, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
			ON CONFLICT (fingerprint) DO NOTHING`, tx.db.keys.Index("feed|"+r.Fingerprint()), string(r.Kind), importID, r.Line,
			m.index[r.IDNumber], personID, r.Date.Format(time.DateOnly), end, r.AmountFen, r.Grade, r.HouseholdSize, r.Months, r.Ref,
			detail, tx.now)
		if err != nil {
			return 0, err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return 0, err
		}
		added += int(n)
	}
	return added, nil
}

// feedImportByDigest returns the import of the same file, or sql.ErrNoRows.
func (tx *Tx) feedImportByDigest(kind warn.FeedKind, digest string) (*FeedImport, error) {
	var report []byte
	imp, err := scanImport(tx.QueryRow(`SELECT `+importCols+`, report_cipher FROM feed_imports WHERE kind = $1 AND digest = $2`,
		string(kind), digest), &report)
	if err != nil {
		return nil, err
	}
	if len(report) > 0 {
		s, err := tx.db.keys.OpenString(report)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(s), &imp.Unmatched); err != nil {
			return nil, err
		}
	}
	return imp, nil
}

const importCols = `id, kind, department, digest, row_count, records_added, hits, needs_filed, needs_merged, already_filed, unmatched,
	uploaded_by, place_code, at`

func scanImport(s interface{ Scan(...any) error }, extra ...any) (*FeedImport, error) {
	var i FeedImport
	dest := []any{&i.ID, &i.Kind, &i.Department, &i.Digest, &i.Rows, &i.RecordsAdded, &i.Hits, &i.NeedsFiled, &i.NeedsMerged,
		&i.AlreadyFiled, &i.UnmatchedCount, &i.UploadedBy, &i.PlaceCode, &i.At}
	if err := s.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	i.At = i.At.UTC()
	return &i, nil
}
