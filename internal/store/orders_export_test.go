package store

import "context"

// AssignOpenOrdersForTest runs assignOpenOrders in a transaction of its own.
func (db *DB) AssignOpenOrdersForTest(ctx context.Context, planItemID string, unit int, providerID, workerID, assignmentID string) error {
	return db.inTx(ctx, func(tx *Tx) error { return tx.assignOpenOrders(planItemID, unit, providerID, workerID, assignmentID) })
}

// ReleaseFutureOrdersForTest runs releaseFutureOrders in a transaction of its own.
func (db *DB) ReleaseFutureOrdersForTest(ctx context.Context, planItemID string, unit int) error {
	return db.inTx(ctx, func(tx *Tx) error { return tx.releaseFutureOrders(planItemID, unit) })
}
