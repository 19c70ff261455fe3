// The outbox: visit events wait in IndexedDB until they reach the server,
// oldest first. Each carries its UUIDv7 as the Idempotency-Key, so sending
// one again after a lost answer is harmless: the server answers "duplicate".
//
//   2xx              sent: removed, kept in "sent" for the phone's own records
//   401              the session ended: everything stays until the worker signs in
//   408 409 425 429  try again later (409: the same key is still in flight)
//   other 4xx        the server refused it: marked failed with its reason, never retried
//   5xx, no network  try again later, waiting longer each time
//
// Photos and signatures are uploaded (PUT /api/v1/blobs/{sha}) before the
// event that names them.

const RETRY = new Set([408, 409, 425, 429]);
const BASE_DELAY = 2000;
const MAX_DELAY = 5 * 60 * 1000;

export class Outbox {
  // db is from openFieldDB; opts: workerID (events of another account on
  // the same phone are never sent under this one's session), fetch, now,
  // random (for the backoff's jitter), onSent(item, answer), onFailed(item).
  constructor(db, opts = {}) {
    this.db = db;
    this.workerID = opts.workerID || '';
    this.fetch = opts.fetch || ((...a) => globalThis.fetch(...a));
    this.now = opts.now || (() => Date.now());
    this.random = opts.random || Math.random;
    this.onSent = opts.onSent || (() => {});
    this.onFailed = opts.onFailed || (() => {});
    this.running = null;
  }

  // add stores an event and the blobs it names ([{sha, blob, type}]) in one
  // transaction, so an event never waits without its photo.
  async add(event, blobs = []) {
    const tx = this.db.transaction(['outbox', 'blobs'], 'readwrite');
    const now = this.now();
    for (const b of blobs) {
      const old = await tx.objectStore('blobs').get(b.sha);
      if (!old) await tx.objectStore('blobs').put({ sha: b.sha, blob: b.blob, type: b.type, uploaded: false, at: now });
    }
    const item = {
      id: event.id, order_id: event.order_id, kind: event.kind, event,
      blobs: blobs.map((b) => b.sha), worker_id: this.workerID,
      state: 'pending', tries: 0, next_at: 0, created_at: now, error: null,
    };
    item.seq = await tx.objectStore('outbox').add(item);
    await tx.done;
    return item;
  }

  // list returns every item in the order made.
  async list() {
    return this.db.getAll('outbox');
  }

  // pending returns this worker's items still to send, in order.
  async pending() {
    return (await this.list()).filter((it) => it.state === 'pending' && this.mine(it));
  }

  // failed returns this worker's items the server refused.
  async failed() {
    return (await this.list()).filter((it) => it.state === 'failed' && this.mine(it));
  }

  // others counts items waiting for another account on this phone.
  async others() {
    return (await this.list()).filter((it) => it.state === 'pending' && !this.mine(it)).length;
  }

  mine(it) {
    return !this.workerID || !it.worker_id || it.worker_id === this.workerID;
  }

  // dismiss removes a failed item once the worker has seen it.
  async dismiss(seq) {
    await this.db.delete('outbox', seq);
  }

  // send sends waiting items in order until one has to wait. force ignores
  // the backoff (the "send now" button, the online event). One run at a
  // time: a second call while one runs gets the running one's answer.
  send({ force = false } = {}) {
    if (!this.running) {
      this.running = this.run(force).finally(() => { this.running = null; });
    }
    return this.running;
  }

  async run(force) {
    const res = { sent: 0, failed: 0, auth: false, wait: false, next_at: 0 };
    for (const it of await this.pending()) {
      if (!force && it.next_at > this.now()) {
        res.wait = true;
        res.next_at = it.next_at;
        break;
      }
      const r = await this.sendOne(it);
      if (r === 'sent') res.sent++;
      else if (r === 'failed') res.failed++;
      else {
        // Later events wait behind this one: a check-out never reaches the
        // server before its check-in.
        if (r === 'auth') res.auth = true;
        else { res.wait = true; res.next_at = it.next_at; }
        break;
      }
    }
    return res;
  }

  async sendOne(it) {
    for (const sha of it.blobs || []) {
      const b = await this.db.get('blobs', sha);
      if (!b) return this.fail(it, { status: 0, detail: 'blob missing', key: 'field.err.blob_missing' });
      if (b.uploaded) continue;
      const r = await this.request(`/api/v1/blobs/${sha}`, {
        method: 'PUT', headers: { 'Content-Type': b.type }, body: b.blob,
      });
      if (r.ok) {
        b.uploaded = true;
        await this.db.put('blobs', b);
        continue;
      }
      return this.verdict(it, r);
    }
    const r = await this.request('/api/v1/visit-events', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': it.id },
      body: JSON.stringify(it.event),
    });
    if (r.ok) {
      const answer = await r.res.json().catch(() => ({}));
      const tx = this.db.transaction(['outbox', 'sent'], 'readwrite');
      await tx.objectStore('outbox').delete(it.seq);
      await tx.objectStore('sent').put({ id: it.id, order_id: it.order_id, event: it.event, at: this.now(), duplicate: !!answer.duplicate });
      await tx.done;
      await this.onSent(it, answer);
      return 'sent';
    }
    return this.verdict(it, r);
  }

  // request wraps fetch: {ok, status, res}, status 0 when the network failed.
  async request(url, init) {
    try {
      const res = await this.fetch(url, { credentials: 'same-origin', ...init });
      return { ok: res.status >= 200 && res.status < 300, status: res.status, res };
    } catch {
      return { ok: false, status: 0, res: null };
    }
  }

  // verdict decides what a failed request means for the item: 'auth',
  // 'failed' or 'wait'.
  async verdict(it, r) {
    if (r.status === 401) return 'auth';
    if (r.status >= 400 && r.status < 500 && !RETRY.has(r.status)) {
      return this.fail(it, await problemOf(r));
    }
    it.tries = (it.tries || 0) + 1;
    const delay = Math.min(MAX_DELAY, BASE_DELAY * 2 ** (it.tries - 1));
    it.next_at = this.now() + Math.round(delay * (0.5 + this.random() / 2));
    it.error = { status: r.status };
    await this.db.put('outbox', it);
    return 'wait';
  }

  async fail(it, problem) {
    it.state = 'failed';
    it.error = problem;
    await this.db.put('outbox', it);
    await this.onFailed(it);
    return 'failed';
  }
}

// problemOf reads an RFC 9457 problem: the per-field messages, or else its
// detail or title.
async function problemOf(r) {
  const p = { status: r.status, detail: '' };
  try {
    const body = await r.res.json();
    // The fields' own messages say more than the title ("check the
    // marked fields"), which marks nothing here.
    const fields = (body.errors || []).map((e) => e.detail).filter(Boolean);
    p.detail = fields.length ? fields.join(' · ') : body.detail || body.title || `HTTP ${r.status}`;
    p.errors = body.errors || [];
  } catch {
    p.detail = `HTTP ${r.status}`;
  }
  return p;
}
