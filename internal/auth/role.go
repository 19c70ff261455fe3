// Package auth holds users, roles and what each role may do, and the acting
// user carried on a request's context. Data scope is a place subtree.
package auth

// Role is a user's function (SPEC §10).
type Role string

// Roles.
const (
	Resident          Role = "resident"
	VillageWorker     Role = "village_worker"
	TownshipOfficer   Role = "township_officer"
	CountyReviewer    Role = "county_reviewer"
	PrefectureAdmin   Role = "prefecture_admin"
	DepartmentLiaison Role = "department_liaison"
	ProviderAdmin     Role = "provider_admin"
	ServiceWorker     Role = "service_worker"
	Assessor          Role = "assessor"
	Evaluator         Role = "evaluator"
	Auditor           Role = "auditor"
)

// Roles lists every role in display order.
var Roles = []Role{VillageWorker, TownshipOfficer, CountyReviewer, PrefectureAdmin, DepartmentLiaison, ProviderAdmin, ServiceWorker, Assessor, Evaluator, Auditor, Resident}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, k := range Roles {
		if r == k {
			return true
		}
	}
	return false
}

// Permission is something a role may do.
type Permission string

// Permissions.
const (
	ReadPersons  Permission = "persons.read"
	WritePersons Permission = "persons.write"
	SeeFullID    Permission = "persons.full_id" // unmasked ID numbers and health notes
	ManageUsers  Permission = "users.manage"
	ReadAudit    Permission = "audit.read"
	ReadPlaces   Permission = "places.read"
	ReadNeeds    Permission = "needs.read"
	WriteNeeds   Permission = "needs.write" // file, merge and assign needs
)

// Data early warning permissions (package warn).
const (
	UploadFeeds    Permission = "feeds.upload"    // import department feeds
	ManageWarnings Permission = "warnings.manage" // warning rules, department tokens, emergencies
)

// Service permissions (SPEC §5–§7): catalogue, resource library, matching,
// plans and orders.
const (
	ReadServices    Permission = "services.read"    // catalogue, providers, plans, matches and orders in scope
	ManageCatalog   Permission = "catalog.manage"   // add and revise catalogue items
	ManageProviders Permission = "providers.manage" // organisations and workers; provider admins only their own
	RunMatching     Permission = "matching.run"     // preview, confirm and override matching
	ManagePlans     Permission = "plans.manage"     // create, change, pause and cancel plans; generate orders
	RespondOrders   Permission = "orders.respond"   // provider side: decline assignments, see own orders and routes
	RecordVisits    Permission = "visits.record"    // field staff: check in, record and check out their own visits
	SuperviseVisits Permission = "visits.supervise" // clear or reject flagged visits
	ManageVisitRule Permission = "visits.rules"     // edit the verification rules
)

// grants is the one table of who may do what. Provider staff do not read the
// person register: they will see only their own recipients through orders.
var grants = map[Role][]Permission{
	VillageWorker:   {ReadPlaces, ReadPersons, WritePersons, ReadNeeds, WriteNeeds, ReadServices},
	TownshipOfficer: {ReadPlaces, ReadPersons, WritePersons, ReadNeeds, WriteNeeds, ReadServices, ManagePlans, SuperviseVisits},
	CountyReviewer:  {ReadPlaces, ReadPersons, WritePersons, SeeFullID, ReadNeeds, WriteNeeds, ReadServices, ManagePlans, RunMatching, SuperviseVisits},
	PrefectureAdmin: {ReadPlaces, ReadPersons, WritePersons, SeeFullID, ManageUsers, ReadNeeds, WriteNeeds, UploadFeeds, ManageWarnings,
		ReadServices, ManageCatalog, ManageProviders, RunMatching, ManagePlans, SuperviseVisits, ManageVisitRule},
	DepartmentLiaison: {ReadPlaces, UploadFeeds},
	ProviderAdmin:     {ReadPlaces, ReadServices, ManageProviders, RespondOrders},
	ServiceWorker:     {ReadPlaces, RespondOrders, RecordVisits},
	Assessor:          {ReadPlaces, ReadPersons, ReadNeeds},
	Evaluator:         {ReadPlaces, ReadServices},
	Auditor:           {ReadPlaces, ReadPersons, ReadAudit, ReadNeeds, ReadServices},
	Resident:          {},
}

// Can reports whether role r holds permission p.
func (r Role) Can(p Permission) bool {
	for _, g := range grants[r] {
		if g == p {
			return true
		}
	}
	return false
}

// Staff reports whether r is a staff role that uses the console.
func (r Role) Staff() bool { return r.Valid() && r != Resident }
