package auth

import (
	"context"

	"jiuzhu/internal/place"
)

// Actor is who is acting: a user, or the system itself (CLI, jobs, demo loader).
type Actor struct {
	UserID   string
	Username string
	Role     Role
	Scope    string // place code of the root of the user's subtree; "" = everywhere
	System   bool
	// Provider staff see only their organisation's (or their own) work,
	// whatever their place scope.
	ProviderID string
	WorkerID   string
}

// ProviderSide reports whether the actor works for a provider, so that
// service queries must be narrowed to ProviderID (and WorkerID for field
// staff) on top of the place scope.
func (a *Actor) ProviderSide() bool {
	return a != nil && !a.System && (a.Role == ProviderAdmin || a.Role == ServiceWorker)
}

// SystemActor acts for the platform itself, unbounded by scope.
var SystemActor = &Actor{Username: "system", System: true}

// Can reports whether the actor holds p. The system may do anything.
func (a *Actor) Can(p Permission) bool { return a != nil && (a.System || a.Role.Can(p)) }

// Sees reports whether a record at place code is inside the actor's scope.
func (a *Actor) Sees(code string) bool {
	if a == nil {
		return false
	}
	return a.System || place.Contains(a.Scope, code)
}

type actorKey struct{}

// WithActor returns a context carrying a.
func WithActor(ctx context.Context, a *Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the context's actor, or nil for an anonymous request.
func ActorFrom(ctx context.Context) *Actor {
	a, _ := ctx.Value(actorKey{}).(*Actor)
	return a
}
