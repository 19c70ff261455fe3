// Package provider is the resource library (服务资源库, SPEC §6): provider
// organisations and their workers — the items they offer, the places they
// cover, weekly capacity, languages, sex, certifications with expiry, base
// location and rating.
package provider

import (
	"slices"
	"time"
)

// OrgKind is the legal form of a provider organisation.
type OrgKind string

// Organisation kinds.
const (
	SocialOrg         OrgKind = "social_org"         // 社会组织
	Company           OrgKind = "company"            // 企业
	PublicInstitution OrgKind = "public_institution" // 事业单位
)

// OrgKinds lists the organisation kinds.
var OrgKinds = []OrgKind{SocialOrg, Company, PublicInstitution}

// Valid reports whether k is a known kind.
func (k OrgKind) Valid() bool { return slices.Contains(OrgKinds, k) }

// WorkerKind is a worker's function.
type WorkerKind string

// Worker kinds.
const (
	SocialWorker WorkerKind = "social_worker" // 社工
	Volunteer    WorkerKind = "volunteer"     // 志愿者
	Therapist    WorkerKind = "therapist"     // 康复师
	Housekeeper  WorkerKind = "housekeeper"   // 家政/护理员
)

// WorkerKinds lists the worker kinds.
var WorkerKinds = []WorkerKind{SocialWorker, Volunteer, Therapist, Housekeeper}

// Valid reports whether k is a known kind.
func (k WorkerKind) Valid() bool { return slices.Contains(WorkerKinds, k) }

// CertKind is a certification some items require.
type CertKind string

// Certifications.
const (
	RehabTherapist   CertKind = "rehab_therapist"   // 康复治疗师
	SocialWorkerCert CertKind = "social_worker"     // 社会工作者职业资格
	SpecialEducation CertKind = "special_education" // 特殊教育
	HealthCert       CertKind = "health_cert"       // 健康证 (food handling)
)

// CertKinds lists the certifications.
var CertKinds = []CertKind{RehabTherapist, SocialWorkerCert, SpecialEducation, HealthCert}

// Valid reports whether k is a known certification.
func (k CertKind) Valid() bool { return slices.Contains(CertKinds, k) }

// Org is a provider organisation.
type Org struct {
	ID         string    `json:"id"`
	Name       string    `json:"name"`
	Kind       OrgKind   `json:"kind"`
	PlaceCode  string    `json:"place_code"` // where registered
	CreditCode string    `json:"credit_code,omitempty"`
	Contact    string    `json:"contact,omitempty"`
	Phone      string    `json:"phone,omitempty"`
	Halal      bool      `json:"halal"` // may serve food items to halal households
	Stars      int       `json:"stars"` // 0–5
	Active     bool      `json:"active"`
	Version    int       `json:"version"`
	Workers    int       `json:"workers"` // active workers, as read
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Cert is a certification a worker holds, valid through Expires (YYYY-MM-DD).
type Cert struct {
	Cert    CertKind `json:"cert"`
	Number  string   `json:"number,omitempty"`
	Expires string   `json:"expires"`
}

// ValidOn reports whether the certificate is valid on day (YYYY-MM-DD).
// Dates in this form compare as strings.
func (c Cert) ValidOn(day string) bool { return c.Expires >= day }

// Worker is a person who delivers services for an organisation.
type Worker struct {
	ID           string     `json:"id"`
	ProviderID   string     `json:"provider_id"`
	ProviderName string     `json:"provider_name,omitempty"` // as read
	Name         string     `json:"name"`
	Kind         WorkerKind `json:"kind"`
	Sex          string     `json:"sex"`       // person.Sex: M | F
	Languages    []string   `json:"languages"` // person.Languages codes
	Capacity     int        `json:"capacity"`  // units (visits) per week
	PlaceCode    string     `json:"place_code"`
	Lat          float64    `json:"lat"`
	Lon          float64    `json:"lon"`
	Rating       int        `json:"rating"` // 0–500: stars × 100
	Phone        string     `json:"phone,omitempty"`
	Active       bool       `json:"active"`
	Version      int        `json:"version"`
	Items        []string   `json:"items"`    // catalogue item codes
	Coverage     []string   `json:"coverage"` // place codes, each a subtree
	Certs        []Cert     `json:"certs"`
	Load         int        `json:"load"` // current assignments, as read
	CreatedAt    time.Time  `json:"created_at"`
	UpdatedAt    time.Time  `json:"updated_at"`
}

// Cert returns the worker's certificate of kind k.
func (w *Worker) Cert(k CertKind) (Cert, bool) {
	i := slices.IndexFunc(w.Certs, func(c Cert) bool { return c.Cert == k })
	if i < 0 {
		return Cert{}, false
	}
	return w.Certs[i], true
}

// Speaks reports whether the worker speaks the language code.
func (w *Worker) Speaks(lang string) bool { return slices.Contains(w.Languages, lang) }

// OrgFilter narrows a list of organisations; nil fields do not filter.
type OrgFilter struct {
	Place  *string  // registered in, or with a worker covering, this subtree
	Kind   *OrgKind //
	Item   *string  // with an active worker offering this item
	Query  *string  // part of the name
	Active *bool    //
	Offset int
	Limit  int
}

// WorkerFilter narrows a list of workers; nil fields do not filter.
type WorkerFilter struct {
	Provider *string     //
	Place    *string     // covering some of this place's subtree, or all of it
	Item     *string     // offering this item
	Language *string     // speaking this language
	Kind     *WorkerKind //
	Active   *bool       //
	Offset   int
	Limit    int
}
