// Package match assigns the weekly units of service plans (demands) to
// provider workers by a global minimum-cost flow (package mcf), and explains
// every choice: the cost parts, the runner-up and why it lost, and for a
// demand left open the hard constraint no worker could meet.
//
// It is pure: the store loads Demands and Workers and saves the Result.
// The same input always gives the same output, because candidates are
// ordered by cost and then by worker id and the solver is deterministic.
package match
