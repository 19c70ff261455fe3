package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"strconv"

	"jiuzhu/internal/blob"
	"jiuzhu/internal/errs"
	"jiuzhu/internal/photo"
)

// thumbSide is the longest side of a served thumbnail, in pixels.
const thumbSide = 320

// apiPutBlob handles PUT /api/v1/blobs/{sha}: a photo or signature from a
// field device, stored under the SHA-256 of its content. The type is judged
// by the content (JPEG or PNG only), never by the declared type. Sending the
// same image again answers 200 and stores nothing new.
func (s *Server) apiPutBlob(w http.ResponseWriter, r *http.Request) error {
	sha := r.PathValue("sha")
	if !blob.ValidSHA(sha) {
		return errs.InvalidField("sha", "err.blob.sha", nil)
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, photo.MaxBytes+1))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) || len(body) > photo.MaxBytes {
		return &errs.Error{Code: errs.TooLarge, Key: "err.blob.too_large", Args: map[string]any{"MB": photo.MaxBytes >> 20}}
	}
	if err != nil {
		return errs.InvalidField("body", "err.blob.read", nil)
	}
	sum := sha256.Sum256(body)
	if hex.EncodeToString(sum[:]) != sha {
		return errs.InvalidField("sha", "err.blob.mismatch", nil)
	}
	meta, err := photo.Inspect(body)
	switch {
	case errors.Is(err, photo.ErrType):
		return errs.InvalidField("body", "err.blob.type", nil)
	case errors.Is(err, photo.ErrCorrupt):
		return errs.InvalidField("body", "err.blob.corrupt", nil)
	case errors.Is(err, photo.ErrTooLarge):
		return &errs.Error{Code: errs.TooLarge, Key: "err.blob.too_large", Args: map[string]any{"MB": photo.MaxBytes >> 20}}
	case err != nil:
		return err
	}
	status := http.StatusCreated
	if _, err := s.blobs.Stat(r.Context(), sha); err == nil {
		status = http.StatusOK
	}
	if err := s.blobs.Put(r.Context(), sha, body, meta.ContentType); err != nil {
		return err
	}
	if err := s.db.RecordBlob(r.Context(), sha, int64(len(body)), meta); err != nil {
		return err
	}
	return writeJSON(w, status, map[string]any{"sha": sha, "size": len(body), "content_type": meta.ContentType})
}

// apiGetBlob handles GET /api/v1/blobs/{sha}: a stored image, or its
// thumbnail with ?thumb=1, to whoever uploaded it or may read a visit
// holding it.
func (s *Server) apiGetBlob(w http.ResponseWriter, r *http.Request) error {
	sha := r.PathValue("sha")
	if !blob.ValidSHA(sha) {
		return errs.New(errs.NotFound, "err.not_found")
	}
	if err := s.db.BlobVisible(r.Context(), sha); err != nil {
		return err
	}
	rc, info, err := s.blobs.Get(r.Context(), sha)
	if errors.Is(err, blob.ErrNotFound) {
		return errs.New(errs.NotFound, "err.not_found")
	}
	if err != nil {
		return err
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return err
	}
	ctype := info.ContentType
	if r.URL.Query().Get("thumb") != "" {
		if b, err = photo.Thumbnail(b, thumbSide); err != nil {
			return err
		}
		ctype = photo.JPEG
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	// Evidence is personal data: private, but immutable under its hash.
	w.Header().Set("Cache-Control", "private, max-age=86400, immutable")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	_, err = io.Copy(w, bytes.NewReader(b))
	return err
}
