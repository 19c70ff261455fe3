package web

import (
	"net/http"
	"strconv"
)

// lang is the request's language tag (zh-Hans, ug, kk-Arab, en).
func (s *Server) lang(r *http.Request) string { return s.localizer(r).Lang().Tag }

// plainFloat writes a coordinate without exponent or trailing zeros.
func plainFloat(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
