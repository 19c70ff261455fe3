// The views: the day's stops in route order, and one stop with its visit's
// steps as big buttons. Every control a test drives has a data-test name.
import { h, t, tn, hm, dateLabel, metres } from './dom.js';
import { localVisit, minutes } from './local.js';
import { SignPad } from './sign.js';
import { app as appState, actions, ui, today, nextDay, pendingFor, findStop, findEvent, render as rerender } from './app.js';

let urls = []; // object URLs of the last render's thumbnails
let pads = [];

export function renderApp(app, route) {
  for (const u of urls) URL.revokeObjectURL(u);
  urls = [];
  for (const p of pads) p.destroy();
  pads = [];
  const main = document.getElementById('app');
  let view;
  if (route.view === 'stop') {
    const { stop, day } = findStop(route.id);
    view = stop ? stopView(app, stop, day) : missingStop();
  } else {
    view = dayView(app, route.day);
  }
  main.replaceChildren(view);
  for (const fn of afterRender.splice(0)) fn();
  updateHeader(app);
}

const afterRender = [];

export function updateHeader(app) {
  const online = navigator.onLine;
  const net = document.getElementById('net');
  net.textContent = online ? t('field.net.online') : t('field.net.offline');
  net.className = `net ${online ? 'on' : 'off'}`;
  net.dataset.online = String(online);
  const n = app.items.filter((it) => it.state === 'pending').length;
  document.getElementById('outbox-count').textContent = String(n);
  const btn = document.getElementById('sync-now');
  btn.disabled = app.syncing;
  btn.textContent = app.syncing ? t('field.sending') : t('field.sync_now');
  document.getElementById('signin-again').hidden = !app.authNeeded;
  // Whether the app is talking to the server: tests wait for "idle"
  // before their next step, as the page is redrawn after each answer.
  document.body.dataset.sync = app.syncing || app.loading || app.queued ? 'busy' : 'idle';
  const notice = document.getElementById('notice');
  notice.hidden = !app.notice;
  notice.textContent = app.notice;
}

// --- the day -------------------------------------------------------------

function dayView(app, day) {
  const rec = app.days.get(day);
  const data = rec ? rec.data : null;
  const stops = data ? [...(data.stops || [])].sort((a, b) => (a.route_seq || 0) - (b.route_seq || 0)) : [];
  const done = stops.filter((s) => ['done', 'missed'].includes(localVisit(s, pendingFor(s.order_id)).state)).length;
  return h('div', { class: 'day' },
    h('nav', { class: 'tabs', 'aria-label': t('field.day.switch') },
      tab(today(), t('field.day.today'), day, 'day-today'),
      tab(nextDay(), t('field.day.next'), day, 'day-next')),
    h('section', { class: 'dayhead' },
      h('h2', {}, dateLabel(day)),
      h('p', { class: 'muted' }, h('bdi', {}, data?.worker?.name || app.boot.worker_name),
        data?.worker?.provider_name ? [' · ', h('bdi', {}, data.worker.provider_name)] : null),
      data ? h('p', { id: 'day-summary' }, t('field.day.summary', { n: stops.length, done })) : null,
      rec ? h('p', { class: 'small muted' }, t('field.day.updated', { time: hm(new Date(rec.fetched_at).toISOString()) })) : null),
    skewWarning(app),
    failedList(app),
    !data
      ? h('p', { class: 'card muted', id: 'day-empty' }, navigator.onLine ? t('field.day.loading') : t('field.day.no_copy'))
      : stops.length === 0
        ? h('p', { class: 'card muted', id: 'day-empty' }, t('field.day.empty'))
        : h('ol', { class: 'stops', id: 'stops' }, stops.map((s) => stopItem(s))),
    footer(app));
}

function tab(day, text, current, test) {
  return h('a', { class: 'tab', href: `#day/${day}`, 'data-test': test, 'aria-current': day === current ? 'page' : false }, text);
}

function stopItem(s) {
  const v = localVisit(s, pendingFor(s.order_id));
  const waiting = pendingFor(s.order_id).length;
  const p = s.person || {};
  return h('li', {},
    h('a', { class: `stop state-${v.state}${s.late ? ' late' : ''}`, href: `#stop/${encodeURIComponent(s.order_id)}`, 'data-test': `stop-${s.order_id}` },
      h('span', { class: 'seq', 'aria-hidden': 'true' }, String(s.route_seq || '')),
      h('span', { class: 'stop-main' },
        h('span', { class: 'stop-name' }, personName(p)),
        p.name_zh && p.name_zh !== p.name ? h('span', { class: 'stop-line muted', lang: 'zh-Hans' }, p.name_zh) : null,
        h('span', { class: 'stop-line' }, s.item_name || s.item_code || ''),
        h('span', { class: 'stop-line' }, t('field.window'), ' ', timeRange(s.window_start, s.window_end)),
        s.eta ? h('span', { class: 'stop-line' }, t('field.eta'), ' ', h('span', { dir: 'ltr' }, hm(s.eta))) : null,
        p.address ? h('span', { class: 'stop-line muted' }, h('bdi', {}, p.address)) : null),
      h('span', { class: 'stop-side' },
        stateBadge(v.state),
        s.late && v.state === 'planned' ? h('span', { class: 'badge warn' }, t('field.late')) : null,
        waiting ? h('span', { class: 'badge wait', 'data-test': `stop-waiting-${s.order_id}` }, t('field.waiting_n', { n: waiting })) : null)));
}

function footer(app) {
  const others = app.others
    ? h('p', { class: 'banner warn' }, t('field.outbox.others', { n: app.others }))
    : null;
  const waiting = app.items.some((it) => it.state === 'pending');
  const form = h('form', { method: 'post', action: '/logout', class: 'signout' },
    waiting ? h('p', { class: 'small warn-text' }, t('field.signout.waiting')) : null,
    h('button', {
      type: 'submit', class: 'btn', 'data-test': 'signout',
      onclick: (e) => { e.preventDefault(); actions.signOut(form); },
    }, t('field.signout')));
  return h('footer', { class: 'ffoot' },
    others,
    h('nav', { class: 'langs', 'aria-label': t('field.language') },
      app.boot.langs.map((l) => h('a', {
        href: `/lang?to=${encodeURIComponent(l.Tag)}&next=/field/`, lang: l.Tag, dir: l.Dir, hreflang: l.Tag,
        'data-test': `lang-${l.Tag}`, 'aria-current': l.Tag === app.boot.lang ? 'true' : false,
      }, l.Name))),
    h('p', { class: 'small' }, h('a', { href: '/' }, t('field.console'))),
    form);
}

function skewWarning(app) {
  if (Math.abs(app.skewMin) < 10) return null;
  return h('p', { class: 'banner warn', 'data-test': 'clock-skew' }, t('field.clock_skew', { n: Math.abs(app.skewMin) }));
}

function failedList(app) {
  const failed = app.items.filter((it) => it.state === 'failed');
  if (!failed.length) return null;
  return h('section', { class: 'card failed', 'data-test': 'failed-list' },
    h('h2', {}, t('field.failed.title')),
    h('p', { class: 'small' }, t('field.failed.intro')),
    h('ul', {}, failed.map((it) => {
      const { stop } = findStop(it.order_id);
      return h('li', { 'data-test': `failed-${it.id}` },
        h('p', {}, h('strong', {}, label('field.kind.', it.kind)), stop ? [' · ', personName(stop.person || {})] : null,
          ' · ', h('span', { dir: 'ltr' }, hm(it.event.device_time))),
        h('p', { class: 'err' }, it.error?.key ? t(it.error.key) : it.error?.detail || t('field.failed.unknown')),
        h('button', { type: 'button', class: 'btn small', 'data-test': `failed-dismiss-${it.id}`, onclick: () => actions.dismiss(it.seq) }, t('field.failed.dismiss')));
    })));
}

// --- one stop --------------------------------------------------------------

function missingStop() {
  return h('div', { class: 'stopview' },
    h('a', { class: 'back', href: '#' }, t('field.back')),
    h('p', { class: 'card muted' }, t('field.stop.missing')));
}

function stopView(app, stop, day) {
  const v = localVisit(stop, pendingFor(stop.order_id));
  const u = ui(stop.order_id);
  return h('div', { class: 'stopview', 'data-order': stop.order_id, 'data-state': v.state },
    h('a', { class: 'back', href: `#day/${day}`, 'data-test': 'back' }, t('field.back')),
    personCard(stop),
    whereCard(stop),
    whenCard(stop),
    verifyCard(stop, v),
    conflictCard(stop, v),
    h('section', { class: 'card steps', 'data-test': 'steps' },
      h('h2', {}, t('field.visit')),
      h('p', { class: 'status', 'data-test': 'visit-state' }, stateBadge(v.state), ' ', statusLine(v)),
      steps(stop, v, u)));
}

function personCard(stop) {
  const p = stop.person || {};
  const prefs = p.preferences || [];
  return h('section', { class: 'card person', 'data-test': 'person-card' },
    h('h2', { class: 'person-name' }, personName(p)),
    p.name_zh && p.name_zh !== p.name ? h('p', { class: 'name-zh', lang: 'zh-Hans' }, p.name_zh) : null,
    h('dl', { class: 'facts' },
      p.language ? fact(t('field.person.language'), t(`language.${p.language}`)) : null,
      p.masked_id ? fact(t('field.person.id'), h('span', { dir: 'ltr', class: 'mono' }, p.masked_id)) : null),
    prefs.length ? h('ul', { class: 'chips', 'aria-label': t('field.person.preferences') }, prefs.map((x) => h('li', {}, label('field.pref.', x)))) : null);
}

function whereCard(stop) {
  const p = stop.person || {};
  const tg = stop.target || {};
  const has = Number.isFinite(tg.lat) && Number.isFinite(tg.lon) && (tg.lat || tg.lon);
  const place = [tg.label ? label('location.', tg.label) : '', tg.place_name].filter(Boolean).join(' · ');
  const name = tg.place_name || p.name || '';
  const geo = stop.map_url || (has ? `geo:${tg.lat},${tg.lon}?q=${tg.lat},${tg.lon}` : '');
  // The web map opens Amap in a browser (or its app) where geo: is not handled.
  const web = has ? `https://uri.amap.com/marker?position=${tg.lon},${tg.lat}&name=${encodeURIComponent(name)}&coordinate=wgs84&callnative=1` : '';
  const tel = (p.phone || '').replace(/[^\d+]/g, '');
  return h('section', { class: 'card where' },
    p.address ? h('p', { class: 'address' }, h('bdi', {}, p.address)) : null,
    place ? h('p', { class: 'muted', 'data-test': 'place' }, h('bdi', {}, place)) : null,
    h('div', { class: 'actions' },
      geo ? h('a', { class: 'btn', href: geo, 'data-test': 'map' }, t('field.map.open')) : null,
      web ? h('a', { class: 'btn', href: web, target: '_blank', rel: 'noopener', 'data-test': 'map-web' }, t('field.map.web')) : null,
      tel ? h('a', { class: 'btn', href: `tel:${tel}`, 'data-test': 'call' }, t('field.call'), ' ', h('span', { dir: 'ltr' }, p.phone)) : null));
}

function whenCard(stop) {
  return h('section', { class: 'card when' },
    h('p', { class: 'item' }, h('strong', {}, stop.item_name || stop.item_code || ''),
      stop.minutes ? [' · ', t('field.minutes', { n: stop.minutes })] : null),
    h('dl', { class: 'facts' },
      fact(t('field.window'), timeRange(stop.window_start, stop.window_end)),
      stop.eta ? fact(t('field.eta'), h('span', { dir: 'ltr' }, hm(stop.eta)), stop.late ? [' ', h('span', { class: 'badge warn' }, t('field.late'))] : null) : null));
}

function verifyCard(stop, v) {
  const flags = stop.flags || [];
  if (v.waiting.size || (!flags.length && (!stop.outcome || stop.outcome === 'pending'))) return null;
  return h('section', { class: `card verify outcome-${stop.outcome}`, 'data-test': 'outcome' },
    h('p', {}, t('field.outcome.label'), ' ', h('span', { class: `badge outcome-${stop.outcome}` }, t(`field.outcome.${stop.outcome || 'pending'}`))),
    flags.length ? h('ul', { class: 'flags' }, flags.map((f) => h('li', { class: `sev-${f.severity}` }, f.message || t(`field.rule.${f.rule}`)))) : null);
}

function conflictCard(stop, v) {
  if (!v.conflicts || !v.conflicts.length) return null;
  return h('section', { class: 'card conflicts', 'data-test': 'conflicts' },
    h('h2', {}, t('field.conflict.title')),
    h('p', { class: 'small' }, t('field.conflict.intro')),
    v.conflicts.map((c) => h('div', { class: 'conflict', 'data-test': `conflict-${c.slot}` },
      h('h3', {}, t(`field.slot.${c.slot}`)),
      (c.devices || []).map((d, i) => {
        const e = findEvent(stop, (c.event_ids || [])[i]);
        return h('div', { class: 'side' },
          h('p', {}, h('strong', {}, d === appState.device ? t('field.conflict.this_phone') : t('field.conflict.other_phone', { id: d.slice(-6) }))),
          h('p', { class: 'small' }, e ? eventSummary(e) : t('field.conflict.unknown')),
          h('button', { type: 'button', class: 'btn', 'data-test': `resolve-${c.slot}-${i}`, onclick: () => actions.resolve(stop, c.slot, d) }, t('field.conflict.keep')));
      }))));
}

function eventSummary(e) {
  const parts = [label('field.kind.', e.kind), hm(e.device_time)];
  if (e.kind === 'missed' && e.reason) parts.push(t(`field.missed.${e.reason}`));
  if (e.kind === 'check_in' && e.reason) parts.push(t(`field.fence.${e.reason}`));
  if (e.kind === 'confirm' && e.method) parts.push(t(`field.method.${e.method}`));
  if (e.kind === 'tasks' && e.tasks) parts.push(t('field.tasks.count', { done: e.tasks.filter((x) => x.done).length, n: e.tasks.length }));
  if (e.pos && e.pos.accuracy_m) parts.push(`±${Math.round(e.pos.accuracy_m)} m`);
  if (e.note) parts.push(e.note);
  return parts.filter(Boolean).join(' · ');
}

function statusLine(v) {
  const w = (k) => (v.waiting.has(k) ? [' ', h('span', { class: 'badge wait' }, t('field.waiting'))] : null);
  if (v.state === 'missed' && v.missed) {
    return [t('field.missed.at', { time: hm(v.missed.device_time) }), ' · ', t(`field.missed.${v.missed.reason}`), w('missed')];
  }
  if (v.state === 'done' && v.check_out) return [t('field.checked_out', { time: hm(v.check_out.device_time) }), w('check_out')];
  if (v.state === 'in_progress' && v.check_in) return [t('field.checked_in', { time: hm(v.check_in.device_time) }), w('check_in')];
  return null;
}

function steps(stop, v, u) {
  if (v.state === 'planned') return plannedSteps(stop, u);
  if (v.state === 'in_progress') return visitSteps(stop, v, u);
  if (v.state === 'done') return doneSummary(stop, v);
  return v.missed && v.missed.note ? h('p', {}, v.missed.note) : null;
}

function plannedSteps(stop, u) {
  if (u.panel === 'fence') return fencePanel(stop, u);
  if (u.panel === 'missed') return missedPanel(stop, u);
  return h('div', { class: 'bigbuttons' },
    h('button', { type: 'button', class: 'btn big primary', 'data-test': 'checkin', disabled: !!u.busy, onclick: () => actions.checkIn(stop) },
      u.busy === 'checkin' ? t('field.locating') : t('field.checkin')),
    h('button', { type: 'button', class: 'btn big', 'data-test': 'missed', disabled: !!u.busy, onclick: () => { u.panel = 'missed'; u.error = ''; rerender(); } },
      t('field.missed')));
}

function fencePanel(stop, u) {
  const why = u.fence
    ? t('field.fence.outside', { distance: metres(u.fence.distance), radius: metres(u.fence.radius) })
    : t(`field.fence.nofix.${u.fixError || 'unavailable'}`);
  return h('div', { class: 'panel', 'data-test': 'fence-panel' },
    h('p', { class: 'warn-text' }, why),
    choices('fence_reason', u, app().boot.reasons.fence, 'field.fence', 'fence', t('field.fence.reason')),
    noteField('fence_note', u, 'fence-note'),
    errorFor(u, 'fence'),
    h('div', { class: 'bigbuttons' },
      h('button', { type: 'button', class: 'btn big primary', 'data-test': 'fence-save', onclick: () => actions.saveFence(stop) }, t('field.fence.save')),
      h('button', { type: 'button', class: 'btn', 'data-test': 'fence-retry', onclick: () => { u.panel = null; actions.checkIn(stop); } }, t('field.fence.retry')),
      h('button', { type: 'button', class: 'btn', 'data-test': 'fence-cancel', onclick: () => { u.panel = null; u.error = ''; rerender(); } }, t('field.cancel'))));
}

function missedPanel(stop, u) {
  return h('div', { class: 'panel', 'data-test': 'missed-panel' },
    choices('missed_reason', u, app().boot.reasons.missed, 'field.missed', 'missed', t('field.missed.reason')),
    noteField('missed_note', u, 'missed-note'),
    errorFor(u, 'missed'),
    h('div', { class: 'bigbuttons' },
      h('button', { type: 'button', class: 'btn big primary', 'data-test': 'missed-save', disabled: !!u.busy, onclick: () => actions.saveMissed(stop) },
        u.busy === 'missed' ? t('field.saving') : t('field.missed.save')),
      h('button', { type: 'button', class: 'btn', 'data-test': 'missed-cancel', onclick: () => { u.panel = null; u.error = ''; rerender(); } }, t('field.cancel'))));
}

function visitSteps(stop, v, u) {
  return [tasksStep(stop, v, u), photoStep(stop, v, u), confirmStep(stop, v, u), checkoutStep(stop, v, u)];
}

function tasksStep(stop, v, u) {
  const tasks = stop.tasks || [];
  // The form starts from what was saved; ticks made since stay in u.form.
  if (!u.form.tasks_loaded) {
    tasks.forEach((task, i) => { u.form[`task_${i}`] = !!(v.tasks || []).find((x) => x.task === task && x.done); });
    u.form.tasks_loaded = true;
  }
  const saved = (v.tasks || []).length > 0;
  return h('section', { class: 'step', 'data-test': 'step-tasks' },
    h('h3', {}, t('field.tasks.title'), saved ? [' ', h('span', { class: 'badge ok' }, t('field.saved'))] : null,
      v.waiting.has('tasks') ? [' ', h('span', { class: 'badge wait' }, t('field.waiting'))] : null),
    tasks.length
      ? h('ul', { class: 'checks' }, tasks.map((task, i) => h('li', {},
        h('label', { class: 'check' },
          h('input', {
            type: 'checkbox', 'data-test': `task-${i}`, checked: u.form[`task_${i}`],
            onchange: (e) => { u.form[`task_${i}`] = e.target.checked; },
          }),
          h('span', {}, task)))))
      : h('p', { class: 'muted' }, t('field.tasks.none')),
    noteField('tasks_note', u, 'tasks-note'),
    h('button', { type: 'button', class: 'btn big', 'data-test': 'tasks-save', onclick: () => actions.saveTasks(stop) }, t('field.tasks.save')));
}

function photoStep(stop, v, u) {
  const group = (stage) => {
    const photos = (v.photos || []).filter((p) => p.stage === stage);
    return h('div', { class: 'photos' },
      h('h4', {}, t(`field.photo.${stage}`), ' ', h('span', { class: 'muted', 'data-test': `photo-count-${stage}` }, String(photos.length))),
      h('div', { class: 'thumbs' }, photos.map((p) => thumb(p, v))),
      h('label', { class: `btn big file${u.busy === `photo-${stage}` ? ' busy' : ''}` },
        u.busy === `photo-${stage}` ? t('field.saving') : t(`field.photo.take_${stage}`),
        h('input', {
          type: 'file', accept: 'image/*', capture: 'environment', class: 'file-input', 'data-test': `photo-${stage}`,
          onchange: (e) => actions.addPhoto(stop, stage, e.target.files && e.target.files[0]),
        })));
  };
  return h('section', { class: 'step', 'data-test': 'step-photos' },
    h('h3', {}, t('field.photo.title')), errorFor(u, 'photo'), group('before'), group('after'));
}

function thumb(p, v) {
  const el = h('span', { class: 'thumb', 'data-sha': p.sha },
    v.waiting.has('photo') && p.local ? h('span', { class: 'badge wait' }, t('field.waiting')) : null);
  afterRender.push(async () => {
    const b = await appState.db.get('blobs', p.sha);
    if (!b || !el.isConnected) return;
    const url = URL.createObjectURL(b.blob);
    urls.push(url);
    el.prepend(h('img', { src: url, alt: t(`field.photo.${p.stage}`) }));
  });
  return el;
}

function confirmStep(stop, v, u) {
  if (v.confirmation && u.panel !== 'confirm') {
    const c = v.confirmation;
    return h('section', { class: 'step', 'data-test': 'step-confirm' },
      h('h3', {}, t('field.confirm.title'), ' ', h('span', { class: 'badge ok' }, t('field.saved')),
        v.waiting.has('confirm') ? [' ', h('span', { class: 'badge wait' }, t('field.waiting'))] : null),
      h('p', { 'data-test': 'confirm-summary' }, t(`field.method.${c.method}`),
        c.method === 'none' && c.reason ? [' · ', t(`field.noconfirm.${c.reason}`)] : null,
        v.rating ? [' · ', t('field.rating.value', { n: v.rating })] : null),
      h('button', { type: 'button', class: 'btn', 'data-test': 'confirm-again', onclick: () => { u.panel = 'confirm'; rerender(); } }, t('field.confirm.again')));
  }
  const f = u.form;
  const method = f.method || 'signature';
  let body;
  let pad = null;
  if (method === 'signature') {
    const canvas = h('canvas', { class: 'sign-pad', 'data-test': 'sign-pad', 'aria-label': t('field.confirm.sign_here') });
    afterRender.push(() => { pad = new SignPad(canvas, u.strokes); pads.push(pad); });
    body = h('div', { class: 'sign' },
      h('p', { class: 'small muted' }, t('field.confirm.sign_here')),
      canvas,
      h('button', { type: 'button', class: 'btn small', 'data-test': 'sign-clear', onclick: () => pad && pad.clear() }, t('field.confirm.clear')));
  } else if (method === 'code') {
    // The server knows the guardian's phone too, so only it can say there is
    // no number to send to.
    body = h('div', { class: 'code' },
      h('button', { type: 'button', class: 'btn', 'data-test': 'code-send', disabled: u.busy === 'code' || !navigator.onLine, onclick: () => actions.requestCode(stop) },
        t('field.code.send')),
      !navigator.onLine ? h('p', { class: 'small muted' }, t('field.code.offline')) : null,
      u.codeSentTo ? h('p', { 'data-test': 'code-sent' }, tn('field.code.sent', 'to', h('bdi', { dir: 'ltr' }, u.codeSentTo))) : null,
      h('label', { class: 'field' }, h('span', {}, t('field.code.input')),
        h('input', {
          type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: '8', dir: 'ltr', 'data-test': 'code-input',
          value: f.code || '', oninput: (e) => { f.code = e.target.value; },
        })));
  } else {
    body = h('div', {}, choices('noconfirm_reason', u, app().boot.reasons.noconfirm, 'field.noconfirm', 'noconfirm', t('field.noconfirm.reason')),
      noteField('noconfirm_note', u, 'noconfirm-note'));
  }
  return h('section', { class: 'step', 'data-test': 'step-confirm' },
    h('h3', {}, t('field.confirm.title')),
    h('fieldset', { class: 'seg' },
      h('legend', { class: 'sr-only' }, t('field.confirm.method')),
      ['signature', 'code', 'none'].map((m) => h('label', { class: 'seg-item' },
        h('input', {
          type: 'radio', name: `method-${stop.order_id}`, value: m, checked: method === m, 'data-test': `confirm-method-${m}`,
          onchange: () => { f.method = m; rerender(); },
        }),
        h('span', {}, t(`field.method.${m}`))))),
    body,
    h('fieldset', { class: 'rating' },
      h('legend', {}, t('field.rating.label')),
      [1, 2, 3, 4, 5].map((n) => h('label', { class: 'star' },
        h('input', {
          type: 'radio', name: `rating-${stop.order_id}`, value: String(n), checked: Number(f.rating) === n, 'data-test': `rating-${n}`,
          onchange: () => { f.rating = n; },
        }),
        h('span', {}, String(n))))),
    errorFor(u, 'confirm'),
    h('div', { class: 'bigbuttons' },
      h('button', { type: 'button', class: 'btn big primary', 'data-test': 'confirm-save', onclick: () => actions.saveConfirm(stop, pad) }, t('field.confirm.save')),
      u.panel === 'confirm' ? h('button', { type: 'button', class: 'btn', onclick: () => { u.panel = null; rerender(); } }, t('field.cancel')) : null));
}

function checkoutStep(stop, v, u) {
  const missing = [];
  if (!(v.tasks || []).length && (stop.tasks || []).length) missing.push(t('field.checkout.no_tasks'));
  if (!v.confirmation) missing.push(t('field.checkout.no_confirm'));
  return h('section', { class: 'step', 'data-test': 'step-checkout' },
    missing.map((m) => h('p', { class: 'warn-text small' }, m)),
    h('button', { type: 'button', class: 'btn big primary', 'data-test': 'checkout', disabled: !!u.busy, onclick: () => actions.checkOut(stop) },
      u.busy === 'checkout' ? t('field.locating') : t('field.checkout')));
}

function doneSummary(stop, v) {
  const done = (v.tasks || []).filter((x) => x.done).length;
  const before = (v.photos || []).filter((p) => p.stage === 'before').length;
  const after = (v.photos || []).filter((p) => p.stage === 'after').length;
  return h('dl', { class: 'facts', 'data-test': 'visit-summary' },
    v.check_in ? fact(t('field.kind.check_in'), h('span', { dir: 'ltr' }, hm(v.check_in.device_time))) : null,
    v.check_out ? fact(t('field.kind.check_out'), h('span', { dir: 'ltr' }, hm(v.check_out.device_time))) : null,
    minutes(v) ? fact(t('field.duration'), t('field.minutes', { n: minutes(v) })) : null,
    fact(t('field.tasks.title'), t('field.tasks.count', { done, n: (v.tasks || []).length })),
    fact(t('field.photo.title'), `${t('field.photo.before')} ${before} · ${t('field.photo.after')} ${after}`),
    fact(t('field.confirm.title'), v.confirmation ? t(`field.method.${v.confirmation.method}`) : t('field.confirm.missing')),
    v.rating ? fact(t('field.rating.short'), t('field.rating.value', { n: v.rating })) : null);
}

// --- pieces ----------------------------------------------------------------

// errorFor shows the last problem where it happened.
function errorFor(u, at) {
  return u.error && u.errorAt === at ? h('p', { class: 'err', role: 'alert', 'data-test': 'step-error' }, u.error) : null;
}

function app() { return appState; }

// choices is a list of reasons as big radio buttons.
function choices(key, u, codes, prefix, test, legend) {
  return h('fieldset', { class: 'choices' },
    h('legend', {}, legend),
    (codes || []).map((c) => h('label', { class: 'choice' },
      h('input', {
        type: 'radio', name: key, value: c, checked: u.form[key] === c, 'data-test': `${test}-${c}`,
        onchange: () => { u.form[key] = c; },
      }),
      h('span', {}, t(`${prefix}.${c}`)))));
}

function noteField(key, u, test) {
  return h('label', { class: 'field' }, h('span', {}, t('field.note')),
    h('textarea', { rows: '2', 'data-test': test, value: u.form[key] || '', oninput: (e) => { u.form[key] = e.target.value; } }));
}

function fact(name, ...value) {
  return h('div', {}, h('dt', {}, name), h('dd', {}, ...value));
}

// label translates a code, or shows the code itself if it has no message.
function label(prefix, code) {
  const s = t(prefix + code);
  return s === prefix + code ? code : s;
}

function personName(p) {
  return h('bdi', { lang: personLang(p.language), dir: 'auto' }, p.name || p.name_zh || '');
}

// personLang is the HTML language of a name in the person's own script.
function personLang(code) {
  return { zh: 'zh-Hans', ug: 'ug', kk: 'kk-Arab', mn: 'mn' }[code] || false;
}

function timeRange(a, b) {
  if (!a && !b) return '';
  return h('span', { dir: 'ltr' }, `${hm(a)}–${hm(b)}`);
}

function stateBadge(state) {
  return h('span', { class: `badge st-${state}`, 'data-test': 'state' }, t(`field.state.${state}`));
}
