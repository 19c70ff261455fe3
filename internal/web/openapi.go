package web

import (
	_ "embed"
	"net/http"
)

// openAPI is the API's OpenAPI 3.1 description; openapi_test.go checks that
// it documents exactly the routes of apiRoutes.
//
//go:embed openapi.json
var openAPI []byte

// showOpenAPI handles GET /api/v1/openapi.json.
func (s *Server) showOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(openAPI)
}
