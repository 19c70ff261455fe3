package store

import "encoding/json"

// mustJSON marshals values that cannot fail to marshal (plain structs).
func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
