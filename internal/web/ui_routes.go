package web

import (
	"net/http"
	"net/url"
	"strings"

	"jiuzhu/internal/errs"
)

// uiRoutes is the console's route table: server-rendered pages for staff.
// Every change is a POST; the global cross-origin guard protects them.
func (s *Server) uiRoutes() []route {
	return []route{
		{"GET", "/static/", s.staticHandler()},
		{"GET", "/login", http.HandlerFunc(s.showLoginPage)},
		{"POST", "/login", http.HandlerFunc(s.submitLogin)},
		{"POST", "/logout", http.HandlerFunc(s.logout)},
		{"GET", "/lang", http.HandlerFunc(s.switchLanguage)},
		{"GET", "/{$}", s.page(s.showHomePage)},
		{"GET", "/persons", s.page(s.showPersonsPage)},
		{"GET", "/persons/new", s.page(s.showNewPersonPage)},
		{"POST", "/persons/new", s.page(s.createPerson)},
		{"GET", "/persons/{id}", s.page(s.showPersonPage)},
		{"GET", "/persons/{id}/edit", s.page(s.showEditPersonPage)},
		{"POST", "/persons/{id}/edit", s.page(s.savePerson)},
		{"GET", "/needs", s.page(s.showNeedsPage)},
		{"GET", "/needs/new", s.page(s.showNewNeedPage)},
		{"POST", "/needs/new", s.page(s.fileNeed)},
		{"GET", "/needs/{id}", s.page(s.showNeedPage)},
		{"POST", "/needs/{id}/assign", s.page(s.assignNeed)},
		{"POST", "/needs/{id}/close", s.page(s.closeNeed)},
		{"GET", "/assess", s.page(s.showAssessWorkPage)},
		{"GET", "/assess/new", s.page(s.showAssessPage)},
		{"POST", "/assess/new", s.page(s.saveAssessment)},
		{"GET", "/assessments/{id}", s.page(s.showAssessmentPage)},
		{"POST", "/assessments/{id}/pass", s.page(s.passAssessmentStep)},
		{"GET", "/persons/{id}/assessments", s.page(s.showPersonAssessmentsPage)},
		{"GET", "/survey", s.page(s.showSurveyPage)},
		{"GET", "/survey/new", s.page(s.showNewSurveyRoundPage)},
		{"POST", "/survey/new", s.page(s.createSurveyRound)},
		{"GET", "/survey/tasks", s.page(s.showSurveyTasksPage)},
		{"GET", "/survey/tasks/{id}", s.page(s.showSurveyTaskPage)},
		{"POST", "/survey/tasks/{id}", s.page(s.recordSurveyVisit)},
		{"POST", "/needs/{id}/apply", s.page(s.applyForNeed)},
		{"GET", "/applications", s.page(s.showApplicationsPage)},
		{"GET", "/applications/{id}", s.page(s.showApplicationPage)},
		{"POST", "/applications/{id}/act", s.page(s.actOnApplication)},
		{"GET", "/inbox", s.page(s.showInboxPage)},
		{"GET", "/stats/turnaround", s.page(s.showTurnaroundPage)},
		{"GET", "/warnings", s.page(s.showFeedsPage)},
		{"POST", "/warnings/upload", s.page(s.uploadFeed)},
		{"GET", "/warnings/templates/{kind}", s.page(s.downloadFeedTemplate)},
		{"GET", "/warnings/rules", s.page(s.showRulesPage)},
		{"POST", "/warnings/rules/{code}", s.page(s.saveRule)},
		{"GET", "/emergencies", s.page(s.showEmergenciesPage)},
		{"POST", "/emergencies", s.page(s.declareEmergency)},
		// Service catalogue and resource library (SPEC §5–§6).
		{"GET", "/catalog", s.page(s.showCatalogPage)},
		{"GET", "/catalog/new", s.page(s.showNewCatalogItemPage)},
		{"POST", "/catalog/new", s.page(s.createCatalogItem)},
		{"GET", "/catalog/{code}", s.page(s.showCatalogItemPage)},
		{"POST", "/catalog/{code}", s.page(s.reviseCatalogItem)},
		{"GET", "/providers", s.page(s.showProvidersPage)},
		{"GET", "/providers/new", s.page(s.showNewProviderPage)},
		{"POST", "/providers/new", s.page(s.createProvider)},
		{"GET", "/providers/{id}", s.page(s.showProviderPage)},
		{"GET", "/providers/{id}/edit", s.page(s.showEditProviderPage)},
		{"POST", "/providers/{id}/edit", s.page(s.saveProvider)},
		{"GET", "/providers/{id}/workers/new", s.page(s.showNewWorkerPage)},
		{"POST", "/providers/{id}/workers/new", s.page(s.createWorker)},
		{"GET", "/workers/{id}", s.page(s.showWorkerPage)},
		{"GET", "/workers/{id}/edit", s.page(s.showEditWorkerPage)},
		{"POST", "/workers/{id}/edit", s.page(s.saveWorker)},
		// Matching (SPEC §6).
		{"GET", "/matching", s.page(s.showMatchingPage)},
		{"POST", "/matching/one-click", s.page(s.oneClickMatching)},
		{"POST", "/matching/preview", s.page(s.previewMatching)},
		{"GET", "/matching/runs/{id}", s.page(s.showRunPage)},
		{"POST", "/matching/runs/{id}/confirm", s.page(s.confirmRun)},
		{"POST", "/matching/runs/{id}/discard", s.page(s.discardRun)},
		{"GET", "/matching/declined", s.page(s.showDeclinedPage)},
		{"GET", "/matching/mine", s.page(s.showMyAssignmentsPage)},
		{"GET", "/matching/workers/{id}", s.page(s.showWorkerAssignmentsPage)},
		{"GET", "/matching/persons/{id}", s.page(s.showPersonAssignmentsPage)},
		{"GET", "/matching/assignments/{id}", s.page(s.showAssignmentPage)},
		{"POST", "/matching/assignments/{id}/override", s.page(s.overrideAssignment)},
		{"POST", "/matching/assignments/{id}/decline", s.page(s.declineAssignment)},
		// Service plans, work orders and daily routes (SPEC §7).
		{"GET", "/plans", s.page(s.showPlansPage)},
		{"POST", "/plans/backfill", s.page(s.createMissingPlans)},
		{"GET", "/plans/{id}", s.page(s.showPlanPage)},
		{"POST", "/plans/{id}/items", s.page(s.addPlanItem)},
		{"POST", "/plans/{id}/items/{item}", s.page(s.savePlanItem)},
		{"POST", "/plans/{id}/items/{item}/remove", s.page(s.removePlanItem)},
		{"POST", "/plans/{id}/state", s.page(s.changePlanStatePage)},
		{"GET", "/orders", s.page(s.showOrdersPage)},
		{"POST", "/orders/generate", s.page(s.generateOrders)},
		{"GET", "/my-day", s.page(s.showMyDayPage)},
		{"GET", "/workers/{id}/day", s.page(s.showWorkerDayPage)},
		// Visits, their verification and the exception queue (SPEC §7).
		{"GET", "/visits", s.page(s.showVisitsPage)},
		{"GET", "/visits/{id}", s.page(s.showVisitPage)},
		{"POST", "/visits/{id}/decision", s.page(s.decideVisit)},
		{"GET", "/", http.HandlerFunc(s.notFound)},
	}
}

// page wraps a console handler that needs a signed-in user: anonymous
// visitors go to the login page, which brings them back afterwards; errors
// become HTML error pages.
func (s *Server) page(h func(w http.ResponseWriter, r *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if currentUser(r) == nil {
			s.redirectToLogin(w, r)
			return
		}
		if err := h(w, r); err != nil {
			s.renderErrorPage(w, r, s.problemFor(r, err))
		}
	})
}

func (s *Server) redirectToLogin(w http.ResponseWriter, r *http.Request) {
	to := "/login"
	if next := r.URL.RequestURI(); next != "/" {
		to += "?next=" + url.QueryEscape(next)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// notFound handles GET / for every path no other route claims: a problem
// document under /api/, the console's 404 page elsewhere.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	err := errs.New(errs.NotFound, "err.not_found")
	if strings.HasPrefix(r.URL.Path, "/api/") {
		s.fail(w, r, err)
		return
	}
	s.renderErrorPage(w, r, s.problemFor(r, err))
}

// renderErrorPage shows an error to a console user: the localized title,
// the status and the request id to quote to an administrator.
func (s *Server) renderErrorPage(w http.ResponseWriter, r *http.Request, p Problem) {
	v := s.newView(w, r, "")
	v.Title = p.Title
	v.Data = p
	s.render(w, r, p.Status, "error", v)
}

// localPath returns next if it is a path on this site, else "/": redirects
// after login or a language switch never leave the site.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "/"
	}
	return u.RequestURI()
}
