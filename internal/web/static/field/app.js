// The field app: a service worker's day of visits on a phone, offline
// first. The day comes from GET /api/v1/field/day and is kept in IndexedDB;
// every step of a visit is an event with a UUIDv7, written to the outbox
// first and sent when there is a connection (outbox.js).
import { openFieldDB, deviceID, prune } from './db.js';
import { Outbox } from './outbox.js';
import { uuid7 } from './uuid7.js';
import { locate, fence, hasPlace } from './geo.js';
import { prepare, sha256 } from './photo.js';
import { setStrings, t, dayOf, hm } from './dom.js';
import { renderApp, updateHeader } from './views.js';

const boot = JSON.parse(document.getElementById('field-boot').textContent);
setStrings(boot.strings, boot.lang);

const DAY_MS = 24 * 3600 * 1000;
const KEEP_MS = 3 * DAY_MS; // sent records and uploaded photos kept on the phone
const FIX_MAX_AGE = 5 * 60 * 1000; // a fix this recent goes with events that do not ask for one
const POLL_MS = 30 * 1000;
const STALE_MS = 5 * 60 * 1000; // a saved day older than this is loaded again when opened
const OWN_FIX = new Set(['check_in', 'check_out', 'missed']);

export const app = {
  boot,
  db: null,
  outbox: null,
  device: '',
  days: new Map(), // day → {day, worker_id, fetched_at, data}
  sent: new Map(), // event id → event, this phone's sent events
  items: [], // this worker's outbox items, pending and failed
  others: 0, // items of another account on this phone
  syncing: false,
  loading: false, // fetching the days
  queued: false, // another sync is due as soon as this one ends
  authNeeded: false,
  retryAt: 0,
  skewMin: 0,
  lastFix: null,
  ui: {}, // per order: open panel and form values, so a redraw loses nothing
  notice: '',
};

// ui returns the view state of one stop.
export function ui(orderID) {
  app.ui[orderID] ||= { panel: null, form: {}, strokes: [] };
  return app.ui[orderID];
}

// today and next are the days the app keeps, in China Standard Time.
export function today() { return dayOf(Date.now()); }
export function nextDay() { return dayOf(Date.now() + DAY_MS); }

// pendingFor returns the stop's waiting items, in order.
export function pendingFor(orderID) {
  return app.items.filter((it) => it.order_id === orderID && it.state === 'pending');
}

// findStop returns the stop of an order and the day it is on.
export function findStop(orderID) {
  for (const rec of app.days.values()) {
    const s = (rec.data.stops || []).find((x) => x.order_id === orderID);
    if (s) return { stop: s, day: rec.day };
  }
  return { stop: null, day: '' };
}

// findEvent looks for an event by id among what the phone knows.
export function findEvent(stop, id) {
  if (app.sent.has(id)) return app.sent.get(id);
  const it = app.items.find((x) => x.id === id);
  if (it) return it.event;
  const v = stop.visit || {};
  for (const e of [v.check_in, v.check_out, v.missed, v.confirmation, ...(stop.events || [])]) {
    if (e && e.id === id) return e;
  }
  return null;
}

// --- rendering ---------------------------------------------------------

let renderWanted = false;
let pointerDown = false;

function route() {
  const m = /^#(stop|day)\/(.+)$/.exec(location.hash);
  if (m && m[1] === 'stop') return { view: 'stop', id: decodeURIComponent(m[2]) };
  if (m && m[1] === 'day') return { view: 'day', day: m[2] };
  return { view: 'day', day: today() };
}

let lastKey = '';

export function render() {
  renderWanted = false;
  const r = route();
  lastKey = viewKey(r);
  renderApp(app, r);
}

// viewKey sums up what the current view shows, so background work that
// changed nothing leaves the page (and the worker's finger) alone.
function viewKey(r) {
  const items = app.items.map((it) => `${it.seq}:${it.state}`).join();
  let data = '';
  if (r.view === 'stop') {
    data = JSON.stringify(findStop(r.id).stop);
  } else {
    const rec = app.days.get(r.day);
    data = rec ? `${rec.fetched_at}` : '';
  }
  return JSON.stringify([r, items, data, app.notice, app.authNeeded, app.others, app.skewMin]);
}

// softRender redraws after background work, but not under the worker's
// fingers: while a field has focus it waits until the focus leaves.
function softRender() {
  const a = document.activeElement;
  const typing = a && a.closest('#app') && /^(INPUT|TEXTAREA|SELECT)$/.test(a.tagName) && a.type !== 'file';
  if (typing || pointerDown) { // a finger on the signature pad, for one
    renderWanted = true;
    updateHeader(app);
    return;
  }
  if (!renderWanted && viewKey(route()) === lastKey) {
    updateHeader(app);
    return;
  }
  render();
}

// --- data --------------------------------------------------------------

async function loadLocal() {
  app.days.clear();
  for (const rec of await app.db.getAll('days')) {
    if (rec.worker_id === boot.worker_id) app.days.set(rec.day, rec);
  }
  app.sent = new Map((await app.db.getAll('sent')).map((s) => [s.id, s.event]));
  await refreshItems();
}

async function refreshItems() {
  const all = await app.outbox.list();
  app.items = all.filter((it) => app.outbox.mine(it) && (it.state === 'pending' || it.state === 'failed'));
  app.others = all.filter((it) => it.state === 'pending' && !app.outbox.mine(it)).length;
}

// fetchDay loads one day from the server into IndexedDB.
async function fetchDay(day) {
  let res;
  try {
    res = await fetch(`/api/v1/field/day?day=${encodeURIComponent(day)}`, {
      credentials: 'same-origin', headers: { Accept: 'application/json' }, cache: 'no-store',
    });
  } catch {
    return;
  }
  if (res.status === 401) { app.authNeeded = true; return; }
  if (!res.ok) return;
  const data = await res.json();
  if (data.server_time) {
    const skew = (Date.now() - new Date(data.server_time).getTime()) / 60000;
    if (Number.isFinite(skew)) app.skewMin = Math.round(skew);
  }
  const rec = { day, worker_id: boot.worker_id, lang: boot.lang, fetched_at: Date.now(), data };
  await app.db.put('days', rec);
  app.days.set(day, rec);
}

async function refreshDays() {
  if (!navigator.onLine) return;
  app.loading = true;
  updateHeader(app);
  try {
    await fetchDays();
  } finally {
    app.loading = false;
  }
}

async function fetchDays() {
  const r = route();
  const days = new Set([today(), nextDay()]);
  if (r.view === 'day') days.add(r.day);
  // Names and flag messages come in the language asked for: after a switch
  // every saved day is loaded again.
  for (const rec of app.days.values()) if (rec.lang !== boot.lang) days.add(rec.day);
  for (const d of days) await fetchDay(d);
  // Days gone by stay only while they still have something to send.
  for (const rec of [...app.days.values()]) {
    if (rec.day < dayOf(Date.now() - KEEP_MS) && !(rec.data.stops || []).some((s) => pendingFor(s.order_id).length)) {
      await app.db.delete('days', rec.day);
      app.days.delete(rec.day);
    }
  }
}

// onSent keeps the server's answer, so the stop shows the visit as the
// server now sees it (outcome, flags, conflicts).
async function onSent(item, answer) {
  app.sent.set(item.id, item.event);
  if (!answer || !answer.visit) return;
  for (const rec of app.days.values()) {
    const s = (rec.data.stops || []).find((x) => x.order_id === item.order_id);
    if (!s) continue;
    s.visit = answer.visit;
    if (answer.visit.state) s.state = answer.visit.state;
    if (answer.outcome) s.outcome = answer.outcome;
    if (answer.flags) s.flags = answer.flags;
    await app.db.put('days', rec);
  }
}

// --- sending -----------------------------------------------------------

let timer = 0;

export async function sync({ force = false } = {}) {
  if (app.syncing) {
    app.queued = true; // events recorded meanwhile were not in that run
    return;
  }
  app.queued = false;
  if (!force && (!navigator.onLine || app.authNeeded)) {
    updateHeader(app);
    return;
  }
  app.syncing = true;
  app.notice = '';
  updateHeader(app);
  try {
    const res = await app.outbox.send({ force });
    app.authNeeded = res.auth;
    app.retryAt = res.wait ? res.next_at : 0;
    if (res.failed) app.notice = t('field.outbox.refused', { n: res.failed });
    else if (res.wait) app.notice = t('field.outbox.retry', { time: hm(new Date(res.next_at).toISOString()) });
  } finally {
    app.syncing = false;
    await refreshItems();
    softRender();
    schedule();
    if (app.queued) setTimeout(() => sync(), 0);
  }
}

// schedule wakes the outbox when its next retry is due.
function schedule() {
  clearTimeout(timer);
  if (!app.retryAt || app.authNeeded) return;
  timer = setTimeout(() => sync(), Math.max(1000, app.retryAt - Date.now() + 50));
}

// --- recording ---------------------------------------------------------

// record writes one event of a visit to the outbox and shows it at once.
export async function record(stop, kind, fields = {}, blobs = []) {
  const e = { id: uuid7(), order_id: stop.order_id, kind, device_id: app.device, device_time: new Date().toISOString() };
  for (const [k, v] of Object.entries(fields)) {
    if (v !== undefined && v !== null && v !== '' && v !== 0) e[k] = v;
  }
  // Steps that took their own fix keep it, or its absence; the others
  // carry a recent one if there is any.
  if (!e.pos && !OWN_FIX.has(kind) && app.lastFix && Date.now() - app.lastFix.at < FIX_MAX_AGE) e.pos = app.lastFix.pos;
  await app.outbox.add(e, blobs);
  ui(stop.order_id).error = '';
  await refreshItems();
  render();
  if (navigator.onLine) sync();
  return e;
}

async function fix(opts) {
  const r = await locate(opts);
  if (r.pos) app.lastFix = { pos: r.pos, at: Date.now() };
  return r;
}

export const actions = {
  // checkIn takes a fix; inside the fence it records the check-in at once,
  // outside (or with no fix) it asks the worker why first.
  async checkIn(stop) {
    const u = ui(stop.order_id);
    u.busy = 'checkin';
    render();
    const r = await fix({ timeout: 20000, maximumAge: 0 }); // the proof of presence: a fresh fix
    u.busy = null;
    if (r.pos && !hasPlace(stop.target)) {
      await record(stop, 'check_in', { pos: r.pos });
      return;
    }
    if (r.pos) {
      const f = fence(r.pos, stop.target);
      if (!f.outside) {
        await record(stop, 'check_in', { pos: r.pos });
        return;
      }
      u.fence = f;
    } else {
      u.fence = null;
    }
    u.fix = r.pos || null;
    u.fixError = r.error || '';
    u.panel = 'fence';
    render();
  },

  async saveFence(stop) {
    const u = ui(stop.order_id);
    if (!u.form.fence_reason) {
      fail(u, 'fence', t('field.err.reason'));
      render();
      return;
    }
    u.panel = null;
    u.error = '';
    await record(stop, 'check_in', { pos: u.fix, reason: u.form.fence_reason, note: (u.form.fence_note || '').trim() });
  },

  async saveMissed(stop) {
    const u = ui(stop.order_id);
    if (!u.form.missed_reason) {
      fail(u, 'missed', t('field.err.reason'));
      render();
      return;
    }
    u.busy = 'missed';
    render();
    // Where the worker stood helps prove "not at home"; do not wait long.
    const r = await fix({ timeout: 8000, maximumAge: 120000 });
    u.busy = null;
    u.panel = null;
    u.error = '';
    await record(stop, 'missed', { pos: r.pos, reason: u.form.missed_reason, note: (u.form.missed_note || '').trim() });
  },

  async saveTasks(stop) {
    const u = ui(stop.order_id);
    const ticks = (stop.tasks || []).map((task, i) => ({ task, done: !!u.form[`task_${i}`] }));
    u.form.tasks_saved = true;
    await record(stop, 'tasks', { tasks: ticks, note: (u.form.tasks_note || '').trim() });
  },

  async addPhoto(stop, stage, file) {
    const u = ui(stop.order_id);
    if (!file) return;
    u.busy = `photo-${stage}`;
    u.error = '';
    render();
    try {
      const p = await prepare(file);
      u.busy = null;
      await record(stop, 'photo', { photo_sha: p.sha, photo_stage: stage }, [p]);
    } catch {
      u.busy = null;
      fail(u, 'photo', t('field.photo.error'));
      render();
    }
  },

  async requestCode(stop) {
    const u = ui(stop.order_id);
    u.error = '';
    if (!navigator.onLine) {
      fail(u, 'confirm', t('field.code.offline'));
      render();
      return;
    }
    u.busy = 'code';
    render();
    try {
      const res = await fetch(`/api/v1/orders/${encodeURIComponent(stop.order_id)}/confirm-code`, {
        method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/json' },
      });
      const body = await res.json().catch(() => ({}));
      if (res.ok) u.codeSentTo = body.sent_to || '-';
      else if (res.status === 401) app.authNeeded = true;
      else fail(u, 'confirm', body.detail || body.title || `HTTP ${res.status}`);
    } catch {
      fail(u, 'confirm', t('field.code.offline'));
    }
    u.busy = null;
    render();
  },

  async saveConfirm(stop, pad) {
    const u = ui(stop.order_id);
    const f = u.form;
    const method = f.method || 'signature';
    const rating = Number(f.rating) || 0;
    u.error = '';
    if (method === 'signature' && (!pad || pad.isEmpty())) fail(u, 'confirm', t('field.err.signature'));
    if (method === 'code' && !/^\d{4,8}$/.test((f.code || '').trim())) fail(u, 'confirm', t('field.err.code'));
    if (method === 'none' && !f.noconfirm_reason) fail(u, 'confirm', t('field.err.reason'));
    if (u.error) { render(); return; }
    if (method === 'signature') {
      const blob = await pad.toBlob();
      const sha = await sha256(blob);
      await finishConfirm(stop, { method, signature_sha: sha, rating }, [{ sha, blob, type: 'image/png' }]);
    } else if (method === 'code') {
      await finishConfirm(stop, { method, code: f.code.trim(), rating });
    } else {
      await finishConfirm(stop, { method, reason: f.noconfirm_reason, note: (f.noconfirm_note || '').trim(), rating });
    }
  },

  async checkOut(stop) {
    const u = ui(stop.order_id);
    u.busy = 'checkout';
    render();
    const r = await fix({ timeout: 15000, maximumAge: 0 });
    u.busy = null;
    await record(stop, 'check_out', { pos: r.pos });
  },

  async resolve(stop, slot, device) {
    await record(stop, 'resolve', { resolve_slot: slot, resolve_device: device });
  },

  async dismiss(seq) {
    await app.outbox.dismiss(seq);
    await refreshItems();
    render();
  },

  // signOut forgets the cached days and the cached page (they carry names),
  // never the outbox: it is sent after the next sign-in.
  async signOut(form) {
    try {
      await app.db.clear('days');
      for (const k of await caches.keys()) {
        if (k.startsWith('field-')) await (await caches.open(k)).delete('/field/');
      }
    } finally {
      form.submit();
    }
  },

  sync: () => sync({ force: true }),
};

// fail shows a message next to the step it concerns.
function fail(u, at, message) {
  u.error = message;
  u.errorAt = at;
}

async function finishConfirm(stop, fields, blobs = []) {
  const u = ui(stop.order_id);
  for (const k of ['method', 'code', 'rating', 'noconfirm_reason', 'noconfirm_note']) delete u.form[k];
  u.strokes.length = 0;
  u.panel = null;
  await record(stop, 'confirm', fields, blobs);
}

// --- start -------------------------------------------------------------

async function start() {
  app.db = await openFieldDB();
  app.device = await deviceID(app.db);
  app.outbox = new Outbox(app.db, { workerID: boot.worker_id, onSent });
  await prune(app.db, KEEP_MS).catch(() => {});
  await loadLocal();
  render();

  document.getElementById('sync-now').addEventListener('click', async () => {
    app.authNeeded = false;
    await refreshDays();
    await sync({ force: true });
  });
  window.addEventListener('hashchange', async () => {
    render();
    window.scrollTo(0, 0);
    // A day opened for the first time (or long ago) is loaded now.
    const r = route();
    const rec = r.view === 'day' ? app.days.get(r.day) : null;
    if (r.view === 'day' && navigator.onLine && (!rec || rec.lang !== boot.lang || Date.now() - rec.fetched_at > STALE_MS)) {
      app.loading = true;
      updateHeader(app);
      await fetchDay(r.day).finally(() => { app.loading = false; });
      softRender();
    }
  });
  window.addEventListener('online', async () => {
    updateHeader(app);
    await refreshDays();
    softRender();
    await sync({ force: true });
  });
  window.addEventListener('offline', () => updateHeader(app));
  const later = () => {
    if (renderWanted) setTimeout(() => { if (renderWanted) softRender(); }, 0);
  };
  document.getElementById('app').addEventListener('focusout', later);
  document.addEventListener('pointerdown', () => { pointerDown = true; }, true);
  for (const type of ['pointerup', 'pointercancel']) {
    document.addEventListener(type, () => { pointerDown = false; later(); }, true);
  }
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && navigator.onLine) sync();
  });
  setInterval(() => { if (app.items.some((it) => it.state === 'pending') && navigator.onLine) sync(); }, POLL_MS);

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/field/sw.js', { scope: '/field/' }).catch(() => {});
  }
  // Ask the browser not to evict the outbox when the phone runs low on space.
  navigator.storage?.persist?.().catch(() => {});

  if (navigator.onLine) {
    await refreshDays();
    softRender();
    await sync();
  }
}

start().catch((err) => {
  const main = document.getElementById('app');
  main.textContent = `${t('field.err.start')} (${err && err.message ? err.message : err})`;
});
