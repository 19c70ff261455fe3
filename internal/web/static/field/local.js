// The visit as this phone sees it: the server's last word on it, with the
// events still waiting in the outbox laid on top, so every step shows at
// once, signal or not. The server folds the same events for real
// (internal/visit); this only has to look right until the next sync.

export function emptyVisit(orderID) {
  return { order_id: orderID, state: 'planned', tasks: [], photos: [], rating: 0, conflicts: [], devices: [] };
}

// localVisit returns stop.visit with the waiting items (outbox items of
// this order, in the order made) applied. waiting names the kinds not yet
// sent; each photo made here carries local: true.
export function localVisit(stop, items = []) {
  const base = stop.visit || emptyVisit(stop.order_id);
  const v = {
    ...base,
    tasks: [...(base.tasks || [])],
    photos: [...(base.photos || [])],
    conflicts: [...(base.conflicts || [])],
    devices: [...(base.devices || [])],
    waiting: new Set(),
  };
  for (const it of items) {
    if (it.state !== 'pending') continue;
    const e = it.event;
    v.waiting.add(e.kind);
    switch (e.kind) {
      case 'check_in':
        v.check_in = e;
        if (v.state === 'planned' || v.state === 'missed') v.state = 'in_progress';
        v.missed = undefined;
        break;
      case 'missed':
        if (!v.check_in || v.state === 'planned') { v.missed = e; v.state = 'missed'; }
        break;
      case 'tasks':
        v.tasks = e.tasks || [];
        break;
      case 'photo':
        if (!v.photos.some((p) => p.sha === e.photo_sha && p.stage === e.photo_stage)) {
          v.photos.push({ sha: e.photo_sha, stage: e.photo_stage, event_id: e.id, at: e.device_time, local: true });
        }
        break;
      case 'confirm':
        v.confirmation = e;
        if (e.rating) v.rating = e.rating;
        break;
      case 'check_out':
        v.check_out = e;
        v.state = 'done';
        break;
      case 'resolve':
        v.conflicts = v.conflicts.filter((c) => c.slot !== e.resolve_slot);
        break;
    }
  }
  return v;
}

// minutes returns how long a visit lasted by the device clocks, or 0.
export function minutes(v) {
  if (!v.check_in || !v.check_out) return 0;
  const ms = new Date(v.check_out.device_time) - new Date(v.check_in.device_time);
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms / 60000) : 0;
}
