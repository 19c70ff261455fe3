package web

import "net/http"

// route is one entry of a surface's route table.
type route struct {
	Method  string
	Pattern string
	Handler http.Handler
}

func (s *Server) routes() []route {
	var all []route
	all = append(all, s.opsRoutes()...)
	all = append(all, s.apiRoutes()...)
	all = append(all, s.publicRoutes()...)
	all = append(all, s.fieldRoutes()...)
	all = append(all, s.uiRoutes()...)
	return all
}

// opsRoutes are for operators and probes; they need no login.
func (s *Server) opsRoutes() []route {
	return []route{
		{"GET", "/livez", http.HandlerFunc(s.livez)},
		{"GET", "/healthz", http.HandlerFunc(s.readyz)},
		{"GET", "/readyz", http.HandlerFunc(s.readyz)},
		{"GET", "/metrics", s.metricsHandler()},
	}
}

// apiRoutes is the JSON API. Every route here is documented in openapi.json
// (a test checks both ways).
func (s *Server) apiRoutes() []route {
	return []route{
		{"GET", "/api/v1/openapi.json", http.HandlerFunc(s.showOpenAPI)},
		{"POST", "/api/v1/auth/login", http.HandlerFunc(s.apiLogin)},
		{"POST", "/api/v1/auth/logout", s.api(s.apiLogout)},
		{"GET", "/api/v1/me", s.api(s.apiMe)},
		{"GET", "/api/v1/places", s.api(s.apiPlaceRoots)},
		{"GET", "/api/v1/places/{code}", s.api(s.apiPlace)},
		{"GET", "/api/v1/places/{code}/children", s.api(s.apiPlaceChildren)},
		{"GET", "/api/v1/persons", s.api(s.apiListPersons)},
		{"POST", "/api/v1/persons", s.api(s.apiCreatePerson)},
		{"GET", "/api/v1/persons/{id}", s.api(s.apiGetPerson)},
		{"PATCH", "/api/v1/persons/{id}", s.api(s.apiUpdatePerson)},
		{"GET", "/api/v1/persons/{id}/locations", s.api(s.apiListLocations)},
		{"POST", "/api/v1/persons/{id}/locations", s.api(s.apiAddLocation)},
		{"GET", "/api/v1/persons/{id}/location", s.api(s.apiLocationOn)},
		{"GET", "/api/v1/persons/{id}/access-log", s.api(s.apiAccessLog)},
		{"GET", "/api/v1/needs", s.api(s.apiListNeeds)},
		{"POST", "/api/v1/needs", s.api(s.apiFileNeed)},
		{"GET", "/api/v1/needs/export", s.api(s.apiExportNeeds)},
		{"GET", "/api/v1/needs/{id}", s.api(s.apiGetNeed)},
		{"POST", "/api/v1/needs/{id}/assign", s.api(s.apiAssignNeed)},
		{"POST", "/api/v1/needs/{id}/close", s.api(s.apiCloseNeed)},
		{"GET", "/api/v1/applications", s.api(s.apiListApplications)},
		{"POST", "/api/v1/applications", s.api(s.apiOpenApplication)},
		{"GET", "/api/v1/applications/{id}", s.api(s.apiGetApplication)},
		{"POST", "/api/v1/applications/{id}/actions", s.api(s.apiActOnApplication)},
		{"GET", "/api/v1/notifications", s.api(s.apiNotifications)},
		{"GET", "/api/v1/assessment-templates", s.api(s.apiListAssessmentTemplates)},
		{"GET", "/api/v1/assessment-templates/{code}", s.api(s.apiGetAssessmentTemplate)},
		{"POST", "/api/v1/assessment-templates/{code}/revisions", s.api(s.apiReviseAssessmentTemplate)},
		{"POST", "/api/v1/persons/{id}/assessments", s.api(s.apiAssessPerson)},
		{"GET", "/api/v1/persons/{id}/assessments", s.api(s.apiListAssessments)},
		{"GET", "/api/v1/assessments/due", s.api(s.apiReassessmentsDue)},
		{"GET", "/api/v1/applications/{id}/assessment", s.api(s.apiApplicationAssessment)},
		{"POST", "/api/v1/applications/{id}/assessment-pass", s.api(s.apiPassAssessment)},
		{"GET", "/api/v1/survey-rounds", s.api(s.apiListSurveyRounds)},
		{"POST", "/api/v1/survey-rounds", s.api(s.apiCreateSurveyRound)},
		{"GET", "/api/v1/survey-rounds/{id}", s.api(s.apiGetSurveyRound)},
		{"GET", "/api/v1/survey-tasks", s.api(s.apiListSurveyTasks)},
		{"GET", "/api/v1/survey-tasks/{id}", s.api(s.apiGetSurveyTask)},
		{"POST", "/api/v1/survey-tasks/{id}/result", s.api(s.apiCompleteSurveyTask)},
		{"POST", "/api/v1/feeds/{kind}", s.feedAPI(s.apiUploadFeed)},
		{"GET", "/api/v1/feeds", s.api(s.apiListFeedImports)},
		{"GET", "/api/v1/warning-rules", s.api(s.apiListWarningRules)},
		{"PUT", "/api/v1/warning-rules/{code}", s.api(s.apiPutWarningRule)},
		{"GET", "/api/v1/department-tokens", s.api(s.apiListDepartmentTokens)},
		{"POST", "/api/v1/department-tokens", s.api(s.apiCreateDepartmentToken)},
		{"DELETE", "/api/v1/department-tokens/{id}", s.api(s.apiRevokeDepartmentToken)},
		{"GET", "/api/v1/emergencies", s.api(s.apiListEmergencies)},
		{"POST", "/api/v1/emergencies", s.api(s.apiDeclareEmergency)},
		{"GET", "/api/v1/stats/assisted", s.api(s.apiAssistedCounts)},
		{"GET", "/api/v1/stats/turnaround", s.api(s.apiTurnaround)},
		{"GET", "/api/v1/audit/verify", s.api(s.apiVerifyAudit)},
		// Service plans, work orders and daily routes (SPEC §7).
		{"GET", "/api/v1/plans", s.api(s.apiListPlans)},
		{"GET", "/api/v1/plans/{id}", s.api(s.apiGetPlan)},
		{"POST", "/api/v1/plans/{id}/items", s.api(s.apiAddPlanItem)},
		{"PUT", "/api/v1/plans/{id}/items/{item}", s.api(s.apiUpdatePlanItem)},
		{"DELETE", "/api/v1/plans/{id}/items/{item}", s.api(s.apiRemovePlanItem)},
		{"POST", "/api/v1/plans/{id}/pause", s.api(s.apiPausePlan)},
		{"POST", "/api/v1/plans/{id}/resume", s.api(s.apiResumePlan)},
		{"POST", "/api/v1/plans/{id}/cancel", s.api(s.apiCancelPlan)},
		{"POST", "/api/v1/plans/{id}/end", s.api(s.apiEndPlan)},
		{"GET", "/api/v1/orders", s.api(s.apiListOrders)},
		{"POST", "/api/v1/orders/generate", s.api(s.apiGenerateOrders)},
		{"GET", "/api/v1/orders/{id}", s.api(s.apiGetOrder)},
		{"GET", "/api/v1/my-day", s.api(s.apiMyDay)},
		{"GET", "/api/v1/workers/{id}/day", s.api(s.apiWorkerDay)},
		// Visits and their verification (SPEC §7): the field app's day, events
		// synced from devices, evidence images, the exception queue.
		{"GET", "/api/v1/field/day", s.api(s.apiFieldDay)},
		{"POST", "/api/v1/visit-events", s.api(s.apiRecordVisitEvent)},
		{"PUT", "/api/v1/blobs/{sha}", s.api(s.apiPutBlob)},
		{"GET", "/api/v1/blobs/{sha}", s.api(s.apiGetBlob)},
		{"POST", "/api/v1/orders/{id}/confirm-code", s.api(s.apiSendConfirmCode)},
		{"GET", "/api/v1/visits", s.api(s.apiListVisits)},
		{"GET", "/api/v1/visits/{id}", s.api(s.apiGetVisit)},
		{"POST", "/api/v1/visits/{id}/decision", s.api(s.apiDecideVisit)},
		{"GET", "/api/v1/visit-rules", s.api(s.apiListVisitRules)},
		{"PUT", "/api/v1/visit-rules/{code}", s.api(s.apiPutVisitRule)},
		// Service catalogue and resource library (SPEC §5–§6).
		{"GET", "/api/v1/catalog/items", s.api(s.apiListCatalogItems)},
		{"POST", "/api/v1/catalog/items", s.api(s.apiAddCatalogItem)},
		{"GET", "/api/v1/catalog/items/{code}", s.api(s.apiGetCatalogItem)},
		{"PUT", "/api/v1/catalog/items/{code}", s.api(s.apiReviseCatalogItem)},
		{"GET", "/api/v1/catalog/items/{code}/history", s.api(s.apiCatalogItemHistory)},
		{"GET", "/api/v1/catalog/packages", s.api(s.apiListCatalogPackages)},
		{"GET", "/api/v1/providers", s.api(s.apiListProviders)},
		{"POST", "/api/v1/providers", s.api(s.apiCreateProvider)},
		{"GET", "/api/v1/providers/{id}", s.api(s.apiGetProvider)},
		{"PUT", "/api/v1/providers/{id}", s.api(s.apiUpdateProvider)},
		{"GET", "/api/v1/providers/{id}/workers", s.api(s.apiListProviderWorkers)},
		{"POST", "/api/v1/providers/{id}/workers", s.api(s.apiCreateWorker)},
		{"GET", "/api/v1/workers", s.api(s.apiListWorkers)},
		{"GET", "/api/v1/workers/{id}", s.api(s.apiGetWorker)},
		{"PUT", "/api/v1/workers/{id}", s.api(s.apiUpdateWorker)},
		// Matching (SPEC §6): runs, assignments, overrides, declines.
		{"GET", "/api/v1/matching/runs", s.api(s.apiListRuns)},
		{"POST", "/api/v1/matching/runs", s.api(s.apiPreviewRun)},
		{"GET", "/api/v1/matching/runs/{id}", s.api(s.apiGetRun)},
		{"POST", "/api/v1/matching/runs/{id}/confirm", s.api(s.apiConfirmRun)},
		{"POST", "/api/v1/matching/runs/{id}/discard", s.api(s.apiDiscardRun)},
		{"POST", "/api/v1/matching/one-click", s.api(s.apiOneClick)},
		{"GET", "/api/v1/assignments", s.api(s.apiListAssignments)},
		{"GET", "/api/v1/assignments/{id}", s.api(s.apiGetAssignment)},
		{"POST", "/api/v1/assignments/{id}/override", s.api(s.apiOverrideAssignment)},
		{"POST", "/api/v1/assignments/{id}/decline", s.api(s.apiDeclineAssignment)},
		{"POST", "/api/v1/plan-items/{id}/match", s.api(s.apiMatchPlanItem)},
	}
}

// publicRoutes is the resident page (self-application): open to anyone, no
// staff account; a phone number and a one-time code make a short resident
// session, carried by a cookie for /apply only.
func (s *Server) publicRoutes() []route {
	p := newResidentSite(s)
	return []route{
		{"GET", "/apply", http.HandlerFunc(p.showStartPage)},
		{"POST", "/apply/code", http.HandlerFunc(p.requestCode)},
		{"GET", "/apply/verify", http.HandlerFunc(p.showCodePage)},
		{"POST", "/apply/verify", http.HandlerFunc(p.verifyCode)},
		{"GET", "/apply/status", p.signedIn(p.showStatusPage)},
		{"GET", "/apply/new", p.signedIn(p.showNewPage)},
		{"POST", "/apply/new", p.signedIn(p.fileNeed)},
		{"GET", "/apply/done/{id}", p.signedIn(p.showDonePage)},
		{"POST", "/apply/logout", http.HandlerFunc(p.endSession)},
	}
}
